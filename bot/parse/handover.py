"""Parse `/handover [TEXT]`: alone (or `show`) the latest handover for me, else a note."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Literal

from bot.parse.common import UsageError

MAX_NOTE = 1000  # a handover note is a few lines; a pasted report belongs in a file
_SHOW = {"", "show", "查看", "latest", "最新"}
_HELP = {"help", "帮助", "?"}


@dataclass(frozen=True)
class HandoverCmd:
    """What `/handover` was asked: show the latest handover, or add a note to my shift's."""

    action: Literal["show", "note"]
    text: str = ""


def parse_handover(text: str) -> HandoverCmd:
    """Read the words after `/handover`; the note keeps the user's own characters."""
    note = text.strip()
    # Full-width forms (ｓｈｏｗ, ？) still name the word they look like.
    word = unicodedata.normalize("NFKC", note).lower()
    if word in _SHOW:
        return HandoverCmd("show")
    if word in _HELP:
        raise UsageError("handover", "help")
    if len(note) > MAX_NOTE:
        raise UsageError("handover", "too_long", most=MAX_NOTE, length=len(note))
    return HandoverCmd("note", note)
