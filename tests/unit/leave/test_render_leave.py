"""Leave texts: every refusal has its own words in both languages; the card escapes user text."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.render.text import LANGS, Lang, render
from bot.services.requests.approvals import RequestView
from bot.services.staff import StaffView

D1, D2 = date(2026, 11, 26), date(2026, 11, 28)
REFUSALS: dict[str, dict[str, Any]] = {
    "leave_backwards": {"first": D2, "last": D1},
    "leave_too_long": {"days": 36, "most": 31},
    "leave_personal_notice": {"days": 1, "earliest": D1},
    "leave_rest_notice": {"days": 2, "earliest": D1},
    "leave_sick_too_old": {"days": 7, "earliest": D1},
    "leave_all_rest": {"first": D1, "last": D2},
    "leave_overlap": {"days": [D1, D2]},
    "leave_rest_blocked": {"month": "2026-12", "leave": 4, "most": 3},
    "leave_rest_quota": {"month": "2026-11", "used": 2, "asked": 1, "most": 2},
    "leave_personal_quota": {"year": 2026, "used": 29, "asked": 2, "most": 30},
    "leave_clash": {"id": 7},
    "leave_now_off": {"id": 7, "days": [D1], "kind": "rest"},
}
FALLBACK = {"zh": "不允许这样操作", "en": "That is not allowed"}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("reason", sorted(REFUSALS))
def test_every_leave_refusal_has_its_own_text(lang: Lang, reason: str) -> None:
    text = render(lang, "refused", reason=reason, p=REFUSALS[reason])
    assert text.strip() and FALLBACK[lang] not in text


@pytest.mark.parametrize(("lang", "expected"), [
    ("zh", ["事假申请 #3", "11-26、11-28，共 2 天（11-27 本来就休息，不计）", "原排班 11-26 D",
            "2026 年事假 2/30 天（含本次）", "原因：&lt;!here&gt; sick kid"]),
    ("en", ["Personal leave #3", "11-26, 11-28, 2 days (11-27 already off, not counted)",
            "rostered 11-26 D", "Personal leave 2026: 2/30 days after this",
            "Reason: &lt;!here&gt; sick kid"]),
])
def test_the_leave_card_shows_days_shifts_quota_and_the_escaped_reason(
        lang: Lang, expected: list[str]) -> None:
    payload = {"kind": "personal", "first": "2026-11-26", "last": "2026-11-28",
               "days": ["2026-11-26", "2026-11-28"], "skipped": ["2026-11-27"],
               "shifts": {"2026-11-26": "D", "2026-11-28": None},
               "figures": [{"what": "personal", "period": "2026", "used": 2, "limit": 30}]}
    r = RequestView(3, "leave", "pending", StaffView(1, "U0A1", "Ann", "agent", None), payload,
                    "<!here> sick kid", D1, None, None, None, None, None, None,
                    datetime(2026, 11, 24, 8, tzinfo=ZoneInfo("Asia/Shanghai")))
    text = render(lang, "request_card", r=r, rule=str)
    for part in expected:
        assert part in text
