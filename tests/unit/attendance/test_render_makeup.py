"""The make-up card in both languages: the month's place, and past the quota what it costs."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.render.text import Lang, render
from bot.services.requests.approvals import RequestView
from bot.services.staff import StaffView

FILED = datetime(2026, 11, 24, 17, 10, tzinfo=ZoneInfo("Asia/Shanghai"))


def card(lang: Lang, kind: str, cost: dict[str, Any] | None, state: str = "pending") -> str:
    payload = {"kind": kind, "at": "2026-11-24T08:25:00+08:00", "shift": "D",
               "filed_at": FILED.isoformat(), "nth": 4 if cost else 2, "free": cost is None,
               "free_per_month": 3, "cost": cost}
    r = RequestView(9, "makeup", state, StaffView(1, "U0A1", "Ann", "agent", None), payload,
                    "forgot", date(2026, 11, 24), None, None, None, None, None, None, FILED)
    return render(lang, "request_card", r=r, rule=str)


@pytest.mark.parametrize(("lang", "kind", "cost", "expected"), [
    ("en", "in", {"late_minutes": 520, "fine_fen": 0, "absence_days": "0.5"},
     "the 4th make-up this month (3 free)\n:warning: *Over the free quota*: if approved, the "
     "arrival counts at the time it was asked, 11-24 17:10: 520 min late, half a day of "
     "absence."),
    ("en", "in", {"late_minutes": 12, "fine_fen": 2000, "absence_days": None},
     "12 min late, a 20 yuan red packet."),
    ("en", "out", {"fine_fen": 1000},
     "if approved, the leaving make-up costs a 10 yuan red packet."),
    ("zh", "in", {"late_minutes": 12, "fine_fen": 2000, "absence_days": None},
     "批准后上班卡按实际补卡时间 11-24 17:10 计，即迟到 12 分钟，罚 20 元红包。"),
    ("zh", "out", {"fine_fen": 1000}, "本月第 4 次补卡（每月免费 3 次）\n:warning: *超出免费次数*："
     "批准后下班补卡需发 10 元红包。"),
])
def test_a_card_past_the_quota_says_what_approval_will_cost(
        lang: Lang, kind: str, cost: dict[str, Any], expected: str) -> None:
    assert expected in card(lang, kind, cost)


@pytest.mark.parametrize(("lang", "place", "warning"), [
    ("zh", "本月第 2 次补卡（每月免费 3 次）", "超出"),
    ("en", "the 2nd make-up this month", "Over")])
def test_a_card_within_the_quota_shows_its_place_and_no_warning(
        lang: Lang, place: str, warning: str) -> None:
    text = card(lang, "in", None)
    assert place in text and warning not in text
