"""The `kefu` command line: set up, serve, try the bot locally, manage the team."""

from __future__ import annotations

import logging
from pathlib import Path

import click

from bot.cli.common import BadInput, init_database, settings
from bot.cli.data import roster, staff
from bot.cli.jobs import jobs
from bot.cli.report import report
from bot.policy import PolicyError, describe_policy, load_policy


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """kefu-bot: the working day of a customer-service team, in Slack."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)


@main.command()
def init() -> None:
    """Create or upgrade the database (Alembic) and load the policy."""
    s = settings()
    init_database(s)
    click.echo(f"database ready: {s.database_url}")


@main.command()
def run() -> None:
    """What `make run` does: serve Slack if configured, else the console on a demo team."""
    from bot.serve import run_local_console, serve

    s = settings()
    init_database(s)
    if s.slack_mode is not None:
        serve(s, s.slack_mode)
        return
    click.echo("No Slack settings found: opening the local console on the demo team.")
    raise SystemExit(run_local_console(s, as_name=None, load_demo_if_empty=True))


@main.command(name="serve")
@click.option("--http", "mode", flag_value="http", help="Serve POST /slack/events on $PORT.")
@click.option("--socket", "mode", flag_value="socket", help="Connect over Socket Mode.")
@click.option("--no-scheduler", is_flag=True,
              help="Leave the scheduled jobs to a separate `kefu scheduler` process.")
def serve_command(mode: str | None, no_scheduler: bool) -> None:
    """Serve Slack over HTTP or Socket Mode (default: whichever the settings allow)."""
    from bot.serve import serve

    s = settings()
    chosen = mode or s.slack_mode
    needs = {"http": ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"),
             "socket": ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN")}
    if chosen is None:
        raise BadInput("set SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET (HTTP) "
                       "or with SLACK_APP_TOKEN (Socket Mode)")
    missing = [n for n in needs[chosen] if not getattr(s, n.lower())]
    if missing:
        raise BadInput(f"{', '.join(missing)}: needed to serve over {chosen}")
    init_database(s)
    serve(s, "http" if chosen == "http" else "socket", scheduler=not no_scheduler)


@main.command(name="scheduler")
def scheduler_command() -> None:
    """Run the scheduled jobs alone (the Procfile's clock process)."""
    from bot.serve import run_scheduler

    s = settings()
    init_database(s)
    run_scheduler(s)


@main.command()
@click.option("--as", "as_name", default=None, help="Team member to act as (name or Slack ID).")
def console(as_name: str | None) -> None:
    """Type slash commands as a team member and read the bot's replies."""
    from bot.serve import run_local_console

    s = settings()
    init_database(s)
    raise SystemExit(run_local_console(s, as_name=as_name, load_demo_if_empty=False))


@main.command()
def demo() -> None:
    """Load a demo team: staff, four weeks of roster, past punches, problem parcels."""
    from bot.app import build_context
    from bot.services.demo import load_demo

    s = settings()
    init_database(s)
    ctx = build_context(s)
    with ctx.session() as session:
        n = load_demo(session, policy=ctx.policy, now=ctx.clock())
    click.echo(f"demo team loaded ({n} roster cells written)")


@main.group()
def policy() -> None:
    """Policy files."""


@policy.command(name="check")
@click.argument("file", type=click.Path(path_type=Path))
def policy_check(file: Path) -> None:
    """Validate a policy file and print what it defines."""
    if not file.is_file():
        raise BadInput(f"{file}: no such file")
    try:
        p = load_policy(file)
    except PolicyError as exc:
        raise BadInput(str(exc)) from None
    click.echo(describe_policy(p))


main.add_command(staff)
main.add_command(roster)
main.add_command(report)
main.add_command(jobs)
