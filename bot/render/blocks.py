"""Pure Block Kit builders."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

Message = dict[str, Any]
_SECTION_LIMIT = 3000
VIEW_BLOCKS = 100  # Slack's limit for a Home or modal view


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


@dataclass(frozen=True)
class Part:
    """A piece of a view: text, the buttons that go with it, a divider above it or not."""

    text: str
    buttons: tuple[dict[str, Any], ...] = ()
    divider: bool = False


def _part_blocks(part: Part) -> list[dict[str, Any]]:
    """One button sits beside the text; several go in a row below it."""
    blocks: list[dict[str, Any]] = [{"type": "divider"}] if part.divider else []
    blocks += [{"type": "section", "text": {"type": "mrkdwn", "text": t}}
               for t in _chunks(part.text)]
    if len(part.buttons) == 1 and blocks and blocks[-1]["type"] == "section":
        blocks[-1]["accessory"] = part.buttons[0]
    elif part.buttons:
        blocks.append({"type": "actions", "elements": list(part.buttons)})
    return blocks


def home_view(parts: Sequence[Part]) -> dict[str, Any]:
    """The App Home tab; parts past Slack's block limit are left out whole."""
    blocks: list[dict[str, Any]] = []
    for part in parts:
        more = _part_blocks(part)
        if len(blocks) + len(more) > VIEW_BLOCKS:
            break
        blocks += more
    return {"type": "home", "blocks": blocks}
