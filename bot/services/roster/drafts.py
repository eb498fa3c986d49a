"""Generated rosters: a draft for a week from the solver, then Publish or Discard, once."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import CursorResult, update
from sqlmodel import Session, select

from bot.domain.period import Week
from bot.policy import Policy
from bot.services import audit
from bot.services.errors import Refused, require_role
from bot.services.roster.breaches import Cells, breach
from bot.services.roster.draft_summary import summary as figures_of
from bot.services.roster.entries import Cell
from bot.services.roster.fixed import open_from, write_cells
from bot.services.roster.problem import Team, build_team
from bot.services.staff import StaffView
from bot.solver import roster as solver
from bot.solver.check import violations
from bot.solver.problem import Solution, Violation
from db.models import RosterDraft, Staff

DRAFT = "draft"
Sessions = Callable[[], AbstractContextManager[Session]]  # a new transaction each call


@dataclass(frozen=True)
class LoadLine:
    """One person's line of the fairness table: this week, and with the history counted."""

    name: str
    week_hours: float
    hours: float
    nights: int
    weekends: int
    swaps: int


@dataclass(frozen=True)
class DraftView:
    """A draft as the templates show it."""

    id: int
    week: str
    state: str
    days: list[date]
    first: date  # the first day the draft plans; earlier days had begun and stay as they are
    grid: list[tuple[str, list[str | None]]]
    loads: list[LoadLine]
    summary: dict[str, Any]
    decided_by: str | None
    channel: str | None
    ts: str | None


def _scope(team: Team) -> dict[str, Any] | None:
    """How the coverage counted the team, when the lead should be told (else None)."""
    return dataclasses.asdict(team.scope) if team.scope.note else None


def explain(team: Team, violations: tuple[Violation, ...],
            cells: Cells | None = None) -> list[dict[str, Any]]:
    """Violations as template data: rule, day, shift, group, person, the numbers and the
    figures the policy states (CELLS: the roster they were found in)."""
    return [breach(v, team.policy, team.names, cells) for v in violations]


def generate(sessions: Sessions, *, week: Week, actor: StaffView, now: datetime,
             policy: Policy) -> DraftView:
    """Solve the week and keep the result as a draft; an infeasible week is explained.

    The solver may run for many seconds, so no transaction stays open meanwhile: the team
    is read in one, the draft written in another.
    """
    require_role(actor)
    with sessions() as session:
        first, fixed = open_from(session, week=week, now=now, policy=policy)
        team = build_team(session, policy=policy, first=first, last=week.days[-1], now=now)
    if not team.problem.people:
        raise Refused("nobody_to_roster")
    solution = solver.generate(team.problem, time_limit=policy.roster.time_limit_seconds)
    if solution.status not in ("optimal", "feasible"):
        names = dict(team.names)
        raise Refused("roster_infeasible", week=str(week), names=names, scope=_scope(team),
                      problems=explain(team, solution.explanation)[:8])
    # Days already begun stay as they are; the draft shows them so the week reads whole.
    kept = {(pid, d): fixed.current.get((pid, d)) for pid in team.names
            for d in week.days if d < first}
    row = _row(week, actor, now, team, solution, {**kept, **solution.cells}, first)
    with sessions() as session:
        session.add(row)
        session.flush()
        audit.record(session, actor=actor.slack_id, action="roster.draft",
                     entity="rosterdraft", entity_id=row.id,
                     after={"week": str(week), "status": solution.status}, at=now)
        return _view(session, row)


def _row(week: Week, actor: StaffView, now: datetime, team: Team, solution: Solution,
         cells: dict[tuple[int, date], str | None], first: date) -> RosterDraft:
    """The draft as stored: the week's cells, the solver's figures, the first day planned."""
    loads = {ld.person: [ld.minutes, ld.nights, ld.weekends, ld.swap_balance]
             for ld in solution.loads}
    minutes_of = {s.code: s.minutes for s in team.problem.shifts}
    figures = figures_of(team.problem, solution,
                         history_weeks=team.policy.roster.history_weeks)
    summary = {**figures, "loads": loads,
               "minutes_of": minutes_of, "from": first.isoformat(), "scope": _scope(team)}
    return RosterDraft(week=str(week), created_by=actor.slack_id, created_at=now,
                       cells=json.dumps([[pid, day.isoformat(), code]
                                         for (pid, day), code in sorted(cells.items())]),
                       summary=json.dumps(summary))


