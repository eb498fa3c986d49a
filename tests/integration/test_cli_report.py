"""`kefu report …` and `kefu staff set --base-wage` against a real database."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from sqlmodel import Session, select

from bot.cli import main
from bot.policy import load_policy
from bot.services.attendance.clocking import clock
from bot.services.staff import by_slack_id
from db.engine import make_engine, session_scope
from db.models import AuditLog, LedgerEntry, Staff

Invoke = Callable[..., tuple[int, str, str]]
SHANGHAI = ZoneInfo("Asia/Shanghai")
FEB = [d for d in (date(2026, 2, n) for n in range(1, 29)) if d.weekday() < 5]
HEADERS = ["姓名", "应出勤天数", "实际出勤天数", "迟到次数", "迟到分钟", "早退次数", "缺卡次数",
           "补卡次数", "旷工天数", "请假天数", "罚款合计", "红包未发", "全勤奖"]


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cli.db'}"


@pytest.fixture
def run(tmp_path: Path, url: str, monkeypatch: pytest.MonkeyPatch) -> Invoke:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", url)
    for var in ("KEFU_POLICY", "SLACK_BOT_TOKEN", "KEFU_LANG"):
        monkeypatch.delenv(var, raising=False)
    runner = CliRunner()

    def invoke(*args: str) -> tuple[int, str, str]:
        r = runner.invoke(main, list(args))
        return r.exit_code, r.stdout, r.stderr

    for slack_id, name in [("U0A1", "陈晓"), ("U0A2", "林悦")]:
        assert invoke("staff", "add", slack_id, "--name", name)[0] == 0
    roster = tmp_path / "feb.csv"
    roster.write_text("date,staff,shift\n" + "".join(
        f"{d},{who},D\n" for d in FEB for who in ("U0A1", "U0A2")), encoding="utf-8")
    # February is history: importing it now is an explicit, audited correction.
    assert invoke("roster", "import", str(roster), "--correct", "--reason", "paper roster")[0] == 0
    _punch_february(url)
    return invoke


def _punch_february(url: str) -> None:
    """陈晓 is 40 minutes late on Feb 3, otherwise on time; 林悦 never misses."""
    policy, engine = load_policy(None), make_engine(url)
    with session_scope(engine) as s:
        for slack_id in ("U0A1", "U0A2"):
            who = by_slack_id(s, slack_id=slack_id)
            assert who is not None
            for d in FEB:
                late = 40 if (slack_id, d.day) == ("U0A1", 3) else -5
                start = datetime(d.year, d.month, d.day, 8, 30, tzinfo=SHANGHAI)
                clock(s, who=who, kind="in", now=start + timedelta(minutes=late), policy=policy)
                clock(s, who=who, kind="out", now=start + timedelta(hours=9, minutes=3),
                      policy=policy)
        s.add(LedgerEntry(staff_id=1, kind="fine", rule="games", amount_fen=1050, day=FEB[0],
                          actor="test"))
    engine.dispose()


def test_attendance_xlsx_has_dingtalk_headers_and_one_row_per_person(
        run: Invoke, tmp_path: Path) -> None:
    assert run("staff", "set", "陈晓", "--base-wage", "4200")[0] == 0
    code, out, _ = run("report", "attendance", "--month", "2026-02", "--out", "r.xlsx")
    assert code == 0 and "2 rows" in out
    sheet = load_workbook(tmp_path / "r.xlsx").active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0][:13]) == HEADERS
    lin, chen = (dict(zip(rows[0], r, strict=True)) for r in rows[1:])  # by name
    assert (chen["姓名"], chen["应出勤天数"], chen["迟到分钟"], chen["旷工天数"]) == (
        "陈晓", 20, 40, 0.5)
    assert (chen["罚款合计"], chen["全勤奖"], chen["旷工扣薪天数"], chen["旷工扣薪"]) == (
        10.5, 0, 3, 450)  # 4200 × 3 / 28 days
    assert sheet["K2"].number_format == "0.00"
    assert (lin["全勤奖"], lin["旷工扣薪"], lin["备注"]) == (200, None, None)


def test_attendance_csv_opens_in_excel_with_chinese_headers(run: Invoke, tmp_path: Path) -> None:
    assert run("report", "attendance", "--month", "2026-02", "--out", "r.csv")[0] == 0
    raw = (tmp_path / "r.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0].startswith(",".join(HEADERS))
    assert lines[1].startswith("林悦,20,20,0,0,0,0,0,0,0,0.00,0.00,200.00,")


def test_attendance_without_out_prints_the_table_in_english_if_asked(run: Invoke) -> None:
    code, out, _ = run("report", "attendance", "--month", "2026-02", "--lang", "en")
    assert code == 0
    header, *rows = out.splitlines()
    assert header.startswith("Name\tScheduled days\tDays attended") and len(rows) == 2


def test_penalties_report_lists_each_ledger_entry(run: Invoke) -> None:
    code, out, _ = run("report", "penalties", "--month", "2026-02")
    assert code == 0
    assert out.splitlines()[1].split("\t")[:6] == [
        "2026-02-02", "陈晓", "上班玩游戏/看视频", "10.50", "10.50", "未付"]


@pytest.mark.parametrize(("args", "message"), [
    (("--month", "2026-13"), '--month: bad month "2026-13" (use YYYY-MM, e.g. 2026-11)'),
    (("--month", "feb"), '--month: bad month "feb"'),
    (("--out", "r.pdf"), 'r.pdf: unknown file type ".pdf" (use .xlsx or .csv)'),
])
def test_bad_month_or_file_type_exits_2_with_one_line(run: Invoke, args: tuple[str, ...],
                                                       message: str, tmp_path: Path) -> None:
    code, out, err = run("report", "attendance", *args)
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "r.pdf").exists()


def test_staff_set_base_wage_stores_exact_fen_and_an_audit_row(run: Invoke, url: str) -> None:
    code, out, _ = run("staff", "set", "U0A2", "--base-wage", "4500.5")
    assert code == 0 and out.strip() == "U0A2 林悦: base wage 4500.50 yuan"
    engine = make_engine(url)
    with Session(engine) as s:
        lin = s.exec(select(Staff).where(Staff.slack_id == "U0A2")).one()
        audit = s.exec(select(AuditLog).where(AuditLog.action == "staff.base_wage")).one()
    engine.dispose()
    assert lin.base_wage_fen == 450050
    assert (json.loads(audit.before or "{}"), json.loads(audit.after or "{}")) == (
        {"base_wage_fen": None}, {"base_wage_fen": 450050})


def test_staff_set_base_wage_none_clears_it(run: Invoke) -> None:
    assert run("staff", "set", "陈晓", "--base-wage", "3000")[0] == 0
    code, out, _ = run("staff", "set", "陈晓", "--base-wage", "none")
    assert code == 0 and "base wage none" in out


@pytest.mark.parametrize(("who", "wage", "message"), [
    ("陈晓", "45.555", '--base-wage: "45.555" is not an amount in yuan'),
    ("陈晓", "-100", '--base-wage: "-100" is not an amount in yuan'),
    ("nobody", "4500", 'unknown staff "nobody"'),
])
def test_staff_set_with_bad_input_exits_2_and_changes_nothing(
        run: Invoke, url: str, who: str, wage: str, message: str) -> None:
    code, _, err = run("staff", "set", who, "--base-wage", wage)
    assert code == 2 and message in err
    engine = make_engine(url)
    with Session(engine) as s:
        assert all(p.base_wage_fen is None for p in s.exec(select(Staff)).all())
    engine.dispose()
