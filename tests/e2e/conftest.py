"""The e2e fixture: a bot at a fixed instant (Tuesday 2026-11-24, Shanghai)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.e2e.harness import Bot

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def bot(tmp_path: Path) -> Iterator[Bot]:
    """A running bot whose clock reads 2026-11-24 08:00 in Shanghai until a test moves it."""
    b = Bot(tmp_path, datetime(2026, 11, 24, 8, 0, tzinfo=SHANGHAI))
    yield b
    b.close()
