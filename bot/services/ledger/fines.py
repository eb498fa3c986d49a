"""Writing the fine ledger: fines from punches and leads, reversals, payments. Append only."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, func, select

from bot.domain.ledger import month_bounds, red_packet_due, step_amount_fen
from bot.policy import Policy
from bot.policy.fines import FineRule
from bot.services import audit
from bot.services.errors import LEADS, Refused, require_role
from bot.services.ledger.views import EntryView, entries, entry
from bot.services.staff import StaffView
from db.models import LedgerEntry, LedgerPayment, Punch, RosterEntry

BOT_ACTOR = "kefu-bot"


def due_for(session: Session, staff_id: int, day: date, policy: Policy) -> datetime:
    """Due at the end of the person's next rostered working day (the next day if none)."""
    following = session.exec(
        select(RosterEntry).where(
            RosterEntry.staff_id == staff_id, col(RosterEntry.day) > day,
            col(RosterEntry.day) <= day + timedelta(days=14),
            col(RosterEntry.shift_code).is_not(None)).order_by(col(RosterEntry.day))).first()
    return red_packet_due(following.day if following else day + timedelta(days=1), policy.tz)


def add_entry(session: Session, row: LedgerEntry, *, action: str, now: datetime,
         policy: Policy) -> EntryView:
    """Insert one ledger line with its audit row; return it as people read it."""
    row.created_at = now  # the request's instant, which a refund in the fund is dated by
    session.add(row)
    session.flush()
    audit.record(session, actor=row.actor, action=action, entity="ledger", entity_id=row.id,
                 after={"staff_id": row.staff_id, "rule": row.rule, "fen": row.amount_fen,
                        "reverses": row.reverses_id, "note": row.note})
    assert row.id is not None
    found = entry(session, entry_id=row.id, now=now, policy=policy)
    assert found is not None
    return found


def fine_for_punch(session: Session, *, punch: Punch, now: datetime, policy: Policy,
                   due_from: date | None = None) -> EntryView | None:
    """Record the red packet a late or early punch costs; nothing if it costs nothing.

    A punch has at most one standing fine. A punch re-assessed after a roster correction
    may be fined again once its earlier fine is reversed; that fine is due counting from
    DUE_FROM (the day of the correction), not from the long-past day of the punch.
    """
    if punch.fine_fen <= 0 or punch.id is None or punch.tier_no is None:
        return None
    earlier = entries(session, now=now, policy=policy,
                      where=(LedgerEntry.punch_id == punch.id) & (LedgerEntry.kind == "fine"))
    standing = next((e for e in earlier if e.reversed_by is None), None)
    if standing is not None:
        return standing
    tier = policy.lateness_tiers()[punch.tier_no - 1]
    key = f"punch:{punch.id}" if not earlier else f"punch:{punch.id}:{len(earlier) + 1}"
    row = LedgerEntry(
        staff_id=punch.staff_id, kind="fine", rule="late" if punch.kind == "in" else "early",
        amount_fen=punch.fine_fen, red_packet=True, shares=tier.shares, day=punch.shift_day,
        due_at=due_for(session, punch.staff_id, due_from or punch.shift_day, policy),
        punch_id=punch.id, dedupe_key=key, actor=BOT_ACTOR)
    return add_entry(session, row, action="ledger.fine", now=now, policy=policy)


def reverse_punch_fine(session: Session, *, punch_id: int, reason: str, now: datetime,
                       policy: Policy) -> EntryView | None:
    """Reverse the fine of a punch that no longer counts (a later clock-out replaced it)."""
    standing = entries(session, now=now, policy=policy, where=(LedgerEntry.punch_id == punch_id)
                       & (LedgerEntry.kind == "fine"))
    fine = next((e for e in standing if e.reversed_by is None), None)
    if fine is None:
        return None
    return reverse(session, entry_id=fine.id, actor=BOT_ACTOR, reason=reason, now=now,
                   policy=policy)


