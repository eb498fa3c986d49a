"""Engine, sessions and schema upgrades."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import event, text
from sqlalchemy.engine import Engine, make_url
from sqlmodel import Session, create_engine

MIGRATIONS = Path(__file__).parent / "migrations"


def make_engine(url: str) -> Engine:
    """Create an engine; SQLite gets WAL, a busy timeout, foreign keys, immediate locks."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 15})
    event.listen(engine, "connect", _sqlite_pragmas)
    turns = _Turns()
    event.listen(engine, "begin", turns.begin)
    event.listen(engine, "commit", turns.end)
    event.listen(engine, "rollback", turns.end)
    return engine


class _Turns:
    """Take SQLite's write lock when a transaction starts, not at its first write, and let
    this process's transactions queue for it, acknowledgements first.

    A deferred transaction that reads and then writes fails at once ("database is locked")
    if another writer committed in between; BEGIN IMMEDIATE makes it wait instead. Waiting
    in SQLite's busy handler means sleeping in steps of up to 100 ms, so threads of one
    process wait on a lock of ours first: the next in line starts the moment the lock is
    free, and a request waiting for its ack (see `urgent`) goes before background work.
    Other processes still meet SQLite's busy timeout.
    """

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._owner: int | None = None
        self._depth = 0
        self._urgent = 0

    def _acquire(self, urgent: bool) -> bool:
        me = threading.get_ident()
        with self._cond:
            if self._owner == me:
                self._depth += 1
                return True
            self._urgent += urgent
            try:
                free = self._cond.wait_for(
                    lambda: self._owner is None and (urgent or not self._urgent), timeout=15)
            finally:
                self._urgent -= urgent
            if free:
                self._owner, self._depth = me, 1
            return free

    def begin(self, conn: Any) -> None:
        if not self._acquire(getattr(_URGENT, "on", False)):
            raise TimeoutError("waited 15 s for the database's write lock")
        conn.info["kefu_turn"] = True
        try:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        except BaseException:
            self.end(conn)
            raise

    def end(self, conn: Any) -> None:
        if conn.info.pop("kefu_turn", False):
            with self._cond:
                self._depth -= 1
                if self._depth == 0:
                    self._owner = None
                    self._cond.notify_all()


_URGENT = threading.local()


@contextmanager
def urgent() -> Iterator[None]:
    """Transactions begun inside go first in this process's queue (a request's ack)."""
    _URGENT.on = True
    try:
        yield
    finally:
        _URGENT.on = False


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # the driver must not open transactions on its own
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA busy_timeout=15000")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def alembic_config(engine: Engine) -> Config:
    """Build an Alembic config bound to this engine."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def upgrade(engine: Engine) -> None:
    """Create or upgrade the schema to the newest migration."""
    command.upgrade(alembic_config(engine), "head")


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One transaction: commit on success, roll back on error."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def ping(engine: Engine) -> bool:
    """Say whether the database answers."""
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        return True
    except Exception:  # noqa: BLE001 - any failure means "not healthy"
        return False
