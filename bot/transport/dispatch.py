"""The dispatcher: sends the outbox's rows on a pool sized for Slack I/O, retries what Slack
could not take, and picks up what a crash or restart left behind."""

from __future__ import annotations

import json
import logging
import queue
import threading
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import CursorResult, select, update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col

from bot.transport.outbox import wall_clock
from bot.transport.send import Delivered, Sender, Transient
from db.engine import session_scope
from db.models import Outbox

log = logging.getLogger("kefu.outbox")
Remember = Callable[[Session, list[Any], Delivered], None]
MAX_BACKOFF = 300.0


@dataclass
class _Claim:
    id: int
    kind: str
    payload: dict[str, Any]
    attempts: int


class Dispatcher:
    """Send outbox rows once each; a row Slack refuses for now waits and is tried again.

    Rows go to lanes by where they are going (a response_url, a channel, a person), each
    lane one thread, so one conversation's messages arrive in the order they were written
    while different conversations go out in parallel.
    """

    def __init__(self, engine: Engine, sender: Sender, *, remember: Remember,
                 threads: int = 8, poll_seconds: float = 1.0) -> None:
        self._engine, self._sender, self._remember = engine, sender, remember
        self._lanes: list[queue.SimpleQueue[int | None]] = [
            queue.SimpleQueue() for _ in range(threads)]
        self._threads = [threading.Thread(target=self._lane, args=(q,), daemon=True,
                                          name=f"slack-{n}") for n, q in enumerate(self._lanes)]
        self._poll = poll_seconds
        self._busy: set[int] = set()
        self._lock = threading.Condition()
        self._stopping = threading.Event()
        self._sweeper: threading.Thread | None = None

    def start(self) -> Dispatcher:
        """Resume rows a crash left half-sent, and sweep for due rows from now on."""
        with session_scope(self._engine) as s:
            s.execute(update(Outbox).where(col(Outbox.state) == "sending")
                      .values(state="pending"))
        for thread in self._threads:
            thread.start()
        self._sweeper = threading.Thread(target=self._sweep, daemon=True, name="outbox")
        self._sweeper.start()
        return self

    def kick(self, rows: list[tuple[int, str]]) -> None:
        """Send these (row ID, lane) now: called once the transaction that wrote them
        commits, and by the sweeper for rows due again."""
        with self._lock:
            fresh = [(i, lane) for i, lane in rows if i not in self._busy]
            self._busy.update(i for i, _ in fresh)
        for row_id, lane in fresh:
            self._lanes[zlib.crc32(lane.encode()) % len(self._lanes)].put(row_id)

    def _lane(self, rows: queue.SimpleQueue[int | None]) -> None:
        while (row_id := rows.get()) is not None:
            self._run(row_id)

    def drain(self, timeout: float = 10.0) -> bool:
        """Wait until nothing is being sent; False if that took longer than TIMEOUT."""
        with self._lock:
            return self._lock.wait_for(lambda: not self._busy, timeout=timeout)

    def stop(self) -> None:
        """Stop sweeping and finish what is being sent."""
        self._stopping.set()
        if self._sweeper is not None:
            self._sweeper.join(timeout=5)
        for lane in self._lanes:
            lane.put(None)
        for thread in self._threads:
            if thread.is_alive():
                thread.join(timeout=10)

    def _sweep(self) -> None:
        while not self._stopping.wait(self._poll):
            try:
                self.kick(self._due())
            except Exception:  # noqa: BLE001 - the sweeper must outlive a bad moment
                log.exception("outbox sweep failed")

    def _due(self) -> list[tuple[int, str]]:
        with Session(self._engine) as s:
            rows = s.execute(select(col(Outbox.id), col(Outbox.lane)).where(
                col(Outbox.state) == "pending", col(Outbox.next_at) <= wall_clock()
            ).order_by(col(Outbox.id)).limit(200)).all()
        return [(int(r[0]), str(r[1])) for r in rows]

    def _release(self, row_id: int) -> None:
        with self._lock:
            self._busy.discard(row_id)
            self._lock.notify_all()

    def _run(self, row_id: int) -> None:
        try:
            claim = self._claim(row_id)
            if claim is not None:
                self._deliver(claim)
        except Exception:  # noqa: BLE001 - logged; the row stays for the sweeper
            log.exception("outbox row %s: unexpected failure", row_id)
        finally:
            self._release(row_id)

    def _claim(self, row_id: int) -> _Claim | None:
        with session_scope(self._engine) as s:
            result = s.execute(update(Outbox).where(
                col(Outbox.id) == row_id, col(Outbox.state) == "pending",
                col(Outbox.next_at) <= wall_clock()).values(state="sending"))
            assert isinstance(result, CursorResult)
            if result.rowcount != 1:
                return None
            row = s.get(Outbox, row_id)
            assert row is not None
            return _Claim(row_id, row.kind, json.loads(row.payload), row.attempts)

    def _deliver(self, claim: _Claim) -> None:
        try:
            done = self._sender.send(claim.kind, claim.payload, attempts=claim.attempts)
        except Transient as exc:
            self._again(claim, str(exc), exc.retry_after)
            return
        except Exception as exc:  # noqa: BLE001 - Slack said no for good: keep it, say so
            log.error("outbox row %s (%s) failed for good: %s", claim.id, claim.kind, exc)
            self._finish(claim.id, state="failed", error=str(exc))
            return
        self._finish(claim.id, state="sent", error=None, done=done,
                     then=claim.payload.get("then"))

    def _again(self, claim: _Claim, error: str, retry_after: float | None) -> None:
        wait = retry_after if retry_after is not None else min(2.0 ** claim.attempts,
                                                               MAX_BACKOFF)
        log.warning("outbox row %s (%s) not taken (%s); again in %.0f s", claim.id,
                    claim.kind, error, wait)
        with session_scope(self._engine) as s:
            s.execute(update(Outbox).where(col(Outbox.id) == claim.id).values(
                state="pending", attempts=claim.attempts + 1, last_error=error[:200],
                next_at=wall_clock() + timedelta(seconds=wait)))

    def _finish(self, row_id: int, *, state: str, error: str | None,
                done: Delivered | None = None, then: list[Any] | None = None) -> None:
        with session_scope(self._engine) as s:
            s.execute(update(Outbox).where(col(Outbox.id) == row_id).values(
                state=state, sent_at=wall_clock(), last_error=error[:200] if error else None))
            if then and done is not None and done.ts:
                self._remember(s, then, done)
