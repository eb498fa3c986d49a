"""Pure Block Kit builders."""

from __future__ import annotations

from typing import Any

Message = dict[str, Any]
_SECTION_LIMIT = 3000


def _chunks(text: str) -> list[str]:
    """Split text into section-sized pieces at line breaks."""
    out: list[str] = []
    current = ""
    for line in text.splitlines(keepends=True):
        if len(current) + len(line) > _SECTION_LIMIT and current:
            out.append(current)
            current = ""
        current += line[:_SECTION_LIMIT]
    return [*out, current] if current else out


def text_message(text: str) -> Message:
    """A message of mrkdwn sections, with the same text as the notification fallback."""
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": t}} for t in _chunks(text)]
    return {"text": text[:_SECTION_LIMIT], "blocks": blocks}


def home_view(text: str) -> dict[str, Any]:
    """The App Home tab."""
    return {"type": "home", "blocks": text_message(text)["blocks"]}
