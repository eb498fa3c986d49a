"""`/roster correct`: the one way a lead changes a shift that has begun — with a reason, in
the audit, and with the day's lateness, absence and red packets re-derived."""

from __future__ import annotations

from datetime import datetime

from db.models import AuditLog, LedgerEntry, Punch, RosterEntry
from tests.e2e.conftest import SHANGHAI
from tests.e2e.harness import Bot, text_of
from tests.e2e.leave.test_leave import nov


def team(bot: Bot) -> None:
    ann = bot.add_staff("U0A1", "Ann", locale="en-US")
    bot.add_staff("U0L1", "Lee", role="lead", locale="en-US")
    bot.add_staff("U0L2", "孙丽", role="lead")
    bot.set_shift(ann, nov(24), "D")


def at(hour: int, minute: int) -> datetime:
    return datetime(2026, 11, 24, hour, minute, tzinfo=SHANGHAI)


def ann_on_24(bot: Bot) -> str | None:
    return next(r.shift_code for r in bot.rows(RosterEntry) if r.day == nov(24))


def test_correcting_a_begun_day_shift_to_late_turns_520_minutes_into_a_10_yuan_fine(
        bot: Bot) -> None:
    team(bot)
    bot.now = at(17, 10)
    assert "520" in bot.command("U0A1", "/clock", "in")  # judged against the day shift
    bot.now = at(18, 0)
    seq = bot.api.last_seq
    reply = bot.command("U0L1", "/roster", "correct 11-24 @Ann E she worked the late shift")
    assert "Roster corrected* (reason: she worked the late shift)" in reply
    assert "Ann 11-24: D → E" in reply
    assert "Clock-in 11-24 17:10: D, 520 min late (half a day of absence) → E, 10 min late" \
        in reply
    assert "new red packet fine #1 10 yuan" in reply
    assert ann_on_24(bot) == "E"
    punch = bot.rows(Punch)[0]
    assert (punch.shift_code, punch.minutes_late, punch.absence_half_days) == ("E", 10, 0)
    fines = bot.rows(LedgerEntry)
    assert [(f.kind, f.rule, f.amount_fen, f.punch_id) for f in fines] == [
        ("fine", "late", 1000, punch.id)]
    assert fines[0].due_at is not None and fines[0].due_at > bot.now
    audit = {a.action: a for a in bot.rows(AuditLog) if a.actor == "U0L1"}
    assert "she worked the late shift" in str(audit["roster.correct"].after)
    assert "punch.rederive" in audit
    told = [text_of(c) for c in bot.posts("U0A1", after=seq)]
    assert any("Ann 11-24: D → E" in t for t in told)


def test_correcting_a_late_day_shift_to_rest_reverses_its_fine(bot: Bot) -> None:
    team(bot)
    bot.now = at(8, 45)
    bot.command("U0A1", "/clock", "in")  # 15 minutes late: a 20 yuan red packet
    bot.now = at(9, 0)
    reply = bot.command("U0L2", "/roster", "更正 11-24 @Ann 休 电话里已同意她今天休息")
    assert "Ann 11-24：D → 休" in reply and "不属于任何班次" in reply
    assert "罚款 #1 已冲销（#2，20 元）" in reply
    assert ann_on_24(bot) is None
    assert [(f.kind, f.amount_fen, f.reverses_id) for f in bot.rows(LedgerEntry)] == [
        ("fine", 2000, None), ("reversal", -2000, 1)]
    assert bot.rows(Punch)[0].shift_code is None


def test_only_a_lead_corrects_with_a_reason_and_a_mistyped_correction_changes_nothing(
        bot: Bot) -> None:
    team(bot)
    bot.now = at(9, 0)
    cases = {
        ("U0A1", "correct 11-24 @Ann E because"): "Only a lead",
        ("U0L1", "correct 11-24 @Ann E"): "A correction of a shift that has begun needs a "
                                          "reason",
        ("U0L1", "correct 11-24 @Ann"): "Write the day, @person, the shift (or rest) and "
                                        "the reason",
        ("U0L1", "correct 11-24 @Ann X typo"): 'There is no shift "X"',
        ("U0L1", "correct 11-24 @Ann D same"): "Ann already has the D shift on 11-24",
        ("U0L2", "correct 11-24 @Ann E"): "更正已开始的排班必须写明原因",
    }
    for (user, text), expected in cases.items():
        assert expected in bot.command(user, "/roster", text), text
    assert ann_on_24(bot) == "D"
    assert not [a for a in bot.rows(AuditLog) if a.action == "roster.correct"]
