"""A demo team: staff, four weeks of roster, the punches of the days already past, parcels."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlmodel import Session, col, select

from bot.domain.shifts import Assignment, shift_window
from bot.policy import Policy
from bot.services import ledger
from bot.services import staff as staff_service
from bot.services.attendance import clock
from bot.services.parcels import load_demo_parcels
from bot.services.roster import Cell, load_fixed, write_cells
from db.models import LedgerEntry, Punch

# Slack ID, name, role, group, and the week of the rotation below the person starts in.
DEMO_STAFF = (
    ("U0DEMO01", "陈晓", "agent", "售前", 2),
    ("U0DEMO02", "林悦", "agent", "售前", 0),
    ("U0DEMO03", "赵明", "agent", "售后", 0),
    ("U0DEMO04", "周婷", "agent", "售后", 1),
    ("U0DEMO05", "Alex Wu", "agent", "售前", 1),
    ("U0DEMO06", "吴磊", "agent", "售后", 2),
    ("U0DEMO07", "孙丽", "lead", None, None),
    ("U0DEMO08", "何涛", "admin", None, None),
)
# Minutes late on past days, cycled, so the demo shows every lateness tier.
_LATE_PATTERN = (0, 0, 3, 0, 0, 14, 0, 0, 0, 25, 0, 0, 0, 0, 40)
# A three-week rotation (D day shift, E late shift, - rest), Monday first. The three people
# of a group start it a week apart, so every day each group has someone on each shift, and
# it keeps the rules: five days a week, never a day shift right after a late one, at most
# six days in a row (tests/integration/test_demo.py checks it with the independent checker).
_ROTATION = "DDDD--E" "EE--DDD" "D-EEEE-"


def _pattern(week: int | None, day_no: int, codes: list[str]) -> str | None:
    """The shift on day DAY_NO (0 = the first Monday) of someone starting the rotation in
    WEEK; the lead, outside the rotation, works day shifts on weekdays."""
    if week is None:
        return codes[0] if day_no % 7 < 5 else None
    letter = _ROTATION[(day_no + 7 * week) % len(_ROTATION)]
    return None if letter == "-" else codes[-1] if letter == "E" else codes[0]


def load_demo(session: Session, *, policy: Policy, now: datetime, actor: str = "demo") -> int:
    """Load the demo team (idempotent); return how many roster cells were written."""
    ids: list[staff_service.StaffView] = []
    weeks: dict[int, int | None] = {}
    for slack_id, name, role, group, week in DEMO_STAFF:
        who, _ = staff_service.add_or_update(session, slack_id=slack_id, name=name, role=role,
                                             group=group, actor=actor)
        ids.append(who)
        weeks[who.id] = week
    today = now.astimezone(policy.tz).date()
    start = today - timedelta(days=today.weekday() + 7)
    codes = [s.code for s in policy.shift_defs()]
    cells = [Cell(w.id, start + timedelta(days=d), _pattern(weeks[w.id], d, codes))
             for w in ids if w.role != "admin" for d in range(28)]
    written = _write(session, cells, actor=actor, now=now, policy=policy)
    if session.exec(select(Punch)).first() is None:
        _past_punches(session, policy, ids, [c for c in cells if c.day < today], start)
        _ledger_examples(session, policy, ids, now)
    load_demo_parcels(session, agents=[w for w in ids if w.role == "agent"], now=now,
                      policy=policy)
    return written


def _write(session: Session, cells: list[Cell], *, actor: str, now: datetime,
           policy: Policy) -> int:
    """Write the demo roster: the days not begun, and history only where none is recorded
    yet (a new demo team); a roster day that is already history is never rewritten."""
    fixed = load_fixed(session, first=min(c.day for c in cells), last=max(c.day for c in cells),
                       now=now, policy=policy, people={c.staff_id for c in cells})
    recorded = fixed.current.keys() | fixed.punched
    planned = [c for c in cells if fixed.allows((c.staff_id, c.day), c.shift_code)]
    history = [c for c in cells if c not in planned and (c.staff_id, c.day) not in recorded]
    return write_cells(session, planned, actor=actor, source="demo", now=now, policy=policy) + \
        write_cells(session, history, actor=actor, source="demo", now=now, policy=policy,
                    correction="demo: the history of a new demo team")


def _past_punches(session: Session, policy: Policy, people: list[staff_service.StaffView],
                  cells: list[Cell], start: date) -> None:
    """Clock everyone in and out on the days already past, some of them late."""
    by_id = {p.id: p for p in people}
    for n, c in enumerate(cells):
        shift = policy.find_shift(c.shift_code) if c.shift_code else None
        if shift is None:
            continue
        begin, end = shift_window(Assignment(c.day, shift), policy.tz)
        late = timedelta(minutes=_LATE_PATTERN[n % len(_LATE_PATTERN)])
        who = by_id[c.staff_id]
        arrive = begin + late if late else begin - timedelta(minutes=8)
        clock(session, who=who, kind="in", now=arrive,
              policy=policy, source="demo")
        clock(session, who=who, kind="out", now=end + timedelta(minutes=n % 9),
              policy=policy, source="demo")


def _ledger_examples(session: Session, policy: Policy, people: list[staff_service.StaffView],
                     now: datetime) -> None:
    """Pay every other red packet from the punches, and record one catalogue fine."""
    fines = session.exec(select(LedgerEntry).order_by(col(LedgerEntry.id))).all()
    for n, fine in enumerate(fines):
        owner = next(p for p in people if p.id == fine.staff_id)
        if n % 2 == 0 and fine.id is not None and fine.due_at and fine.due_at < now:
            ledger.mark_paid(session, who=owner, entry_id=fine.id, now=fine.due_at, policy=policy)
    lead = next(p for p in people if p.role == "lead")
    agent = next(p for p in people if p.role == "agent")
    rule = policy.fines[0]
    ledger.record_manual(session, lead=lead, target=agent, rule=rule, quantity=1,
                         note="demo", now=now, policy=policy)
