"""Templates: both languages exist for every message, and user text is escaped for Slack."""

from __future__ import annotations

import pytest

from bot.i18n import lang_from_locale
from bot.render.blocks import text_message
from bot.render.text import hhmm, pad, render, slack_escape, template_names, yuan


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
