"""A submitted form filed through the same service as its text command, in one transaction."""

from __future__ import annotations

import hashlib
import logging
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

from slack_bolt import Respond

from bot.context import Context
from bot.handlers.common import reply
from bot.handlers.deliver import deliver, message
from bot.handlers.forms.base import FieldError, Form, Submission, usage_problem
from bot.handlers.forms.lane import Waiting, submission_key
from bot.handlers.home import refresh
from bot.handlers.inbound import DurableRespond
from bot.parse.common import UsageError
from bot.render.text import Lang
from bot.services import home
from bot.services.errors import Refused
from bot.services.staff import by_slack_id

log = logging.getLogger("kefu")
Errors = dict[str, str]


def filing_work(ctx: Context, form: Form,
                waiting: Waiting) -> Callable[[dict[str, Any], Respond, datetime], None]:
    """The inbox work of FORM's submissions: file it; errors go to the waiting listener, or
    (when none waits any more: a busy worker, a restart) to the member's DM."""

    def work(body: dict[str, Any], _respond: Respond, now: datetime) -> None:
        user = str(body["user"]["id"])
        lang, dm = ctx.lang_for(user), DurableRespond(ctx, None, dm=user)
        try:
            with ctx.session():  # a savepoint: a crash undoes the filing and its messages
                errors = file_form(ctx, form, body, dm, lang, now)
        except Exception as exc:  # noqa: BLE001 - a fault, not a mistake: logged, member told
            ref = uuid.uuid4().hex[:8]
            log.error("error %s while filing a %s form", ref, form.name, exc_info=exc)
            return reply(dm, lang, "form_failed", form=form.name, ref=ref)
        if errors and not waiting.give(submission_key(body), errors):
            reply(dm, lang, "form_errors", form=form.name, errors=list(errors.values()))

    return work


def file_form(ctx: Context, form: Form, body: dict[str, Any], dm: Respond, lang: Lang,
              now: datetime) -> Errors | None:
    """Read and file the submission; the errors to show on its fields, nothing stored, or
    None once filed and answered."""
    values = ((body.get("view") or {}).get("state") or {}).get("values") or {}
    user = str(body["user"]["id"])
    try:
        with ctx.session() as session:  # a savepoint: a refusal undoes all of it
            who = by_slack_id(session, slack_id=user)
            if who is None:
                reply(dm, lang, "not_registered", user_id=user)
                return None
            if form.roles and who.role not in form.roles:
                raise Refused("role", needed=form.roles[0], role=who.role)
            key = hashlib.sha256(submission_key(body).encode()).hexdigest()[:32]
            metadata = str((body.get("view") or {}).get("private_metadata") or "")
            answer = form.file(ctx, session, who, Submission(values, metadata, key), now)
            people = home.concerned(session, actor=who.slack_id, answer=answer)
    except FieldError as err:
        return {err.block: err.text(lang)}
    except UsageError as err:
        return {form.block_for(err.problem): usage_problem(lang, err)}
    except Refused as err:
        text = message(ctx, lang, "refused", {"reason": err.reason, "p": err.params})["text"]
        return {form.block_for(err.reason): str(text)}
    deliver(ctx, dm, lang, answer)
    refresh(ctx, people)
    return None
