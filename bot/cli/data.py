"""`kefu staff …` and `kefu roster …`: the team and its roster from the command line."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from bot.app import build_context
from bot.cli.common import BadInput, init_database, settings
from bot.cli.correct import correct_history, history_refusal, roster_correct
from bot.context import Context
from bot.domain.money import parse_yuan, yuan
from bot.domain.period import Week
from bot.render.text import Lang, render
from bot.services import staff as staff_service
from bot.services.errors import Refused
from bot.services.roster import drafts as roster_drafts
from bot.services.roster import write_cells
from bot.services.roster.entries import export_rows, validate_rows
from bot.services.roster.files import RosterFileError, read_rows, write_rows
from bot.services.roster.fixed import history
from bot.services.roster.scope import team_scope
from bot.services.staff import StaffView
from bot.services.staff_files import import_staff, read_staff
from bot.services.table_files import TableFileError


def _context() -> Context:
    s = settings()
    init_database(s)
    return build_context(s)


@click.group()
def staff() -> None:
    """Team members and roles."""


@staff.command(name="add")
@click.argument("slack_id")
@click.option("--name", required=True, help="Display name, e.g. 陈晓.")
@click.option("--role", default="agent", show_default=True,
              type=click.Choice(staff_service.ROLES))
@click.option("--group", default=None, help="Group such as 售前, 售后, 进港.")
def staff_add(slack_id: str, name: str, role: str, group: str | None) -> None:
    """Add a member, or update the one with this Slack ID."""
    ctx = _context()
    try:
        with ctx.session() as session:
            who, created = staff_service.add_or_update(
                session, slack_id=slack_id, name=name, role=role, group=group, actor="cli")
    except staff_service.StaffError as exc:
        raise BadInput(str(exc)) from None
    click.echo(f"{'added' if created else 'updated'} {who.slack_id} {who.name} ({who.role})")


@staff.command(name="list")
def staff_list() -> None:
    """List active members."""
    ctx = _context()
    with ctx.session() as session:
        people = staff_service.list_active(session)
    for p in people:
        click.echo(f"{p.slack_id}\t{p.name}\t{p.role}\t{p.group or ''}")


@staff.command(name="set")
@click.argument("who")
@click.option("--base-wage", "base_wage", required=True, metavar="YUAN",
              help="Monthly base wage in yuan, e.g. 4500 or 4500.50; `none` clears it.")
def staff_set(who: str, base_wage: str) -> None:
    """Set a member's monthly base wage (absence deductions are then shown in yuan)."""
    try:
        fen = None if base_wage.strip().lower() == "none" else parse_yuan(base_wage)
    except ValueError as exc:
        raise BadInput(f"--base-wage: {exc}") from None
    ctx = _context()
    try:
        with ctx.session() as session:
            found = staff_service.set_base_wage(session, ref=who, fen=fen, actor="cli")
    except staff_service.StaffError as exc:
        raise BadInput(str(exc)) from None
    shown = "none" if fen is None else f"{yuan(fen)} yuan"
    click.echo(f"{found.slack_id} {found.name}: base wage {shown}")


@staff.command(name="import")
@click.argument("file", type=click.Path(path_type=Path))
def staff_import(file: Path) -> None:
    """Add or update members from a .csv or .xlsx file (id, name, role, group, base wage)."""
    ctx = _context()
    try:
        lines = read_staff(file)
        with ctx.session() as session:
            added = import_staff(session, lines, actor="cli")
    except TableFileError as exc:
        raise BadInput(str(exc)) from None
    click.echo(f"imported {len(lines)} people from {file.name} "
               f"({added} added, {len(lines) - added} updated)")


@click.group()
def roster() -> None:
    """Import, export and generate the roster."""


@roster.command(name="import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--correct", is_flag=True,
              help="Also rewrite shifts that have begun (audited; their days are re-derived).")
