"""`kefu report parcels`: the month per type, the detail rows, and the files it writes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot.cli import main
from bot.policy import Policy
from bot.services.parcels.close import Transfer, close_parcel
from bot.services.parcels.records import log_parcel
from bot.services.parcels.report import ParcelReport, detail_rows, monthly_report
from bot.services.staff import add_or_update
from db.engine import make_engine, session_scope, upgrade

SH = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 12, 5, 9, 0, tzinfo=SH)


def at(month: int, day: int, hh: int) -> datetime:
    return datetime(2026, month, day, hh, 0, tzinfo=SH)


# (waybill, type, logged, closed as, closed at)
NOVEMBER = (
    ("518012345601", "phone", at(11, 2, 9), "delivered", at(11, 3, 9)),  # 24 h, in time
    ("518012345602", "phone", at(11, 5, 9), "returned", at(11, 9, 9)),  # 96 h: past the hold
    ("518012345603", "damaged", at(11, 28, 10), None, None),  # open, hold ends in December
    ("518012345604", "超区", at(11, 10, 15), "transferred", at(11, 12, 10)),  # a day late
    ("518012345605", "phone", at(10, 30, 9), "delivered", at(11, 1, 9)),  # October's, 48 h
)


def _fill(engine: Engine, policy: Policy) -> None:
    with session_scope(engine) as s:
        who, _ = add_or_update(s, slack_id="U0A1", name="陈晓", role="agent", group=None,
                               actor="t")
        for waybill, kind, logged, state, closed in NOVEMBER:
            log_parcel(s, who=who, waybill=waybill, type_word=kind, note="客户 13812345678",
                       now=logged, policy=policy)
            if state and closed:
                transfer = Transfer("申通") if state == "transferred" else None
                close_parcel(s, who=who, waybill=waybill, state=state, note="", now=closed,
                             policy=policy, transfer=transfer)


@pytest.fixture
def november(engine: Engine, policy: Policy) -> ParcelReport:
    _fill(engine, policy)
    with Session(engine) as s:
        return monthly_report(s, month=date(2026, 11, 1), now=NOW, policy=policy)


def test_each_type_counts_logged_closed_median_hours_and_overdue(november: ParcelReport) -> None:
    rows = {r.code: (r.logged, r.closed, r.median_hours, r.overdue) for r in november.summary}
    assert rows["phone"] == (2, 3, 48.0, 1)
    assert rows["out-of-area"] == (1, 1, 43.0, 1)
    assert rows["damaged"] == (1, 0, None, 0)
    assert rows["missorted"] == (0, 0, None, 0)


def test_the_detail_has_one_row_per_parcel_logged_in_the_month_phones_masked(
        november: ParcelReport) -> None:
    rows = detail_rows(november)
    assert [r[0] for r in rows] == ["518012345601", "518012345602", "518012345604",
                                    "518012345603"]
    assert rows[0][4] == "陈晓" and rows[0][7] == 24.0
    assert all(r[-1] == "客户 138****5678" for r in rows)
    assert rows[2][12] == "申通" and rows[2][9] == "是"


def test_the_detail_masks_phones_typed_in_full_width_and_landlines(engine: Engine,
                                                                  policy: Policy) -> None:
    with session_scope(engine) as s:
        who, _ = add_or_update(s, slack_id="U0A1", name="陈晓", role="agent", group=None,
                               actor="t")
        log_parcel(s, who=who, waybill="518012345609", type_word="phone",
                   note="客户 １３８１２３４５６７８ 座机 021-62345678", now=at(11, 3, 9),
                   policy=policy)
    with Session(engine) as s:
        found = monthly_report(s, month=date(2026, 11, 1), now=NOW, policy=policy)
    [row] = detail_rows(found)
    assert row[-1] == "客户 １３８****５６７８ 座机 021-****5678"


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        policy: Policy) -> Iterator[CliRunner]:
    monkeypatch.chdir(tmp_path)
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    for var in ("KEFU_POLICY", "SLACK_BOT_TOKEN", "KEFU_LANG"):
        monkeypatch.delenv(var, raising=False)
    engine = make_engine(url)
    upgrade(engine)
    _fill(engine, policy)
    engine.dispose()
    yield CliRunner()


def test_report_prints_the_summary_without_out(cli: CliRunner) -> None:
    r = cli.invoke(main, ["report", "parcels", "--month", "2026-11"])
    assert r.exit_code == 0
    phone = next(line for line in r.stdout.splitlines() if line.startswith("电话错误"))
    assert phone.split()[1:] == ["2", "3", "48", "1"]


def test_report_writes_an_xlsx_with_summary_and_detail_sheets(cli: CliRunner,
                                                              tmp_path: Path) -> None:
    r = cli.invoke(main, ["report", "parcels", "--month", "2026-11", "--out", "nov.xlsx"])
    assert r.exit_code == 0 and "4 parcels" in r.stdout
    wb = load_workbook(tmp_path / "nov.xlsx")
    summary, detail = wb.worksheets
    assert [c.value for c in summary[2]][:6] == ["phone", "电话错误", 2, 3, 48, 1]
    assert detail.max_row == 5 and detail["A2"].value == "518012345601"


def test_report_writes_a_csv_summary_and_a_detail_csv_beside_it(cli: CliRunner,
                                                                tmp_path: Path) -> None:
    r = cli.invoke(main, ["report", "parcels", "--month", "2026-11", "--out", "nov.csv"])
    assert r.exit_code == 0
    summary = (tmp_path / "nov.csv").read_text(encoding="utf-8-sig").splitlines()
    detail = (tmp_path / "nov-detail.csv").read_text(encoding="utf-8-sig").splitlines()
    assert summary[1] == "phone,电话错误,2,3,48.0,1" and len(detail) == 5


def _has_latin_word(text: object) -> bool:
    return re.search(r"[A-Za-z]{2,}", str(text)) is not None


def test_a_chinese_report_has_chinese_headers_and_words(cli: CliRunner, tmp_path: Path) -> None:
    r = cli.invoke(main, ["report", "parcels", "--month", "2026-11", "--out", "nov.xlsx"])
    assert r.exit_code == 0
    wb = load_workbook(tmp_path / "nov.xlsx")
    assert wb.sheetnames == ["汇总", "明细"]
    summary, detail = wb.worksheets
    assert [c.value for c in summary[1]][:3] == ["代码", "类型", "登记"]
    assert not any(_has_latin_word(c.value) for c in (*summary[1], *detail[1]))
    assert [c.value for c in detail[2]][2] == "已派送"


def test_an_english_report_has_english_headers_and_words(cli: CliRunner,
                                                          tmp_path: Path) -> None:
    r = cli.invoke(main, ["report", "parcels", "--month", "2026-11", "--out", "nov.csv",
                          "--lang", "en"])
    assert r.exit_code == 0
    summary = (tmp_path / "nov.csv").read_text(encoding="utf-8-sig").splitlines()
    detail = (tmp_path / "nov-detail.csv").read_text(encoding="utf-8-sig").splitlines()
    assert summary[0] == "code,type,logged,closed,median hours to close,overdue"
    assert summary[1] == "phone,Wrong phone,2,3,48.0,1"
    assert detail[0].startswith("waybill,type,status,logged,logged by,owner,closed")
    assert ",delivered," in detail[1] and not re.search(r"[\u4e00-\u9fff]", detail[0])


def test_the_printed_summary_follows_the_language(cli: CliRunner) -> None:
    r = cli.invoke(main, ["report", "parcels", "--month", "2026-11", "--lang", "en"])
    assert r.exit_code == 0 and r.stdout.startswith("problem parcels 2026-11")
    assert any(line.startswith("Wrong phone") for line in r.stdout.splitlines())
    zh = cli.invoke(main, ["report", "parcels", "--month", "2026-11"])
    assert zh.stdout.startswith("问题件 2026-11")


@pytest.mark.parametrize(("args", "message"), [
    (["--month", "2026-13"], '--month: bad month "2026-13" (use YYYY-MM, e.g. 2026-11)'),
    (["--month", "11/2026"], '--month: bad month "11/2026" (use YYYY-MM, e.g. 2026-11)'),
    (["--month", "2026-11", "--out", "nov.pdf"], "nov.pdf: unknown file type; use .xlsx or .csv"),
])
def test_bad_report_input_exits_2_with_one_line(cli: CliRunner, args: list[str],
                                                message: str) -> None:
    r = cli.invoke(main, ["report", "parcels", *args])
    assert r.exit_code == 2 and r.stderr.strip() == message
