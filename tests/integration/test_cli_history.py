"""`kefu roster import` keeps the past unless told to correct it; `kefu roster correct`.

The command line reads the real clock, so history here is January 2026 and the future 2030.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.integration.conftest import Invoke

PAST, FUTURE = "2026-01-05", "2030-01-07"




def roster_file(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "roster.csv"
    path.write_text("\n".join(["date,staff,shift", *lines]) + "\n", encoding="utf-8")
    return path


def exported(run: Invoke, tmp_path: Path) -> list[str]:
    out = tmp_path / "out.csv"
    assert run("roster", "export", "--from", "2026-01-01", "--to", "2030-12-31", str(out))[0] == 0
    rows = [line.split(",") for line in out.read_text(encoding="utf-8-sig").splitlines()[1:]]
    return [",".join([date, staff, shift]) for date, staff, _name, shift in rows]


def audit_actions(tmp_path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(tmp_path / "cli.db") as db:
        return list(db.execute("select action, after from auditlog where entity = 'roster'"))


def test_import_refuses_rows_for_begun_shifts_and_imports_nothing(run: Invoke,
                                                                  tmp_path: Path) -> None:
    src = roster_file(tmp_path, [f"{PAST},U0A1,D", f"{FUTURE},U0A2,E"])
    code, _, err = run("roster", "import", str(src))
    assert code == 2
    assert f"roster.csv line 2: U0A1 on {PAST} is 休 and has begun (or has punches); " \
           "the file says D" in err
    assert "import again with --correct --reason TEXT" in err
    assert exported(run, tmp_path) == []


def test_import_with_correct_needs_a_reason(run: Invoke, tmp_path: Path) -> None:
    code, _, err = run("roster", "import", str(roster_file(tmp_path, [f"{PAST},U0A1,D"])),
                       "--correct")
    assert code == 2 and "--correct needs --reason TEXT" in err
    assert exported(run, tmp_path) == []


def test_import_with_correct_rewrites_the_past_audited_and_unchanged_rows_need_nothing(
        run: Invoke, tmp_path: Path) -> None:
    src = roster_file(tmp_path, [f"{PAST},U0A1,D", f"{FUTURE},U0A2,E"])
    code, out, _ = run("roster", "import", str(src), "--correct", "--reason", "paper roster")
    assert code == 0 and "imported 2 rows from roster.csv (2 changed)" in out
    assert "排班更正" in out and f"陈晓 {PAST[5:]}：休 → D" in out
    assert exported(run, tmp_path) == [f"{PAST},U0A1,D", f"{FUTURE},U0A2,E"]
    actions = audit_actions(tmp_path)
    assert [a for a, _ in actions] == ["roster.set", "roster.correct"]
    assert "paper roster" in actions[1][1]
    code, out, _ = run("roster", "import", str(src))  # the same past again is no change
    assert code == 0 and "(0 changed)" in out


def test_roster_correct_rewrites_one_begun_shift_with_its_reason(run: Invoke,
                                                                 tmp_path: Path) -> None:
    run("roster", "import", str(roster_file(tmp_path, [f"{PAST},U0A1,D"])), "--correct",
        "--reason", "paper roster")
    code, out, _ = run("roster", "correct", PAST, "陈晓", "晚班", "--reason", "worked late",
                       "--lang", "en")
    assert code == 0 and "Roster corrected* (reason: worked late)" in out
    assert f"陈晓 {PAST[5:]}: D → E" in out
    assert exported(run, tmp_path) == [f"{PAST},U0A1,E"]
    assert "worked late" in audit_actions(tmp_path)[-1][1]
    code, out, _ = run("roster", "correct", PAST, "U0A1", "E", "--reason", "again")
    assert code == 0 and "already has E" in out


@pytest.mark.parametrize(("args", "message"), [
    ((PAST, "U0A1", "X", "--reason", "r"), 'unknown shift "X" (use a code or name: D, E'),
    ((PAST, "王五", "D", "--reason", "r"), '"王五" names 0 people'),
    ((PAST, "U0A1", "D"), "Missing option '--reason'"),
])
def test_roster_correct_mistakes_exit_2_and_change_nothing(run: Invoke, tmp_path: Path,
                                                           args: tuple[str, ...],
                                                           message: str) -> None:
    code, _, err = run("roster", "correct", *args)
    assert code == 2 and message in err
    assert exported(run, tmp_path) == []
