"""The local console shows a form the bot opens field by field, and submits it as Slack
does: the same bot, the same stand-in, driven by typed lines."""

from __future__ import annotations

import io
import json
from datetime import datetime

from bot import ids
from bot.localslack.console import Member, run_console
from db.models import Inbox, Parcel, Punch, Request
from tests.e2e.conftest import SHANGHAI
from tests.e2e.forms.test_leave_form import team
from tests.e2e.harness import Bot
from tests.e2e.swaps.test_swaps import team as swap_team


def console(bot: Bot, lines: list[str]) -> str:
    out = io.StringIO()
    run_console(api=bot.api, sender=bot.sender, members=[Member("U0A1", "Ann", "agent")],
                as_name="Ann", stdin=io.StringIO("".join(f"{x}\n" for x in lines)), stdout=out)
    bot.settle()
    return out.getvalue()


def test_the_console_fills_a_form_corrects_an_error_and_files_it(bot: Bot) -> None:
    team(bot)
    shown = console(bot, [
        "/leave 请假",
        "3", "2026-11-28", "2026-11-27", "family visit",  # backwards: refused on "last"
        "", "2026-11-27", "2026-11-28", "",  # Enter keeps what was typed
        ":quit"])
    assert "── 表单 / Form: Leave request ──" in shown
    assert "    3. Rest days [rest]" in shown and "  Reason * (plain_text_input) []: " in shown
    assert "  ⚠ last: The end 11-27 is before the start 11-28" in shown  # after submitting
    assert "  ⚠ The end 11-27 is before the start 11-28" in shown  # and again at the field
    assert "(表单已提交 / form submitted)" in shown
    assert "Request #1 for rest days sent to the leads: 11-27 to 11-28" in shown
    [r] = bot.rows(Request)
    assert (r.kind, r.reason) == ("leave", "family visit")


def test_a_form_cancelled_at_the_console_files_nothing(bot: Bot) -> None:
    team(bot)
    shown = console(bot, ["/clock fix", ":cancel", ":quit"])
    assert "── 表单 / Form: Make-up punch ──" in shown and "(表单已取消 / form cancelled)" in shown
    assert bot.api.open_modal("U0A1") is None and bot.rows(Request) == []


def test_home_buttons_and_shortcuts_open_forms_at_the_console(bot: Bot) -> None:
    team(bot)
    shown = console(bot, [
        ":home", "1",  # the Home's first button: the leave form
        "2", "2026-11-24", "", "fever",
        ":shortcut parcel_log",
        "518012345678", "3", "box crushed", "", "",
        ":quit"])
    assert "App Home of Ann" in shown and "[1] Leave" in shown
    assert "── 表单 / Form: Leave request ──" in shown
    assert "── 表单 / Form: Log a problem parcel ──" in shown
    assert shown.count("(表单已提交 / form submitted)") == 2
    assert [r.kind for r in bot.rows(Request)] == ["leave"]
    assert [p.waybill for p in bot.rows(Parcel)] == ["518012345678"]


def test_the_console_redraws_the_swap_form_once_a_shift_is_picked(bot: Bot) -> None:
    swap_team(bot)
    shown = console(bot, ["/swap 换班", "1", "", "1", "doctor", ":quit"])
    first, again = (shown.index("── 表单 / Form: Swap request ──"),
                    shown.rindex("── 表单 / Form: Swap request ──"))
    assert first < again  # listed again once the solver's counterparts came
    assert "  Swap with * (radio_buttons) []: " in shown[again:]
    assert "(表单已提交 / form submitted)" in shown
    [r] = bot.rows(Request)
    assert (r.kind, r.reason, str(r.day)) == ("swap", "doctor", "2026-11-24")


def test_a_plain_line_at_the_console_is_a_dm_to_the_bot_and_its_answer_shows(
        bot: Bot) -> None:
    team(bot)
    bot.now = datetime(2026, 11, 24, 8, 25, tzinfo=SHANGHAI)
    seq = bot.api.last_seq
    shown = console(bot, ["in", "what now", ":nonsense", ":quit"])
    assert "→ direct message to Ann\n  :white_check_mark: Clocked in at *08:25*" in shown
    assert [p.kind for p in bot.rows(Punch)] == ["in"]
    assert "I don't understand \"what\".\n  *Write a command here without the slash:*" in shown
    assert "type a /command, a button number, a message to the bot or :help" in shown
    # sent as Slack sends a DM: a signed message.im event, answered in the DM, not by reply
    assert not [c for c in bot.api.calls_since(seq) if c.method == "response_url"]
    sent = [json.loads(i.body)["event"] for i in bot.rows(Inbox)
            if i.route == ids.EVENT_MESSAGE_IM]
    assert [(e["channel_type"], e["channel"], e["user"], e["text"]) for e in sent] == [
        ("im", "DU0A1", "U0A1", "in"), ("im", "DU0A1", "U0A1", "what now")]
