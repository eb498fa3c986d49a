"""A submission whose filing crashes (a fault, not a user's mistake): nothing is stored, the
modal closes, the member is told by DM in their language that it was not filed and to try
again, and the traceback is logged with the reference the DM gives."""

from __future__ import annotations

import logging
import re
from typing import Any

import pytest

from bot.services import leave
from db.models import Request
from tests.e2e.forms.test_leave_form import REST, team
from tests.e2e.harness import Bot, text_of


def crash(*_args: Any, **_kwargs: Any) -> Any:
    """The leave service failing as a bug or a lost database would."""
    raise RuntimeError("the leave service fell over")


@pytest.mark.parametrize(("user", "said"), [
    ("U0A1", '"Leave request" was not filed: something went wrong on our side. '
             "Nothing was stored; please send the form again"),
    ("U0C1", "“请假申请”没有提交成功：系统出错了，什么都没有保存。请重新填写提交"),
])
def test_a_crash_while_filing_is_told_by_dm_and_logged(
        bot: Bot, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture,
        user: str, said: str) -> None:
    team(bot)
    bot.open_form(user, "/leave", "请假")
    monkeypatch.setattr(leave, "run", crash)  # fault injection: the service raises
    seq = bot.api.last_seq
    with caplog.at_level(logging.ERROR, logger="kefu"):
        reply = bot.submit(bot.modal(user), REST)
    assert reply.json is None and bot.api.open_modal(user) is None  # the modal closes
    [dm] = [text_of(c) for c in bot.posts(user, after=seq)]
    assert said in dm
    assert bot.rows(Request) == []
    [logged] = [r for r in caplog.records if r.exc_info and r.exc_info[0] is RuntimeError]
    ref = re.search(r"[0-9a-f]{8}", dm)
    assert ref is not None and ref.group(0) in logged.getMessage()
