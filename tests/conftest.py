"""Shared fixtures: a real, migrated database and the default policy."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot.policy import Policy, load_policy
from db.engine import make_engine, upgrade


@pytest.fixture(scope="session")
def policy() -> Policy:
    """The built-in shop policy."""
    return load_policy(None)


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """A fresh SQLite file per test."""
    return f"sqlite:///{tmp_path / 'kefu.db'}"


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """A database migrated with the real Alembic migrations."""
    e = make_engine(db_url)
    upgrade(e)
    yield e
    e.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """A session on the migrated database."""
    with Session(engine, expire_on_commit=False) as s:
        yield s
