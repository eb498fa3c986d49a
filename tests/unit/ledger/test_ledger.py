"""The ledger's arithmetic: doubling derived at read, at most once; balances; escalation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.ledger import Line, balance_fen, outstanding, owed_now_fen, step_amount_fen

DUE = datetime(2026, 11, 26, 16, 0, tzinfo=UTC)
offsets = st.integers(-10**6, 10**8).map(lambda s: DUE + timedelta(seconds=s))


@given(amount=st.integers(1, 10**7), m=st.integers(1, 5), t1=offsets, t2=offsets)
def test_an_overdue_red_packet_is_multiplied_once_however_late(amount: int, m: int,
                                                               t1: datetime,
                                                               t2: datetime) -> None:
    line = Line(1, amount, red_packet=True, due_at=DUE)
    owed1, owed2 = owed_now_fen(line, t1, m), owed_now_fen(line, t2, m)
    assert owed1 == (amount * m if t1 > DUE else amount)
    if t1 > DUE and t2 > DUE:
        assert owed1 == owed2


@given(amount=st.integers(1, 10**7), t=offsets)
def test_a_fine_that_is_not_a_red_packet_never_doubles(amount: int, t: datetime) -> None:
    assert owed_now_fen(Line(1, amount, red_packet=False, due_at=DUE), t, 2) == amount


@given(amounts=st.lists(st.integers(1, 10**6), min_size=1, max_size=30),
       waived=st.sets(st.integers(0, 29)), t=offsets)
def test_waivers_net_to_zero_and_leave_nothing_owed(amounts: list[int], waived: set[int],
                                                    t: datetime) -> None:
    fines = [Line(i, a, red_packet=True, due_at=DUE) for i, a in enumerate(amounts)]
    reversals = [Line(1000 + i, -amounts[i], reverses=i) for i in waived if i < len(amounts)]
    lines = fines + reversals
    assert balance_fen(lines) == sum(a for i, a in enumerate(amounts) if i not in waived)
    for fine in fines:
        pair = [r for r in reversals if r.reverses == fine.id]
        assert not pair or balance_fen([fine, *pair]) == 0
    owed_ids = {line.id for line, _ in outstanding(lines, t, 2)}
    assert owed_ids == {i for i in range(len(amounts)) if i not in waived}


def test_the_last_escalation_step_repeats() -> None:
    assert [step_amount_fen((1000, 3000), n) for n in (1, 2, 3, 9)] == [1000, 3000, 3000, 3000]
    with pytest.raises(ValueError):
        step_amount_fen((1000,), 0)
