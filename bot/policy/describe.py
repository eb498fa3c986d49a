"""Describe a policy in words, in Chinese or English."""

from __future__ import annotations

from typing import Any

from bot.domain.money import yuan
from bot.domain.shifts import DAY_MINUTES
from bot.policy.describe_jobs import describe_jobs
from bot.policy.describe_roster import describe_rules
from bot.policy.fines import FineRule
from bot.policy.model import Policy, ShiftConfig
from bot.policy.rules import AbsenceStep

_LABELS: dict[str, dict[str, Any]] = {
    "en": {
        "team": "Team: {name} (time zone {zone}, language {lang})",
        "channels": "Channels: #{channel}, approvals #{approvals}",
        "clock": "Punches count from {early} min before a shift to {grace} min after its end",
        "shifts": "Shifts:", "next_day": " (next day)", "night": ", night",
        "breaks": ", breaks {breaks}", "paid": ", {h} h {m:02d} min paid",
        "tiers": "Lateness / early leave:", "over": "over {n} min", "range": "{a}-{b} min",
        "fine": "{yuan} yuan red packet", "shares": " in {n} shares", "no_fine": "no fine",
        "absent": "{days} day(s) of absence",
        "makeup": "Make-up punches: {free} free a month, then {yuan} yuan for a leaving "
        "make-up; up to {age} days back",
        "steps": "Absence in a month:", "step": "{days} day(s): ", "deduct": "{n} days' wage",
        "month": "the whole month's wage", "notice": "company-wide notice in #{channel}",
        "dismissal": "dismissal",
        "bonus": "Full attendance bonus: {yuan} yuan",
        "red_packet": "Red packets due by the end of the next working day; unpaid ones owe x{n}",
        "fines": "Fine catalogue (/penalty @someone RULE):",
        "fine_rule": "{code} {name}: {amounts} yuan{unit}", "then": ", then ",
        "per_unit": " per {unit}", "dismissal_from": "; dismissal flag from time {n} in a month",
        "parcels": "Problem parcels: held {hold} h, transfers leave the same day before {cutoff}, "
        "tracked {track} days; fee {first} yuan first kg + {next} yuan per further kg "
        "(billing weight max(kg, LxWxH/{div}))",
        "types": "Parcel types: {types}",
        "roster": "Rosters: {week}, at most {consec} days in a row, {off} whole day(s) off in "
        "every 7{night}; fairness counts {hist} past weeks; holidays: {hol}",
        "per_week": "at most {n} working days a week",
        "per_month": "at least {n} rest days a month",
        "no_night": ", no day shift after a night shift", "any": "anyone",
        "coverage": "Coverage (people per shift): {rows}",
        "cov": "{shift} {group} {min}-{max}{days}",
        "days": {"all": "", "workday": " on working days", "restday": " on rest days"},
        "per_group": "  Coverage is counted per group ({groups}): a row counts the staff whose "
        "group it names (kefu staff add ... --group). Staff in none of these groups still "
        "take shifts but count for no group. If nobody on the team is in any of these groups, "
        "the rows apply to the whole team, summed per shift: {pooled}",
        "leave": "Leave: personal {p} day(s) ahead, rest days {r} day(s) ahead ({n} a month; none "
        "after more than {b} days of leave), personal leave at most {y} days a year",
        "colon": ": ", "comma": ", ",
        "shiftjobs": "Around each shift: a reminder DM to its people {remind}; the leads hear "
        "who has not clocked in {check}; open swaps and leave lapse {lapse}",
        "shiftjobs_before": "{n} min before the start",
        "shiftjobs_after": "{n} min after the start", "shiftjobs_start": "at the start",
        "shiftjobs_off": " (off)",
        "jobs": "Scheduled jobs (team time; a run missed by downtime still fires within {grace} "
        "min; payday on day {payday}, the monthly sheet the day before):",
        "job": "{name}: {at}{days}{monthday}", "job_off": "{name}: off",
        "job_days": {"all": " daily", "workday": " on working days", "restday": " on rest days",
                     "mon": " on Mondays", "tue": " on Tuesdays", "wed": " on Wednesdays",
                     "thu": " on Thursdays", "fri": " on Fridays", "sat": " on Saturdays",
                     "sun": " on Sundays"},
        "monthday": ", on day {n} of the month",
        "handoverjobs": "Handover: sent to each shift's people {send}; the leads hear "
        "who has not read it {check}",
    },
    "zh": {
        "team": "团队：{name}（时区 {zone}，语言 {lang}）",
        "channels": "频道：#{channel}，审批 #{approvals}",
        "clock": "打卡有效范围：班前 {early} 分钟起，至下班后 {grace} 分钟",
        "shifts": "班次：", "next_day": "（次日）", "night": "，夜班",
        "breaks": "，休息 {breaks}", "paid": "，计 {h} 小时 {m:02d} 分",
        "tiers": "迟到 / 早退：", "over": "超过 {n} 分钟", "range": "{a}-{b} 分钟",
        "fine": "{yuan} 元红包", "shares": "（拼手气 {n} 份）", "no_fine": "不罚款",
        "absent": "旷工 {days} 天",
        "makeup": "补卡：每月免费 {free} 次，超出后下班补卡罚 {yuan} 元；可补 {age} 天内的漏卡",
        "steps": "当月旷工：", "step": "{days} 天：", "deduct": "扣 {n} 天工资",
        "month": "扣当月全部工资", "notice": "全公司通报（#{channel}）", "dismissal": "辞退",
        "bonus": "全勤奖：{yuan} 元",
        "red_packet": "红包须在下一个工作日结束前发出；漏发者补发 {n} 倍",
        "fines": "罚款条例（/penalty @某人 规则）：",
        "fine_rule": "{code} {name}：{amounts} 元{unit}", "then": "，再犯 ",
        "per_unit": "/{unit}", "dismissal_from": "；当月第 {n} 次起标记辞退",
        "parcels": "问题件：留存 {hold} 小时；超区件 {cutoff} 前到件当日转出，"
        "转出后跟踪 {track} 天；"
        "转件费首重 {first} 元/公斤，续重 {next} 元/公斤（计费重量 max(实重, 长×宽×高/{div})）",
        "types": "问题件类型：{types}",
        "roster": "排班：{week}，最多连续上班 {consec} 天，每 7 天至少休 {off} 整天{night}；"
        "公平性统计过去 {hist} 周；节假日：{hol}",
        "per_week": "每周最多上班 {n} 天", "per_month": "每月至少休息 {n} 天",
        "no_night": "，晚班后次日不上白班", "any": "不限组",
        "coverage": "每班人数：{rows}", "cov": "{shift} {group} {min}-{max}{days}",
        "days": {"all": "", "workday": "（工作日）", "restday": "（休息日）"},
        "per_group": "  人数要求按组计算（{groups}）：每行只计该组的人"
        "（kefu staff add … --group）。不属于这些组的人照常排班，但不计入各组人数。"
        "团队里若没有人属于其中任何一组，则按全队计算，同一班次各行相加：{pooled}",
        "leave": "请假：事假提前 {p} 天，休假提前 {r} 天（每月 {n} 天；"
        "上月请假超过 {b} 天则无休假），事假每年最多 {y} 天",
        "colon": "：", "comma": "，",
        "shiftjobs": "班次前后：{remind}私信提醒当班的人；{check}把未打卡名单发给组长；"
        "未处理的换班和请假{lapse}失效",
        "shiftjobs_before": "开班前 {n} 分钟", "shiftjobs_after": "开班后 {n} 分钟",
        "shiftjobs_start": "开班时", "shiftjobs_off": "（已关闭）",
        "jobs": "定时任务（团队时区；停机错过的任务在 {grace} 分钟内补发；每月 {payday} 日发工资，"
        "前一天发奖惩表）：",
        "job": "{name}：{days}{monthday} {at}", "job_off": "{name}：关闭",
        "job_days": {"all": "每天", "workday": "工作日", "restday": "休息日", "mon": "每周一",
                     "tue": "每周二", "wed": "每周三", "thu": "每周四", "fri": "每周五",
                     "sat": "每周六", "sun": "每周日"},
        "monthday": "每月 {n} 日",
        "handoverjobs": "交接班：{send}私信给接班的人；{check}把未读名单发给组长",
    },
}


