"""The app factory: a Bolt app wired to our handlers, and the context it runs with."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot import handlers
from bot.context import Context, system_clock
from bot.i18n import LocaleCache
from bot.policy import Policy, load_policy
from bot.settings import Settings
from db.engine import make_engine

log = logging.getLogger("kefu")


def build_context(settings: Settings, *, policy: Policy | None = None,
                  clock: Callable[[], datetime] = system_clock) -> Context:
    """Open the database and load the policy named by the settings."""
    return Context(settings=settings, engine=make_engine(settings.database_url),
                   policy=policy or load_policy(settings.kefu_policy), clock=clock)


def _locale_lookup(client: WebClient) -> Callable[[str], str | None]:
    def lookup(user_id: str) -> str | None:
        try:
            user = client.users_info(user=user_id, include_locale=True).get("user") or {}
        except SlackApiError as exc:
            log.warning("users.info failed for %s: %s", user_id, exc.response.get("error"))
            return None
        locale = user.get("locale")
        return str(locale) if locale else None

    return lookup


def create_app(ctx: Context, *, socket_mode: bool = False,
               token_verification: bool = True) -> App:
    """Build the Bolt app; every Web API call goes to SLACK_API_URL."""
    s = ctx.settings
    client = WebClient(token=s.slack_bot_token, base_url=s.slack_api_url,
                       timeout=s.slack_timeout)
    app = App(
        client=client,
        signing_secret=s.slack_signing_secret or "",
        request_verification_enabled=not socket_mode,
        token_verification_enabled=token_verification,
        process_before_response=False,
        logger=log,
    )
    ctx.locales = LocaleCache(_locale_lookup(client))
    ctx.slack = client
    handlers.register(app, ctx)
    return app
