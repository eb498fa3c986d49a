"""Sending files in Slack: a report goes to the asker's direct messages with the bot."""

from __future__ import annotations

from slack_sdk import WebClient


def send_file_to_dm(client: WebClient, *, user_id: str, filename: str, content: bytes,
                    title: str, comment: str) -> str:
    """Open the DM with USER_ID, upload the file there (files upload v2); return its channel."""
    opened = client.conversations_open(users=user_id)
    channel = str(opened["channel"]["id"])
    client.files_upload_v2(channel=channel, content=content, filename=filename, title=title,
                           initial_comment=comment)
    return channel
