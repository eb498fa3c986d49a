"""What the solver is given and what it returns: plain frozen data, no project imports.

Keys of a roster are (person id, day); a missing key or None is a day off. Minutes are paid
minutes (breaks excluded). A "weekend" day is any day in `Problem.weekend`: Saturdays and
Sundays that are not make-up working days, plus statutory holidays.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

Cells = Mapping[tuple[int, date], str | None]


@dataclass(frozen=True)
class Shift:
    """One shift type of the catalogue."""

    code: str
    minutes: int
    start_minute: int  # from midnight of the roster day
    end_minute: int  # past 1440 when it ends the next day
    night: bool = False


@dataclass(frozen=True)
class History:
    """What a person worked before the horizon (about four weeks), so fairness carries over."""

    minutes: int = 0
    nights: int = 0
    weekends: int = 0


@dataclass(frozen=True)
class Limits:
    """One person's own hard limits over the horizon (a contract); None keeps the team's rule.

    Blocks of work or rest that touch the edge of what is known (the first `before` day or the
    horizon's last day) are not held to the minimum lengths: they go on outside it.
    """

    max_shifts: tuple[tuple[str, int], ...] = ()  # (shift code, most of it); 0: never that shift
    min_minutes: int | None = None
    max_minutes: int | None = None
    max_consecutive_days: int | None = None
    min_consecutive_days: int | None = None
    min_consecutive_days_off: int | None = None
    max_weekends: int | None = None  # weekends with any shift on Saturday or Sunday


@dataclass(frozen=True)
class Person:
    """Someone who can be rostered; `group` is the coverage group (售前, 进港 …)."""

    id: int
    group: str = ""
    history: History = field(default_factory=History)
    swap_balance: int = 0  # shifts taken for others minus shifts others took for them (还班)
    limits: Limits = field(default_factory=Limits)


@dataclass(frozen=True)
class Need:
    """Coverage of one shift on one day by one group; group "" counts everyone."""

    day: date
    shift: str
    group: str
    min: int
    max: int
    under: int | None = None  # cost per person short of min; None: min is a hard rule
    over: int = 0  # cost per person above min (up to the hard max)


@dataclass(frozen=True)
class Wish:
    """A soft wish: this shift on that day, or (shift None) the day off."""

    person: int
    day: date
    shift: str | None
    weight: int = 1
    avoid: bool = False  # True: NOT this shift that day (shift None: then the same as a day off)


@dataclass(frozen=True)
class Rules:
    """The hard rules; None switches a rule off."""

    max_consecutive_days: int | None = 6
    working_days_per_week: int | None = 5  # at most, per ISO week (Mon–Sun) in the horizon
    rest_days_per_month: int | None = None  # at least, per calendar month, prorated
    min_days_off_per_7: int | None = 1  # in every 7 consecutive days (history included)
    no_day_after_night: bool = True  # no non-night shift the day after a night shift
    successions: frozenset[tuple[str, str]] = frozenset()  # (shift, shift barred the next day)
    min_consecutive_days: int | None = None  # a block of work days is at least this long
    min_consecutive_days_off: int | None = None  # a block of days off is at least this long
    max_weekends_per_month: int | None = None  # weekends worked per calendar month, prorated
    min_minutes_per_month: int | None = None  # paid minutes per calendar month, prorated
    max_minutes_per_month: int | None = None


@dataclass(frozen=True)
class Problem:
    """A roster to build or change, over consecutive `days`."""

    days: tuple[date, ...]
    shifts: tuple[Shift, ...]
    people: tuple[Person, ...]
    needs: tuple[Need, ...]
    rules: Rules = field(default_factory=Rules)
    weekend: frozenset[date] = frozenset()
    off: frozenset[tuple[int, date]] = frozenset()  # approved leave and rest days
    fixed: Mapping[tuple[int, date], str | None] = field(default_factory=dict)
    before: Mapping[int, tuple[str | None, ...]] = field(default_factory=dict)  # oldest first
    wishes: tuple[Wish, ...] = ()
    fair: bool = True  # False: no fairness bands, only coverage costs and wishes count


RuleName = Literal[
    "coverage_min", "coverage_max", "day_after_night", "consecutive_days", "days_off_per_7",
    "working_days_per_week", "rest_days_per_month", "leave", "fixed", "unknown_shift",
    "succession", "min_consecutive_days", "min_days_off", "max_weekends", "min_minutes",
    "max_minutes", "max_shifts",
]


@dataclass(frozen=True)
class Violation:
    """One hard rule broken (or, for an infeasible problem, one that could not be met).

    `detail` is a note in English for logs; what a reply shows in any language comes from the
    numbers: the rule's limit (`need`), what the roster has (`have`), the ISO week, the window.
    """

    rule: RuleName
    day: date | None = None
    person: int | None = None
    shift: str | None = None
    group: str | None = None
    detail: str = ""
    excess: int = 0  # how far past its limit (people, days), so a change can be judged worse
    need: int | None = None
    have: int | None = None
    week: int | None = None
    span: int | None = None


@dataclass(frozen=True)
class Load:
    """One person's load over history plus horizon."""

    person: int
    minutes: int
    nights: int
    weekends: int
    swap_balance: int = 0


@dataclass(frozen=True)
class Solution:
    """The solver's answer. `cells` is empty unless status is optimal or feasible.

    From roster generation, "optimal" means the fairness is proven (`fairness_proven`), not
    only that a roster was found; "feasible" is a rule-clean roster with `range_gaps` and
    `fairness_bound` saying how far it may be from the fairest.
    """

    status: Literal["optimal", "feasible", "infeasible", "no_solution"]
    cells: Mapping[tuple[int, date], str | None]
    loads: tuple[Load, ...] = ()
    ranges: Mapping[str, int] = field(default_factory=dict)  # minutes, nights, weekends
    lower_bounds: Mapping[str, int] = field(default_factory=dict)
    wishes_met: int = 0
    explanation: tuple[Violation, ...] = ()  # for infeasible: which day, shift, rule
    build_seconds: float = 0.0
    solve_seconds: float = 0.0
    objective: int | None = None  # Σ weights of wishes not met and of coverage short/over
    bound: float | None = None  # a proven lower bound of that objective, when one is known
    gaps: tuple[Violation, ...] = ()  # soft coverage left short (coverage_min, have < need)
    # How good the roster is, honestly. Fairness is the weighted spread of the ranges (a minute
    # 1, a night or weekend shift 480: eight hours), over rosters staffed at the minimums.
    rules_kept: bool | None = None  # the independent checker's verdict on `cells`
    fairness: int | None = None  # this roster's weighted spread
    fairness_bound: int | None = None  # no roster the rules allow has a smaller spread
    fairness_proven: bool = False  # fairness == fairness_bound: status is then "optimal"
    range_gaps: Mapping[str, int] = field(default_factory=dict)  # ranges − lower_bounds
    seconds: float = 0.0  # wall time of the whole call, the check included


@dataclass(frozen=True)
class SwapAsk:
    """Person wants to be off their shift on day; optionally with a named counterpart."""

    person: int
    day: date
    counterpart: int | None = None


@dataclass(frozen=True)
class SwapOption:
    """A feasible exchange: taker works giver's shift on day; giver works back_shift on
    back_day (a true swap, back_day in the same ISO week; or the same day for a same-day
    exchange of shift types). back_day None: taker covers without a shift back (还班 owed)."""

    giver: int
    taker: int
    day: date
    shift: str
    back_day: date | None
    back_shift: str | None
    score: int  # change of the fairness objective; lower is better
    reasons: Mapping[str, int] = field(default_factory=dict)  # per dimension change
