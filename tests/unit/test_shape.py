"""The project's shape: pure layers import nothing impure, capabilities meet only through
their packages' public names, no import circles, and the manifest matches the code."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from bot import ids

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ROOT / "bot" / "services"
CAPABILITIES = sorted(p.name for p in SERVICES.iterdir() if (p / "__init__.py").is_file())


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


def _public(capability: str) -> set[str]:
    tree = ast.parse((SERVICES / capability / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            return {ast.literal_eval(e) for e in node.value.elts}  # type: ignore[attr-defined]
    return set()


def _capability_of(path: Path) -> str | None:
    rel = path.relative_to(SERVICES).parts
    return rel[0] if len(rel) > 1 else None


def _reaches_past_public_names(path: Path) -> list[str]:
    own = _capability_of(path)
    tree = ast.parse(path.read_text(encoding="utf-8"))
    bad: list[str] = []
    aliases: dict[str, str] = {}
    for node in ast.walk(tree):
        if not isinstance(node, ast.ImportFrom) or not node.module:
            continue
        parts = node.module.split(".")
        if node.module == "bot.services":
            aliases.update({a.asname or a.name: a.name for a in node.names
                            if a.name in CAPABILITIES and a.name != own})
        elif parts[:2] == ["bot", "services"] and len(parts) > 2 and parts[2] != own \
                and parts[2] in CAPABILITIES:
            if len(parts) > 3:
                bad.append(node.module)
            else:
                bad += [f"{node.module}.{a.name}" for a in node.names
                        if a.name not in _public(parts[2])]
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                and node.value.id in aliases and node.attr not in _public(aliases[node.value.id]):
            bad.append(f"{aliases[node.value.id]}.{node.attr}")
    return bad


def test_every_capability_is_a_package_with_public_names() -> None:
    assert CAPABILITIES == ["attendance", "handover", "leave", "ledger", "parcels", "requests",
                            "roster", "swaps"]
    assert all(_public(c) for c in CAPABILITIES)


@pytest.mark.parametrize("path", sorted(SERVICES.rglob("*.py")), ids=str)
def test_a_capability_reaches_another_only_through_its_public_names(path: Path) -> None:
    assert _reaches_past_public_names(path) == []


@pytest.mark.parametrize("path", sorted((SERVICES / "requests").glob("*.py")), ids=str)
def test_the_request_mechanism_imports_no_capability(path: Path) -> None:
    caps = {f"bot.services.{c}" for c in CAPABILITIES if c != "requests"}
    assert {n for n in _imports(path) if ".".join(n.split(".")[:3]) in caps} == set()


def _node(module: str) -> str:
    """The node a module counts as: its package below `bot/` (a capability below
    `bot/services/`); modules directly in the umbrellas `bot/` and `bot/services/` are nodes
    of their own, and `db` is one node."""
    parts = module.split(".")
    if parts[0] == "db":
        return "db"
    depth = 3 if parts[:2] == ["bot", "services"] else 2
    return ".".join(parts[:depth])


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _graph() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {}
    paths = [*(ROOT / "bot").rglob("*.py"), *(ROOT / "db").glob("*.py")]
    for path in paths:
        source = _node(_module_name(path))
        for name in _imports(path):
            if name.split(".")[0] in {"bot", "db"} and _node(name) != source:
                edges.setdefault(source, set()).add(_node(name))
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):  # `from bot.services import ledger` names a package
            if isinstance(node, ast.ImportFrom) and node.module in {"bot", "bot.services"}:
                for a in node.names:
                    target = _node(f"{node.module}.{a.name}")
                    if target != source:
                        edges.setdefault(source, set()).add(target)
    return edges


def _circle(edges: dict[str, set[str]]) -> list[str]:
    """One import circle, or [] when the graph has none."""
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        path.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt):], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        state[node] = 2
        path.pop()
        return []

    for start in sorted(edges):
        if start not in state and (found := visit(start)):
            return found
    return []


def test_the_circle_finder_finds_a_circle_of_packages() -> None:
    assert _circle({"bot.services.requests": {"bot.services.roster"},
                    "bot.services.roster": {"bot.services.requests"}}) == [
        "bot.services.requests", "bot.services.roster", "bot.services.requests"]


def test_no_import_circles_between_packages() -> None:
    edges = _graph()
    assert "bot.services.ledger" in edges["bot.services.attendance"]  # the graph is real
    assert _circle(edges) == []
