"""A DM's words → the slash command they stand for (the table in bot/parse/dm.py)."""

from __future__ import annotations

import re

import pytest

from bot.parse.dm import DmCommand, DmHelp, parse_dm
from bot.render.text import LANGS, Lang, render


@pytest.mark.parametrize(("text", "command", "rest"), [
    ("上班", "/clock", "上班"),
    ("下班 走了", "/clock", "下班 走了"),
    ("下班了", "/clock", "下班 了"),
    ("补卡 昨天 08:25 上班 忘记打卡", "/clock", "补卡 昨天 08:25 上班 忘记打卡"),
    ("IN", "/clock", "in"),
    ("ｏｕｔ", "/clock", "out"),
    ("打卡", "/clock", ""),
    ("排班 明天", "/roster", "明天"),
    ("排班明天", "/roster", "明天"),
    ("roster generate 2026-W49", "/roster", "generate 2026-W49"),
    ("换班 12-05 @陈晓 家里有事", "/swap", "12-05 @陈晓 家里有事"),
    ("请假11-26 病假 发烧", "/leave", "11-26 病假 发烧"),
    ("罚款", "/penalty", ""),
    ("fines paid 12", "/penalty", "paid 12"),
    ("问题件 log 518012345678 破损", "/parcel", "log 518012345678 破损"),
    ("件", "/parcel", ""),
    ("交接班 空调坏了", "/handover", "空调坏了"),
    ("汇总", "/kefu", "汇总"),
    ("report attendance 2026-11", "/kefu", "report attendance 2026-11"),
    ("kefu help", "/kefu", "help"),
    ("/clock in", "/clock", "in"),
])
def test_a_dm_stands_for_its_slash_command(text: str, command: str, rest: str) -> None:
    assert parse_dm(text) == DmCommand(command, rest)


@pytest.mark.parametrize(("text", "word"), [
    ("", ""), ("  ", ""), ("help", ""), ("帮助", ""), ("？", ""),
    ("你好", "你好"), ("Hello there", "hello"), ("上午好", "上午好"),
])
def test_anything_else_asks_for_the_help(text: str, word: str) -> None:
    assert parse_dm(text) == DmHelp(word)


@pytest.mark.parametrize("lang", LANGS)
def test_every_example_in_the_dm_help_is_read_as_a_command(lang: Lang) -> None:
    examples = re.findall(r"`([^`]+)`", render(lang, "dm_help", word=""))
    commands = [e for e in examples if not e.startswith("/") and e not in ("帮助", "help")]
    assert len(commands) >= 15
    assert [e for e in commands if not isinstance(parse_dm(e), DmCommand)] == []
