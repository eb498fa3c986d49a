"""Pick the language of a reply: the user's Slack locale, else the team default."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from bot.render.text import Lang

LocaleLookup = Callable[[str], str | None]


def lang_from_locale(locale: str | None, default: Lang) -> Lang:
    """Map a Slack locale such as zh-CN or en-US to one of our languages."""
    if not locale:
        return default
    prefix = locale.lower()[:2]
    if prefix == "zh":
        return "zh"
    if prefix == "en":
        return "en"
    return default


class LocaleCache:
    """Remember each user's Slack locale for a while; one users.info call per user per hour."""

    def __init__(self, lookup: LocaleLookup, ttl_seconds: float = 3600.0) -> None:
        self._lookup = lookup
        self._ttl = ttl_seconds
        self._data: dict[str, tuple[float, str | None]] = {}
        self._lock = threading.Lock()

    def locale(self, user_id: str) -> str | None:
        """Return the user's locale, asking Slack only when not known recently."""
        now = time.monotonic()
        with self._lock:
            hit = self._data.get(user_id)
        if hit and now - hit[0] < self._ttl:
            return hit[1]
        value = self._lookup(user_id)
        with self._lock:
            self._data[user_id] = (now, value)
        return value

    def forget(self, user_id: str) -> None:
        """Drop what is remembered of a user (their profile changed)."""
        with self._lock:
            self._data.pop(user_id, None)
