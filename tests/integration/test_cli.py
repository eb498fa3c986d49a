"""The `kefu` command line against a real database: init, staff, roster import/export, policy."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook, load_workbook

from bot.cli import main

Invoke = Callable[..., tuple[int, str, str]]
STAFF = [("U0A1", "陈晓"), ("U0A2", "林悦")]


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Invoke:
    monkeypatch.chdir(tmp_path)  # no stray .env, data/ lands in the temp dir
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    for var in ("KEFU_POLICY", "SLACK_BOT_TOKEN", "KEFU_LANG"):
        monkeypatch.delenv(var, raising=False)
    runner = CliRunner()

    def invoke(*args: str) -> tuple[int, str, str]:
        r = runner.invoke(main, list(args))
        return r.exit_code, r.stdout, r.stderr

    for slack_id, name in STAFF:
        assert invoke("staff", "add", slack_id, "--name", name)[0] == 0
    return invoke


def _csv(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "roster.csv"
    path.write_text("\n".join(["date,staff,shift", *lines]) + "\n", encoding="utf-8")
    return path


def test_staff_list_shows_added_members(run: Invoke) -> None:
    code, out, _ = run("staff", "list")
    assert code == 0 and "U0A1\t陈晓\tagent" in out and "U0A2\t林悦" in out


def test_staff_add_with_bad_id_exits_2(run: Invoke) -> None:
    code, _, err = run("staff", "add", "chen", "--name", "x")
    assert code == 2 and 'Slack user ID "chen"' in err


def test_csv_import_then_export_round_trips(run: Invoke, tmp_path: Path) -> None:
    src = _csv(tmp_path, ["2030-11-25,U0A1,D", "2030-11-25,林悦,晚班", "2030-11-26,陈晓,休"])
    code, out, _ = run("roster", "import", str(src))
    assert code == 0 and "imported 3 rows" in out
    dst = tmp_path / "out.csv"
    assert run("roster", "export", "--from", "2030-11-25", "--to", "2030-12-01", str(dst))[0] == 0
    assert dst.read_text(encoding="utf-8").splitlines() == [
        "date,staff,shift", "2030-11-25,U0A2,E", "2030-11-25,U0A1,D", "2030-11-26,U0A1,休"]


@pytest.mark.parametrize(("bad", "message"), [
    ("2026-11-26,U0A1,早斑", 'roster.csv line 4: unknown shift "早斑"'),
    ("2026-11-26,王五,D", 'roster.csv line 4: unknown staff "王五"'),
    ("2026-02-30,U0A1,D", 'roster.csv line 4: bad date "2026-02-30"'),
    ("9999-12-31,U0A1,D", 'roster.csv line 4: bad date "9999-12-31" (use YYYY-MM-DD, years'),
    ("2026-11-24,U0A1,E", "roster.csv line 4: 陈晓 on 2026-11-24 is already on line 2"),
])
def test_bad_row_exits_2_and_imports_nothing(run: Invoke, tmp_path: Path, bad: str,
                                             message: str) -> None:
    src = _csv(tmp_path, ["2026-11-24,U0A1,D", "2026-11-25,U0A2,E", bad])
    code, _, err = run("roster", "import", str(src))
    assert code == 2 and err.strip().startswith(message)
    dst = tmp_path / "out.csv"
    run("roster", "export", "--from", "2026-11-01", "--to", "2026-11-30", str(dst))
    assert dst.read_text(encoding="utf-8").splitlines() == ["date,staff,shift"]


def test_xlsx_import_reports_excel_row_numbers(run: Invoke, tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    rows = (["date", "staff", "shift"], ["2026-11-24", "U0A1", "D"], ["2026-11-25", "U0A2", "X"])
    for row in rows:
        ws.append(row)
    path = tmp_path / "roster.xlsx"
    wb.save(path)
    code, _, err = run("roster", "import", str(path))
    assert code == 2 and 'roster.xlsx line 3: unknown shift "X"' in err


def test_xlsx_export_and_reimport(run: Invoke, tmp_path: Path) -> None:
    run("roster", "import", str(_csv(tmp_path, ["2030-11-25,U0A1,D"])))
    out = tmp_path / "week.xlsx"
    assert run("roster", "export", "--from", "2030-11-25", "--to", "2030-12-01", str(out))[0] == 0
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert rows == [("date", "staff", "shift"), ("2030-11-25", "U0A1", "D")]
    code, out_text, _ = run("roster", "import", str(out))
    assert code == 0 and "(0 changed)" in out_text


def test_policy_check_prints_the_shifts(run: Invoke) -> None:
    import bot.policy

    default = Path(bot.policy.__file__).parent / "default.toml"
    code, out, _ = run("policy", "check", str(default))
    assert code == 0 and "白班" in out and "08:30-17:30" in out


def test_policy_check_names_the_bad_key_and_line(run: Invoke, tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[team]\nname = "x"\ntimezone = "Mars/Base"\n\n[[shifts]]\ncode = "D"\n'
                   'name = "白班"\nname_en = "Day"\nstart = "08:30"\nend = "17:30"\n',
                   encoding="utf-8")
    code, _, err = run("policy", "check", str(bad))
    assert code == 2 and "bad.toml line 3: team.timezone: unknown time zone" in err


def test_bad_setting_stops_with_one_line_naming_the_variable(
        run: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KEFU_LANG", "fr")
    code, _, err = run("init")
    assert code == 2 and err.startswith("KEFU_LANG:") and len(err.strip().splitlines()) == 1


def _grouped_team(run: Invoke) -> None:
    for prefix, group in (("A", "售前"), ("B", "售后")):
        for n in range(1, 5):
            assert run("staff", "add", f"U0{prefix}{n}", "--name", f"{prefix}{n}",
                       "--group", group)[0] == 0


def test_roster_generate_prints_a_draft_and_publish_writes_it(run: Invoke) -> None:
    _grouped_team(run)
    code, out, _ = run("roster", "generate", "--week", "2030-W10", "--lang", "en")
    assert code == 0 and "Roster draft #1 — 2030-W10" in out and "Spread" in out
    assert run("roster", "export", "--from", "2030-03-04", "--to", "2030-03-10",
               "w.csv")[1].startswith("exported 0 rows")
    code, out, _ = run("roster", "generate", "--week", "2030-W10", "--publish")
    assert code == 0 and "published draft #2: 56 roster cells written" in out
    assert run("roster", "export", "--from", "2030-03-04", "--to", "2030-03-10",
               "w.csv")[1].startswith("exported 56 rows")


def test_roster_generate_explains_an_infeasible_week_and_exits_1(run: Invoke) -> None:
    for slack_id, name, group in (("U0A1", "A1", "售前"), ("U0B1", "B1", "售后")):
        assert run("staff", "add", slack_id, "--name", name, "--group", group)[0] == 0
    code, _, err = run("roster", "generate", "--week", "2030-W10", "--lang", "en")
    assert code == 1 and "No roster for 2030-W10 can keep every rule" in err


def test_roster_generate_with_a_bad_week_exits_2(run: Invoke) -> None:
    code, _, err = run("roster", "generate", "--week", "soon")
    assert code == 2 and 'bad week "soon"' in err


def test_roster_generate_with_nobody_in_a_covered_group_says_whom_to_add(run: Invoke) -> None:
    code, _, err = run("roster", "generate", "--week", "2030-W10", "--lang", "en")
    assert code == 1 and "kefu staff add" in err and "--group" in err
