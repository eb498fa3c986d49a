"""Loading policy files, and errors that name the file, line and key."""

import re
from datetime import time
from decimal import Decimal
from importlib import resources
from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.domain.shifts import ShiftDef
from bot.policy import PolicyError, TierConfig, describe_policy, load_policy, parse_policy

COURIER = Path(str(resources.files("bot.policy").joinpath("courier.toml")))

BASE = """\
[team]
name = "测试组"
timezone = "Asia/Shanghai"

[[shifts]]
code = "D"
name = "白班"
name_en = "Day"
start = "08:30"
end = "17:30"

[[shifts]]
code = "E"
name = "晚班"
name_en = "Late"
start = "17:00"
end = "01:00"
breaks = [
  ["21:00", "21:30"],
]

[[lateness.tiers]]
up_to_minutes = 10
fine = 10

[[lateness.tiers]]
fine = 0
absence_days = 0.5
"""


def line_of(text: str, snippet: str) -> int:
    """Return the 1-based line number where `snippet` first occurs."""
    return text[: text.index(snippet)].count("\n") + 1


def test_default_policy_is_the_shop_rules() -> None:
    policy = load_policy()
    assert (policy.team.name, policy.team.timezone, policy.team.language) == (
        "示例网店客服组", "Asia/Shanghai", "zh",
    )
    assert (policy.team.channel, policy.team.approvals_channel) == ("kefu", "kefu-approvals")
    assert policy.shift_defs() == (
        ShiftDef("D", "白班", "Day", 510, 1050),
        ShiftDef("E", "晚班", "Late", 1020, 1500, night=True),
    )
    assert [(t.up_to_minutes, t.fine_fen, t.shares) for t in policy.lateness_tiers()] == [
        (10, 1000, 5), (20, 2000, None), (30, 5000, 5), (None, 0, None),
    ]
    assert (policy.makeup.free_per_month, policy.makeup.leave_fine_fen) == (3, 1000)
    assert policy.makeup.max_age_days == 7
    assert policy.full_attendance.bonus_fen == 20000
    assert [s.deduct_wage_days for s in policy.absence.steps] == [3, 5, 10, None]
    assert policy.absence.steps[-1].whole_month and policy.absence.steps[-1].dismissal
    assert policy.red_packet.unpaid_multiplier == 2


def test_courier_policy_loads_with_a_lunch_break() -> None:
    policy = load_policy(COURIER)
    weekday = policy.find_shift("weekday")
    assert weekday is not None and weekday.breaks == ((720, 780),)
    assert weekday.duration_minutes == 480
    assert [s.code for s in policy.shift_defs()] == ["W", "S", "N"]
    assert policy.tz.key == "Asia/Shanghai"


@pytest.mark.parametrize("text", ["e", "晚班", "LATE", " late "])
def test_find_shift_accepts_code_and_either_name(text: str) -> None:
    found = parse_policy(BASE, "t.toml").find_shift(text)
    assert found is not None and found.code == "E"


def test_find_shift_returns_none_for_an_unknown_name() -> None:
    assert parse_policy(BASE, "t.toml").find_shift("早斑") is None


def test_break_after_midnight_is_in_the_next_days_frame() -> None:
    text = BASE.replace('["21:00", "21:30"]', '["00:00", "00:30"]')
    late = parse_policy(text, "t.toml").shift_defs()[1]
    assert late.breaks == ((1440, 1470),) and late.duration_minutes == 450


@pytest.mark.parametrize(
    ("start", "end", "minutes"),
    [('"24:00"', '"08:00"', (1440, 1920)), ('"00:00"', '"24:00"', (0, 1440)),
     ("08:30:00", "17:30:00", (510, 1050)), ('"8:30"', '"17:30"', (510, 1050))],
)
def test_shift_times_accept_24_00_and_toml_times(
    start: str, end: str, minutes: tuple[int, int]
) -> None:
    text = BASE.replace('start = "08:30"\nend = "17:30"', f"start = {start}\nend = {end}")
    day = parse_policy(text, "t.toml").shift_defs()[0]
    assert (day.start_minute, day.end_minute) == minutes


