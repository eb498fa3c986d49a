"""Every form's view, in both languages and with the longest texts a policy can give,
is a modal Slack accepts (slack_sdk's models check the limits)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from slack_sdk.models.views import View

from bot.render import form_views
from bot.render.forms import OPTION_MAX, TITLE_MAX
from bot.render.text import LANGS, Lang

LONG = "很长的名字" * 40
TYPES = [(f"t{n}", f"{LONG}{n}") for n in range(120)]


def _views(lang: Lang) -> list[dict[str, Any]]:
    day = date(2026, 11, 24)
    return [
        form_views.leave_view(lang, "x" * 5000, day, "sick"),
        form_views.leave_view(lang, "", day, None),
        form_views.makeup_view(lang, LONG, day),
        form_views.parcel_view(lang, TYPES, "518012345678", TYPES[:3]),
        form_views.parcel_view(lang, TYPES[:1], "", [], '{"file": "F1", "url": "u"}'),
        form_views.fine_view(lang, TYPES, "U0A1"),
        form_views.fine_view(lang, TYPES[:1], None),
        form_views.swap_view(lang, LONG, TYPES[:14], "t1",
                             [(f"o{n}", LONG, LONG) for n in range(12)]),
        form_views.swap_view(lang, LONG, [], None, [], LONG),
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_a_swap_form_without_shifts_has_no_inputs_and_no_submit(lang: Lang) -> None:
    view = form_views.swap_view(lang, "none", [], None, [])
    assert [b["type"] for b in view["blocks"]] == ["section"] and "submit" not in view


@pytest.mark.parametrize("lang", LANGS)
def test_every_form_is_a_modal_slack_accepts(lang: Lang) -> None:
    for view in _views(lang):
        View(**view).validate_json()
        assert len(view["title"]["text"]) <= TITLE_MAX
        for block in view["blocks"]:
            for option in (block.get("element") or {}).get("options") or []:
                assert len(option["text"]["text"]) <= OPTION_MAX
