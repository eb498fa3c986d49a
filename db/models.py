"""Every table, in one place. Instants are stored in UTC; money is integer fen."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from db.types import UTCDateTime


def utcnow() -> datetime:
    """Return the current instant (UTC)."""
    return datetime.now(UTC)


class Staff(SQLModel, table=True):
    """A team member, known by Slack user ID."""

    id: int | None = Field(default=None, primary_key=True)
    slack_id: str = Field(index=True, unique=True, max_length=32)
    name: str = Field(index=True, max_length=64)
    role: str = Field(default="agent", max_length=16)  # agent | lead | admin
    group_name: str | None = Field(default=None, max_length=32)  # 售前 / 售后 / 进港 …
    active: bool = Field(default=True)
    base_wage_fen: int | None = None  # monthly base wage; absence deductions use it
    # The person's Slack locale (zh-CN, en-US…), kept here so a reply needs no users.info.
    locale: str | None = Field(default=None, max_length=16)
    locale_checked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class RosterEntry(SQLModel, table=True):
    """One person's shift on one roster day; no shift code means a rest day."""

    __table_args__ = (UniqueConstraint("staff_id", "day", name="uq_roster_staff_day"),)

    id: int | None = Field(default=None, primary_key=True)
    staff_id: int = Field(foreign_key="staff.id", index=True)
    day: date = Field(index=True)
    shift_code: str | None = Field(default=None, max_length=16)
    source: str = Field(default="import", max_length=16)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Punch(SQLModel, table=True):
    """A clock-in or clock-out, with its assessment against the shift at the time."""

    id: int | None = Field(default=None, primary_key=True)
    staff_id: int = Field(foreign_key="staff.id", index=True)
    kind: str = Field(max_length=3)  # in | out
    at: datetime = Field(sa_type=UTCDateTime, index=True)
    shift_day: date = Field(index=True)  # roster day the punch counts for (local day if no shift)
    shift_code: str | None = Field(default=None, max_length=16)
    minutes_late: int = 0
    minutes_early: int = 0
    overtime_minutes: int = 0
    tier_no: int | None = None
    fine_fen: int = 0
    absence_half_days: int = 0
    note: str | None = Field(default=None, sa_column=Column(Text))
    source: str = Field(default="slack", max_length=16)
    # One clock-in per person and shift: a repeat or a retry hits this key and adds nothing.
    dedupe_key: str | None = Field(default=None, unique=True, max_length=80)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class AuditLog(SQLModel, table=True):
    """Who changed what, when, from what to what; written in the change's transaction."""

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
    actor: str = Field(max_length=64)
    action: str = Field(max_length=48)
    entity: str = Field(max_length=32)
    entity_id: str | None = Field(default=None, max_length=64)
    before: str | None = Field(default=None, sa_column=Column(Text))
    after: str | None = Field(default=None, sa_column=Column(Text))


class LedgerEntry(SQLModel, table=True):
    """One line of the fine ledger; never updated or deleted, only reversed by another line.

    A fine has a positive amount; a reversal (waiver, upheld appeal, superseded punch) has
    the negated amount and points at the fine it cancels, at most once.
    """

    id: int | None = Field(default=None, primary_key=True)
    staff_id: int = Field(foreign_key="staff.id", index=True)
    kind: str = Field(max_length=8)  # fine | reversal
    rule: str = Field(max_length=32)  # late | early | makeup_out | a catalogue code
    amount_fen: int
    quantity: int = 1
    red_packet: bool = False
    shares: int | None = None
    flag: str | None = Field(default=None, max_length=16)  # dismissal | notice
    day: date = Field(index=True)  # the team-local day of what caused it
    due_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    punch_id: int | None = Field(default=None, foreign_key="punch.id", index=True)
    request_id: int | None = Field(default=None, foreign_key="request.id", index=True)
    reverses_id: int | None = Field(default=None, foreign_key="ledgerentry.id", unique=True)
    # A fine from a punch is keyed by the punch; a manual one by the Slack trigger.
    dedupe_key: str | None = Field(default=None, unique=True, max_length=80)
    note: str | None = Field(default=None, sa_column=Column(Text))
    actor: str = Field(max_length=64)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class LedgerPayment(SQLModel, table=True):
    """A fine marked paid (the red packet sent), with what was owed at that moment."""

    id: int | None = Field(default=None, primary_key=True)
    entry_id: int = Field(foreign_key="ledgerentry.id", unique=True)
    amount_fen: int
    paid_at: datetime = Field(sa_type=UTCDateTime, index=True)
    actor: str = Field(max_length=64)


