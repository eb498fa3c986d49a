"""A thread-safe log of the calls the local Slack stand-in answered."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Call:
    """One recorded request: a Web API method, a response_url post or a file upload."""

    seq: int
    method: str
    args: dict[str, Any]
    response: dict[str, Any]


class CallLog:
    """Record calls and let other threads wait for them."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._calls: list[Call] = []
        self._seq = 0
        self._last_time = 0.0

    def record(self, method: str, args: dict[str, Any], response: dict[str, Any]) -> Call:
        """Append one call and wake every waiter."""
        with self._cond:
            self._seq += 1
            call = Call(self._seq, method, args, response)
            self._calls.append(call)
            self._last_time = time.monotonic()
            self._cond.notify_all()
            return call

    @property
    def calls(self) -> list[Call]:
        """Return a snapshot of every recorded call."""
        with self._cond:
            return list(self._calls)

    @property
    def last_seq(self) -> int:
        """Return the seq of the newest call ever recorded, or 0."""
        with self._cond:
            return self._seq

    def calls_since(self, seq: int) -> list[Call]:
        """Return calls recorded after `seq`."""
        with self._cond:
            return [c for c in self._calls if c.seq > seq]

    def clear(self) -> None:
        """Forget recorded calls; seq numbers keep increasing."""
        with self._cond:
            self._calls.clear()

    def wait_for(self, predicate: Callable[[Call], bool], timeout: float = 5.0,
                 *, after: int = 0) -> Call:
        """Return the first call after `after` matching predicate; fail after timeout."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for call in self._calls:
                    if call.seq > after and predicate(call):
                        return call
                left = deadline - time.monotonic()
                if left <= 0:
                    methods = [c.method for c in self._calls if c.seq > after]
                    raise AssertionError(f"no matching Slack call within {timeout}s; got {methods}")
                self._cond.wait(left)

    def wait_quiet(self, after_seq: int, quiet: float = 0.25,
                   timeout: float = 5.0) -> list[Call]:
        """Return calls after `after_seq` once none arrived for `quiet` seconds."""
        start = time.monotonic()
        with self._cond:
            while True:
                now = time.monotonic()
                idle = now - max(start, self._last_time)
                if idle >= quiet or now - start >= timeout:
                    return [c for c in self._calls if c.seq > after_seq]
                self._cond.wait(min(quiet - idle, timeout - (now - start)))