@pytest.mark.parametrize(
    ("fine", "fen"), [("10", 1000), ('"10.50"', 1050), ("10.55", 1055), ("0.01", 1)]
)
def test_fines_in_yuan_are_stored_exactly_as_fen(fine: str, fen: int) -> None:
    text = BASE.replace("fine = 10\n", f"fine = {fine}\n")
    assert parse_policy(text, "t.toml").lateness_tiers()[0].fine_fen == fen


@pytest.mark.parametrize(
    ("old", "new", "marker", "expected"),
    [
        ('"Asia/Shanghai"', '"Mars/Olympus"', "Mars",
         'team.timezone: unknown time zone, use e.g. "Asia/Shanghai" (got "Mars/Olympus")'),
        ('start = "17:00"', 'start = "25:00"', "25:00",
         'shifts[1].start: must be HH:MM between 00:00 and 24:00 (got "25:00")'),
        ('code = "E"', 'code = "d"', '"d"', 'shifts[1].code: "d" is already used by shifts[0]'),
        ('name_en = "Late"', 'name_en = "day"', '"day"', "shifts[1].name_en: "),
        ("up_to_minutes = 10\n", "", "[[lateness.tiers]]",
         "lateness.tiers[0].up_to_minutes: only the last tier may be unbounded"),
        ("fine = 10\n", "fine = 10.125\n", "10.125",
         "lateness.tiers[0].fine: must have at most 2 decimals (got 10.125)"),
        ("fine = 10\n", 'fine = "ten"\n', '"ten"', 'lateness.tiers[0].fine: must be an amount'),
        ('end = "01:00"', 'end = "01:00"\nnite = true', "nite", "shifts[1].nite: unknown key"),
        ('name_en = "Day"\n', "", "[[shifts]]", "shifts[0].name_en: required key is missing"),
        ('["21:00", "21:30"]', '["16:00", "16:30"]', "breaks",
         "shifts[1].breaks: break 16:00-16:30 must lie inside the shift 17:00-01:00"),
        ('timezone = "Asia/Shanghai"', 'timezone = "UTC"\nlanguage = "fr"', "fr",
         "team.language: input should be 'zh' or 'en'"),
    ],
)
def test_error_names_file_line_and_key(old: str, new: str, marker: str, expected: str) -> None:
    text = BASE.replace(old, new, 1)
    assert text != BASE
    with pytest.raises(PolicyError) as caught:
        parse_policy(text, "courier.toml")
    message = str(caught.value)
    assert message.startswith(f"courier.toml line {line_of(text, marker)}: {expected}")
    assert "\n" not in message


def test_bounded_last_tier_and_unbounded_middle_tier_are_two_lines() -> None:
    text = BASE + "\n[[lateness.tiers]]\nup_to_minutes = 60\nfine = 100\n"
    with pytest.raises(PolicyError) as caught:
        parse_policy(text, "t.toml")
    assert str(caught.value).splitlines() == [
        "t.toml line 26: lateness.tiers[1].up_to_minutes: only the last tier may be unbounded "
        "(no up_to_minutes)",
        "t.toml line 31: lateness.tiers[2].up_to_minutes: the last tier must be unbounded: "
        "remove up_to_minutes",
    ]


def test_toml_syntax_error_names_its_line() -> None:
    text = BASE.replace('name_en = "Late"', "name_en = Late")
    with pytest.raises(PolicyError, match=r"^t\.toml line 15: TOML syntax error: "):
        parse_policy(text, "t.toml")


def test_misspelt_section_reports_the_missing_one_without_a_line() -> None:
    with pytest.raises(PolicyError) as caught:
        parse_policy(BASE.replace("[team]", "[teem]"), "t.toml")
    assert str(caught.value).splitlines() == [
        "t.toml: team: required key is missing",
        "t.toml line 1: teem: unknown key",
    ]


def test_unreadable_file_is_a_policy_error(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="cannot read"):
        load_policy(tmp_path / "missing.toml")


def test_toml_local_time_is_accepted_for_shift_times() -> None:
    text = BASE.replace('start = "08:30"', "start = 08:30:00")
    assert parse_policy(text, "t.toml").shifts[0].start == f"{time(8, 30):%H:%M}"


