"""The monthly problem-parcel report: per type counts and times, and one row per parcel."""

from __future__ import annotations

import csv
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from sqlmodel import Session, and_, col, or_, select

from bot.domain import parcel_clocks as clocks
from bot.domain.money import yuan
from bot.domain.parcels import mask_phones
from bot.policy import Policy
from bot.services.parcels.views import ParcelView, to_view
from bot.services.report_files import ReportFileError
from bot.services.staff import list_active
from db.models import Parcel

SUMMARY_HEADER = ("type", "类型", "logged 登记", "closed 完结",
                  "median hours to close 中位用时(小时)", "overdue 超时")
DETAIL_HEADER = ("waybill 运单号", "type 类型", "status 状态", "logged 登记时间",
                 "logged by 登记人", "owner 负责人", "closed 完结时间", "hours to close 用时(小时)",
                 "deadline 期限", "overdue 超时", "early return 提前退回", "transfer day 转出日",
                 "channel 渠道", "billing kg 计费重量", "fee 转件费(元)", "photos 照片",
                 "note 备注")


@dataclass(frozen=True)
class TypeSummary:
    """One type's month: logged, closed, the median hours to close, how many ran over."""

    code: str
    name: str
    logged: int
    closed: int
    median_hours: float | None
    overdue: int


@dataclass(frozen=True)
class ParcelReport:
    """A month of the register, judged at `as_of` (the month's end, or now if sooner)."""

    month: date
    as_of: datetime
    summary: list[TypeSummary]
    detail: list[ParcelView]
    names: dict[str, str]


def _hours(p: ParcelView) -> float | None:
    if p.closed_at is None:
        return None
    return round((p.closed_at - p.logged_at).total_seconds() / 3600, 1)


def _next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def _summary(policy: Policy, logged: list[ParcelView], closed: list[ParcelView],
             as_of: datetime) -> list[TypeSummary]:
    out = []
    for kind in policy.parcels.catalogue():
        mine = [p for p in logged if p.kind.code == kind.code]
        done = [h for p in closed if p.kind.code == kind.code and (h := _hours(p)) is not None]
        late = sum(clocks.is_overdue(p.deadline, p.closed_at, as_of) for p in mine)
        median = round(statistics.median(done), 1) if done else None
        out.append(TypeSummary(kind.code, kind.name, len(mine), len(done), median, late))
    return out


def monthly_report(session: Session, *, month: date, now: datetime,
                   policy: Policy) -> ParcelReport:
    """Count the month's parcels by type: logged in it, closed in it, and overdue among them."""
    start = clocks.start_of_day(month, policy.tz)
    end = clocks.start_of_day(_next_month(month), policy.tz)
    in_month = or_(and_(col(Parcel.logged_at) >= start, col(Parcel.logged_at) < end),
                   and_(col(Parcel.closed_at) >= start, col(Parcel.closed_at) < end))
    rows = session.exec(select(Parcel).where(in_month)
                        .order_by(col(Parcel.logged_at), col(Parcel.id))).all()
    as_of = min(now, end)
    views = [to_view(p, now=as_of, policy=policy) for p in rows]
    logged = [v for v in views if start <= v.logged_at < end]
    closed = [v for v in views if v.closed_at is not None and start <= v.closed_at < end]
    names = {s.slack_id: s.name for s in list_active(session)}
    return ParcelReport(month, as_of, _summary(policy, logged, closed, as_of), logged, names)


def summary_rows(report: ParcelReport) -> list[tuple[object, ...]]:
    """Return the summary sheet's rows (without the header)."""
    return [(s.code, s.name, s.logged, s.closed, "" if s.median_hours is None else s.median_hours,
             s.overdue) for s in report.summary]


def _at(t: datetime | None) -> str:
    return t.strftime("%Y-%m-%d %H:%M") if t else ""


def detail_rows(report: ParcelReport) -> list[tuple[object, ...]]:
    """Return one row per parcel logged in the month; customer phones masked."""
    out: list[tuple[object, ...]] = []
    for p in report.detail:
        hours = _hours(p)
        out.append((
            p.waybill, p.kind.name, p.status, _at(p.logged_at),
            report.names.get(p.logged_by, p.logged_by), report.names.get(p.owner, p.owner),
            _at(p.closed_at), "" if hours is None else hours, _at(p.deadline),
            "yes" if clocks.is_overdue(p.deadline, p.closed_at, report.as_of) else "",
            "yes" if p.early_return else "",
            p.transfer_day.isoformat() if p.transfer_day else "", p.channel or "",
            "" if p.billing_kg is None else p.billing_kg,
            "" if p.fee_fen is None else yuan(p.fee_fen), p.photos, mask_phones(p.note or "")))
    return out


def _write_csv(path: Path, header: Sequence[str], rows: list[tuple[object, ...]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)


def write_report(report: ParcelReport, path: Path) -> list[Path]:
    """Write .xlsx (sheets summary and detail) or .csv (FILE and FILE-detail.csv)."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        detail = path.with_name(f"{path.stem}-detail.csv")
        _write_csv(path, SUMMARY_HEADER, summary_rows(report))
        _write_csv(detail, DETAIL_HEADER, detail_rows(report))
        return [path, detail]
    if suffix != ".xlsx":
        raise ReportFileError(f"{path.name}: unknown file type; use .xlsx or .csv")
    wb = Workbook(write_only=True)  # streams rows: a month of parcels is written in a blink
    for title, header, rows in (("summary 汇总", SUMMARY_HEADER, summary_rows(report)),
                                ("detail 明细", DETAIL_HEADER, detail_rows(report))):
        sheet = wb.create_sheet(title)
        for row in (header, *rows):
            sheet.append(list(row))
    wb.save(path)
    return [path]