class FundSpend(SQLModel, table=True):
    """Money taken out of the team fund by a lead."""

    id: int | None = Field(default=None, primary_key=True)
    amount_fen: int
    day: date = Field(index=True)
    note: str = Field(sa_column=Column(Text, nullable=False))
    actor: str = Field(max_length=64)
    dedupe_key: str | None = Field(default=None, unique=True, max_length=80)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Request(SQLModel, table=True):
    """Anything waiting for a lead: pending → approved / rejected / cancelled / expired.

    A swap starts as `proposed` (waiting for its counterpart): accepted → pending, or
    declined / cancelled / expired.
    """

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=16, index=True)  # makeup | appeal | swap | leave
    state: str = Field(default="pending", max_length=12, index=True)
    requester_id: int = Field(foreign_key="staff.id", index=True)
    # A swap's other person, who accepts before a lead decides, and their direct message.
    counterpart_id: int | None = Field(default=None, foreign_key="staff.id", index=True)
    counterpart_channel: str | None = Field(default=None, max_length=32)
    counterpart_ts: str | None = Field(default=None, max_length=32)
    payload: str = Field(sa_column=Column(Text, nullable=False))  # JSON, kind-specific
    reason: str | None = Field(default=None, sa_column=Column(Text))
    day: date | None = Field(default=None, index=True)  # the day it is about
    expires_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    channel: str | None = Field(default=None, max_length=32)
    ts: str | None = Field(default=None, max_length=32)
    decided_by: str | None = Field(default=None, max_length=64)
    decided_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    decision_note: str | None = Field(default=None, sa_column=Column(Text))
    dedupe_key: str | None = Field(default=None, unique=True, max_length=80)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Parcel(SQLModel, table=True):
    """A problem parcel (问题件) logged against its waybill; its clocks and how it closed."""

    id: int | None = Field(default=None, primary_key=True)
    waybill: str = Field(index=True, max_length=12)
    type_code: str = Field(index=True, max_length=16)
    status: str = Field(default="open", index=True, max_length=12)  # open | a close state
    # The waybill while the record is open, NULL once closed: at most one open record per
    # waybill on every database (NULLs never clash), and a concurrent second log hits it.
    open_key: str | None = Field(default=None, unique=True, max_length=12)
    note: str | None = Field(default=None, sa_column=Column(Text))
    related: str | None = Field(default=None, max_length=200)  # main/sub waybills, comma-joined
    no_transfer: bool = False  # marked 超区勿转: held as a problem, never transferred
    logged_by: str = Field(max_length=32)
    owner: str = Field(index=True, max_length=32)
    logged_at: datetime = Field(sa_type=UTCDateTime, index=True)
    updated_at: datetime = Field(sa_type=UTCDateTime, index=True)  # last follow-up
    hold_from: datetime = Field(sa_type=UTCDateTime)  # notified (logged) or the sender's reply
    replied: bool = False  # a sender-station reply is on record (consent for EMS)
    transfer_day: date | None = None
    photos: int = 0
    closed_at: datetime | None = Field(default=None, sa_type=UTCDateTime, index=True)
    closed_by: str | None = Field(default=None, max_length=32)
    early_return: bool = False  # returned before the hold ran out: a fault
    transfer_channel: str | None = Field(default=None, max_length=16)
    billing_kg: int | None = None
    transfer_fee_fen: int | None = None


