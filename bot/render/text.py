"""Render user-facing text from the Jinja2 templates, in Chinese or English."""

from __future__ import annotations

import unicodedata
from datetime import datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from bot.domain.money import yuan
from bot.domain.parcels import mask_phones
from bot.render.notes import note_text

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")
TEMPLATES = Path(__file__).parent / "templates"


def slack_escape(value: object) -> str:
    """Escape only what Slack itself requires: & < >."""
    return str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def hhmm(minutes: int) -> str:
    """Format minutes after midnight as HH:MM on a 24-hour clock (1500 → 01:00)."""
    return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"


def pad(text: str, width: int) -> str:
    """Pad to a display width, counting wide (CJK) characters as two columns."""
    used = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(0, width - used)


def deadline(at: datetime) -> str:
    """Format a due instant; local midnight reads as 24:00 of the day before."""
    if at.hour == at.minute == 0:
        return f"{at - timedelta(days=1):%m-%d} 24:00"
    return f"{at:%m-%d %H:%M}"


@lru_cache(maxsize=2)
def _env(lang: Lang) -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES / lang),
        autoescape=False,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["e"] = slack_escape
    env.filters["yuan"] = yuan
    env.filters["hhmm"] = hhmm
    env.filters["pad"] = pad
    env.filters["deadline"] = deadline
    env.filters["mask"] = mask_phones
    env.filters["note"] = lambda note: note_text(note, lang)
    return env


def render(lang: Lang, template: str, **context: Any) -> str:
    """Render TEMPLATE in LANG; user-supplied values must go through `| e`."""
    return _env(lang).get_template(f"{template}.j2").render(**context).strip()


def template_names(lang: Lang) -> set[str]:
    """List the templates a language has (tests compare zh and en)."""
    return {p.stem for p in (TEMPLATES / lang).glob("*.j2")}
