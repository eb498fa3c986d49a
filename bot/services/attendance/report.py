"""The monthly reports leads read, attendance and penalties, as tables in Chinese or English."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlmodel import Session, col, select

from bot.domain.period import Month
from bot.policy import Policy
from bot.render.labels import rule_labeler
from bot.render.notes import note_text
from bot.render.text import Lang
from bot.services.attendance.rows import AttendanceRow, attendance_rows
from bot.services.ledger import EntryState, entry_state, load_month_ledger, refund_fen
from bot.services.report_files import Cell, Column, Kind, Table, file_bytes, money
from db.models import Staff

ReportKind = Literal["attendance", "penalties"]
REPORTS: tuple[ReportKind, ...] = ("attendance", "penalties")

_ATTENDANCE: tuple[tuple[str, str, Kind, int], ...] = (
    ("姓名", "Name", "text", 12), ("应出勤天数", "Scheduled days", "number", 10),
    ("实际出勤天数", "Days attended", "number", 12), ("迟到次数", "Times late", "number", 9),
    ("迟到分钟", "Minutes late", "number", 9), ("早退次数", "Times left early", "number", 9),
    ("缺卡次数", "Missed punches", "number", 9), ("补卡次数", "Make-up punches", "number", 9),
    ("旷工天数", "Absence days", "number", 9), ("请假天数", "Leave days", "number", 9),
    ("罚款合计", "Fines (yuan)", "money", 10),
    ("红包未发", "Red packets unpaid (yuan)", "money", 10),
    ("全勤奖", "Full-attendance bonus (yuan)", "money", 10),
    ("旷工扣薪天数", "Wage deducted (days)", "text", 12),
    ("旷工扣薪", "Wage deducted (yuan)", "money", 10), ("备注", "Notes", "text", 24),
    ("Slack ID", "Slack ID", "text", 12),
)
_PENALTIES: tuple[tuple[str, str, Kind, int], ...] = (
    ("日期", "Date", "text", 11), ("姓名", "Name", "text", 12), ("规则", "Rule", "text", 14),
    ("金额", "Amount (yuan)", "money", 10), ("现应付", "Owed now (yuan)", "money", 10),
    ("状态", "State", "text", 8), ("编号", "ID", "number", 7),
    ("冲销编号", "Reverses ID", "number", 9), ("备注", "Note", "text", 30),
    ("应退", "Refund owed (yuan)", "money", 10), ("标记", "Flag", "text", 10),
)
_STATES: dict[EntryState, tuple[str, str]] = {
    "owed": ("未付", "owed"), "overdue": ("逾期", "overdue"), "paid": ("已付", "paid"),
    "reversed": ("已撤销", "reversed"), "reversal": ("冲销", "reversal"),
    "dismissal": ("辞退", "dismissal")}
_WORDS = {"whole_month": ("整月", "whole month"), "notice": ("全员通报", "company-wide notice"),
          "dismissal": ("建议辞退", "dismissal flag"), "so_far": ("截至 {}", "so far, to {}")}
_TITLES = {"attendance": ("考勤", "Attendance"), "penalties": ("罚款", "Penalties")}


def _pick(pair: tuple[str, str], lang: Lang) -> str:
    """Return the Chinese or the English word of a pair."""
    return pair[0] if lang == "zh" else pair[1]


def _columns(spec: tuple[tuple[str, str, Kind, int], ...], lang: Lang) -> tuple[Column, ...]:
    return tuple(Column(zh if lang == "zh" else en, kind, width) for zh, en, kind, width in spec)


def _word(key: str, lang: Lang) -> str:
    return _pick(_WORDS[key], lang)


def _notes(r: AttendanceRow, today: str, lang: Lang) -> str:
    s = r.summary
    flags = [_word(k, lang) for k in ("notice", "dismissal")
             if getattr(s, k) or (k == "dismissal" and r.dismissal_fine)]
    if s.so_far:
        flags.append(_word("so_far", lang).format(today))
    return "; ".join(flags)


def _attendance_cells(r: AttendanceRow, today: str, lang: Lang) -> tuple[Cell, ...]:
    s, d = r.summary, r.summary.deduction
    days: Cell = None if d is None else (_word("whole_month", lang) if d.whole_month else d.days)
    return (r.who.name, s.scheduled_days, s.attended_days, s.late_count, s.late_minutes,
            s.early_count, s.missed_punches, r.makeups, s.absence_days, s.leave_days,
            money(r.fines_fen), money(r.unpaid_red_packets_fen), money(s.bonus_fen), days,
            None if d is None or d.fen is None else money(d.fen), _notes(r, today, lang),
            r.who.slack_id)


def attendance_table(session: Session, *, month: Month, now: datetime, policy: Policy,
                     lang: Lang) -> Table:
    """Return the month's attendance, one row per person, DingTalk's columns first."""
    rows = attendance_rows(session, month=month, now=now, policy=policy)
    today = now.astimezone(policy.tz).strftime("%m-%d")
    return Table(f"{_pick(_TITLES['attendance'], lang)} {month}", _columns(_ATTENDANCE, lang),
                 [_attendance_cells(r, today, lang) for r in rows])


def penalties_table(session: Session, *, month: Month, now: datetime, policy: Policy,
                    lang: Lang) -> Table:
    """Return one row per ledger entry of the month: date, name, rule, amount, state."""
    ledger = load_month_ledger(session, month=month)
    ids = {e.staff_id for e in ledger.entries}
    names = dict(session.exec(select(col(Staff.id), col(Staff.name))
                              .where(col(Staff.id).in_(ids))).all()) if ids else {}
    multiplier = policy.red_packet.unpaid_multiplier
    label = rule_labeler(policy, lang)
    rows: list[tuple[Cell, ...]] = []
    for e in ledger.entries:
        state = entry_state(ledger, e, now)
        owed = e.amount_fen * (multiplier if state == "overdue" else 1) \
            if state in ("owed", "overdue") else 0
        flag = _word("dismissal", lang) if e.flag == "dismissal" else ""
        rows.append((e.day.isoformat(), names.get(e.staff_id, str(e.staff_id)), label(e.rule),
                     money(e.amount_fen), money(owed), _pick(_STATES[state], lang), e.id,
                     e.reverses_id, note_text(e.note, lang), money(refund_fen(ledger, e)), flag))
    return Table(f"{_pick(_TITLES['penalties'], lang)} {month}", _columns(_PENALTIES, lang),
                 rows)


def report_table(session: Session, *, kind: ReportKind, month: Month, now: datetime,
                 policy: Policy, lang: Lang) -> Table:
    """Return the report of KIND for MONTH."""
    build = attendance_table if kind == "attendance" else penalties_table
    return build(session, month=month, now=now, policy=policy, lang=lang)


@dataclass(frozen=True)
class ReportFile:
    """A report as an .xlsx file, for sending in Slack."""

    filename: str
    content: bytes
    rows: int
    so_far: bool  # the month is still running


def report_file(session: Session, *, kind: ReportKind, month: Month, now: datetime,
                policy: Policy, lang: Lang) -> ReportFile:
    """Return the report of KIND for MONTH as an .xlsx file."""
    table = report_table(session, kind=kind, month=month, now=now, policy=policy, lang=lang)
    return ReportFile(f"kefu-{kind}-{month}.xlsx", file_bytes(table, ".xlsx"), len(table.rows),
                      now.astimezone(policy.tz).date() <= month.last)
