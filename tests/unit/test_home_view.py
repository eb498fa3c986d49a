"""The App Home's Block Kit: one button beside its text, several in a row below it, and
never more blocks than Slack takes (a part that would not fit is left out whole)."""

from __future__ import annotations

from slack_sdk.models.views import View

from bot import ids
from bot.render.blocks import VIEW_BLOCKS, Part, home_view
from bot.render.buttons import button


def test_one_button_sits_beside_its_text_and_two_go_in_a_row() -> None:
    view = home_view([Part("*Hello*"),
                      Part("#1 fine", (button(ids.MARK_PAID, "en", 1),), divider=True),
                      Part("#2 leave", (button(ids.APPROVE, "en", 2),
                                        button(ids.REJECT, "en", 2)))])
    assert [b["type"] for b in view["blocks"]] == ["section", "divider", "section", "section",
                                                   "actions"]
    assert view["blocks"][2]["accessory"]["action_id"] == ids.MARK_PAID
    assert [e["text"]["text"] for e in view["blocks"][4]["elements"]] == ["Approve", "Reject"]
    View(**view).to_dict()


def test_parts_past_the_block_limit_are_left_out_whole() -> None:
    parts = [Part(f"#{n}", (button(ids.APPROVE, "zh", n), button(ids.REJECT, "zh", n)))
             for n in range(1, 80)]
    view = home_view(parts)
    assert len(view["blocks"]) == VIEW_BLOCKS == 100
    assert view["blocks"][-1]["type"] == "actions"  # no text left without its buttons
    View(**view).to_dict()


def test_a_long_text_is_split_into_sections_slack_accepts() -> None:
    view = home_view([Part("\n".join(["行" * 100] * 70), (button(ids.HOME_CLOCK_IN, "zh", 0),))])
    sections = [b for b in view["blocks"] if b["type"] == "section"]
    assert len(sections) == 3 and all(len(s["text"]["text"]) <= 3000 for s in sections)
    assert "accessory" in sections[-1]
    View(**view).to_dict()
