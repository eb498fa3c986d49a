"""Shift swaps (换班): suggestions from the solver, the request, and what approval changes.

A swap request names who gives a shift (the requester) and who takes it (the counterpart).
It starts `proposed`; the counterpart's Accept makes it `pending` for a lead. Until a lead
approves, the roster is unchanged, so the requester stays responsible for the shift. Every
change is checked against the current roster again when it is applied.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlmodel import Session

from bot.domain.period import in_years
from bot.domain.shifts import Assignment, shift_window
from bot.parse.common import parse_id
from bot.policy import Policy
from bot.services import audit
from bot.services.errors import Refused
from bot.services.requests import RequestView
from bot.services.roster import Cell, Gap, Team, breach, build_team, gaps, write_cells
from bot.services.staff import StaffView
from bot.solver import swaps as solver
from bot.solver.check import violations
from bot.solver.compare import added
from bot.solver.problem import SwapAsk, SwapOption, Violation
from db.models import SwapCredit

Cells = dict[tuple[int, date], str | None]


@dataclass(frozen=True)
class Offer:
    """A suggested exchange, with names for the reader."""

    option: SwapOption
    taker: str
    taker_slack: str
    value: str  # what the Ask button carries: day|taker|back_day|back_shift


@dataclass(frozen=True)
class SwapApplied:
    """What an approved swap changed, and any shift it left below coverage."""

    cells: list[Cell]
    gaps: list[Gap]


def team_around(session: Session, day: date, policy: Policy, now: datetime) -> Team:
    """The roster from the Monday of DAY's week to the Sunday after next week's start; the
    cells that are history at NOW (begun shifts, judged days) are fixed for the solver."""
    monday = day - timedelta(days=day.weekday())
    return build_team(session, policy=policy, first=monday, last=monday + timedelta(days=13),
                      now=now)


def shift_start(day: date, code: str, policy: Policy) -> datetime:
    """When the shift CODE on DAY starts, on the team's wall clock."""
    shift = policy.find_shift(code)
    assert shift is not None
    return shift_window(Assignment(day, shift), policy.tz)[0]


def own_shift(team: Team, who: StaffView, day: date) -> str:
    """The shift WHO works on DAY, refusing when there is none or it is history (begun, or
    the day has punches)."""
    code = team.current.get((who.id, day))
    if code is None:
        raise Refused("swap_no_shift", day=day)
    if team.fixed.judged((who.id, day)):
        raise Refused("swap_started", day=day, shift=code)
    return code


def expiry(o: SwapOption, policy: Policy) -> datetime:
    """When the swap lapses: as the first shift it moves begins."""
    starts = [shift_start(o.day, o.shift, policy)]
    if o.back_day is not None and o.back_shift:
        starts.append(shift_start(o.back_day, o.back_shift, policy))
    return min(starts)


def encode(o: SwapOption) -> str:
    """The button value that names an option."""
    back = o.back_day.isoformat() if o.back_day else ""
    return f"{o.day.isoformat()}|{o.taker}|{back}|{o.back_shift or ''}"


def offers(session: Session, *, who: StaffView, day: date, now: datetime, policy: Policy,
           counterpart: StaffView | None = None, limit: int = 3) -> list[Offer]:
    """The best feasible exchanges for WHO's shift on DAY (optionally with one person)."""
    team = team_around(session, day, policy, now)
    own_shift(team, who, day)
    if counterpart is not None and counterpart.id not in team.names:
        raise Refused("swap_not_rostered", who=counterpart.slack_id)
    ask = SwapAsk(who.id, day, counterpart.id if counterpart else None)
    found = solver.suggest(team.problem, team.current, ask, limit=limit)
    return [Offer(o, team.names[o.taker], team.slack_ids[o.taker], encode(o)) for o in found]


def decode(value: str) -> tuple[date, int, date | None, str | None, str | None]:
    """Read an Ask button's value (option, then the reason); a malformed one is stale."""
    try:
        day_text, taker_text, back_text, back_shift, *rest = value.split("|", 4)
        day = date.fromisoformat(day_text)
        back = date.fromisoformat(back_text) if back_text else None
    except ValueError:
        raise Refused("stale_button") from None
    taker = parse_id(taker_text)
    if taker is None or not in_years(day) or (back is not None and not in_years(back)):
        raise Refused("stale_button")  # forged: it would overflow the database or a date
    return day, taker, back, back_shift or None, rest[0] if rest and rest[0] else None


