"""The manifest declares the shortcuts the bot listens to, named within Slack's limits."""

from __future__ import annotations

import re
from pathlib import Path

from bot import ids

MANIFEST = (Path(__file__).resolve().parents[2] / "manifest.yml").read_text(encoding="utf-8")
SHORTCUTS = re.findall(r"^    - name: (.+)\n      type: (\w+)\n      callback_id: (\w+)\n"
                       r"      description: \"(.+)\"$", MANIFEST, flags=re.M)


def test_the_manifest_declares_the_parcel_shortcuts_the_bot_listens_to() -> None:
    assert [(kind, callback) for _, kind, callback, _ in SHORTCUTS] == [
        ("global", ids.SHORTCUT_PARCEL), ("message", ids.SHORTCUT_PARCEL_MESSAGE)]


def test_shortcut_names_and_descriptions_fit_slacks_limits_in_both_languages() -> None:
    for name, _, _, description in SHORTCUTS:
        assert len(name) <= 24 and len(description) <= 150
        assert re.search(r"[\u4e00-\u9fff]", name) and re.search(r"[A-Za-z]", name)