@click.option("--reason", default=None, help="Why the past is rewritten (with --correct).")
def roster_import(file: Path, correct: bool, reason: str | None) -> None:
    """Import a .csv or .xlsx file (date,staff,shift); all rows or none. Rows that would
    change a shift that has begun are refused unless --correct --reason TEXT is given."""
    if correct and not (reason or "").strip():
        raise BadInput("--correct needs --reason TEXT: why the past is rewritten")
    ctx = _context()
    now = ctx.clock()
    try:
        rows = read_rows(file)
        with ctx.session() as session:
            cells = validate_rows(session, rows, ctx.policy, file.name)
            past = history(session, cells, now=now, policy=ctx.policy)
            if past and not correct:
                raise RosterFileError(history_refusal(file.name, rows, cells, past))
            begun = {i for i, _ in past}
            changed = write_cells(session, [c for i, c in enumerate(cells) if i not in begun],
                                  actor="cli", source="import", now=now, policy=ctx.policy)
            done = correct_history(session, [cells[i] for i in sorted(begun)],
                                   reason=reason or "", now=now, policy=ctx.policy)
            scope = team_scope(session, ctx.policy)
    except RosterFileError as exc:
        raise BadInput(str(exc)) from None
    click.echo(f"imported {len(cells)} rows from {file.name} ({changed + len(done)} changed)")
    if done:
        click.echo(render(ctx.team_lang, "roster_corrected", c=done, reason=reason or ""))
    if scope.note:  # said once, here, so a team without groups knows how it is counted
        click.echo(render(ctx.team_lang, "coverage_scope", s=scope))


@roster.command(name="export")
@click.option("--from", "first", required=True, type=click.DateTime(["%Y-%m-%d"]))
@click.option("--to", "last", required=True, type=click.DateTime(["%Y-%m-%d"]))
@click.argument("file", type=click.Path(path_type=Path))
def roster_export(first: datetime, last: datetime, file: Path) -> None:
    """Export the roster between two dates to a .csv or .xlsx file, names beside IDs."""
    if first > last:
        raise BadInput(f"--from {first:%Y-%m-%d} is after --to {last:%Y-%m-%d}; "
                       "give the earlier date first")
    ctx = _context()
    with ctx.session() as session:
        rows = export_rows(session, first=first.date(), last=last.date())
    try:
        write_rows(file, rows)
    except RosterFileError as exc:
        raise BadInput(str(exc)) from None
    click.echo(f"exported {len(rows)} rows to {file}")


# The operator at the command line acts with an admin's rights.
_OPERATOR = StaffView(0, "cli", "cli", "admin", None)


@roster.command(name="generate")
@click.option("--week", "week_text", required=True, metavar="WEEK",
              help="ISO week such as 2026-W48, or next.")
@click.option("--publish", is_flag=True,
              help="Write the roster at once (the days not begun yet).")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None,
              help="Output language (default: the team's).")
def roster_generate(week_text: str, publish: bool, lang: Lang | None) -> None:
    """Draft a fair roster for a week with the solver; --publish writes it."""
    ctx = _context()
    lang = lang or ctx.team_lang
    now = ctx.clock()
    week = Week.parse(week_text, now.astimezone(ctx.policy.tz).date())
    if week is None:
        raise BadInput(f'bad week "{week_text}" (use e.g. 2026-W48 or next)')
    try:
        draft = roster_drafts.generate(ctx.session, week=week, actor=_OPERATOR, now=now,
                                       policy=ctx.policy)
        click.echo(render(lang, "roster_draft", d=draft))
        if publish:
            with ctx.session() as session:
                _, _, written = roster_drafts.decide(session, draft_id=draft.id, publish=True,
                                                     actor=_OPERATOR, now=now, policy=ctx.policy)
            click.echo(f"published draft #{draft.id}: {written} roster cells written")
    except Refused as err:
        click.echo(render(lang, "refused", reason=err.reason, p=err.params), err=True)
        raise SystemExit(1) from None


roster.add_command(roster_correct)
