"""An evaluator for the Curtois shift-scheduling instances, independent of bot/solver.

It reads the raw instance text itself and judges a plain assignment
{(employee id, day index): shift id or None}: every hard rule of the benchmark, and the
objective (weighted shift-on/off requests plus weighted under/over cover). Blocks of work or
rest that touch the first or last day of the horizon are not held to the minimum lengths.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Assignment = dict[tuple[str, int], str | None]


@dataclass(frozen=True)
class Staff:
    """One employee's hard limits as the file states them."""

    id: str
    max_shifts: dict[str, int]
    max_minutes: int
    min_minutes: int
    max_consecutive: int
    min_consecutive: int
    min_days_off: int
    max_weekends: int


@dataclass(frozen=True)
class Instance:
    """One instance file's content, keyed by the file's own IDs."""

    days: int
    lengths: dict[str, int]  # shift id → minutes
    barred: dict[str, frozenset[str]]  # shift id → shifts that may not follow it
    staff: list[Staff]
    days_off: dict[str, frozenset[int]]
    on: list[tuple[str, int, str, int]]  # employee, day, shift, weight
    off: list[tuple[str, int, str, int]]
    cover: list[tuple[int, str, int, int, int]]  # day, shift, requirement, under, over


@dataclass
class Report:
    """What the evaluator found: the hard rules broken and the objective's parts."""

    violations: list[str] = field(default_factory=list)
    on_cost: int = 0
    off_cost: int = 0
    under_cost: int = 0
    over_cost: int = 0

    @property
    def objective(self) -> int:
        """Return the benchmark's objective."""
        return self.on_cost + self.off_cost + self.under_cost + self.over_cost


def sections(text: str) -> dict[str, list[list[str]]]:
    """Split the file into SECTION_… → rows of comma-separated fields (comments dropped)."""
    out: dict[str, list[list[str]]] = {}
    current: list[list[str]] | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("SECTION_"):
            current = out.setdefault(line, [])
        elif current is not None:
            current.append([f.strip() for f in line.split(",")])
    return out


def parse(text: str) -> Instance:
    """Read an instance from its text (LF or CRLF)."""
    sec = sections(text)
    lengths = {r[0]: int(r[1]) for r in sec["SECTION_SHIFTS"]}
    barred = {r[0]: frozenset(x for x in (r[2].split("|") if len(r) > 2 else []) if x)
              for r in sec["SECTION_SHIFTS"]}
    staff = [Staff(r[0], {k: int(v) for k, v in (p.split("=") for p in r[1].split("|") if p)},
                   *(int(x) for x in r[2:8]))
             for r in sec["SECTION_STAFF"]]
    days_off = {r[0]: frozenset(int(x) for x in r[1:] if x)
                for r in sec.get("SECTION_DAYS_OFF", [])}
    requests = {k: [(r[0], int(r[1]), r[2], int(r[3])) for r in sec.get(k, [])]
                for k in ("SECTION_SHIFT_ON_REQUESTS", "SECTION_SHIFT_OFF_REQUESTS")}
    cover = [(int(r[0]), r[1], int(r[2]), int(r[3]), int(r[4])) for r in sec["SECTION_COVER"]]
    return Instance(int(sec["SECTION_HORIZON"][0][0]), lengths, barred, staff, days_off,
                    requests["SECTION_SHIFT_ON_REQUESTS"],
                    requests["SECTION_SHIFT_OFF_REQUESTS"], cover)


def runs(flags: list[bool]) -> list[tuple[int, int, bool]]:
    """Return the maximal blocks of equal flags as (first day, length, flag)."""
    out: list[tuple[int, int, bool]] = []
    for i, f in enumerate(flags):
        if out and out[-1][2] == f:
            first, length, _ = out[-1]
            out[-1] = (first, length + 1, f)
        else:
            out.append((i, 1, f))
    return out


def staff_violations(inst: Instance, s: Staff, row: list[str | None]) -> list[str]:
    """Check one employee's row of shifts (None: off) against every hard rule."""
    out = [f"{s.id} day {d}: unknown shift {c}" for d, c in enumerate(row)
           if c is not None and c not in inst.lengths]
    for code in inst.lengths:
        n = sum(1 for c in row if c == code)
        if n > s.max_shifts.get(code, 0):
            out.append(f"{s.id}: {n} × {code} > {s.max_shifts.get(code, 0)}")
    minutes = sum(inst.lengths.get(c, 0) for c in row if c is not None)
    if not s.min_minutes <= minutes <= s.max_minutes:
        out.append(f"{s.id}: {minutes} min outside [{s.min_minutes}, {s.max_minutes}]")
    for first, length, working in runs([c is not None for c in row]):
        edge = first == 0 or first + length == inst.days
        if working and length > s.max_consecutive:
            out.append(f"{s.id} day {first}: {length} shifts in a row > {s.max_consecutive}")
        if working and length < s.min_consecutive and not edge:
            out.append(f"{s.id} day {first}: {length} shifts in a row < {s.min_consecutive}")
        if not working and length < s.min_days_off and not edge:
            out.append(f"{s.id} day {first}: {length} days off in a row < {s.min_days_off}")
    weekends = sum(1 for w in range(inst.days // 7)
                   if row[7 * w + 5] is not None or row[7 * w + 6] is not None)
    if weekends > s.max_weekends:
        out.append(f"{s.id}: {weekends} weekends > {s.max_weekends}")
    out += [f"{s.id} day {d}: works on a day off" for d in sorted(inst.days_off.get(s.id, ()))
            if row[d] is not None]
    pairs = enumerate(zip(row, row[1:], strict=False))
    out += [f"{s.id} day {d + 1}: {b} after {a}" for d, (a, b) in pairs
            if a is not None and b is not None and b in inst.barred.get(a, frozenset())]
    return out


def evaluate(inst: Instance, assignment: Assignment) -> Report:
    """Check every hard rule and compute the objective of an assignment."""
    rep = Report()
    rows = {s.id: [assignment.get((s.id, d)) for d in range(inst.days)] for s in inst.staff}
    known = set(rows)
    rep.violations += [f"unknown employee or day {k}" for k, v in assignment.items()
                       if v is not None and (k[0] not in known or not 0 <= k[1] < inst.days)]
    for s in inst.staff:
        rep.violations += staff_violations(inst, s, rows[s.id])
    rep.on_cost = sum(w for e, d, code, w in inst.on if rows[e][d] != code)
    rep.off_cost = sum(w for e, d, code, w in inst.off if rows[e][d] == code)
    for d, code, need, under, over in inst.cover:
        have = sum(1 for r in rows.values() if r[d] == code)
        rep.under_cost += under * max(0, need - have)
        rep.over_cost += over * max(0, have - need)
    return rep
