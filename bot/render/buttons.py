"""Buttons on the bot's messages, labelled in the reader's language."""

from __future__ import annotations

from typing import Any

from bot import ids
from bot.render.blocks import Message, text_message
from bot.render.text import Lang

_LABELS: dict[Lang, dict[str, str]] = {
    "zh": {ids.APPROVE: "批准", ids.REJECT: "驳回", ids.CANCEL_REQUEST: "撤回",
           ids.APPEAL: "申诉", ids.MARK_PAID: "我已发红包", ids.SWAP_ACCEPT: "同意换班",
           ids.SWAP_DECLINE: "不同意", ids.DRAFT_PUBLISH: "发布", ids.DRAFT_DISCARD: "放弃"},
    "en": {ids.APPROVE: "Approve", ids.REJECT: "Reject", ids.CANCEL_REQUEST: "Cancel",
           ids.APPEAL: "Appeal", ids.MARK_PAID: "I have paid", ids.SWAP_ACCEPT: "Accept",
           ids.SWAP_DECLINE: "Decline", ids.DRAFT_PUBLISH: "Publish",
           ids.DRAFT_DISCARD: "Discard"},
}
MAX_ROWS = 20  # Slack allows 50 blocks in a message; the text needs a few
_STYLES = {ids.APPROVE: "primary", ids.REJECT: "danger", ids.SWAP_ACCEPT: "primary",
           ids.DRAFT_PUBLISH: "primary"}
SETS: dict[str, tuple[str, ...]] = {
    "request": (ids.APPROVE, ids.REJECT),
    "request_cancel": (ids.CANCEL_REQUEST,),
    "fine": (ids.MARK_PAID, ids.APPEAL),
    "appeal": (ids.APPEAL,),
    "swap_answer": (ids.SWAP_ACCEPT, ids.SWAP_DECLINE),
    "draft": (ids.DRAFT_PUBLISH, ids.DRAFT_DISCARD),
}
# A missed-call round's post: whoever called back confirms the round.
_LABELS["zh"][ids.CALLS_DONE] = "已回拨"
_LABELS["en"][ids.CALLS_DONE] = "Called back"
_STYLES[ids.CALLS_DONE] = "primary"
SETS["calls"] = (ids.CALLS_DONE,)
# A handover DM: its reader confirms it; the App Home's clock buttons.
_LABELS["zh"].update({ids.HANDOVER_READ: "已读", ids.HOME_CLOCK_IN: "上班打卡",
                      ids.HOME_CLOCK_OUT: "下班打卡"})
_LABELS["en"].update({ids.HANDOVER_READ: "Read", ids.HOME_CLOCK_IN: "Clock in",
                      ids.HOME_CLOCK_OUT: "Clock out"})
_STYLES.update({ids.HANDOVER_READ: "primary", ids.HOME_CLOCK_IN: "primary",
                ids.HOME_CLOCK_OUT: "primary"})
SETS["handover"] = (ids.HANDOVER_READ,)


def button(action_id: str, lang: Lang, value: int) -> dict[str, Any]:
    """One labelled button acting on VALUE (the App Home places its own)."""
    return _button(action_id, lang, value, numbered=False)


def _button(action_id: str, lang: Lang, value: int, numbered: bool) -> dict[str, Any]:
    label = _LABELS[lang][action_id] + (f" #{value}" if numbered else "")
    button: dict[str, Any] = {"type": "button", "action_id": action_id, "value": str(value),
                              "text": {"type": "plain_text", "text": label}}
    if action_id in _STYLES:
        button["style"] = _STYLES[action_id]
    return button


def with_buttons(text: str, which: str | None, lang: Lang,
                 ref: int | tuple[int, ...] | None) -> Message:
    """A text message, with the named set of buttons acting on REF when there is one.

    Several refs (a list of requests) get one row each, every button naming its number.
    """
    message = text_message(text)
    if which is None or ref is None:
        return message
    refs = ref if isinstance(ref, tuple) else (ref,)
    for one in refs[:MAX_ROWS]:
        elements = [_button(a, lang, one, isinstance(ref, tuple)) for a in SETS[which]]
        message["blocks"].append({"type": "actions", "block_id": f"{which}:{one}",
                                  "elements": elements})
    return message


def with_choices(message: Message, choices: tuple[tuple[str, str, str], ...]) -> Message:
    """Add one button per (action, label, value) choice; IDs are made unique by position."""
    if not choices:
        return message
    elements = [{"type": "button", "action_id": f"{action}:{i}", "value": value,
                 "text": {"type": "plain_text", "text": label[:75]}}
                for i, (action, label, value) in enumerate(choices)]
    message["blocks"].append({"type": "actions", "block_id": "choices", "elements": elements})
    return message
