"""What `/parcel` does for a parsed command: one call per request, returning what to show."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlmodel import Session

from bot.domain.parcel_fees import quote
from bot.parse.parcel import ParcelCmd
from bot.policy import Policy
from bot.services.parcels.close import Transfer, close_parcel
from bot.services.parcels.records import ParcelRefused, add_note, assign_parcel, log_parcel
from bot.services.parcels.views import history, list_parcels
from bot.services.staff import StaffView, named


@dataclass(frozen=True)
class Outcome:
    """The reply's template and data; `announce` also posts it (masked) to the team channel."""

    template: str
    data: dict[str, Any] = field(default_factory=dict)
    announce: bool = False

    @property
    def owner(self) -> str | None:
        """The Slack ID of the parcel's owner, when the outcome is about one parcel."""
        found = self.data.get("p") or getattr(self.data.get("r"), "parcel", None)
        owner = getattr(found, "owner", None)
        return owner if isinstance(owner, str) else None


def _assignee(session: Session, cmd: ParcelCmd, asker: StaffView) -> StaffView:
    found = named(session, cmd.person, asker=asker)
    if len(found) != 1:
        raise ParcelRefused("unknown_person", who=cmd.person.typed if cmd.person else "")
    return found[0]


def _show(session: Session, cmd: ParcelCmd, now: datetime, policy: Policy) -> Outcome:
    found = history(session, waybill=cmd.waybill, now=now, policy=policy)
    if found is None:
        raise ParcelRefused("never_logged", waybill=cmd.waybill)
    parcel, events, records = found
    return Outcome("parcel_show", {"p": parcel, "events": events, "records": records})


def parcel_command(session: Session, *, cmd: ParcelCmd, who: StaffView, now: datetime,
                   policy: Policy) -> Outcome:
    """Carry out one /parcel command; refusals raise ParcelRefused and change nothing."""
    s, w = session, cmd.waybill
    if cmd.action == "fee":
        assert cmd.kg is not None
        rules = policy.parcels.fee_rules()
        return Outcome("parcel_fee", {"q": quote(cmd.kg, cmd.dims, rules), "rules": rules})
    if cmd.action == "list":
        found = list_parcels(s, view=cmd.word, me=who.slack_id, now=now, policy=policy)
        return Outcome("parcel_list", {"l": found})
    if cmd.action == "show":
        return _show(s, cmd, now, policy)
    if cmd.action == "log":
        logged = log_parcel(s, who=who, waybill=w, type_word=cmd.word, note=cmd.text, now=now,
                            policy=policy)
        return Outcome("parcel_logged", {"r": logged, "cutoff": policy.parcels.transfer_cutoff},
                       announce=not logged.duplicate)
    if cmd.action == "note":
        noted = add_note(s, who=who, waybill=w, text=cmd.text, reply=cmd.reply, now=now,
                         policy=policy)
        return Outcome("parcel_noted", {"r": noted})
    if cmd.action == "assign":
        to = _assignee(s, cmd, who)
        assigned = assign_parcel(s, who=who, waybill=w, to=to, now=now, policy=policy)
        return Outcome("parcel_assigned", {"p": assigned})
    transfer = Transfer(cmd.channel, cmd.kg, cmd.dims, cmd.raw) if cmd.channel else None
    closed = close_parcel(s, who=who, waybill=w, state=cmd.word, note=cmd.text, now=now,
                          policy=policy, transfer=transfer)
    channels = [c.name for c in policy.parcels.channels]
    return Outcome("parcel_closed", {"r": closed, "channels": channels}, announce=True)
