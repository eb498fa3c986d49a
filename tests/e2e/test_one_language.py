"""A Chinese team reads Chinese: every reply, post, DM and report of a busy day, scanned."""

from __future__ import annotations

import io
import re
from datetime import date, datetime, timedelta

from openpyxl import load_workbook
from sqlmodel import select

from bot import ids
from bot.services.demo import DEMO_STAFF, load_demo
from db.models import LeaveDay, LedgerEntry, Request, RosterDraft, RosterEntry, Staff
from tests.e2e.conftest import SHANGHAI
from tests.e2e.harness import Bot, text_of
from tests.e2e.requests.test_approvals import text_of_message
from tests.e2e.swaps.test_swaps import MONDAY, PATTERN, buttons

CHEN, LIN, LEAD, ALEX = "U0DEMO01", "U0DEMO02", "U0DEMO07", "U0DEMO05"
# Latin words a Chinese reader may meet: what they type (inside backticks), people's names,
# codes and file names. Everything else in Latin letters is English leaking through.
ALLOWED = {"Alex", "Wu", "Slack", "ID", "xlsx", "EMS", "kefu", "approvals", "HH", "MM"}
_QUOTED = re.compile(r"`[^`]*`|<[^>]*>|:[a-z_]+:|\b\d{4}-W\d{2}\b|kefu-bot")


def stray_english(text: str) -> set[str]:
    """Latin words of two letters or more, outside what the reader types, names and codes."""
    return {w for w in re.findall(r"[A-Za-z]{2,}", _QUOTED.sub(" ", text)) if w not in ALLOWED}


def demo_team(bot: Bot) -> None:
    for slack_id, name, *_ in DEMO_STAFF:
        bot.api.add_user(slack_id, name, locale="en-US" if name.isascii() else "zh-CN")
    with bot.ctx.session() as s:
        load_demo(s, policy=bot.ctx.policy, now=bot.now)


def next_shift_day(bot: Bot, slack_id: str) -> date:
    me = next(s.id for s in bot.rows(Staff) if s.slack_id == slack_id)
    return min(r.day for r in bot.rows(RosterEntry) if r.staff_id == me and r.shift_code
               and r.day > date(2026, 11, 25))


def busy_day(bot: Bot) -> list[str]:
    """Drive a Chinese team through a day; return every text the bot produced."""
    out: list[str] = []
    say = lambda user, cmd, text="": out.append(bot.command(user, cmd, text))  # noqa: E731
    for text in ("", "week", "@自己", "明天", "11-20"):
        say(CHEN, "/roster", text)
    bot.now = datetime(2026, 11, 24, 8, 41, tzinfo=SHANGHAI)
    for cmd, text in (("/clock", "in"), ("/clock", ""), ("/penalty", ""),
                      ("/penalty", "rules"), ("/penalty", "fund"), ("/leave", ""), ("/swap", ""),
                      ("/parcel", "list"), ("/parcel", "list stale"), ("/kefu", "help"),
                      ("/clock", "fix 11-23 08:25 in 忘记打卡"),
                      ("/leave", "12-01..12-02 事假 家里有事"), ("/leave", "12-03..12-01 事假 x"),
                      ("/leave", "11-26 休息 x"), ("/swap", "11-20")):
        say(CHEN, cmd, text)
    for text in ("", "rules", "fund"):
        say(LEAD, "/penalty", text)
    fine = bot.rows(LedgerEntry)[-1]
    say(CHEN, "/penalty", f"appeal {fine.id} 不是我")
    for r in bot.rows(Request):
        if r.state == "pending" and r.channel:
            out.append(bot.click(LEAD, ids.APPROVE, r.id, r.channel, r.ts))
            out.append(bot.click(LEAD, ids.APPROVE, r.id, r.channel, r.ts))
    day = next_shift_day(bot, CHEN)
    call = bot.reply_call(CHEN, "/swap", day.strftime("%m-%d"))
    out.append(text_of(call))
    if buttons(call):
        pick = buttons(call)[0]
        out.append(bot.click(CHEN, pick["action_id"], pick["value"]))
        r = bot.rows(Request)[-1]
        other = next(s.slack_id for s in bot.rows(Staff) if s.id == r.counterpart_id)
        out.append(bot.click(other, ids.SWAP_ACCEPT, r.id))
        out.append(bot.click(other, ids.SWAP_ACCEPT, r.id))
        r = bot.rows(Request)[-1]
        out.append(bot.click(LEAD, ids.APPROVE, r.id, r.channel, r.ts))
    out += drafts(bot)
    seq = bot.api.last_seq
    say(LEAD, "/kefu", "report penalties 2026-11")
    done = bot.api.wait_for(lambda c: c.method == "files.completeUploadExternal", after=seq)
    sheet = load_workbook(io.BytesIO(bot.api.file_content(done.response["files"][0]["id"])))
    out += [" ".join(str(v) for v in row if v is not None)
            for row in sheet.active.iter_rows(values_only=True)]
    return out


