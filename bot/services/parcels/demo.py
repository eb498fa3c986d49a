"""Demo problem parcels: a few of each kind of state, so the console has something to show."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session, select

from bot.policy import Policy
from bot.services.parcels.close import Transfer, close_parcel
from bot.services.parcels.records import add_note, log_parcel
from bot.services.staff import StaffView
from db.models import Parcel

# (waybill, type, note, logged how many hours ago, agent index)
_LOGGED = (
    ("518012345601", "电话错误", "客户电话 13812345678 停机", 80, 0),
    ("518012345602", "破损", "外箱一角压坏，内物待查", 30, 1),
    ("518012345603", "超区", "明港 乡镇件", 2, 2),
    ("518012345604", "未到齐", "主单到，子单 518012345605 未到", 5, 3),
    ("518012345606", "错分", "大头笔写错，应发郑州", 26, 0),
    ("518012345607", "超区", "淮滨 乡镇件", 28, 1),
    ("518012345608", "刷单件", "小信封空包", 50, 2),
)


def load_demo_parcels(session: Session, *, agents: list[StaffView], now: datetime,
                      policy: Policy) -> int:
    """Log the demo parcels once (open, stale, due, transferred, closed); return how many."""
    if session.exec(select(Parcel)).first() is not None:
        return 0
    for waybill, kind, note, hours, who in _LOGGED:
        log_parcel(session, who=agents[who], waybill=waybill, type_word=kind, note=note,
                   now=now - timedelta(hours=hours), policy=policy)
    add_note(session, who=agents[1], waybill="518012345602", text="已通知寄件网点，等待回复",
             reply=False, now=now - timedelta(hours=20), policy=policy)
    add_note(session, who=agents[0], waybill="518012345606", text="已改大头笔，晚班车发回",
             reply=False, now=now - timedelta(hours=1), policy=policy)
    close_parcel(session, who=agents[1], waybill="518012345607", state="transferred",
                 note="换单转申通", now=now - timedelta(hours=22), policy=policy,
                 transfer=Transfer("申通", kg=None))
    close_parcel(session, who=agents[2], waybill="518012345608", state="other",
                 note="批量签收 草签", now=now - timedelta(hours=48), policy=policy)
    return len(_LOGGED)