def describe_policy(p: Policy, lang: str = "en") -> str:
    """Return a multi-line description of everything the policy defines."""
    t: dict[str, Any] = _LABELS.get(lang, _LABELS["en"])
    lines = [
        t["team"].format(name=p.team.name, zone=p.team.timezone, lang=p.team.language),
        t["channels"].format(channel=p.team.channel, approvals=p.team.approvals_channel),
        t["clock"].format(early=p.clock.early_margin_minutes, grace=p.clock.out_grace_minutes),
        t["shifts"],
        *(f"  {_describe_shift(shift, t)}" for shift in p.shifts),
        t["tiers"],
        *(f"  {_describe_tier(p, i, t)}" for i in range(len(p.lateness.tiers))),
        t["makeup"].format(free=p.makeup.free_per_month, yuan=yuan(p.makeup.leave_fine_fen),
                           age=p.makeup.max_age_days),
        t["steps"],
        *(f"  {_describe_step(step, t, p.absence.notice_channel or p.team.channel)}"
          for step in p.absence.steps),
        t["bonus"].format(yuan=yuan(p.full_attendance.bonus_fen)),
        t["red_packet"].format(n=p.red_packet.unpaid_multiplier),
        t["fines"],
        *(f"  {_describe_fine(rule, lang, t)}" for rule in p.fines),
        *_describe_parcels(p, t),
        *_describe_roster(p, t),
        *describe_rules(p, lang),
        _describe_leave(p, t),
        *describe_jobs(p, t),
    ]
    return "\n".join(lines)


def _describe_shift(shift: ShiftConfig, t: dict[str, str]) -> str:
    """Return one line for a shift: code, names, times, breaks and paid hours."""
    text = f"{shift.code} {shift.name} / {shift.name_en}  {shift.start}-{shift.end}"
    text += t["next_day"] if shift.end_minute > DAY_MINUTES else ""
    text += t["night"] if shift.night else ""
    if shift.breaks:
        text += t["breaks"].format(breaks=", ".join(f"{a}-{b}" for a, b in shift.breaks))
    hours, minutes = divmod(shift.to_def().duration_minutes, 60)
    return text + t["paid"].format(h=hours, m=minutes)