def payload(offer: Offer, giver_name: str) -> dict[str, Any]:
    """What a swap request stores: the exchange, the two names, and why it was ranked so."""
    o = offer.option
    return {"giver": o.giver, "taker": o.taker, "day": o.day.isoformat(), "shift": o.shift,
            "back_day": o.back_day.isoformat() if o.back_day else None,
            "back_shift": o.back_shift, "reasons": dict(o.reasons),
            "giver_name": giver_name, "taker_name": offer.taker}


def changed_cells(p: dict[str, Any], current: Cells) -> Cells:
    """The cells the swap in payload P writes; refuse if the roster moved underneath it."""
    giver, taker, day = p["giver"], p["taker"], date.fromisoformat(p["day"])
    back_day = date.fromisoformat(p["back_day"]) if p["back_day"] else None
    if current.get((giver, day)) != p["shift"]:
        raise Refused("swap_roster_changed", day=day)
    cells: Cells = {(taker, day): p["shift"], (giver, day): None}
    if back_day == day:  # a same-day exchange of shift types
        cells[(giver, day)] = p["back_shift"]
        expected_taker = p["back_shift"]
    else:
        expected_taker = None
    if current.get((taker, day)) != expected_taker:
        raise Refused("swap_roster_changed", day=day)
    if back_day is not None and back_day != day:
        if current.get((taker, back_day)) != p["back_shift"] or current.get((giver, back_day)):
            raise Refused("swap_roster_changed", day=back_day)
        cells[(taker, back_day)], cells[(giver, back_day)] = None, p["back_shift"]
    return cells


def broken(team: Team, v: Violation, cells: Cells | None = None) -> dict[str, Any]:
    """A breach as a refusal's parameters: the rule, its day, shift, group and person, and
    the figures the policy states for it (CELLS: the roster it was found in)."""
    return breach(v, team.policy, team.names, cells)


def check_fits(team: Team, cells: Cells) -> Cells:
    """Return the roster after CELLS; refuse if a cell is history by now (time passes between
    the offer, the answer and the approval) or the change adds a breach (or deepens one): a
    roster imported with a rule already broken somewhere can still be swapped elsewhere."""
    for key, code in sorted(cells.items(), key=lambda kv: kv[0][1]):
        if not team.fixed.allows(key, code):
            raise Refused("swap_begun", day=key[1], shift=team.current.get(key) or code)
    after = {**team.current, **cells}
    new = added(violations(team.problem, team.current), violations(team.problem, after))
    if new:
        raise Refused("swap_breaks_rule", **broken(team, new[0], after))
    return after


def why_none(session: Session, *, who: StaffView, day: date, now: datetime, policy: Policy,
             counterpart: StaffView | None = None) -> dict[str, Any]:
    """Why no exchange was found: the breach that stops most of them, as refusal parameters
    (an empty rule: nobody else is free that day)."""
    team = team_around(session, day, policy, now)
    ask = SwapAsk(who.id, day, counterpart.id if counterpart else None)
    v = solver.why_not(team.problem, team.current, ask)
    return broken(team, v) if v is not None else {"rule": None}


def apply_swap(session: Session, r: RequestView, actor: StaffView, now: datetime,
               policy: Policy) -> SwapApplied:
    """Approval: write both people's cells, record the swap ledger, report coverage gaps."""
    p = r.payload
    team = team_around(session, date.fromisoformat(p["day"]), policy, now)
    cells = changed_cells(p, team.current)
    after = check_fits(team, cells)
    written = [Cell(pid, day, code) for (pid, day), code in sorted(cells.items())]
    write_cells(session, written, actor=actor.slack_id, source="swap", now=now, policy=policy)
    session.add(SwapCredit(request_id=r.id, helper_id=p["taker"], helped_id=p["giver"],
                           day=date.fromisoformat(p["day"]), shift_code=p["shift"],
                           shift_back=p["back_day"] is not None, created_at=now))
    audit.record(session, actor=actor.slack_id, action="swap.ledger", entity="request",
                 entity_id=r.id, after={"helper": p["taker"], "helped": p["giver"],
                                        "shift_back": p["back_day"] is not None}, at=now)
    days = sorted({c.day for c in written})
    return SwapApplied(written, gaps(team, after, days, before=team.current))
