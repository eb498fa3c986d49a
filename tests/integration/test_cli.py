"""The `kefu` command line against a real database: init, staff, roster import/export, policy."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlmodel import Session, select

from db.engine import make_engine
from db.models import AuditLog, Staff
from tests.integration.conftest import Invoke


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
    assert dst.read_text(encoding="utf-8-sig").splitlines() == [
        "date,staff,name,shift", "2030-11-25,U0A2,林悦,E", "2030-11-25,U0A1,陈晓,D",
        "2030-11-26,U0A1,陈晓,休"]
    assert run("roster", "import", str(dst))[1].startswith("imported 3 rows")


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
    assert dst.read_text(encoding="utf-8-sig").splitlines() == ["date,staff,name,shift"]


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
    assert rows == [("date", "staff", "name", "shift"), ("2030-11-25", "U0A1", "陈晓", "D")]
    code, out_text, _ = run("roster", "import", str(out))
    assert code == 0 and "(0 changed)" in out_text


def test_an_export_names_each_person_beside_the_id(run: Invoke, tmp_path: Path) -> None:
    run("roster", "import", str(_csv(tmp_path, ["2030-11-25,U0A1,D", "2030-11-25,U0A2,休"])))
    dst = tmp_path / "week.csv"
    assert run("roster", "export", "--from", "2030-11-25", "--to", "2030-11-25", str(dst))[0] == 0
    lines = dst.read_text(encoding="utf-8-sig").splitlines()
    assert "2030-11-25,U0A1,陈晓,D" in lines and "2030-11-25,U0A2,林悦,休" in lines


def test_an_export_from_after_to_exits_2_with_one_line(run: Invoke, tmp_path: Path) -> None:
    code, out, err = run("roster", "export", "--from", "2026-11-30", "--to", "2026-11-24",
                         str(tmp_path / "w.csv"))
    assert code == 2 and out == ""
    assert err.strip() == ("--from 2026-11-30 is after --to 2026-11-24; "
                           "give the earlier date first")
    assert not (tmp_path / "w.csv").exists()


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
    assert code == 0 and "Roster draft #1 — 2030-W10" in out and "Fairness: " in out
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


def test_policy_check_says_coverage_is_per_group_and_what_a_team_without_groups_gets(
        run: Invoke) -> None:
    import bot.policy

    default = Path(bot.policy.__file__).parent / "default.toml"
    code, out, _ = run("policy", "check", str(default))
    assert code == 0 and "Coverage is counted per group (售前, 售后)" in out
    assert "Staff in none of these groups still take shifts but count for no group" in out
    assert "summed per shift: D anyone 2-6, E anyone 2-4" in out


def test_roster_import_for_a_team_without_groups_says_once_how_coverage_counts(
        run: Invoke, tmp_path: Path) -> None:
    src = _csv(tmp_path, ["2030-11-25,U0A1,D", "2030-11-26,林悦,晚班"])
    code, out, _ = run("roster", "import", str(src))
    assert code == 0 and "imported 2 rows" in out
    assert out.count("覆盖要求按组（售前、售后），但团队里没有人属于这些组：按全队计算") == 1


def test_roster_import_names_people_outside_the_coverage_groups(
        run: Invoke, tmp_path: Path) -> None:
    assert run("staff", "add", "U0B1", "--name", "B1", "--group", "售前")[0] == 0
    code, out, _ = run("roster", "import", str(_csv(tmp_path, ["2030-11-25,U0B1,D"])))
    assert code == 0 and "陈晓、林悦 不属于这些组，照常排班，但不计入各组人数" in out


def test_a_team_without_groups_generates_and_publishes_a_week(run: Invoke) -> None:
    for n in range(3, 7):  # six people in all, none in a group
        assert run("staff", "add", f"U0A{n}", "--name", f"A{n}")[0] == 0
    code, out, _ = run("roster", "generate", "--week", "2030-W10", "--lang", "en",
                       "--publish")
    assert code == 0, out
    assert "Coverage is per group (售前, 售后), but nobody on the team is in these groups" in out
    assert "published draft #1: 42 roster cells written" in out


# `kefu staff import`: a whole team from one file, all rows or none.

def _team_csv(tmp_path: Path, header: str, lines: list[str]) -> Path:
    path = tmp_path / "team.csv"
    path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    return path


def _team(tmp_path: Path) -> dict[str, tuple[str, str, str | None, int | None]]:
    with Session(make_engine(f"sqlite:///{tmp_path / 'cli.db'}")) as s:
        return {p.slack_id: (p.name, p.role, p.group_name, p.base_wage_fen)
                for p in s.exec(select(Staff)).all()}


def test_a_team_is_imported_from_a_csv(run: Invoke, tmp_path: Path) -> None:
    src = _team_csv(tmp_path, "id,name,role,group,base wage", [
        "U0B1,王芳,agent,售前,4500", "U0B2,刘强,,售后,4800.50", "U0L1,孙丽,lead,,",
        "U0A1,陈晓,agent,售前,5000"])
    code, out, err = run("staff", "import", str(src))
    assert (code, err) == (0, "")
    assert out.strip() == "imported 4 people from team.csv (3 added, 1 updated)"
    team = _team(tmp_path)
    assert team["U0B1"] == ("王芳", "agent", "售前", 450000)
    assert team["U0B2"] == ("刘强", "agent", "售后", 480050)
    assert team["U0L1"] == ("孙丽", "lead", None, None)
    assert team["U0A1"] == ("陈晓", "agent", "售前", 500000)


def test_chinese_headers_and_roles_and_an_xlsx_are_read(run: Invoke, tmp_path: Path) -> None:
    wb = Workbook()
    for row in (["姓名", "Slack ID", "角色", "组别", "基本工资"],
                ["王芳", "U0B1", "客服", "售前", 4500], ["孙丽", "U0L1", "组长", None, "5200元"],
                ["何涛", "U0M1", "管理员", None, None]):
        wb.active.append(row)
    wb.save(tmp_path / "团队.xlsx")
    code, out, _ = run("staff", "import", str(tmp_path / "团队.xlsx"))
    assert code == 0 and "imported 3 people" in out
    team = _team(tmp_path)
    assert team["U0B1"] == ("王芳", "agent", "售前", 450000)
    assert team["U0L1"][1:] == ("lead", None, 520000) and team["U0M1"][1] == "admin"


def test_every_bad_row_is_named_and_nobody_is_imported(run: Invoke, tmp_path: Path) -> None:
    src = _team_csv(tmp_path, "id,name,role,group,base wage", [
        "U0B1,王芳,agent,售前,4500", "wang,王五,agent,,", "U0B3,,agent,,",
        "U0B4,赵六,boss,,", "U0B5,钱七,agent,,4千", "U0B1,王芳,agent,售后,"])
    code, out, err = run("staff", "import", str(src))
    assert code == 2 and out == ""
    assert err.strip().splitlines() == [
        'team.csv line 3: Slack user ID "wang" should look like U012ABCDEF',
        "team.csv line 4: the name is empty",
        'team.csv line 5: role "boss" should be agent, lead or admin (客服, 组长, 管理员)',
        'team.csv line 6: base wage: "4千" is not an amount in yuan (write e.g. 4500 or 4500.50)',
        "team.csv line 7: U0B1 is already on line 2",
    ]
    assert set(_team(tmp_path)) == {"U0A1", "U0A2"}


@pytest.mark.parametrize(("name", "content", "message"), [
    ("team.csv", "name,role\n王芳,agent\n", "team.csv line 1: missing column(s) id; "
                                           "the first line must be: id,name,role,group,base_wage"),
    ("team.csv", "", "team.csv: the file is empty"),
    ("team.csv", "id,name\n", "team.csv: no people under the header line"),
    ("team.txt", "id,name\n", "team.txt: unknown file type; use .csv or .xlsx"),
])
def test_a_file_that_cannot_be_read_exits_2_with_one_line(run: Invoke, tmp_path: Path,
                                                         name: str, content: str,
                                                         message: str) -> None:
    (tmp_path / name).write_text(content, encoding="utf-8")
    code, _, err = run("staff", "import", str(tmp_path / name))
    assert code == 2 and err.strip().startswith(message) and len(err.strip().splitlines()) == 1


def test_a_missing_file_exits_2(run: Invoke, tmp_path: Path) -> None:
    code, _, err = run("staff", "import", str(tmp_path / "nope.csv"))
    assert code == 2 and "nope.csv: no such file" in err


def test_each_change_is_audited(run: Invoke, tmp_path: Path) -> None:
    run("staff", "import", str(_team_csv(tmp_path, "id,name,base wage", ["U0B1,王芳,4500"])))
    with Session(make_engine(f"sqlite:///{tmp_path / 'cli.db'}")) as s:
        actions = [a.action for a in s.exec(select(AuditLog)).all()]
    assert actions.count("staff.add") == 3 and actions.count("staff.base_wage") == 1