def _describe_tier(p: Policy, index: int, t: dict[str, str]) -> str:
    """Return one line for the lateness tier at `index`."""
    tier = p.lateness.tiers[index]
    low = (p.lateness.tiers[index - 1].up_to_minutes or 0) + 1 if index else 1
    if tier.up_to_minutes is None:
        span = t["over"].format(n=low - 1)
    else:
        span = t["range"].format(a=low, b=tier.up_to_minutes)
    parts = []
    if tier.fine_fen:
        shares = t["shares"].format(n=tier.shares) if tier.shares else ""
        parts.append(t["fine"].format(yuan=yuan(tier.fine_fen)) + shares)
    if tier.absence_days:
        parts.append(t["absent"].format(days=tier.absence_days))
    return span + t["colon"] + (t["comma"].join(parts) or t["no_fine"])


def _describe_step(step: AbsenceStep, t: dict[str, str], notice_to: str) -> str:
    """Return one line for an absence escalation step."""
    parts = [t["deduct"].format(n=step.deduct_wage_days)] if step.deduct_wage_days else []
    flags = {"month": step.whole_month, "notice": step.notice, "dismissal": step.dismissal}
    parts += [t[flag].format(channel=notice_to) for flag, is_set in flags.items() if is_set]
    return t["step"].format(days=step.days) + t["comma"].join(parts)


def _describe_fine(rule: FineRule, lang: str, t: dict[str, str]) -> str:
    """Return one line for a catalogue fine: amounts by occurrence, unit and dismissal."""
    name, unit = (rule.name, rule.unit) if lang == "zh" else (rule.name_en, rule.unit_en)
    text = t["fine_rule"].format(code=rule.code, name=name,
                                 amounts=t["then"].join(yuan(a) for a in rule.amounts_fen),
                                 unit=t["per_unit"].format(unit=unit) if unit else "")
    if rule.dismissal_from:
        text += t["dismissal_from"].format(n=rule.dismissal_from)
    return text


def _describe_parcels(p: Policy, t: dict[str, str]) -> list[str]:
    """Return the lines of the problem-parcel rules."""
    c = p.parcels
    types = t["comma"].join(f"{x.code} {x.name}" for x in c.types)
    return [t["parcels"].format(hold=c.hold_hours, cutoff=c.transfer_cutoff,
                                track=c.transfer_tracking_days, first=yuan(c.first_kg_fen),
                                next=yuan(c.next_kg_fen), div=c.volume_divisor),
            t["types"].format(types=types)]


def _describe_roster(p: Policy, t: dict[str, Any]) -> list[str]:
    """Return the lines of the roster rules and coverage."""
    r = p.roster
    week = t["per_week"].format(n=r.working_days_per_week) if r.working_days_per_week \
        else t["per_month"].format(n=r.rest_days_per_month or 0)
    rows = t["comma"].join(
        t["cov"].format(shift=c.shift, group=c.group or t["any"], min=c.min,
                        max=c.max if c.max is not None else "", days=t["days"][c.days])
        for c in r.coverage)
    return [t["roster"].format(week=week, consec=r.max_consecutive_days or "-",
                               off=r.min_days_off_per_7 or 0,
                               night=t["no_night"] if r.no_day_after_night else "",
                               hist=r.history_weeks, hol=r.holidays),
            t["coverage"].format(rows=rows), *_describe_groups(p, t)]


def _describe_leave(p: Policy, t: dict[str, Any]) -> str:
    """Return the line of the leave rules."""
    lv, text = p.leave, str(t["leave"])
    return text.format(p=lv.personal_days_ahead, r=lv.rest_days_ahead,
                             n=lv.rest_days_per_month, b=lv.leave_days_blocking_rest,
                             y=lv.personal_days_per_year)


def _describe_groups(p: Policy, t: dict[str, Any]) -> list[str]:
    """Say how group coverage counts people, and the whole-team rows for a team without
    groups (nothing when no row names a group)."""
    rows = p.roster.coverage
    groups = list(dict.fromkeys(c.group for c in rows if c.group))
    if not groups:
        return []
    pooled = []
    for shift in dict.fromkeys(c.shift for c in rows):
        kinds = {k: [c for c in rows if c.shift == shift and c.days in ("all", k)]
                 for k in ("workday", "restday")}
        same = kinds["workday"] == kinds["restday"]
        for kind, mine in ({"all": kinds["workday"]} if same else kinds).items():
            if mine:
                most = "" if any(c.max is None for c in mine) else sum(c.max or 0 for c in mine)
                pooled.append(t["cov"].format(shift=shift, group=t["any"], max=most,
                                              min=sum(c.min for c in mine), days=t["days"][kind]))
    return [t["per_group"].format(groups=t["comma"].join(groups),
                                  pooled=t["comma"].join(pooled))]