def test_absence_days_are_decimal() -> None:
    tier = parse_policy(BASE, "t.toml").lateness_tiers()[-1]
    assert tier.absence_days == Decimal("0.5")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_describe_lists_shifts_tiers_and_money_in_yuan(lang: str) -> None:
    text = describe_policy(load_policy(), lang)
    for expected in ("示例网店客服组", "Asia/Shanghai", "kefu-approvals", "08:30-17:30",
                     "17:00-01:00", "1-10", "50", "200", "0.5"):
        assert expected in text


@pytest.mark.parametrize(("fine", "fen"), [(10.5, 1050), (0.25, 25)])
def test_exact_binary_floats_are_accepted_as_yuan(fine: float, fen: int) -> None:
    assert TierConfig.model_validate({"fine": fine}).fine_fen == fen


def test_inexact_float_fine_is_refused() -> None:
    with pytest.raises(ValidationError, match="write the amount as a string"):
        TierConfig.model_validate({"fine": 10.55})


FINES = """
[[fines]]
code = "games"
name = "玩游戏"
name_en = "Games"
amounts = [10, 30]
dismissal_from = 3
"""


@pytest.mark.parametrize(
    ("old", "new", "marker", "expected"),
    [
        ('code = "games"', 'code = "late"', '"late"',
         'fines[0].code: "late" is used by the bot itself'),
        ("amounts = [10, 30]", "amounts = []", "amounts",
         "fines[0].amounts: tuple should have at least 1 item"),
        ("amounts = [10, 30]", 'amounts = [10, "x"]', "amounts", "fines[0].amounts[1]: must be"),
        ("dismissal_from = 3", "dismissal_from = 0", "dismissal_from",
         "fines[0].dismissal_from: input should be greater than or equal to 1"),
    ],
)
def test_fine_catalogue_errors_name_the_key(old: str, new: str, marker: str,
                                            expected: str) -> None:
    text = (BASE + FINES).replace(old, new, 1)
    with pytest.raises(PolicyError) as caught:
        parse_policy(text, "p.toml")
    assert f"p.toml line {line_of(text, marker)}: {expected}" in str(caught.value)


def test_a_fine_code_may_not_be_used_twice() -> None:
    text = BASE + FINES + FINES.replace('name = "玩游戏"', 'name = "打游戏"').replace(
        '"Games"', '"Gaming"')
    with pytest.raises(PolicyError) as caught:
        parse_policy(text, "p.toml")
    assert 'fines[1].code: "games" is already used by fines[0]' in str(caught.value)


def test_fines_are_found_by_code_or_either_name_and_described() -> None:
    policy = parse_policy(BASE + FINES, "p.toml")
    assert all(policy.find_fine(w) is policy.fines[0] for w in ("games", "玩游戏", "GAMES"))
    assert policy.find_fine("poker") is None
    assert "games 玩游戏：10，再犯 30 元；当月第 3 次起标记辞退" in describe_policy(policy, "zh")


def test_both_shipped_policies_define_coverage_leave_and_rest_rules() -> None:
    shop = load_policy(None)
    courier = parse_policy(resources.files("bot.policy").joinpath("courier.toml").read_text(
        encoding="utf-8"), "courier.toml")
    assert {(c.shift, c.group, c.min) for c in shop.roster.coverage} == {
        ("D", "售前", 1), ("D", "售后", 1), ("E", "售前", 1), ("E", "售后", 1)}
    assert (shop.roster.working_days_per_week, shop.leave.rest_days_per_month) == (5, 2)
    assert (shop.leave.personal_days_ahead, shop.leave.rest_days_ahead) == (1, 2)
    assert courier.roster.rest_days_per_month == 4
    assert {c.days for c in courier.roster.coverage} == {"workday", "restday", "all"}


def test_coverage_of_an_unknown_shift_names_the_key_and_line() -> None:
    text = BASE + '\n[roster]\n[[roster.coverage]]\nshift = "X"\nmin = 1\n'
    with pytest.raises(PolicyError) as caught:
        parse_policy(text, "courier.toml")
    assert str(caught.value).startswith(
        f'courier.toml line {line_of(text, "X")}: roster.coverage[0].shift: unknown shift "X"')


