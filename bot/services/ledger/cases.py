"""`/penalty` use cases: my fines, a lead's fine or waiver, paying, appealing, the fund."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from sqlmodel import Session

from bot.parse.common import PersonRef
from bot.parse.fines import PenaltyCmd
from bot.policy import Policy
from bot.policy.fines import FineRule
from bot.services.errors import Refused
from bot.services.ledger import fines as ledger
from bot.services.ledger import fund
from bot.services.ledger.appeals import file_appeal
from bot.services.ledger.views import entry, statement
from bot.services.requests import Answer, Notice
from bot.services.staff import StaffView, resolve

MissedPunches = Callable[[Session, StaffView], Sequence[object]]
Case = Callable[[Session, StaffView, PenaltyCmd, datetime, Policy, str | None], Answer]


def _person(session: Session, ref: PersonRef | None, asker: StaffView) -> StaffView:
    return resolve(session, ref, "penalty", asker=asker)


def _rule(cmd: PenaltyCmd, policy: Policy) -> tuple[FineRule, int]:
    rule = policy.find_fine(cmd.rule_word)
    if rule is None:
        raise Refused("unknown_rule", word=cmd.rule_word, codes=[r.code for r in policy.fines])
    if cmd.count is not None and not rule.per_unit:
        raise Refused("not_per_unit", code=rule.code)
    return rule, cmd.count or 1


def _mine(s: Session, who: StaffView, now: datetime, policy: Policy,
          missed: Sequence[object]) -> Answer:
    return Answer("penalty_mine", {"s": statement(s, staff_id=who.id, now=now, policy=policy),
                                   "missed": missed})


def _rules(s: Session, who: StaffView, cmd: PenaltyCmd, now: datetime, policy: Policy,
           _key: str | None) -> Answer:
    return Answer("penalty_rules", {"rules": policy.fines})


def _fine(s: Session, who: StaffView, cmd: PenaltyCmd, now: datetime, policy: Policy,
          key: str | None) -> Answer:
    target = _person(s, cmd.person, who)
    rule, count = _rule(cmd, policy)
    e = ledger.record_manual(s, lead=who, target=target, rule=rule, quantity=count,
                             note=cmd.text or None, now=now, policy=policy,
                             dedupe_key=f"fine:{key}" if key else None)
    # A dismissal record charges nothing, so there is nothing to mark paid; it can be appealed.
    dm = Notice(target.slack_id, "fine_dm", {"e": e},
                buttons="appeal" if e.state == "dismissal" else "fine", ref=e.id)
    return Answer("penalty_recorded", {"e": e, "fr": rule}, notices=[dm])


def _paid(s: Session, who: StaffView, cmd: PenaltyCmd, now: datetime, policy: Policy,
          _key: str | None) -> Answer:
    assert cmd.entry_id is not None
    e, newly = ledger.mark_paid(s, who=who, entry_id=cmd.entry_id, now=now, policy=policy)
    notices = [Notice("team", "notice_paid", {"e": e})] if newly else []
    return Answer("penalty_paid", {"e": e, "newly": newly}, notices=notices)


def _waive(s: Session, who: StaffView, cmd: PenaltyCmd, now: datetime, policy: Policy,
           _key: str | None) -> Answer:
    assert cmd.entry_id is not None
    rev = ledger.waive(s, lead=who, entry_id=cmd.entry_id, reason=cmd.text, now=now,
                       policy=policy)
    fine = entry(s, entry_id=cmd.entry_id, now=now, policy=policy)
    assert fine is not None
    dm = Notice(fine.slack_id, "fine_waived_dm", {"fine": fine, "rev": rev})
    return Answer("penalty_waived", {"fine": fine, "rev": rev,
                                     "balance": fund.balance_fen(s)}, notices=[dm])


def _appeal(s: Session, who: StaffView, cmd: PenaltyCmd, now: datetime, policy: Policy,
            _key: str | None) -> Answer:
    assert cmd.entry_id is not None
    req, created = file_appeal(s, who=who, entry_id=cmd.entry_id, reason=cmd.text or None,
                               now=now, policy=policy)
    return Answer("request_filed", {"r": req, "created": created},
                  new_request=req if created else None)


def _fund(s: Session, who: StaffView, cmd: PenaltyCmd, now: datetime, policy: Policy,
          _key: str | None) -> Answer:
    assert cmd.month is not None
    return Answer("penalty_fund", {"f": fund.month_view(s, month=cmd.month, now=now,
                                                          policy=policy)})


def _spend(s: Session, who: StaffView, cmd: PenaltyCmd, now: datetime, policy: Policy,
           key: str | None) -> Answer:
    assert cmd.amount_fen is not None
    spent, balance = fund.spend(s, lead=who, amount_fen=cmd.amount_fen, note=cmd.text,
                                now=now, policy=policy, dedupe_key=f"spend:{key}" if key else None)
    data = {"s": spent, "balance": balance, "by": who.name}
    return Answer("fund_spent", data, notices=[Notice("team", "notice_spend", data)])


CASES: dict[str, Case] = {"rules": _rules, "fine": _fine, "paid": _paid,
                          "waive": _waive, "appeal": _appeal, "fund": _fund, "spend": _spend}


def run(session: Session, *, who: StaffView, cmd: PenaltyCmd, now: datetime, policy: Policy,
        key: str | None = None, missed: MissedPunches | None = None) -> Answer:
    """Do what a parsed /penalty asks; KEY (the Slack trigger) makes a retry add nothing.

    MISSED lists my missed punches for my statement: attendance knows them, and the ledger
    sits below attendance, so the caller passes them in.
    """
    if cmd.action == "mine":
        return _mine(session, who, now, policy, missed(session, who) if missed else [])
    return CASES[cmd.action](session, who, cmd, now, policy, key)