class ParcelEvent(SQLModel, table=True):
    """One entry of a parcel's history: logged, a note, a reply, a photo, assigned, closed."""

    id: int | None = Field(default=None, primary_key=True)
    parcel_id: int = Field(foreign_key="parcel.id", index=True)
    at: datetime = Field(sa_type=UTCDateTime)
    kind: str = Field(max_length=12)  # log | note | reply | photo | assign | a close state
    actor: str = Field(max_length=32)
    text: str | None = Field(default=None, sa_column=Column(Text))
    file_id: str | None = Field(default=None, max_length=32)
    file_url: str | None = Field(default=None, max_length=500)


class LeaveDay(SQLModel, table=True):
    """A day of approved leave (请假) or rest (休假): one per person and day."""

    __table_args__ = (UniqueConstraint("staff_id", "day", name="uq_leave_staff_day"),)

    id: int | None = Field(default=None, primary_key=True)
    staff_id: int = Field(foreign_key="staff.id", index=True)
    day: date = Field(index=True)
    kind: str = Field(max_length=12)  # rest | personal | sick
    request_id: int | None = Field(default=None, foreign_key="request.id", index=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class SwapCredit(SQLModel, table=True):
    """The swap ledger (还班): one row per approved swap, who took a shift for whom."""

    id: int | None = Field(default=None, primary_key=True)
    request_id: int = Field(foreign_key="request.id", unique=True)
    helper_id: int = Field(foreign_key="staff.id", index=True)  # took the other's shift
    helped_id: int = Field(foreign_key="staff.id", index=True)
    day: date
    shift_code: str = Field(max_length=16)
    shift_back: bool = False  # the helped person worked one of the helper's shifts in return
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class RosterDraft(SQLModel, table=True):
    """A generated week waiting for a lead: draft → published / discarded."""

    id: int | None = Field(default=None, primary_key=True)
    week: str = Field(max_length=10, index=True)  # ISO week, 2026-W48
    state: str = Field(default="draft", max_length=12, index=True)
    cells: str = Field(sa_column=Column(Text, nullable=False))  # JSON [[staff, day, code]]
    summary: str = Field(sa_column=Column(Text, nullable=False))  # JSON fairness figures
    created_by: str = Field(max_length=64)
    channel: str | None = Field(default=None, max_length=32)
    ts: str | None = Field(default=None, max_length=32)
    decided_by: str | None = Field(default=None, max_length=64)
    decided_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class RosterWish(SQLModel, table=True):
    """A soft wish for a shift or a day off, filed ahead; the solver tries to honour it."""

    __table_args__ = (UniqueConstraint("staff_id", "day", name="uq_wish_staff_day"),)

    id: int | None = Field(default=None, primary_key=True)
    staff_id: int = Field(foreign_key="staff.id", index=True)
    day: date = Field(index=True)
    shift_code: str | None = Field(default=None, max_length=16)  # None: the day off
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Inbox(SQLModel, table=True):
    """A request from Slack, stored before it is acknowledged and processed from here.

    `key` (the trigger or event ID) is unique, so a retry or a replay adds nothing;
    `received_at` is the instant the work counts at, even when it runs after a restart.
    """

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, max_length=96)
    route: str = Field(max_length=48)
    body: str = Field(sa_column=Column(Text, nullable=False))  # JSON, as Slack sent it
    received_at: datetime = Field(sa_type=UTCDateTime)
    state: str = Field(default="new", max_length=8, index=True)  # new | working | done | failed
    done_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class Outbox(SQLModel, table=True):
    """A message for Slack, written in the transaction of the change that caused it and
    sent until Slack takes it."""

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=16)  # api | respond | file | card | card_update
    lane: str = Field(max_length=200)  # where it goes; one place's messages keep their order
    payload: str = Field(sa_column=Column(Text, nullable=False))  # JSON
    state: str = Field(default="pending", max_length=8, index=True)  # pending | sent | failed
    attempts: int = 0
    next_at: datetime = Field(sa_type=UTCDateTime, index=True)
    last_error: str | None = Field(default=None, max_length=200)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class JobRun(SQLModel, table=True):
    """One scheduled instant of a job, done or skipped: (job, instant) is unique, so a
    restart, a second scheduler or a manual run of the same instant posts nothing twice."""

    __table_args__ = (UniqueConstraint("job", "instant", name="uq_jobrun_job_instant"),)

    id: int | None = Field(default=None, primary_key=True)
    job: str = Field(max_length=32, index=True)
    instant: datetime = Field(sa_type=UTCDateTime, index=True)
    state: str = Field(max_length=8)  # done | skipped
    recorded_at: datetime = Field(sa_type=UTCDateTime)
    note: str | None = Field(default=None, max_length=200)


