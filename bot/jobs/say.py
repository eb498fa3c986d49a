"""How a job speaks: a direct message in the reader's language, a post to the leads, a
message rewritten in place; each queued in the job's transaction."""

from __future__ import annotations

from typing import Any

from bot.context import Context
from bot.render.blocks import Message, text_message
from bot.render.labels import rule_labeler
from bot.render.text import Lang, render


def _message(ctx: Context, lang: Lang, template: str, data: dict[str, Any]) -> Message:
    return text_message(render(lang, template, rule=rule_labeler(ctx.policy, lang), **data))


def dm(ctx: Context, user: str, template: str, **data: Any) -> None:
    """Send USER a direct message in their language."""
    ctx.post("chat.postMessage", channel=user,
             **_message(ctx, ctx.lang_for(user), template, data))


def to_leads(ctx: Context, template: str, **data: Any) -> None:
    """Post to the leads' approvals channel (private to them), in the team's language."""
    ctx.post("chat.postMessage", channel=ctx.approvals_channel,
             **_message(ctx, ctx.team_lang, template, data))


def rewrite(ctx: Context, channel: str, ts: str, reader: str, template: str,
            **data: Any) -> None:
    """Rewrite an earlier direct message to READER in place, buttons gone."""
    ctx.post("chat.update", channel=channel, ts=ts,
             **_message(ctx, ctx.lang_for(reader), template, data))


def home(ctx: Context, people: list[str]) -> None:
    """Redraw each person's App Home; the outbox draws it as it sends (handlers/home.py)."""
    for user in people:
        ctx.enqueue("home", {"user": user})
