"""Sending files in Slack: a report goes to the asker's direct messages with the bot."""

from __future__ import annotations

import base64

from bot.context import Context


def send_file_to_dm(ctx: Context, *, user_id: str, filename: str, content: bytes,
                    title: str, comment: str, before: str | None = None) -> None:
    """Queue the file for USER_ID's DM with the bot (opened, then files upload v2); BEFORE
    (a response_url) puts it ahead of the replies there, which may say it has arrived."""
    ctx.enqueue("file", {"user": user_id, "filename": filename, "title": title,
                         "comment": comment, "content": base64.b64encode(content).decode(),
                         "lane": before})


def send_file_to_channel(ctx: Context, *, channel: str, filename: str, content: bytes,
                         title: str, comment: str) -> None:
    """Queue the file for CHANNEL (a name or an ID), after the messages queued there before."""
    ctx.enqueue("file", {"channel": channel, "filename": filename, "title": title,
                         "comment": comment, "content": base64.b64encode(content).decode(),
                         "lane": channel})