class FocusItem(SQLModel, table=True):
    """A lead's focus item (今日重点) for a day's morning summary."""

    id: int | None = Field(default=None, primary_key=True)
    day: date = Field(index=True)
    text: str = Field(max_length=300)
    by: str = Field(max_length=32)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class CallRound(SQLModel, table=True):
    """One missed-call round (呼损回拨) posted with a "called back" button: who confirmed it,
    and the earlier round its post named as still unconfirmed."""

    id: int | None = Field(default=None, primary_key=True)
    instant: datetime = Field(sa_type=UTCDateTime, unique=True)
    unanswered: datetime | None = Field(default=None, sa_type=UTCDateTime)
    channel: str | None = Field(default=None, max_length=32)
    ts: str | None = Field(default=None, max_length=32)
    done_by: str | None = Field(default=None, max_length=32)
    done_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class NoticeSent(SQLModel, table=True):
    """A notice that goes out once per subject (a parcel's hold, a person's month): the
    unique (topic, subject) keeps it once across repeated runs, restarts and schedulers."""

    __table_args__ = (UniqueConstraint("topic", "subject", name="uq_noticesent_topic_subject"),)

    id: int | None = Field(default=None, primary_key=True)
    topic: str = Field(max_length=24)
    subject: str = Field(max_length=64)
    at: datetime = Field(sa_type=UTCDateTime)


class Reminder(SQLModel, table=True):
    """A lead's custom reminder (`/kefu remind add`): TEXT posted to the team channel at its
    times of day; removing one keeps the row, so its past runs still name it."""

    id: int | None = Field(default=None, primary_key=True)
    spec: str = Field(max_length=64)  # the schedule as typed, e.g. 14:00-17:00/1h
    times: str = Field(max_length=400)  # the times of day it expands to, comma-joined HH:MM
    days: str = Field(default="all", max_length=8)  # all | workday | restday | mon..sun
    text: str = Field(max_length=300)
    created_by: str = Field(max_length=32)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    active: bool = Field(default=True, index=True)
    removed_by: str | None = Field(default=None, max_length=32)
    removed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class HandoverNote(SQLModel, table=True):
    """A note for a shift's handover (交接班), written by one of its people during it."""

    id: int | None = Field(default=None, primary_key=True)
    day: date = Field(index=True)  # the roster day of the shift the note belongs to
    shift_code: str = Field(max_length=16)
    author: str = Field(max_length=32)  # Slack user ID
    text: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(sa_type=UTCDateTime)


class Handover(SQLModel, table=True):
    """A shift's handover as sent to the next shift's people: once per leaving shift."""

    __table_args__ = (UniqueConstraint("day", "shift_code", name="uq_handover_day_shift"),)

    id: int | None = Field(default=None, primary_key=True)
    day: date  # the leaving shift
    shift_code: str = Field(max_length=16)
    to_day: date  # the shift taking over
    to_code: str = Field(max_length=16)
    sent_at: datetime = Field(sa_type=UTCDateTime)


class HandoverRead(SQLModel, table=True):
    """One reader of a handover: where their copy went and when they pressed Read."""

    __table_args__ = (UniqueConstraint("handover_id", "reader", name="uq_handoverread_reader"),)

    id: int | None = Field(default=None, primary_key=True)
    handover_id: int = Field(foreign_key="handover.id", index=True)
    reader: str = Field(max_length=32, index=True)  # Slack user ID
    channel: str | None = Field(default=None, max_length=32)
    ts: str | None = Field(default=None, max_length=32)
    read_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
