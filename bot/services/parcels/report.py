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
from bot.render.text import Lang
from bot.services.parcels.views import ParcelView, to_view
from bot.services.report_files import ReportFileError
from bot.services.staff import list_active
from db.models import Parcel

# Every header and word of the report in (Chinese, English): one file is in one language.
SUMMARY_HEADER = (("代码", "code"), ("类型", "type"), ("登记", "logged"), ("完结", "closed"),
                  ("中位用时(小时)", "median hours to close"), ("超时", "overdue"))
DETAIL_HEADER = (("运单号", "waybill"), ("类型", "type"), ("状态", "status"),
                 ("登记时间", "logged"), ("登记人", "logged by"), ("负责人", "owner"),
                 ("完结时间", "closed"), ("用时(小时)", "hours to close"), ("期限", "deadline"),
                 ("超时", "overdue"), ("提前退回", "early return"), ("转出日", "transfer day"),
                 ("渠道", "channel"), ("计费重量", "billing kg"), ("转件费(元)", "fee (yuan)"),
                 ("照片", "photos"), ("备注", "note"))
_STATUS = {"open": ("未结", "open"), "delivered": ("已派送", "delivered"),
           "transferred": ("已转件", "transferred"), "returned": ("已退回", "returned"),
           "other": ("其他", "other")}
_WORDS = {"yes": ("是", "yes"), "summary": ("汇总", "summary"), "detail": ("明细", "detail")}


def _pick(pair: tuple[str, str], lang: Lang) -> str:
    return pair[0] if lang == "zh" else pair[1]


def header(spec: tuple[tuple[str, str], ...], lang: Lang) -> tuple[str, ...]:
    """Return a header row in LANG."""
    return tuple(_pick(pair, lang) for pair in spec)


@dataclass(frozen=True)
class TypeSummary:
    """One type's month: logged, closed, the median hours to close, how many ran over."""

    code: str
    name: str
    name_en: str
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
        out.append(TypeSummary(kind.code, kind.name, kind.name_en, len(mine), len(done), median,
                               late))
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


def summary_rows(report: ParcelReport, lang: Lang = "zh") -> list[tuple[object, ...]]:
    """Return the summary sheet's rows (without the header), type names in LANG."""
    return [(s.code, s.name if lang == "zh" else s.name_en, s.logged, s.closed,
             "" if s.median_hours is None else s.median_hours, s.overdue) for s in report.summary]


def _at(t: datetime | None) -> str:
    return t.strftime("%Y-%m-%d %H:%M") if t else ""


def detail_rows(report: ParcelReport, lang: Lang = "zh") -> list[tuple[object, ...]]:
    """Return one row per parcel logged in the month, words in LANG; customer phones masked."""
    out: list[tuple[object, ...]] = []
    yes = _pick(_WORDS["yes"], lang)
    for p in report.detail:
        hours = _hours(p)
        out.append((
            p.waybill, p.kind.name if lang == "zh" else p.kind.name_en,
            _pick(_STATUS.get(p.status, (p.status, p.status)), lang), _at(p.logged_at),
            report.names.get(p.logged_by, p.logged_by), report.names.get(p.owner, p.owner),
            _at(p.closed_at), "" if hours is None else hours, _at(p.deadline),
            yes if clocks.is_overdue(p.deadline, p.closed_at, report.as_of) else "",
            yes if p.early_return else "",
            p.transfer_day.isoformat() if p.transfer_day else "", p.channel or "",
            "" if p.billing_kg is None else p.billing_kg,
            "" if p.fee_fen is None else yuan(p.fee_fen), p.photos, mask_phones(p.note or "")))
    return out


def _write_csv(path: Path, head: Sequence[str], rows: list[tuple[object, ...]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(head)
        w.writerows(rows)


def write_report(report: ParcelReport, path: Path, lang: Lang = "zh") -> list[Path]:
    """Write .xlsx (sheets summary and detail) or .csv (FILE and FILE-detail.csv) in LANG."""
    suffix = path.suffix.lower()
    sheets = ((_pick(_WORDS["summary"], lang), header(SUMMARY_HEADER, lang),
               summary_rows(report, lang)),
              (_pick(_WORDS["detail"], lang), header(DETAIL_HEADER, lang),
               detail_rows(report, lang)))
    if suffix == ".csv":
        detail = path.with_name(f"{path.stem}-detail.csv")
        for where, (_, head, rows) in zip((path, detail), sheets, strict=True):
            _write_csv(where, head, rows)
        return [path, detail]
    if suffix != ".xlsx":
        raise ReportFileError(f"{path.name}: unknown file type; use .xlsx or .csv")
    wb = Workbook(write_only=True)  # streams rows: a month of parcels is written in a blink
    for title, head, rows in sheets:
        sheet = wb.create_sheet(title)
        for row in (head, *rows):
            sheet.append(list(row))
    wb.save(path)
    return [path]
