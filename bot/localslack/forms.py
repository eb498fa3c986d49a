"""A modal as a form the way Slack's client treats it: its inputs, what filling each one
puts in `view.state.values`, and the required fields Slack will not submit empty."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

Filled = dict[str, Any]  # block_id -> what the person chose: text, a value, a date, file IDs


@dataclass(frozen=True)
class Input:
    """One input of a modal."""

    block_id: str
    action_id: str
    kind: str  # the element type: static_select, datepicker, plain_text_input, …
    label: str
    optional: bool
    choices: tuple[tuple[str, str], ...]  # (value, label) of a select or radio group
    element: dict[str, Any]


def inputs(view: dict[str, Any]) -> list[Input]:
    """The view's input blocks, top to bottom."""
    found = []
    for block in view.get("blocks") or []:
        if block.get("type") != "input":
            continue
        element = block.get("element") or {}
        choices = tuple((str(o["value"]), str(o["text"]["text"]))
                        for o in element.get("options") or [])
        found.append(Input(str(block["block_id"]), str(element.get("action_id", "")),
                           str(element.get("type")), str(block["label"]["text"]),
                           bool(block.get("optional")), choices, element))
    return found


def initial(field: Input) -> Any:
    """What the field holds before anyone touches it."""
    e = field.element
    if field.kind in ("static_select", "radio_buttons"):
        return (e.get("initial_option") or {}).get("value")
    return {"datepicker": e.get("initial_date"), "timepicker": e.get("initial_time"),
            "users_select": e.get("initial_user"), "plain_text_input": e.get("initial_value"),
            "number_input": e.get("initial_value")}.get(field.kind)


def _state(field: Input, value: Any, files: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """One element's state as Slack sends it (untouched and empty fields say null)."""
    kind = field.kind
    if kind in ("static_select", "radio_buttons"):
        picked = next(({"text": {"type": "plain_text", "text": label, "emoji": True},
                        "value": v} for v, label in field.choices if v == value), None)
        return {"type": kind, "selected_option": picked}
    if kind == "file_input":
        return {"type": kind, "files": [files.get(f, {"id": f}) for f in value or []]}
    key = {"datepicker": "selected_date", "timepicker": "selected_time",
           "users_select": "selected_user"}.get(kind, "value")
    shown = None if value in (None, "") else str(value)
    return {"type": kind, key: shown}


def is_empty(field: Input, value: Any) -> bool:
    """Slack keeps a required field that is still empty from being submitted."""
    return not field.optional and (value is None or value == "" or value == [])


def state_values(view: dict[str, Any], filled: Filled,
                 files: dict[str, dict[str, Any]] | None = None, *,
                 strict: bool = True) -> dict[str, Any]:
    """view.state.values once FILLED is typed in (every other field keeps its initial value);
    raises ValueError naming a required field left empty, which Slack would not submit."""
    values: dict[str, Any] = {}
    for field in inputs(view):
        value = filled.get(field.block_id, initial(field))
        if strict and is_empty(field, value):
            raise ValueError(f"required field left empty: {field.block_id} ({field.label})")
        values[field.block_id] = {field.action_id: _state(field, value, files or {})}
    return values
