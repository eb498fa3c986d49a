"""Team members and their roles."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from bot.parse.common import PersonRef, UsageError, normal
from bot.services import audit
from db.models import Staff

ROLES = ("agent", "lead", "admin")
_SLACK_ID = re.compile(r"^[UW][A-Z0-9]{2,30}$")


class StaffError(ValueError):
    """Bad input for a staff change; the message says what to type instead."""


@dataclass(frozen=True)
class StaffView:
    """A member as the rest of the bot sees them."""

    id: int
    slack_id: str
    name: str
    role: str
    group: str | None


def view(s: Staff) -> StaffView:
    """Freeze a Staff row for use outside the session."""
    assert s.id is not None
    return StaffView(s.id, s.slack_id, s.name, s.role, s.group_name)


def is_slack_id(text: str) -> bool:
    """Say whether TEXT looks like a Slack member ID (U012ABCDEF)."""
    return bool(_SLACK_ID.match(text))


def add_or_update(
    session: Session, *, slack_id: str, name: str, role: str, group: str | None, actor: str
) -> tuple[StaffView, bool]:
    """Add a member, or update the one with this Slack ID; return it and whether it is new."""
    if not is_slack_id(slack_id):
        raise StaffError(f'Slack user ID "{slack_id}" should look like U012ABCDEF')
    if role not in ROLES:
        raise StaffError(f'role "{role}" should be one of: {", ".join(ROLES)}')
    name = name.strip()
    if not name:
        raise StaffError("name must not be empty")
    row = session.exec(select(Staff).where(Staff.slack_id == slack_id)).first()
    before = None if row is None else view(row).__dict__
    created = row is None
    row = row or Staff(slack_id=slack_id, name=name)
    row.name, row.role, row.group_name, row.active = name, role, group, True
    session.add(row)
    session.flush()
    after = view(row)
    audit.record(session, actor=actor, action="staff.add" if created else "staff.update",
                 entity="staff", entity_id=row.id, before=before, after=after.__dict__)
    return after, created


def list_active(session: Session) -> list[StaffView]:
    """Every active member, by name."""
    rows = session.exec(select(Staff).where(col(Staff.active)).order_by(Staff.name)).all()
    return [view(r) for r in rows]


def by_slack_id(session: Session, *, slack_id: str) -> StaffView | None:
    """Find an active member by Slack ID."""
    row = session.exec(
        select(Staff).where(Staff.slack_id == slack_id, col(Staff.active))
    ).first()
    return None if row is None else view(row)


def by_name(session: Session, *, name: str) -> list[StaffView]:
    """Find active members by exact name (there may be several)."""
    rows = session.exec(select(Staff).where(Staff.name == name, col(Staff.active))).all()
    return [view(r) for r in rows]


def matching(session: Session, *, ref: str) -> list[StaffView]:
    """Members REF may mean: the one with that Slack ID, else everyone with that name."""
    found = by_slack_id(session, slack_id=ref)
    return [found] if found else by_name(session, name=ref)


def set_base_wage(session: Session, *, ref: str, fen: int | None, actor: str) -> StaffView:
    """Set (or with None clear) the monthly base wage of the member REF names."""
    found = matching(session, ref=ref)
    if len(found) != 1:
        raise StaffError(f'"{ref}" is named by {len(found)} people; use the Slack ID' if found
                         else f'unknown staff "{ref}" (use a Slack user ID or a name from '
                         "`kefu staff list`)")
    row = session.get(Staff, found[0].id)
    assert row is not None
    before = row.base_wage_fen
    row.base_wage_fen = fen
    session.add(row)
    audit.record(session, actor=actor, action="staff.base_wage", entity="staff",
                 entity_id=row.id, before={"base_wage_fen": before},
                 after={"base_wage_fen": fen})
    return found[0]


def named(session: Session, ref: PersonRef | None, *, asker: StaffView) -> list[StaffView]:
    """Members a typed person may mean: the asker for @我/@me/@自己, else as `matching`."""
    if ref is not None and ref.me:
        return [asker]
    found = matching(session, ref=ref.typed if ref else "")
    if found or ref is None or ref.name is None:
        return found
    # Typed names arrive with full-width letters folded; a name stored that way still counts.
    return [s for s in list_active(session) if normal(s.name) == ref.name]


def resolve(session: Session, ref: PersonRef | None, command: str, *,
            asker: StaffView) -> StaffView:
    """The one team member a command names, or a usage error for COMMAND."""
    found = named(session, ref, asker=asker)
    if len(found) != 1:
        raise UsageError(command, "unknown_person", who=ref.typed if ref else "")
    return found[0]


@dataclass(frozen=True)
class KnownLocale:
    """A member's Slack locale as last learned, and when."""

    locale: str | None
    checked_at: datetime | None


def known_locale(session: Session, *, slack_id: str) -> KnownLocale | None:
    """The locale kept on a member's row; None when they are not on the team."""
    row = session.exec(select(Staff).where(Staff.slack_id == slack_id)).first()
    return None if row is None else KnownLocale(row.locale, row.locale_checked_at)


def keep_locale(session: Session, *, slack_id: str, locale: str | None, now: datetime) -> None:
    """Remember a member's Slack locale (from users.info or a user_change event)."""
    row = session.exec(select(Staff).where(Staff.slack_id == slack_id)).first()
    if row is not None:
        row.locale = (locale or row.locale or "")[:16] or None
        row.locale_checked_at = now
        session.add(row)
