"""`/roster generate WEEK` and the draft's Publish / Discard buttons."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from bot.domain.period import Week
from bot.policy import Policy
from bot.services.requests import Answer, Notice, Update
from bot.services.roster import drafts as roster_drafts
from bot.services.roster.drafts import Sessions
from bot.services.staff import StaffView


def generate(sessions: Sessions, *, who: StaffView, week: Week, now: datetime,
             policy: Policy) -> Answer:
    """Solve the week; the draft goes to the approvals channel with Publish / Discard."""
    draft = roster_drafts.generate(sessions, week=week, actor=who, now=now, policy=policy)
    post = Notice("approvals", "roster_draft", {"d": draft}, buttons="draft", ref=draft.id,
                  attach=("draft", draft.id))
    return Answer("roster_drafted", {"d": draft}, notices=[post])


def decide(session: Session, *, who: StaffView, draft_id: int, publish: bool, now: datetime,
           policy: Policy) -> Answer:
    """Publish (the roster is written and posted to the team) or discard, exactly once."""
    draft, changed, written = roster_drafts.decide(session, draft_id=draft_id, publish=publish,
                                                   actor=who, now=now, policy=policy)
    data = {"d": draft, "changed": changed, "written": written}
    if not changed:
        return Answer("draft_decided", data)
    updates = [Update(draft.channel, draft.ts, "roster_draft", {"d": draft}, team=True)] \
        if draft.channel and draft.ts else []
    notices = [Notice("team", "roster_published", {"d": draft})] if publish else []
    return Answer("draft_decided", data, updates=updates, notices=notices)
