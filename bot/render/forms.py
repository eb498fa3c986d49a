"""Pure Block Kit builders for the forms (modals): inputs, pickers, and the view around them.

Every text is cut to Slack's limits here (a title or button 24 characters, an option 75, a
placeholder 150), so a long rule name or a translation can never make views.open fail;
tests/unit/test_forms_render.py checks every form with slack_sdk's models.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, time
from typing import Any

from bot.render.text import Lang

View = dict[str, Any]
Block = dict[str, Any]
VALUE = "value"  # every input's action_id: a form reads STATE[block_id]["value"]

TITLE_MAX = 24
OPTION_MAX = 75
PLACEHOLDER_MAX = 150
LABEL_MAX = 2000
OPTIONS_MAX = 100
_BUTTONS: dict[Lang, tuple[str, str]] = {"zh": ("提交", "取消"), "en": ("Submit", "Cancel")}


def plain(text: str, most: int) -> dict[str, Any]:
    """A plain_text object, cut to MOST characters."""
    return {"type": "plain_text", "text": text[:most] or " ", "emoji": True}


def option(value: str, label: str) -> dict[str, Any]:
    """One choice of a select or radio group."""
    return {"text": plain(label, OPTION_MAX), "value": value[:150]}


def modal(callback_id: str, lang: Lang, title: str, blocks: Sequence[Block],
          metadata: str = "", submit: bool = True) -> View:
    """A modal with Submit / Cancel in LANG; METADATA comes back with the submission."""
    ok, close = _BUTTONS[lang]
    view: View = {"type": "modal", "callback_id": callback_id, "title": plain(title, TITLE_MAX),
                  "close": plain(close, TITLE_MAX), "blocks": list(blocks)[:100],
                  "private_metadata": metadata[:3000]}
    if submit:
        view["submit"] = plain(ok, TITLE_MAX)
    return view


def note(text: str, block_id: str = "note") -> Block:
    """A section of explanation above the inputs (days left, make-ups used)."""
    return {"type": "section", "block_id": block_id,
            "text": {"type": "mrkdwn", "text": text[:3000] or " "}}


def field(block_id: str, label: str, element: dict[str, Any], *, optional: bool = False,
          hint: str | None = None, dispatch: bool = False) -> Block:
    """An input block; its element answers under action_id "value"."""
    block: Block = {"type": "input", "block_id": block_id, "label": plain(label, LABEL_MAX),
                    "element": {**element, "action_id": VALUE}, "optional": optional}
    if hint:
        block["hint"] = plain(hint, LABEL_MAX)
    if dispatch:
        block["dispatch_action"] = True
    return block


def select(options: Sequence[tuple[str, str]], initial: str | None = None,
           placeholder: str = "") -> dict[str, Any]:
    """A static select of (value, label) pairs, at most Slack's hundred."""
    shown = [option(v, label) for v, label in options[:OPTIONS_MAX]]
    element: dict[str, Any] = {"type": "static_select", "options": shown}
    chosen = next((o for o in shown if o["value"] == initial), None)
    if chosen is not None:
        element["initial_option"] = chosen
    if placeholder:
        element["placeholder"] = plain(placeholder, PLACEHOLDER_MAX)
    return element


def radios(options: Sequence[tuple[str, str, str]], initial: str | None = None) -> dict[str, Any]:
    """Radio buttons of (value, label, description), at most ten as Slack allows."""
    shown = []
    for value, label, description in options[:10]:
        one = option(value, label)
        if description:
            one["description"] = plain(description, OPTION_MAX)
        shown.append(one)
    element: dict[str, Any] = {"type": "radio_buttons", "options": shown}
    chosen = next((o for o in shown if o["value"] == initial), None)
    if chosen is not None:
        element["initial_option"] = chosen
    return element


def datepicker(initial: date | None = None) -> dict[str, Any]:
    """A date picker, opened at INITIAL."""
    element: dict[str, Any] = {"type": "datepicker"}
    if initial is not None:
        element["initial_date"] = initial.isoformat()
    return element


def timepicker(initial: time | None = None) -> dict[str, Any]:
    """A time picker (HH:MM, in the reader's own clock as Slack shows it)."""
    element: dict[str, Any] = {"type": "timepicker"}
    if initial is not None:
        element["initial_time"] = f"{initial:%H:%M}"
    return element


def text_input(initial: str = "", *, multiline: bool = False, most: int = 500,
               placeholder: str = "") -> dict[str, Any]:
    """A plain text input of at most MOST characters."""
    element: dict[str, Any] = {"type": "plain_text_input", "multiline": multiline,
                               "max_length": most}
    if initial:
        element["initial_value"] = initial[:most]
    if placeholder:
        element["placeholder"] = plain(placeholder, PLACEHOLDER_MAX)
    return element


def users_select(initial: str | None = None) -> dict[str, Any]:
    """Pick a member of the workspace."""
    element: dict[str, Any] = {"type": "users_select"}
    if initial:
        element["initial_user"] = initial
    return element


def number_input(most: int = 99) -> dict[str, Any]:
    """A whole number from 1 to MOST, empty at first."""
    return {"type": "number_input", "is_decimal_allowed": False, "min_value": "1",
            "max_value": str(most)}


def file_input(types: Sequence[str] = ("jpg", "jpeg", "png", "heic", "gif"),
               most: int = 1) -> dict[str, Any]:
    """Upload photos (Slack keeps the files; the submission carries their IDs)."""
    return {"type": "file_input", "filetypes": list(types), "max_files": most}


def new_button(lang: Lang, form: str, action_id: str) -> Block:
    """The "新申请 / New" row under a command's reply: opens FORM."""
    label = {"zh": "新申请", "en": "New"}[lang]
    return {"type": "actions", "block_id": f"form:{form}",
            "elements": [{"type": "button", "action_id": action_id, "value": form,
                          "style": "primary", "text": plain(label, TITLE_MAX)}]}


_FORM_BUTTONS: dict[str, dict[Lang, str]] = {
    "leave": {"zh": "请假", "en": "Leave"}, "swap": {"zh": "换班", "en": "Swap"},
    "makeup": {"zh": "补卡", "en": "Make-up punch"},
    "parcel": {"zh": "登记问题件", "en": "Log a parcel"},
    "fine": {"zh": "记录罚款", "en": "Record a fine"},
}


def form_button(lang: Lang, form: str, action_id: str) -> dict[str, Any]:
    """A button that opens FORM (the App Home's row of forms)."""
    return {"type": "button", "action_id": f"{action_id}:{form}", "value": form,
            "text": plain(_FORM_BUTTONS[form][lang], TITLE_MAX)}