def _view(session: Session, row: RosterDraft) -> DraftView:
    assert row.id is not None
    week = Week.parse(row.week, row.created_at.date())
    assert week is not None
    cells: dict[int, dict[str, str | None]] = {}
    for pid, day, code in json.loads(row.cells):
        cells.setdefault(pid, {})[day] = code
    names = {s.id: s.name for s in session.exec(select(Staff)).all()}
    summary = json.loads(row.summary)
    grid = [(names.get(pid, str(pid)), [by_day.get(d.isoformat()) for d in week.days])
            for pid, by_day in sorted(cells.items(), key=lambda kv: names.get(kv[0], ""))]
    first = date.fromisoformat(summary.get("from", week.monday.isoformat()))
    return DraftView(row.id, row.week, row.state, list(week.days), first, grid,
                     _loads(summary, names, cells), summary, row.decided_by, row.channel, row.ts)


def _loads(summary: dict[str, Any], names: dict[int | None, str],
           cells: dict[int, dict[str, str | None]]) -> list[LoadLine]:
    minutes_of = summary.get("minutes_of", {})
    out = []
    for pid_text, (minutes, nights, weekends, swaps) in summary["loads"].items():
        pid = int(pid_text)
        week_minutes = sum(minutes_of.get(code, 0) for code in cells.get(pid, {}).values()
                           if code)
        out.append(LoadLine(names.get(pid, pid_text), round(week_minutes / 60, 1),
                            round(minutes / 60, 1), nights, weekends, swaps))
    return sorted(out, key=lambda line: line.name)


def get(session: Session, *, draft_id: int) -> DraftView:
    """Load one draft."""
    row = session.get(RosterDraft, draft_id)
    if row is None:
        raise Refused("no_draft", id=draft_id)
    return _view(session, row)


def attach_message(session: Session, *, draft_id: int, channel: str, ts: str) -> None:
    """Remember the message that shows the draft, to update it in place."""
    row = session.get(RosterDraft, draft_id)
    if row is not None:
        row.channel, row.ts = channel, ts
        session.add(row)


def _decide(session: Session, draft_id: int, state: str, actor: StaffView,
            now: datetime) -> bool:
    result = session.execute(update(RosterDraft).where(
        RosterDraft.id == draft_id, RosterDraft.state == DRAFT,  # type: ignore[arg-type]
    ).values(state=state, decided_by=actor.slack_id, decided_at=now))
    assert isinstance(result, CursorResult)
    session.expire_all()
    moved = result.rowcount == 1
    if moved:
        audit.record(session, actor=actor.slack_id, action=f"roster.{state}",
                     entity="rosterdraft", entity_id=draft_id, before={"state": DRAFT},
                     after={"state": state}, at=now)
    return moved


def _cells(row: RosterDraft) -> dict[tuple[int, date], str | None]:
    return {(pid, date.fromisoformat(day)): code for pid, day, code in json.loads(row.cells)}


def _publishable(session: Session, draft_id: int, now: datetime, policy: Policy) -> list[Cell]:
    """The draft's cells of the days not begun yet; refuse a week wholly begun, or a draft
    that leave approved since (or other changes, or the days already begun) would now break."""
    row = session.get(RosterDraft, draft_id)
    assert row is not None
    week = Week.parse(row.week, row.created_at.date())
    assert week is not None
    first, _ = open_from(session, week=week, now=now, policy=policy)
    team = build_team(session, policy=policy, first=first, last=week.days[-1], now=now)
    cells = {key: code for key, code in _cells(row).items() if key[1] >= first}
    broken = violations(team.problem, cells)
    if broken:
        raise Refused("draft_outdated", id=draft_id, week=row.week, names=dict(team.names),
                      problems=explain(team, tuple(broken), {**team.current, **cells})[:8])
    return [Cell(pid, day, code) for (pid, day), code in sorted(cells.items())]


def decide(session: Session, *, draft_id: int, publish: bool, actor: StaffView,
           now: datetime, policy: Policy) -> tuple[DraftView, bool, int]:
    """Publish (write the roster of the days not begun yet) or discard a draft, exactly once."""
    require_role(actor)
    draft = get(session, draft_id=draft_id)
    cells = _publishable(session, draft_id, now, policy) \
        if publish and draft.state == DRAFT else []
    if not _decide(session, draft_id, "published" if publish else "discarded", actor, now):
        return get(session, draft_id=draft_id), False, 0
    written = write_cells(session, cells, actor=actor.slack_id, source="solver", now=now,
                          policy=policy)
    return get(session, draft_id=draft_id), True, written
