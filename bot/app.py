"""The app factory: a Bolt app wired to our handlers, and the context it runs with."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot import handlers
from bot.context import Context, system_clock
from bot.handlers.deliver import card_renderers, remember
from bot.handlers.inbound import resume
from bot.i18n import LocaleCache
from bot.policy import Policy, load_policy
from bot.services.staff import KnownLocale, keep_locale, known_locale
from bot.settings import Settings
from bot.transport.dispatch import Dispatcher
from bot.transport.send import Sender, retry_handlers
from db.engine import make_engine

log = logging.getLogger("kefu")
LOCALE_FRESH = timedelta(days=1)  # a member's Slack locale is asked again after this


def build_context(settings: Settings, *, policy: Policy | None = None,
                  clock: Callable[[], datetime] = system_clock) -> Context:
    """Open the database and load the policy named by the settings."""
    return Context(settings=settings, engine=make_engine(settings.database_url),
                   policy=policy or load_policy(settings.kefu_policy), clock=clock)


def _ask_slack(client: WebClient, user_id: str) -> str | None:
    try:
        user = client.users_info(user=user_id, include_locale=True).get("user") or {}
    except SlackApiError as exc:
        log.warning("users.info failed for %s: %s", user_id, exc.response.get("error"))
        return None
    except OSError as exc:
        log.warning("users.info failed for %s: %r", user_id, exc)
        return None
    locale = user.get("locale")
    return str(locale) if locale else None


def _locale_lookup(ctx: Context, client: WebClient) -> Callable[[str], str | None]:
    """A member's locale is kept on their row; Slack is asked once a day at most."""

    def refresh(user_id: str, known: KnownLocale | None) -> str | None:
        asked = _ask_slack(client, user_id)
        if known is not None:
            with ctx.session() as session:
                keep_locale(session, slack_id=user_id, locale=asked, now=ctx.clock())
        return asked or (known.locale if known else None)

    def lookup(user_id: str) -> str | None:
        with ctx.session() as session:
            known = known_locale(session, slack_id=user_id)
        if known is None or known.checked_at is None:
            return refresh(user_id, known)  # first contact: once per member
        if ctx.clock() - known.checked_at >= LOCALE_FRESH:
            ctx.slow.submit(refresh, user_id, known)  # a day old: ask in the background
        return known.locale

    return lookup


def create_app(ctx: Context, *, socket_mode: bool = False,
               token_verification: bool = True) -> App:
    """Build the Bolt app; every Web API call goes to SLACK_API_URL, with a short timeout
    and slack_sdk's retry handlers; messages go out through the outbox."""
    s = ctx.settings
    client = web_client(ctx)
    app = App(
        client=client,
        signing_secret=s.slack_signing_secret or "",
        request_verification_enabled=not socket_mode,
        token_verification_enabled=token_verification,
        process_before_response=False,
        logger=log,
    )
    start_outbox(ctx, client)
    handlers.register(app, ctx)
    resume(ctx)
    return app


def web_client(ctx: Context) -> WebClient:
    """The Web API client: SLACK_API_URL, a short timeout, slack_sdk's retry handlers."""
    s = ctx.settings
    return WebClient(token=s.slack_bot_token, base_url=s.slack_api_url,
                     timeout=s.slack_timeout, retry_handlers=retry_handlers())


def start_outbox(ctx: Context, client: WebClient | None = None) -> Dispatcher:
    """Give the context its Slack client, the members' languages and a running dispatcher
    (the server, the scheduler and `kefu jobs run` each send what they queue)."""
    client = client or web_client(ctx)
    ctx.locales = LocaleCache(_locale_lookup(ctx, client))
    ctx.slack = client
    sender = Sender(client, renderers=card_renderers(ctx))
    ctx.dispatcher = Dispatcher(ctx.engine, sender, remember=remember).start()
    return ctx.dispatcher
