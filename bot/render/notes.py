"""Notes the bot itself writes on ledger lines, shown in the reader's language."""

from __future__ import annotations

import re

# Stored as written by the services (ledger reversals, the demo team); people's own notes
# and reasons are shown as they typed them.
_ZH = {
    "demo": "演示数据",
    "replaced by a later clock-out": "已被之后的下班卡取代",
}
_APPEAL_UPHELD = re.compile(r"appeal #(\d+) upheld")


def note_text(note: str | None, lang: str) -> str:
    """Return a ledger note for a reader of LANG: the bot's own notes translated."""
    if not note or lang != "zh":
        return note or ""
    upheld = _APPEAL_UPHELD.fullmatch(note)
    if upheld:
        return f"申诉 #{upheld[1]} 成立"
    return _ZH.get(note, note)
