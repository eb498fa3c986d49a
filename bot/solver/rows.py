"""The MILP's building blocks: the model record, a row that can bend, a person's cell terms.

x[p, d, s] is 1 when person p works shift s on day d. Cells on leave or fixed are constants,
not variables. With `elastic`, every coverage minimum and rule row gets a penalised slack,
and `slacks` says what each one means. `soft` holds the objective terms of soft coverage
(short of a minimum, above it) and `soft_const` what constant cells already cost.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pulp  # type: ignore[import-untyped]

from bot.solver.problem import Violation

Terms = list[tuple[object, int]]
Weighted = list[tuple[object, float]]
COVER_SLACK, RULE_SLACK = 3, 1  # explanation: a rule bent is cheaper than a shift unmanned


@dataclass
class Model:
    """The PuLP problem, its variables, constant cells and (elastic) slack meanings."""

    lp: pulp.LpProblem
    x: dict[tuple[int, date, str], pulp.LpVariable] = field(default_factory=dict)
    const: dict[tuple[int, date], str | None] = field(default_factory=dict)
    elastic: bool = False
    staff_to_min: bool = True  # cap hard coverage at the minimum (generation), or the maximum
    slacks: list[tuple[pulp.LpVariable, Violation]] = field(default_factory=list)
    penalty: Weighted = field(default_factory=list)
    broken: list[Violation] = field(default_factory=list)  # rows violated by constants alone
    rows: dict[tuple[int, date], list[tuple[str, pulp.LpVariable]]] = field(default_factory=dict)
    soft: Weighted = field(default_factory=list)
    soft_const: int = 0
    one: pulp.LpVariable | None = None  # fixed at 1: carries the constant part of the costs


def add_row(m: Model, terms: Terms, const: int, most: int | None, least: int | None,
            why: Violation) -> None:
    """Add least ≤ Σ terms + const ≤ most, slackened when elastic, checked when constant."""
    if not terms:
        if (most is not None and const > most) or (least is not None and const < least):
            m.broken.append(why)
        return
    expr = pulp.LpAffineExpression(terms)
    weight = COVER_SLACK if why.rule == "coverage_min" else RULE_SLACK
    if m.elastic:
        slack = m.lp.add_variable(f"s{len(m.slacks)}", lowBound=0, cat="Integer")
        m.slacks.append((slack, why))
        m.penalty.append((slack, weight))
        expr = expr + (slack if least is not None else -slack)
    if most is not None:
        m.lp += expr <= most - const
    if least is not None:
        m.lp += expr >= least - const


def person_terms(m: Model, p: int, d: date, codes: frozenset[str] | None) -> tuple[Terms, int]:
    """Return (variables, constant) for 'p works one of codes on d' (None: any shift)."""
    if (p, d) in m.const:
        c = m.const[(p, d)]
        return [], int(c is not None and (codes is None or c in codes))
    return [(v, 1) for s, v in m.rows.get((p, d), ()) if codes is None or s in codes], 0


def one(m: Model) -> pulp.LpVariable:
    """Return the model's variable fixed at 1 (made on first use)."""
    if m.one is None:
        m.one = m.lp.add_variable("one", lowBound=1, upBound=1)
    return m.one
