"""Templates: both languages exist for every message, and user text is escaped for Slack."""

from __future__ import annotations

import re
from dataclasses import asdict
from datetime import date

import pytest

from bot.i18n import lang_from_locale
from bot.render.blocks import text_message
from bot.render.text import hhmm, pad, render, slack_escape, template_names, yuan
from bot.solver.problem import Violation


def test_every_template_exists_in_chinese_and_english() -> None:
    assert template_names("zh") == template_names("en")


@pytest.mark.parametrize(("fen", "text"), [(1000, "10"), (1050, "10.50"), (5, "0.05"),
                                           (-2000, "-20")])
def test_yuan_is_exact(fen: int, text: str) -> None:
    assert yuan(fen) == text


def test_slack_escape_only_touches_amp_lt_gt() -> None:
    assert slack_escape('<@U1> & "x"') == '&lt;@U1&gt; &amp; "x"'


def test_usage_error_escapes_what_the_user_typed() -> None:
    text = render("en", "usage_error", command="clock", problem="unknown_word",
                  params={"word": "<!here>"})
    assert '"&lt;!here&gt;"' in text and "Usage: `/clock in" in text


def test_hhmm_wraps_past_midnight() -> None:
    assert (hhmm(510), hhmm(1500), hhmm(1440)) == ("08:30", "01:00", "00:00")


def test_pad_counts_chinese_characters_as_two_columns() -> None:
    assert pad("陈晓", 6) == "陈晓  " and pad("Ann", 6) == "Ann   "


@pytest.mark.parametrize(("locale", "lang"), [("zh-CN", "zh"), ("zh-TW", "zh"), ("en-US", "en"),
                                              ("ja-JP", "zh"), (None, "zh")])
def test_slack_locale_overrides_the_team_default(locale: str | None, lang: str) -> None:
    assert lang_from_locale(locale, "zh") == lang


def test_long_text_is_split_into_sections_under_slack_limit() -> None:
    msg = text_message("\n".join("x" * 100 for _ in range(70)))
    assert len(msg["blocks"]) == 3
    assert all(len(b["text"]["text"]) <= 3000 for b in msg["blocks"])


def test_broken_roster_rules_are_told_in_chinese_with_their_numbers() -> None:
    broken = [
        Violation("coverage_min", date(2026, 12, 7), None, "D", "售前", "needs 1", need=1),
        Violation("coverage_max", date(2026, 12, 7), None, "E", "售后", "3 > 2", need=2, have=3),
        Violation("working_days_per_week", None, 3, detail="week 49", need=5, week=49),
        Violation("consecutive_days", date(2026, 12, 6), 3, detail="7 of 7 days", need=6,
                  have=7, span=7),
        Violation("rest_days_per_month", date(2026, 12, 31), 3, detail="2 < 4 rest days",
                  need=4, have=2),
        Violation("day_after_night", date(2026, 12, 8), 3, "D", detail="after E"),
    ]
    text = render("zh", "refused", reason="roster_infeasible",
                  p={"week": "2026-W49", "names": {3: "陈晓"},
                     "problems": [asdict(v) for v in broken]})
    for said in ("12-07 D 售前 — 人数不足：至少 1 人", "人数过多：最多 2 人，实际 3 人",
                 "每周上班天数（陈晓）：第 49 周最多上班 5 天",
                 "连续上班天数（陈晓）：7 天内最多上班 6 天，排了 7 天",
                 "每月休息天数（陈晓）：本月至少休息 4 天，只排了 2 天",
                 "12-08 D — 晚班后休息（陈晓）"):
        assert said in text
    prose = re.sub(r"`[^`]*`", "", text.replace("2026-W49", ""))  # code spans are typed as is
    assert re.findall(r"[A-Za-z]{2,}", prose) == []


def test_ledger_notes_the_bot_wrote_are_told_in_chinese() -> None:
    class Line:
        id, rule, amount_fen, actor = 12, "late", 1000, "U0L1"
        note = "appeal #5 upheld"
        refund_fen = 0  # not paid before it was reversed: nothing owed back

    text = render("zh", "fine_waived_dm", fine=Line(), rev=Line(), rule=lambda code: "迟到")
    assert "原因：申诉 #5 成立" in text and "appeal" not in text
    assert "appeal #5 upheld" in render("en", "fine_waived_dm", fine=Line(), rev=Line(),
                                        rule=lambda code: "late")