def drafts(bot: Bot) -> list[str]:
    """Publish next week's draft twice; ask for a week nobody of 售前 can work."""
    out = [bot.command(LEAD, "/roster", "generate next")]
    draft = bot.rows(RosterDraft)[-1]
    out += [bot.click(LEAD, ids.DRAFT_PUBLISH, draft.id) for _ in range(2)]
    with bot.ctx.session() as s:
        for slack_id, _, _, group, *_ in DEMO_STAFF:
            if group == "售前":
                who = s.exec(select(Staff).where(Staff.slack_id == slack_id)).one()
                s.add(LeaveDay(staff_id=who.id, day=date(2026, 12, 7), kind="sick"))
    return [*out, bot.command(LEAD, "/roster", "generate 2026-W50")]


def posted(bot: Bot) -> list[str]:
    """Every reply, post and update, except in the English speaker's DM."""
    alex = bot.api.channel_id(ALEX)
    texts = []
    for c in bot.api.calls_since(0):
        if c.method in ("chat.postMessage", "chat.update", "response_url") \
                and c.response.get("channel") != alex:
            texts.append(text_of(c))
    return texts


def test_a_chinese_team_reads_no_stray_english(bot: Bot) -> None:
    demo_team(bot)
    texts = busy_day(bot) + posted(bot)
    leaks = {t: stray_english(t) for t in texts if stray_english(t)}
    for t, w in leaks.items():
        print("=====", w, "\n", t)
    assert not leaks


def swap_team(bot: Bot) -> None:
    """Eight Chinese-speaking agents in two groups, each shift covered once per group per day."""
    for prefix, group in (("A", "售前"), ("B", "售后")):
        for n, (code, days) in PATTERN.items():
            who = bot.add_staff(f"U0{prefix}{n}", f"{prefix}{n}", group=group)
            for d in days:
                bot.set_shift(who, MONDAY + timedelta(days=d), code)
    bot.add_staff("U0L1", "孙丽", role="lead")


def test_a_swap_answered_twice_names_its_state_in_chinese(bot: Bot) -> None:
    swap_team(bot)
    call = bot.reply_call("U0A1", "/swap", "11-25 看病")
    pick = buttons(call)[0]
    bot.click("U0A1", pick["action_id"], pick["value"])
    r = bot.rows(Request)[-1]
    other = next(s.slack_id for s in bot.rows(Staff) if s.id == r.counterpart_id)
    bot.click(other, ids.SWAP_ACCEPT, r.id)
    again = bot.click(other, ids.SWAP_ACCEPT, r.id)
    assert again == f"换班 #{r.id} 目前待组长审批，未做更改。"
    r = bot.rows(Request)[-1]
    bot.click("U0L1", ids.APPROVE, r.id, r.channel, r.ts)
    late = bot.click("U0L1", ids.APPROVE, r.id, r.channel, r.ts)
    assert late.startswith(f"申请 #{r.id} 已由 <@U0L1> 于 ") and late.count("已") == 1
    assert late.endswith("批准，没有做任何改动。")


def test_penalty_rules_keep_one_bullet_a_line(bot: Bot) -> None:
    bot.add_staff("U0A1", "陈晓")
    lines = bot.command("U0A1", "/penalty", "rules").splitlines()
    bullets = [line for line in lines if line.startswith("•")]
    assert len(bullets) == len(bot.ctx.policy.fines) > 1
    assert all(line.count("•") <= 1 for line in lines)


def test_a_draft_shows_rest_as_休_and_a_second_publish_says_published_in_chinese(
        bot: Bot) -> None:
    demo_team(bot)
    bot.command(LEAD, "/roster", "generate next")
    draft = bot.rows(RosterDraft)[-1]
    assert draft.channel and draft.ts
    card = text_of_message(bot.api.message(draft.channel, draft.ts))
    grid = card.split("```")[1].splitlines()[2:]
    assert grid and all(" - " not in row and "休" in row for row in grid if row.strip())
    bot.click(LEAD, ids.DRAFT_PUBLISH, draft.id)
    again = bot.click(LEAD, ids.DRAFT_PUBLISH, draft.id)
    assert again == f"草稿 #{draft.id} 已发布（<@{LEAD}>），未做更改。"


def test_help_names_the_role_in_chinese(bot: Bot) -> None:
    bot.add_staff("U0A1", "陈晓")
    assert bot.command("U0A1", "/kefu", "help").splitlines()[-1] == "你的角色：客服。"
