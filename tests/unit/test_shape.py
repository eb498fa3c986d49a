"""The project's shape: pure layers import nothing impure; the manifest matches the code."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from bot import ids

ROOT = Path(__file__).resolve().parents[2]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", sorted((ROOT / "bot" / "domain").glob("*.py")), ids=str)
def test_domain_imports_nothing_from_the_project_slack_or_the_database(path: Path) -> None:
    impure = {"bot", "db", "slack_bolt", "slack_sdk", "sqlmodel", "sqlalchemy"}
    bad = {n for n in _imports(path)
           if n.split(".")[0] in impure and not n.startswith("bot.domain")}
    assert bad == set()


@pytest.mark.parametrize("path", sorted((ROOT / "bot" / "handlers").rglob("*.py")), ids=str)
def test_handlers_do_not_touch_the_database_directly(path: Path) -> None:
    assert not {n for n in _imports(path) if n.startswith(("db.", "sqlalchemy"))}


def test_manifest_declares_every_slash_command() -> None:
    text = (ROOT / "manifest.yml").read_text(encoding="utf-8")
    declared = re.findall(r"^\s*- command: (/\w+)\s*$", text, flags=re.M)
    assert sorted(declared) == sorted(ids.ALL_COMMANDS)


@pytest.mark.parametrize("path", sorted((ROOT / "bot" / "solver").glob("*.py")), ids=str)
def test_solver_imports_nothing_from_the_project_slack_or_the_database(path: Path) -> None:
    impure = {"bot", "db", "slack_bolt", "slack_sdk", "sqlmodel", "sqlalchemy"}
    bad = {n for n in _imports(path)
           if n.split(".")[0] in impure and not n.startswith("bot.solver")}
    assert bad == set()
