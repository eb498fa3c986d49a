"""Read a direct message to the bot as a slash command: `上班` is `/clock 上班`, `排班 明天`
is `/roster 明天`, `罚款` is `/penalty`."""

from __future__ import annotations

from dataclasses import dataclass

from bot import ids
from bot.parse.common import split_first


@dataclass(frozen=True)
class DmCommand:
    """The slash command a DM stands for, and the text that follows it."""

    command: str
    text: str


# The first word of a DM and the command it stands for. KEEP: the word is also the command's
# first word (`上班` → `/clock 上班`); NAME: it only names the command (`排班 明天` is
# `/roster 明天`).
KEEP, NAME = True, False
WORDS: dict[str, tuple[str, bool]] = {
    **dict.fromkeys(("上班", "下班", "补卡", "in", "out", "fix"), (ids.CLOCK, KEEP)),
    **dict.fromkeys(("打卡", "clock"), (ids.CLOCK, NAME)),
    **dict.fromkeys(("排班", "班表", "roster"), (ids.ROSTER, NAME)),
    **dict.fromkeys(("换班", "swap"), (ids.SWAP, NAME)),
    **dict.fromkeys(("请假", "假期", "leave"), (ids.LEAVE, NAME)),
    **dict.fromkeys(("罚款", "penalty", "fine", "fines"), (ids.PENALTY, NAME)),
    **dict.fromkeys(("问题件", "件", "parcel"), (ids.PARCEL, NAME)),
    **dict.fromkeys(("交接", "交接班", "handover"), (ids.HANDOVER, NAME)),
    **dict.fromkeys(("汇总", "晨会", "summary", "报表", "report", "提醒", "remind", "重点",
                     "focus"), (ids.KEFU, KEEP)),
    "kefu": (ids.KEFU, NAME),
}
HELP_WORDS = frozenset({"", "help", "帮助", "?"})
# Chinese words are often typed without a space before what follows (`排班明天`).
_GLUED = sorted((w for w in WORDS if not w.isascii()), key=len, reverse=True)


@dataclass(frozen=True)
class DmHelp:
    """Not a command: show the DM help; WORD is what was not understood ("" for help)."""

    word: str


def parse_dm(text: str) -> DmCommand | DmHelp:
    """Map a DM's first word to its command; anything else asks for the help."""
    text = text.strip().removeprefix("/")
    word, rest = split_first(text)
    if word in HELP_WORDS:
        return DmHelp("")
    found = WORDS.get(word)
    if found is None:
        glued = next((w for w in _GLUED if word.startswith(w)), None)
        if glued is None:
            return DmHelp(word)
        # The glued word is Chinese, which reading leaves as typed: the rest is cut as typed.
        word, rest = glued, f"{text.split()[0][len(glued):]} {rest}".strip()
        found = WORDS[glued]
    command, keep = found
    return DmCommand(command, f"{word} {rest}".strip() if keep else rest)