def test_coverage_max_below_min_is_refused() -> None:
    text = BASE + '\n[roster]\n[[roster.coverage]]\nshift = "D"\nmin = 3\nmax = 2\n'
    with pytest.raises(PolicyError) as caught:
        parse_policy(text, "courier.toml")
    assert "max (2) must be at least min (3)" in str(caught.value)


def test_a_job_can_be_switched_off_or_moved_and_check_describes_it() -> None:
    text = BASE + '\n[jobs.morning_summary]\nat = ["08:05"]\n\n[jobs.weekly_meeting]\n' \
        'enabled = false\nat = ["18:45"]\n'
    policy = parse_policy(text, "t.toml")
    assert policy.jobs.morning_summary.at == ("08:05",)
    assert policy.jobs.morning_summary.days == "all"
    described = describe_policy(policy)
    assert "morning_summary: 08:05 daily" in described
    assert "weekly_meeting: off" in described


def test_a_job_time_that_is_not_hh_mm_names_its_key_and_line() -> None:
    text = BASE + '\n[jobs.morning_summary]\nat = ["8:61"]\n'
    with pytest.raises(PolicyError) as caught:
        parse_policy(text, "t.toml")
    line = line_of(text, "8:61")
    assert str(caught.value).startswith(f"t.toml line {line}: jobs.morning_summary.at")


def test_the_absence_notice_goes_to_the_team_channel_unless_the_policy_names_one() -> None:
    assert parse_policy(BASE, "t.toml").absence.notice_channel is None
    assert "company-wide notice in #kefu" in describe_policy(parse_policy(BASE, "t.toml"))
    named = parse_policy(BASE + '\n[absence]\nnotice_channel = "all-staff"\n', "t.toml")
    assert named.absence.notice_channel == "all-staff"
    assert "全公司通报（#all-staff）" in describe_policy(named, "zh")
    with pytest.raises(PolicyError, match="absence.notice_channel"):
        parse_policy(BASE + '\n[absence]\nnotice_channel = ""\n', "t.toml")


RICH = """
[roster]
forbidden_successions = [["晚班", "D"], ["E", "Day"]]
min_consecutive_days = 2
min_consecutive_days_off = 2
max_weekends_per_month = 2
min_hours_per_month = 120
max_hours_per_month = 200
max_shifts_per_month = { "Late" = 8 }
wish_weights = { shift = 2, rest = 5 }

[roster.soft_coverage]
under = 100
over = 1

[[roster.coverage]]
shift = "D"
min = 2
under = 500
"""


def test_the_richer_roster_rules_are_read_with_shift_names_turned_into_codes() -> None:
    r = parse_policy(BASE + RICH, "p.toml").roster
    assert r.forbidden_successions == (("E", "D"),)
    assert (r.min_consecutive_days, r.min_consecutive_days_off, r.max_weekends_per_month) == (
        2, 2, 2)
    assert (r.min_hours_per_month, r.max_hours_per_month) == (120, 200)
    assert r.max_shifts_per_month == {"E": 8}
    assert (r.wish_weights.shift, r.wish_weights.rest) == (2, 5)
    assert r.soft_coverage is not None and (r.soft_coverage.under, r.soft_coverage.over) == (
        100, 1)
    assert (r.coverage[0].under, r.coverage[0].over) == (500, None)


def test_without_the_new_keys_the_rules_stay_as_they_were() -> None:
    for policy in (load_policy(None), parse_policy(COURIER.read_text("utf-8"), "courier.toml")):
        r = policy.roster
        assert r.forbidden_successions == () and r.max_shifts_per_month == {}
        assert (r.min_consecutive_days, r.min_consecutive_days_off, r.max_weekends_per_month,
                r.min_hours_per_month, r.max_hours_per_month, r.soft_coverage) == (
            None, None, None, None, None, None)
        assert (r.wish_weights.shift, r.wish_weights.rest) == (1, 1)


