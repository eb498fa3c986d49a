"""Render Slack messages (Block Kit and mrkdwn) as plain terminal text."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

RULE = "─" * 32
_ANGLE = re.compile(r"<([^<>]*)>")


@dataclass(frozen=True)
class Button:
    """A button found in a message, in the order it is shown."""

    label: str
    action_id: str
    value: str | None
    block_id: str
    style: str | None = None


@dataclass
class Rendered:
    """A message as terminal text plus the buttons it shows."""

    text: str
    buttons: list[Button] = field(default_factory=list)


def _angle(inner: str, names: Mapping[str, str]) -> str:
    """Render one <...> mrkdwn token."""
    target, _, label = inner.partition("|")
    if target.startswith("@"):
        return "@" + (names.get(target[1:]) or label or target[1:])
    if target.startswith("#"):
        return "#" + (label or names.get(target[1:]) or target[1:])
    if target.startswith("!"):
        return label or "@" + target[1:].split("^")[0]
    return f"{label} ({target})" if label else target


def mrkdwn_to_text(text: str, names: Mapping[str, str]) -> str:
    """Convert Slack mrkdwn to terminal text: mentions, links and escapes."""
    shown = _ANGLE.sub(lambda m: _angle(m.group(1), names), text)
    return shown.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _text(obj: Any, names: Mapping[str, str]) -> str:
    """Render a text object (plain_text or mrkdwn)."""
    if not isinstance(obj, dict):
        return ""
    raw = str(obj.get("text", ""))
    return mrkdwn_to_text(raw, names) if obj.get("type") == "mrkdwn" else raw


class _Renderer:
    """Walk blocks, collecting lines and numbered buttons."""

    def __init__(self, names: Mapping[str, str], start_no: int | None, fallback: str) -> None:
        self.names = names
        self.start_no = start_no
        self.fallback = fallback
        self.lines: list[str] = []
        self.buttons: list[Button] = []

    def element(self, element: dict[str, Any], block_id: str) -> str:
        """Render one interactive element, registering buttons."""
        label = _text(element.get("text"), self.names)
        if element.get("type") != "button":
            placeholder = _text(element.get("placeholder"), self.names)
            return f"[{placeholder or element.get('type', '?')} ▾]"
        self.buttons.append(Button(label, str(element.get("action_id", "")),
                                   element.get("value"), block_id, element.get("style")))
        if self.start_no is None:
            return f"[{label}]"
        return f"[{self.start_no + len(self.buttons) - 1}] {label}"

    def block(self, block: dict[str, Any]) -> None:
        """Render one block into lines."""
        kind, block_id = block.get("type"), str(block.get("block_id", ""))
        if kind == "header":
            self.lines.append(f"【{_text(block.get('text'), self.names)}】")
        elif kind == "section":
            self.section(block, block_id)
        elif kind == "context":
            parts = [_text(e, self.names) or f"[{e.get('alt_text', 'image')}]"
                     for e in block.get("elements", [])]
            self.lines.append("  " + " · ".join(parts))
        elif kind == "divider":
            self.lines.append(RULE)
        elif kind == "actions":
            shown = [self.element(e, block_id) for e in block.get("elements", [])]
            self.lines.append("  ".join(shown))
        elif kind == "image":
            self.lines.append(f"[image: {block.get('alt_text', '')}]")
        elif kind == "input":
            label = _text(block.get("label"), self.names)
            self.lines.append(f"{label}: {self.element(block.get('element', {}), block_id)}")
        elif kind == "rich_text" and self.fallback:
            self.lines.append(mrkdwn_to_text(self.fallback, self.names))

    def section(self, block: dict[str, Any], block_id: str) -> None:
        """Render a section: text, fields and an accessory button."""
        if block.get("text"):
            self.lines.append(_text(block["text"], self.names))
        self.lines.extend(_text(f, self.names) for f in block.get("fields", []))
        accessory = block.get("accessory")
        if isinstance(accessory, dict) and accessory.get("type") != "image":
            self.lines.append("  " + self.element(accessory, block_id))


def render_message(msg: Mapping[str, Any], names: Mapping[str, str],
                   start_no: int | None = 1) -> Rendered:
    """Render a message or view; buttons are numbered from start_no (None: unnumbered)."""
    renderer = _Renderer(names, start_no, str(msg.get("text") or ""))
    blocks = list(msg.get("blocks") or [])
    for attachment in msg.get("attachments") or []:
        blocks.extend(attachment.get("blocks") or [])
        if not attachment.get("blocks") and attachment.get("text"):
            blocks.append({"type": "section",
                           "text": {"type": "mrkdwn", "text": attachment["text"]}})
    if not blocks:
        return Rendered(mrkdwn_to_text(renderer.fallback, names))
    for block in blocks:
        renderer.block(block)
    return Rendered("\n".join(renderer.lines), renderer.buttons)
