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
        self._pending: dict[str, threading.Event] = {}
        self._lock = threading.Lock()

    def locale(self, user_id: str) -> str | None:
        """Return the user's locale, asking only when not known recently; a lookup already
        under way for the user is waited for, not repeated."""
        now = time.monotonic()
        with self._lock:
            hit = self._data.get(user_id)
            if hit and now - hit[0] < self._ttl:
                return hit[1]
            pending = self._pending.get(user_id)
            mine = pending is None
            if mine:
                pending = self._pending[user_id] = threading.Event()
        assert pending is not None
        if not mine:
            pending.wait(timeout=10)
            with self._lock:
                hit = self._data.get(user_id)
            return hit[1] if hit else None
        try:
            value = self._lookup(user_id)
            with self._lock:
                self._data[user_id] = (now, value)
            return value
        finally:
            with self._lock:
                self._pending.pop(user_id, None)
            pending.set()

    def forget(self, user_id: str) -> None:
        """Drop what is remembered of a user (their profile changed)."""
        with self._lock:
            self._data.pop(user_id, None)
