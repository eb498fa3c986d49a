"""The lead's fine form: member, rule from the policy's catalogue, count, note; recorded as
`/penalty @member RULE [COUNT] [note]` is."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from bot import ids
from bot.context import Context
from bot.domain.money import yuan
from bot.handlers.forms.base import (
    FieldError,
    Form,
    Prefill,
    Submission,
    Values,
    chosen,
    picked_user,
    typed,
)
from bot.parse.common import PersonRef, UsageError, ascii_int, parse_person, split_first
from bot.parse.fines import MAX_COUNT, PenaltyCmd
from bot.render.form_views import fine_view
from bot.render.forms import View
from bot.render.text import Lang
from bot.services import ledger
from bot.services.errors import LEADS
from bot.services.requests import Answer
from bot.services.staff import StaffView

FORM_WORDS = frozenset({"new", "fine", "新申请", "罚款", "记录"})


def wants_form(text: str) -> bool:
    """True for `/penalty 罚款` (new) alone, or `/penalty @member` without a rule."""
    word, rest = split_first(text)
    if rest:
        return False
    person = parse_person(text.strip()) if word else None
    return word in FORM_WORDS or (person is not None and person.slack_id is not None)


def draw(ctx: Context, session: Session, who: StaffView, lang: Lang, now: datetime,
         prefill: Prefill) -> View:
    """The form, with the member the command named, if any."""
    person = parse_person(prefill.get("text", "").strip())
    rules = []
    for r in ctx.policy.fines:
        unit = (r.unit if lang == "zh" else r.unit_en) or ""
        amount = f"{yuan(r.amounts_fen[0])}{'元' if lang == 'zh' else ' yuan'}"
        per = f"/{unit}" if unit else ""
        rules.append((r.code, f"{r.name if lang == 'zh' else r.name_en} · {amount}{per}"))
    return fine_view(lang, rules, person.slack_id if person else None)


def read(values: Values) -> PenaltyCmd:
    """The typed fine the form says; a missing or impossible field is a FieldError."""
    person = picked_user(values, "person")
    if person is None:
        raise FieldError("person", UsageError("penalty", "unknown_person", who=""))
    rule = chosen(values, "rule")
    if rule is None:
        raise FieldError("rule", UsageError("penalty", "no_rule"))
    count_word = typed(values, "count")
    count = ascii_int(count_word, 1, MAX_COUNT) if count_word else None
    if count_word and count is None:
        raise FieldError("count", UsageError("penalty", "bad_count", word=count_word,
                                             most=MAX_COUNT))
    return PenaltyCmd("fine", person=PersonRef(slack_id=person), rule_word=rule, count=count,
                      text=typed(values, "note")[:500])


def file(ctx: Context, session: Session, who: StaffView, sent: Submission,
         now: datetime) -> Answer:
    """Record the fine; the submission's key makes a second one of the same form add
    nothing."""
    return ledger.run(session, who=who, cmd=read(sent.values), now=now, policy=ctx.policy,
                      key=f"form:{sent.key}")


FORM = Form("fine", ids.FORM_FINE, draw, file, first_block="person", roles=LEADS,
            blocks={"unknown_rule": "rule", "not_per_unit": "count", "bad_count": "count",
                    "no_rule": "rule"})
