"""Refusals a service raises when the rules say no; nothing has been changed."""

from __future__ import annotations

from typing import Any

from bot.services.staff import StaffView

LEADS = ("lead", "admin")


class Refused(Exception):
    """The request breaks a rule; `reason` names a fragment of the `refused` template."""

    def __init__(self, reason: str, **params: Any) -> None:
        super().__init__(f"{reason} {params}")
        self.reason = reason
        self.params = params


def require_role(who: StaffView, roles: tuple[str, ...] = LEADS) -> None:
    """Refuse unless WHO holds one of ROLES (checked on the server, whatever the client)."""
    if who.role not in roles:
        raise Refused("role", needed=roles[0], role=who.role)