@pytest.mark.parametrize(
    ("old", "new", "marker", "expected"),
    [
        ('["晚班", "D"]', '["晚斑", "D"]', "晚斑",
         'roster.forbidden_successions[0][0]: unknown shift "晚斑", use a shift code or name '
         "(D 白班 Day, E 晚班 Late)"),
        ('["E", "Day"]', '["E"]', '["E"]',
         "roster.forbidden_successions[1]: must be two shifts, e.g. [\"E\", \"D\"]: "
         "no D the day after E"),
        ('"Late" = 8', '"X" = 8', '"X"',
         'roster.max_shifts_per_month.X: unknown shift "X", use a shift code or name'),
        ("min_consecutive_days = 2", "min_consecutive_days = 7", "min_consecutive_days = 7",
         "roster.min_consecutive_days: must be at most max_consecutive_days (6): "
         "lower it, or raise max_consecutive_days"),
        ("min_hours_per_month = 120", "min_hours_per_month = 210", "min_hours_per_month = 210",
         "roster.min_hours_per_month: must be at most max_hours_per_month (200): "
         "lower it, or raise max_hours_per_month"),
        ("max_weekends_per_month = 2", "max_weekends_per_month = 6", "max_weekends_per_month",
         "roster.max_weekends_per_month: input should be less than or equal to 5"),
        ("under = 100", "under = 0", "under = 0",
         "roster.soft_coverage.under: input should be greater than or equal to 1"),
    ],
)
def test_a_wrong_roster_rule_says_what_to_type_instead(old: str, new: str, marker: str,
                                                       expected: str) -> None:
    text = (BASE + RICH).replace(old, new, 1)
    with pytest.raises(PolicyError) as caught:
        parse_policy(text, "p.toml")
    assert f"p.toml line {line_of(text, marker)}: {expected}" in str(caught.value)


def test_policy_check_describes_the_richer_roster_rules_in_both_languages() -> None:
    policy = parse_policy(BASE + RICH, "p.toml")
    en, zh = describe_policy(policy, "en"), describe_policy(policy, "zh")
    for said in ("no D the day after E", "at least 2 working days in a row",
                 "at least 2 days off in a row", "at most 2 weekends worked a month",
                 "120-200 paid hours a month", "at most 8 E a month",
                 "wishes weigh: a shift 2, a day off 5",
                 "each person short costs 100, each one more than the minimum 1"):
        assert said in en, said
    for said in ("E 后第二天不能上 D", "至少连续上班 2 天", "至少连续休息 2 天",
                 "每月最多上 2 个周末", "每月工时 120-200 小时", "每月最多 8 个 E 班",
                 "意愿权重：指定班次 2，休息 5", "每缺一人计 100，每多一人计 1"):
        assert said in zh, said
    plain = describe_policy(load_policy(None), "en")
    assert "Coverage minimums are hard" in plain and "in a row" in plain


@pytest.mark.parametrize("name", ["default.toml", "courier.toml"])
def test_the_commented_roster_examples_of_the_shipped_policies_work_when_uncommented(
        name: str) -> None:
    text = resources.files("bot.policy").joinpath(name).read_text(encoding="utf-8")
    keys = ("forbidden_successions", "min_consecutive_days", "min_consecutive_days_off",
            "max_weekends_per_month", "min_hours_per_month", "max_hours_per_month",
            "max_shifts_per_month", "under", "over")
    for key in keys:
        text = re.sub(rf"^# ({key} = )", r"\1", text, count=1, flags=re.M)
    text = text.replace("# [roster.soft_coverage]", "[roster.soft_coverage]")
    r = parse_policy(text, name).roster
    assert r.forbidden_successions and r.max_shifts_per_month and r.soft_coverage is not None
    assert None not in (r.min_consecutive_days, r.min_consecutive_days_off,
                        r.max_weekends_per_month, r.min_hours_per_month, r.max_hours_per_month)


def test_soft_coverage_in_one_row_only_is_described_as_such() -> None:
    text = BASE + '\n[roster]\n[[roster.coverage]]\nshift = "D"\nmin = 1\nunder = 50\n'
    policy = parse_policy(text, "p.toml")
    assert "Coverage is soft only in some rows (D short 50: the cost of each person short); " \
        "the other minimums are hard" in describe_policy(policy)
    assert "只有部分人数要求按计分处理（D 缺人 50：每缺一人的分值），其余仍是硬性规定" \
        in describe_policy(policy, "zh")
