"""Load the team from a .csv or .xlsx file (id, name, role, group, base wage): all rows or none."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session

from bot.domain.money import parse_yuan
from bot.services import staff as staff_service
from bot.services.table_files import TableFileError, TableRow, read_table

COLUMNS = ("id", "name", "role", "group", "base_wage")
_ALIASES = {
    "slack id": "id", "slack_id": "id", "member id": "id", "成员id": "id", "用户id": "id",
    "姓名": "name", "名字": "name", "员工": "name", "角色": "role", "岗位": "role",
    "组": "group", "组别": "group", "分组": "group", "小组": "group",
    "base wage": "base_wage", "wage": "base_wage", "基本工资": "base_wage", "底薪": "base_wage",
}
_ROLES = {"": "agent", "agent": "agent", "客服": "agent", "lead": "lead", "组长": "lead",
          "主管": "lead", "admin": "admin", "管理员": "admin"}


class StaffFileError(TableFileError):
    """A staff file with bad rows: one line per problem, "FILE line N: what is wrong"."""


@dataclass(frozen=True)
class StaffLine:
    """One checked row of a staff file; no base wage means the wage is left as it is."""

    line: int
    slack_id: str
    name: str
    role: str
    group: str | None
    wage_fen: int | None


def _check(row: TableRow) -> StaffLine | str:
    """Return the row checked, or what is wrong with it."""
    slack_id, name, role = row["id"], row["name"], _ROLES.get(row["role"].lower())
    if not staff_service.is_slack_id(slack_id):
        return f'Slack user ID "{slack_id}" should look like U012ABCDEF'
    if not name:
        return "the name is empty"
    if role is None:
        return f'role "{row["role"]}" should be agent, lead or admin (客服, 组长, 管理员)'
    wage = row["base_wage"].removesuffix("元").replace(",", "")
    try:
        fen = parse_yuan(wage) if wage else None
    except ValueError as exc:
        return f"base wage: {exc}"
    return StaffLine(row.line, slack_id, name, role, row["group"] or None, fen)


def read_staff(path: Path) -> list[StaffLine]:
    """Read and check every row; bad rows raise StaffFileError naming each of them."""
    rows = read_table(path, columns=COLUMNS, aliases=_ALIASES, required=("id", "name"))
    problems: list[str] = []
    lines: list[StaffLine] = []
    seen: dict[str, int] = {}
    for row in rows:
        checked = _check(row)
        if isinstance(checked, StaffLine) and checked.slack_id in seen:
            checked = f"{checked.slack_id} is already on line {seen[checked.slack_id]}"
        if isinstance(checked, str):
            problems.append(f"{path.name} line {row.line}: {checked}")
            continue
        seen[checked.slack_id] = row.line
        lines.append(checked)
    if problems:
        raise StaffFileError("\n".join(problems))
    if not lines:
        raise StaffFileError(f"{path.name}: no people under the header line")
    return lines


def import_staff(session: Session, lines: list[StaffLine], *, actor: str) -> int:
    """Add or update every member in the session's transaction; return how many are new."""
    added = 0
    for s in lines:
        _, created = staff_service.add_or_update(session, slack_id=s.slack_id, name=s.name,
                                                 role=s.role, group=s.group, actor=actor)
        if s.wage_fen is not None:
            staff_service.set_base_wage(session, ref=s.slack_id, fen=s.wage_fen, actor=actor)
        added += created
    return added
