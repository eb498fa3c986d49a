"""A draft tells the lead what its fairness figures mean, whether it kept every rule, how far
from proven-best it may be, the time it took, and the gaps of a soft-covered week."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from bot.render.text import render
from bot.services.roster.draft_summary import summary
from bot.services.roster.drafts import DraftView
from bot.solver.problem import Need, Person, Problem, Shift, Solution, Violation

MONDAY = date(2026, 12, 7)
DAYS = tuple(MONDAY + timedelta(days=i) for i in range(7))


def _problem(under: int | None = None) -> Problem:
    return Problem(DAYS, (Shift("D", 480, 510, 1050),), (Person(1), Person(2)),
                   tuple(Need(d, "D", "", 1, 2, under=under) for d in DAYS))


def _solution(**kw: Any) -> Solution:
    cells = {(1 + i % 2, d): "D" for i, d in enumerate(DAYS)}
    figures: dict[str, Any] = {
        "ranges": {"minutes": 720, "nights": 1, "weekends": 1},
        "lower_bounds": {"minutes": 120, "nights": 1, "weekends": 0}, "solve_seconds": 1.5}
    return Solution(**{"status": "optimal", "cells": cells, **figures, **kw})


def _view(figures: dict[str, Any]) -> DraftView:
    return DraftView(1, "2026-W50", "draft", list(DAYS), DAYS[0], [], [],
                     {**figures, "loads": {}}, None, None, None)


def test_the_draft_says_what_the_spread_means_and_how_far_from_proven_best() -> None:
    figures = summary(_problem(), _solution(), history_weeks=4)
    zh = render("zh", "roster_draft", d=_view(figures))
    assert ("公平性：算上前 4 周，工时最多相差 12 小时；夜班最多相差 1 次；"
            "周末班最多相差 1 次。") in zh
    assert ("全部规则已遵守（独立核对）；公平性未证明最优，与可证明的下限相比最多还能再缩小："
            "工时 10 小时，周末班 1 次；用时 1.5 秒") in zh
    en = render("en", "roster_draft", d=_view(figures))
    assert ("Fairness: counting the 4 weeks before, hours differ by at most 12 h; nights by at "
            "most 1; weekend shifts by at most 1.") in en
    assert ("Every rule kept (checked independently); fairness could be up to 10 h fairer in "
            "hours, 1 fairer in weekend shifts (gap to the proven lower bound); "
            "solved in 1.5 s") in en


def test_ranges_at_their_lower_bounds_are_proven_best() -> None:
    tight = {"minutes": 720, "nights": 1, "weekends": 1}
    figures = summary(_problem(), _solution(lower_bounds=tight), history_weeks=4)
    assert "公平性已证明是最优；用时 1.5 秒" in render("zh", "roster_draft", d=_view(figures))
    assert "fairness proven the best possible; solved in 1.5 s" in render(
        "en", "roster_draft", d=_view(figures))


def test_no_bound_claims_nothing() -> None:
    figures = summary(_problem(), _solution(lower_bounds={}), history_weeks=4)
    assert "公平性未证明最优；" in render("zh", "roster_draft", d=_view(figures))


def test_a_rule_the_checker_finds_broken_is_said() -> None:
    cells = {(1, d): "D" for d in DAYS}  # seven days in a row
    figures = summary(_problem(), _solution(cells=cells), history_weeks=4)
    assert figures["broken"] > 0
    assert "独立核对发现" in render("zh", "roster_draft", d=_view(figures))


def test_a_soft_covered_week_lists_its_gaps_and_they_are_not_broken_rules() -> None:
    cells = {(1 + i % 2, d): "D" for i, d in enumerate(DAYS) if d != DAYS[2]}
    gap = Violation("coverage_min", DAYS[2], None, "D", "售前", need=2, have=1)
    figures = summary(_problem(under=100), _solution(cells=cells, gaps=(gap,)),
                      history_weeks=4)
    assert figures["broken"] == 0
    zh = render("zh", "roster_draft", d=_view(figures))
    # The lower bounds hold for rosters staffed at the minimums: a short week has none.
    assert "全部规则已遵守（独立核对）；人手不足时，公平性没有可证明的下限可比；用时 1.5 秒" in zh
    assert "fairness has no proven bound to compare with while the week is short" in render(
        "en", "roster_draft", d=_view(figures))
    assert "人手缺口（策略允许人数不足，所以照样出了草稿）：\n• 12-09 D 售前 缺 1 人" in zh
    assert "• 12-09 D 售前: short by 1" in render("en", "roster_draft", d=_view(figures))


def test_a_draft_stored_before_these_figures_still_shows() -> None:
    old = {"status": "optimal", "ranges": {"minutes": 600, "nights": 1, "weekends": 0},
           "lower_bounds": {"minutes": 60, "nights": 0, "weekends": 0}, "wishes_met": 0,
           "wishes": 0, "seconds": 2.0}
    text = render("zh", "roster_draft", d=_view(old))
    assert "公平性：工时最多相差 10 小时" in text and "用时 2.0 秒" in text


def test_fairness_proven_by_the_solver_is_said_proven_though_a_range_sits_above_its_bound(
        ) -> None:
    """The solver proves the weighted figure (an hour 1, a night or weekend shift 8 hours)
    best; a single range's own bound can be weaker, and claims nothing against the proof."""
    figures = summary(_problem(), _solution(fairness_proven=True), history_weeks=4)
    assert figures["proven"] and figures["fairer_by"] == {}
    assert "公平性已证明是最优" in render("zh", "roster_draft", d=_view(figures))
    unproven = summary(_problem(), _solution(), history_weeks=4)
    assert not unproven["proven"] and unproven["fairer_by"] == {"minutes": 600, "weekends": 1}
