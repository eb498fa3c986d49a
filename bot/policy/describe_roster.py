"""The lines of `kefu policy check` for the richer roster rules, soft coverage and wishes."""

from __future__ import annotations

from bot.policy.model import Policy

_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "more": "More roster rules: {rules}", "sep": "; ",
        "succession": "no {b} the day after {a}",
        "min_run": "at least {n} working days in a row",
        "min_off": "at least {n} days off in a row",
        "weekends": "at most {n} weekends worked a month",
        "hours": "{a}-{b} paid hours a month", "hours_min": "at least {a} paid hours a month",
        "hours_max": "at most {b} paid hours a month",
        "shifts": "at most {n} {code} a month",
        "per_person": " (each person)",
        "wishes": "Roster wishes weigh: a shift {shift}, a day off {rest}",
        "soft": "Coverage is soft: each person short costs {under}, each one more than the "
        "minimum {over}; a week that cannot be fully covered still gets a draft with its "
        "gaps{rows}",
        "soft_rows": " (own weights: {rows})",
        "soft_some": "Coverage is soft only in some rows ({rows}: the cost of each person "
        "short); the other minimums are hard", "soft_row": "{shift} {group} short {under}",
        "hard": "Coverage minimums are hard: a week that cannot meet them gets no draft, only "
        "the reason ([roster.soft_coverage] under = COST makes them costs instead)",
    },
    "zh": {
        "more": "更多排班规则：{rules}", "sep": "；",
        "succession": "{a} 后第二天不能上 {b}",
        "min_run": "至少连续上班 {n} 天", "min_off": "至少连续休息 {n} 天",
        "weekends": "每月最多上 {n} 个周末",
        "hours": "每月工时 {a}-{b} 小时", "hours_min": "每月工时至少 {a} 小时",
        "hours_max": "每月工时最多 {b} 小时",
        "shifts": "每月最多 {n} 个 {code} 班", "per_person": "（每人）",
        "wishes": "排班意愿权重：指定班次 {shift}，休息 {rest}",
        "soft": "人数要求按计分处理：每缺一人计 {under}，每多一人计 {over}；"
        "排不满的周也会生成草稿，并列出缺口{rows}",
        "soft_rows": "（单独权重：{rows}）",
        "soft_some": "只有部分人数要求按计分处理（{rows}：每缺一人的分值），其余仍是硬性规定",
        "soft_row": "{shift} {group} 缺人 {under}",
        "hard": "人数要求是硬性规定：排不满的周不生成草稿，只说明原因"
        "（在 [roster.soft_coverage] 写 under = 分值 可改为计分）",
    },
}


def describe_rules(p: Policy, lang: str) -> list[str]:
    """Return the lines of the richer roster rules in LANG (nothing for rules not set)."""
    t, r = _LABELS.get(lang, _LABELS["en"]), p.roster
    rules = [t["succession"].format(a=a, b=b) for a, b in r.forbidden_successions]
    for key, label in (("min_consecutive_days", "min_run"),
                       ("min_consecutive_days_off", "min_off"),
                       ("max_weekends_per_month", "weekends")):
        if getattr(r, key) is not None:
            rules.append(t[label].format(n=getattr(r, key)))
    low, high = r.min_hours_per_month, r.max_hours_per_month
    if low is not None or high is not None:
        key = "hours" if low is not None and high is not None else (
            "hours_min" if low is not None else "hours_max")
        rules.append(t[key].format(a=low, b=high))
    rules += [t["shifts"].format(n=n, code=code) + t["per_person"]
              for code, n in r.max_shifts_per_month.items()]
    lines = [t["more"].format(rules=t["sep"].join(rules))] if rules else []
    lines.append(t["wishes"].format(shift=r.wish_weights.shift, rest=r.wish_weights.rest))
    return [*lines, _coverage(p, t)]


def _coverage(p: Policy, t: dict[str, str]) -> str:
    """Say whether coverage minimums are hard, or costs and at what weights."""
    r = p.roster
    own = [c for c in r.coverage if c.under is not None]
    if r.soft_coverage is None and not own:
        return t["hard"]
    rows = ", ".join(t["soft_row"].format(shift=c.shift, group=c.group, under=c.under)
                     .replace("  ", " ") for c in own)
    soft = r.soft_coverage
    if soft is None:
        return t["soft_some"].format(rows=rows)
    return t["soft"].format(under=soft.under, over=soft.over,
                            rows=t["soft_rows"].format(rows=rows) if rows else "")
