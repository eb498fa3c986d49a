"""The console's form: a modal the bot opened is listed field by field, filled in at the
prompt, and submitted as Slack's client submits it (errors come back on their fields)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from bot.localslack.api import FakeSlackApi
from bot.localslack.forms import Filled, Input, initial, inputs
from bot.localslack.sender import Reply, SlackSender

Ask = Callable[[str], str | None]
Say = Callable[[str], None]
CANCEL = ":cancel"


class ModalForm:
    """Fill in and submit the modal open on USER's screen."""

    def __init__(self, api: FakeSlackApi, sender: SlackSender, user: str, ask: Ask,
                 say: Say) -> None:
        self.api, self.sender, self.user, self.ask, self.say = api, sender, user, ask, say

    def run(self) -> Reply | None:
        """Fill the form until it is submitted (the reply) or cancelled (None)."""
        filled: Filled = {}
        errors: dict[str, str] = {}
        sent: Filled = {}  # what each redrawing field last sent
        while (view := self.api.open_modal(self.user)) is not None:
            title = (view.get("title") or {}).get("text", "")
            self.say(f"── 表单 / Form: {title} ── (回车保留 / Enter keeps; {CANCEL} 取消)")
            redrawn = False
            for field in inputs(view):
                if not self.fill(field, filled, errors.get(field.block_id)):
                    self.api.close_view(str(view["id"]))
                    self.say("(表单已取消 / form cancelled)")
                    return None
                value, block = filled.get(field.block_id), field.block_id
                if _dispatches(view, block) and value and sent.get(block) != value:
                    sent[field.block_id] = value
                    self.redraw(view, field.block_id, filled)
                    redrawn = True
                    break  # the form changed: list it again
            if redrawn:
                continue
            reply = self.submit(view, filled, errors)
            if reply is not None and not errors:
                return reply
        return None

    def fill(self, field: Input, filled: Filled, error: str | None) -> bool:
        """Prompt for one field; False when the person cancels."""
        if error:
            self.say(f"  ⚠ {error}")
        for no, (value, label) in enumerate(field.choices, 1):
            self.say(f"    {no}. {label} [{value}]")
        shown = filled.get(field.block_id, initial(field))
        need = "" if field.optional else " *"
        answer = self.ask(f"  {field.label}{need} ({field.kind}) [{shown or ''}]: ")
        if answer is None or answer == CANCEL:
            return False
        if answer:
            filled[field.block_id] = self.read(field, answer)
        return True

    def read(self, field: Input, answer: str) -> Any:
        """What an answer means for the field: a choice by number, a file by its path."""
        if field.choices and answer.isdigit() and 1 <= int(answer) <= len(field.choices):
            return field.choices[int(answer) - 1][0]
        if field.kind == "file_input":
            path = Path(answer).expanduser()
            content = path.read_bytes() if path.is_file() else b""
            return [self.api.add_file(path.name, content=content)]
        return answer

    def redraw(self, view: dict[str, Any], block_id: str, filled: Filled) -> None:
        """Send the choice of a field that redraws the form; wait for the new form."""
        seq = self.api.last_seq
        self.sender.view_action(self.user, view, block_id, filled)
        self.api.wait_for(lambda c: c.method == "views.update", after=seq, timeout=30.0)

    def submit(self, view: dict[str, Any], filled: Filled,
               errors: dict[str, str]) -> Reply | None:
        """Submit; on field errors (in ERRORS) the form stays open to correct them."""
        errors.clear()
        try:
            reply = self.sender.view_submission(self.user, view, filled)
        except ValueError as err:  # a required field left empty: Slack would not send it
            self.say(f"  ⚠ {err}")
            return None
        if reply.json and reply.json.get("response_action") == "errors":
            errors.update(reply.json.get("errors") or {})
            for block, text in errors.items():
                self.say(f"  ⚠ {block}: {text}")
        else:
            self.say("(表单已提交 / form submitted)")
        return reply


def _dispatches(view: dict[str, Any], block_id: str) -> bool:
    """Whether choosing in this input redraws the form."""
    return any(b.get("block_id") == block_id and b.get("dispatch_action")
               for b in view.get("blocks") or [])