def reverse(session: Session, *, entry_id: int, actor: str, reason: str, now: datetime,
            policy: Policy, request_id: int | None = None) -> EntryView:
    """Cancel a fine with a second, negative line; a fine is reversed at most once."""
    fine = entry(session, entry_id=entry_id, now=now, policy=policy)
    if fine is None or fine.kind != "fine":
        raise Refused("no_fine", id=entry_id)
    if fine.reversed_by is not None:
        raise Refused("already_reversed", id=entry_id, by=fine.reversed_by)
    row = LedgerEntry(
        staff_id=fine.staff_id, kind="reversal", rule=fine.rule, amount_fen=-fine.amount_fen,
        quantity=fine.quantity, red_packet=fine.red_packet, day=fine.day, reverses_id=fine.id,
        request_id=request_id, note=reason, actor=actor)
    try:
        with session.begin_nested():
            return add_entry(session, row, action="ledger.reverse", now=now, policy=policy)
    except IntegrityError:  # a concurrent reversal of the same fine won
        raise Refused("already_reversed", id=entry_id, by=None) from None


def waive(session: Session, *, lead: StaffView, entry_id: int, reason: str, now: datetime,
          policy: Policy) -> EntryView:
    """A lead cancels a fine, with the reason on record."""
    require_role(lead)
    return reverse(session, entry_id=entry_id, actor=lead.slack_id, reason=reason, now=now,
                   policy=policy)


def occurrences_this_month(session: Session, *, staff_id: int, rule: str, day: date) -> int:
    """Count the person's standing (unreversed) fines under RULE in DAY's month."""
    first, last = month_bounds(day)
    reversed_ids = select(LedgerEntry.reverses_id).where(col(LedgerEntry.reverses_id).is_not(None))
    return session.exec(select(func.count()).select_from(LedgerEntry).where(
        LedgerEntry.staff_id == staff_id, LedgerEntry.rule == rule, LedgerEntry.kind == "fine",
        col(LedgerEntry.day) >= first, col(LedgerEntry.day) <= last,
        col(LedgerEntry.id).not_in(reversed_ids))).one()


def record_manual(session: Session, *, lead: StaffView, target: StaffView, rule: FineRule,
                  quantity: int, note: str | None, now: datetime, policy: Policy,
                  dedupe_key: str | None = None) -> EntryView:
    """A lead records a catalogue fine; the amount and escalation come from the policy."""
    require_role(lead)
    if dedupe_key:
        done = entries(session, now=now, policy=policy,
                       where=LedgerEntry.dedupe_key == dedupe_key)
        if done:
            return done[0]
    day = now.astimezone(policy.tz).date()
    nth = occurrences_this_month(session, staff_id=target.id, rule=rule.code, day=day) + 1
    # The seeds' third games offence is dismissal, not a third fine: the dismissal step is
    # recorded (it counts, it can be appealed) with no money and the dismissal flag.
    dismissal = rule.dismissal_from is not None and nth >= rule.dismissal_from
    amount = 0 if dismissal else step_amount_fen(rule.amounts_fen, nth) * quantity
    row = LedgerEntry(
        staff_id=target.id, kind="fine", rule=rule.code, quantity=quantity, day=day,
        amount_fen=amount,
        flag="dismissal" if dismissal else None, note=note, actor=lead.slack_id,
        dedupe_key=dedupe_key)
    return add_entry(session, row, action="ledger.fine", now=now, policy=policy)


def mark_paid(session: Session, *, who: StaffView, entry_id: int, now: datetime,
              policy: Policy) -> tuple[EntryView, bool]:
    """Mark a fine paid at what it costs now; return it and whether this call marked it."""
    fine = entry(session, entry_id=entry_id, now=now, policy=policy)
    if fine is None or fine.kind != "fine":
        raise Refused("no_fine", id=entry_id)
    if fine.staff_id != who.id and who.role not in LEADS:
        raise Refused("not_yours", id=entry_id)
    if fine.paid_fen is not None:
        return fine, False
    if fine.reversed_by is not None:
        raise Refused("already_reversed", id=entry_id, by=fine.reversed_by)
    if fine.owed_fen <= 0:
        raise Refused("nothing_to_pay", id=entry_id)
    try:
        with session.begin_nested():
            session.add(LedgerPayment(entry_id=fine.id, amount_fen=fine.owed_fen, paid_at=now,
                                      actor=who.slack_id))
    except IntegrityError:  # a concurrent click marked it first
        paid = entry(session, entry_id=entry_id, now=now, policy=policy)
        assert paid is not None
        return paid, False
    audit.record(session, actor=who.slack_id, action="ledger.paid", entity="ledger",
                 entity_id=fine.id, before={"owed_fen": fine.owed_fen},
                 after={"paid_fen": fine.owed_fen})
    paid = entry(session, entry_id=entry_id, now=now, policy=policy)
    assert paid is not None
    return paid, True
