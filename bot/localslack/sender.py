"""Send requests to the bot's /slack/events URL shaped and signed as Slack sends them."""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import secrets
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any

from bot.localslack.api import FakeSlackApi
from bot.localslack.forms import Filled, inputs, state_values
from bot.localslack.store import BOT_USER_ID

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"
_APP_ID = "A0LOCAL"
_VERIFICATION_TOKEN = "local-verification-token"


@dataclass(frozen=True)
class Reply:
    """The bot's HTTP answer: status, raw body and the body as JSON when it is JSON."""

    status: int
    body: str
    json: dict[str, Any] | None


def sign(secret: str, timestamp: str, body: str) -> str:
    """Return Slack's v0 signature of a request body."""
    base = f"v0:{timestamp}:{body}".encode()
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def _to_reply(status: int, raw: bytes) -> Reply:
    """Wrap a raw HTTP answer, parsing JSON bodies."""
    body = raw.decode("utf-8", "replace")
    try:
        loaded = json.loads(body) if body.strip() else None
    except ValueError:
        loaded = None
    return Reply(status, body, loaded if isinstance(loaded, dict) else None)


class SlackSender:
    """Post slash commands, button clicks and events to the bot like Slack does."""

    def __init__(self, app_url: str, signing_secret: str, api: FakeSlackApi,
                 team_id: str = "T0LOCAL", *, forge: bool = False,
                 timestamp_offset: int = 0, timeout: float = 10.0) -> None:
        self.app_url = app_url
        self.signing_secret = signing_secret
        self.api = api
        self.team_id = team_id
        self.forge = forge
        self.timestamp_offset = timestamp_offset
        self.timeout = timeout
        self._counter = itertools.count(1)
        self.last_trigger = ""  # the trigger_id of the last interaction sent

    def post(self, body: str, content_type: str,
             headers: dict[str, str] | None = None) -> Reply:
        """Sign and post a raw body (with any extra HEADERS, e.g. X-Slack-Retry-Num); HTTP
        errors come back as a Reply too."""
        timestamp = str(int(time.time()) + self.timestamp_offset)
        secret = "forged-" + self.signing_secret if self.forge else self.signing_secret
        headers = {"Content-Type": content_type, "X-Slack-Request-Timestamp": timestamp,
                   "X-Slack-Signature": sign(secret, timestamp, body),
                   "User-Agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
                   **(headers or {})}
        request = urllib.request.Request(self.app_url, body.encode(), headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return _to_reply(response.status, response.read())
        except urllib.error.HTTPError as error:
            return _to_reply(error.code, error.read())

    def _trigger_id(self, user_id: str) -> str:
        """A fresh trigger_id, told to the stand-in (views.open takes it for 3 s)."""
        trigger = f"{next(self._counter)}.{self.team_id}.{secrets.token_hex(8)}"
        self.api.issue_trigger(trigger, user_id)
        self.last_trigger = trigger
        return trigger

    def command(self, user_id: str, command: str, text: str, *, channel_id: str = "C0KEFU",
                channel_name: str = "kefu", user_name: str | None = None) -> Reply:
        """Send a slash command as Slack's form-encoded payload."""
        return self.post(self.command_body(user_id, command, text, channel_id=channel_id,
                                           channel_name=channel_name, user_name=user_name),
                         FORM)

    def command_body(self, user_id: str, command: str, text: str, *,
                     channel_id: str = "C0KEFU", channel_name: str = "kefu",
                     user_name: str | None = None) -> str:
        """The form body of a slash command, with a fresh trigger and response_url (sent
        again as is, it is a replay)."""
        return urllib.parse.urlencode(self.command_fields(
            user_id, command, text, channel_id=channel_id, channel_name=channel_name,
            user_name=user_name))

    def command_fields(self, user_id: str, command: str, text: str, *,
                       channel_id: str = "C0KEFU", channel_name: str = "kefu",
                       user_name: str | None = None) -> dict[str, str]:
        """A slash command's fields (the payload of a Socket Mode envelope)."""
        self.api.add_channel(channel_name, channel_id)
        return {
            "token": _VERIFICATION_TOKEN, "team_id": self.team_id, "team_domain": "local",
            "channel_id": channel_id, "channel_name": channel_name, "user_id": user_id,
            "user_name": user_name or user_id, "command": command, "text": text,
            "api_app_id": _APP_ID, "is_enterprise_install": "false",
            "response_url": self.api.new_response_url(channel_id),
            "trigger_id": self._trigger_id(user_id)}

    def block_action(self, user_id: str, action_id: str, value: str | None, *, block_id: str,
                     message: dict[str, Any] | None, channel_id: str | None,
                     is_ephemeral: bool = False, message_ts: str | None = None) -> Reply:
        """Send a button click as a block_actions payload."""
        return self.interaction(self.block_action_payload(
            user_id, action_id, value, block_id=block_id, message=message,
            channel_id=channel_id, is_ephemeral=is_ephemeral, message_ts=message_ts))

    def block_action_payload(self, user_id: str, action_id: str, value: str | None, *,
                             block_id: str, message: dict[str, Any] | None,
                             channel_id: str | None, is_ephemeral: bool = False,
                             message_ts: str | None = None) -> dict[str, Any]:
        """A button click's block_actions payload, with a fresh trigger and response_url."""
        ts = message_ts or (message or {}).get("ts") or self.api.next_ts()
        action = {"type": "button", "action_id": action_id, "block_id": block_id,
                  "action_ts": f"{time.time():.6f}"}
        if value is not None:
            action["value"] = value
        payload: dict[str, Any] = {
            "type": "block_actions", "user": self._user(user_id), "api_app_id": _APP_ID,
            "token": _VERIFICATION_TOKEN, "team": {"id": self.team_id, "domain": "local"},
            "container": {"type": "message", "message_ts": ts, "channel_id": channel_id,
                          "is_ephemeral": is_ephemeral},
            "trigger_id": self._trigger_id(user_id), "is_enterprise_install": False,
            "enterprise": None, "state": {"values": {}}, "actions": [action],
            "response_url": self.api.new_response_url(channel_id, ts)}
        if channel_id is not None:
            payload["channel"] = {"id": channel_id, "name": self._bare_channel_name(channel_id)}
        if message is not None:
            payload["message"] = message
        return payload

    def home_action(self, user_id: str, action_id: str, value: str | None) -> Reply:
        """Send a click on a button of the user's App Home: Slack gives it no response_url
        and no channel, only the view it came from."""
        action: dict[str, Any] = {"type": "button", "action_id": action_id, "block_id": "home",
                                  "action_ts": f"{time.time():.6f}"}
        if value is not None:
            action["value"] = value
        view_id = f"V{next(self._counter):08d}"
        payload: dict[str, Any] = {
            "type": "block_actions", "user": self._user(user_id), "api_app_id": _APP_ID,
            "token": _VERIFICATION_TOKEN, "team": {"id": self.team_id, "domain": "local"},
            "container": {"type": "view", "view_id": view_id},
            "view": {"id": view_id, "type": "home", "blocks": [], "state": {"values": {}}},
            "trigger_id": self._trigger_id(user_id), "is_enterprise_install": False,
            "enterprise": None, "state": {"values": {}}, "actions": [action]}
        return self.interaction(payload)

    def shortcut(self, user_id: str, callback_id: str) -> Reply:
        """Use a global shortcut (the composer's or search's lightning menu)."""
        payload: dict[str, Any] = {
            "type": "shortcut", "token": _VERIFICATION_TOKEN, "action_ts": f"{time.time():.6f}",
            "team": {"id": self.team_id, "domain": "local"}, "user": self._user(user_id),
            "is_enterprise_install": False, "enterprise": None, "callback_id": callback_id,
            "trigger_id": self._trigger_id(user_id)}
        return self.interaction(payload)

    def message_shortcut(self, user_id: str, callback_id: str, message: dict[str, Any],
                         channel_id: str) -> Reply:
        """Use a message shortcut on MESSAGE (its "more actions" menu)."""
        payload: dict[str, Any] = {
            "type": "message_action", "token": _VERIFICATION_TOKEN,
            "action_ts": f"{time.time():.6f}", "team": {"id": self.team_id, "domain": "local"},
            "user": self._user(user_id),
            "channel": {"id": channel_id, "name": self._bare_channel_name(channel_id)},
            "is_enterprise_install": False, "enterprise": None, "callback_id": callback_id,
            "trigger_id": self._trigger_id(user_id),
            "response_url": self.api.new_response_url(channel_id),
            "message_ts": message.get("ts"), "message": message}
        return self.interaction(payload)

    def view_submission(self, user_id: str, view: dict[str, Any], filled: Filled) -> Reply:
        """Submit an open modal with FILLED typed in, as Slack sends it: the whole view with
        its state (every input, untouched ones with their initial value or null). A required
        field left empty raises ValueError: Slack's client would not send it."""
        files = {f: info for f in _file_ids(filled) if (info := self.api.file_info(f))}
        state = {"values": state_values(view, filled, files)}
        shown = {k: v for k, v in view.items() if k != "user"}
        payload: dict[str, Any] = {
            "type": "view_submission", "team": {"id": self.team_id, "domain": "local"},
            "user": self._user(user_id), "api_app_id": _APP_ID, "token": _VERIFICATION_TOKEN,
            "trigger_id": self._trigger_id(user_id),
            "view": {**shown, "state": state, "root_view_id": view.get("id"),
                     "previous_view_id": None, "external_id": "",
                     "app_installed_team_id": self.team_id},
            "response_urls": [], "is_enterprise_install": False, "enterprise": None}
        reply = self.interaction(payload)
        errors = reply.json is not None and reply.json.get("response_action") == "errors"
        if reply.status == 200 and not errors:  # an empty ack closes the modal
            self.api.close_view(str(view.get("id")))
        return reply

    def view_action(self, user_id: str, view: dict[str, Any], block_id: str,
                    filled: Filled) -> Reply:
        """Choose in a modal's input that dispatches its action (the swap form's day): a
        block_actions payload from the view, with the view's state so far."""
        field = next(f for f in inputs(view) if f.block_id == block_id)
        value = filled[block_id]
        chosen = {k: v for k, v in state_values(view, filled, strict=False)[block_id][
            field.action_id].items() if k != "type"}
        action = {"type": field.kind, "action_id": field.action_id, "block_id": block_id,
                  "action_ts": f"{time.time():.6f}", **chosen}
        shown = {k: v for k, v in view.items() if k != "user"}
        payload: dict[str, Any] = {
            "type": "block_actions", "user": self._user(user_id), "api_app_id": _APP_ID,
            "token": _VERIFICATION_TOKEN, "team": {"id": self.team_id, "domain": "local"},
            "container": {"type": "view", "view_id": view.get("id")},
            "view": {**shown, "state": {"values": state_values(view, filled, strict=False)}},
            "trigger_id": self._trigger_id(user_id), "is_enterprise_install": False,
            "enterprise": None, "actions": [action]}
        assert value is not None
        return self.interaction(payload)

    def interaction(self, payload: dict[str, Any]) -> Reply:
        """Send any interactivity payload (block_actions, view_submission, …) as Slack does."""
        body = urllib.parse.urlencode({"payload": json.dumps(payload, ensure_ascii=False)})
        return self.post(body, FORM)

    def event(self, event: dict[str, Any]) -> Reply:
        """Send an Events API event_callback envelope around `event`."""
        return self.post(self.event_body(event), JSON)

    def event_body(self, event: dict[str, Any]) -> str:
        """The JSON envelope of an event, with a fresh event_id."""
        return json.dumps(self.event_envelope(event), ensure_ascii=False)

    def event_envelope(self, event: dict[str, Any]) -> dict[str, Any]:
        """The event_callback envelope of an event, with a fresh event_id."""
        now = int(time.time())
        envelope = {
            "token": _VERIFICATION_TOKEN, "team_id": self.team_id, "api_app_id": _APP_ID,
            "event": {"event_ts": f"{now}.000000", **event}, "type": "event_callback",
            "event_id": f"Ev{next(self._counter):08d}{secrets.token_hex(2).upper()}",
            "event_time": now, "is_ext_shared_channel": False,
            "authorizations": [{"enterprise_id": None, "team_id": self.team_id,
                                "user_id": BOT_USER_ID, "is_bot": True,
                                "is_enterprise_install": False}]}
        return envelope

    def url_verification(self, challenge: str) -> Reply:
        """Send the url_verification handshake Slack sends when the URL is saved."""
        body = {"token": _VERIFICATION_TOKEN, "challenge": challenge, "type": "url_verification"}
        return self.post(json.dumps(body), JSON)

    def _user(self, user_id: str) -> dict[str, str]:
        user = self.api.user(user_id) or {}
        name = str(user.get("name", user_id))
        return {"id": user_id, "username": name, "name": name, "team_id": self.team_id}

    def _bare_channel_name(self, channel_id: str) -> str:
        shown = self.api.channel_name(channel_id)
        return "directmessage" if channel_id.startswith("D") else shown.lstrip("#")


def _file_ids(filled: Filled) -> list[str]:
    """The file IDs put in file inputs."""
    return [str(f) for v in filled.values() if isinstance(v, list) for f in v]
