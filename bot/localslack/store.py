"""Workspace state behind the local Slack stand-in: channels, users, messages, files."""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Callable
from typing import Any

BOT_USER_ID = "UBOT"
BOT_ID = "BBOT"
TEAM_ID = "T0LOCAL"

_ID_RE = re.compile(r"^[CDGU][A-Z0-9]{2,}$")
_TS_BASE_US = 1_700_000_000_000_000
TRIGGER_LIFETIME = 3.0  # seconds Slack honours a trigger_id for views.open
_Answer = Callable[[dict[str, Any]], dict[str, Any]]


def _channel_id_for_name(name: str) -> str:
    """Derive a stable channel ID from a channel name ("kefu" -> "C0KEFU")."""
    ascii_part = re.sub(r"[^A-Za-z0-9]", "", name).upper()
    if ascii_part and name.isascii():
        return "C0" + ascii_part
    return "C" + hashlib.sha1(name.encode()).hexdigest()[:10].upper()


def bot_message(args: dict[str, Any], ts: str) -> dict[str, Any]:
    """Build a bot message as Slack stores it from the arguments that posted it."""
    message = {"type": "message", "user": BOT_USER_ID, "bot_id": BOT_ID, "team": TEAM_ID,
               "text": args.get("text", ""), "ts": ts}
    for key in ("blocks", "attachments", "thread_ts", "metadata"):
        if key in args:
            message[key] = args[key]
    return message


class SlackState:
    """Hold what a small workspace knows and answer Web API methods like Slack."""

    def __init__(self) -> None:
        self.users: dict[str, dict[str, Any]] = {}
        self.channel_names: dict[str, str] = {}
        self.messages: dict[tuple[str, str], dict[str, Any]] = {}
        self.home_views: dict[str, dict[str, Any]] = {}
        self.files: dict[str, dict[str, Any]] = {}
        self.response_targets: dict[str, tuple[str | None, str | None]] = {}
        self.triggers: dict[str, tuple[str, float]] = {}  # trigger_id -> (user, issued at)
        self.views: dict[str, dict[str, Any]] = {}  # open modals by view ID
        self.modal_of: dict[str, str] = {}  # user -> the view ID of their open modal
        self.clock: Callable[[], float] = time.monotonic
        self.trigger_lifetime = TRIGGER_LIFETIME  # a test may shorten it to see one expire
        self._ts_count = 0
        self._answers: dict[str, _Answer] = {
            "auth.test": self._auth_test,
            "chat.postMessage": self._post_message,
            "chat.postEphemeral": self._post_ephemeral,
            "chat.update": self._update,
            "chat.delete": self._delete,
            "conversations.open": self._open_dm,
            "conversations.list": self._list_channels,
            "users.info": self._users_info,
            "views.publish": self._views_publish,
            "views.open": self._views_open,
            "views.push": self._views_open,
            "views.update": self._views_update,
            "files.getUploadURLExternal": self._upload_url,
            "files.completeUploadExternal": self._complete_upload,
        }
        self.upload_base = ""

    def answer(self, method: str, args: dict[str, Any]) -> dict[str, Any]:
        """Answer one Web API call; unknown methods simply succeed."""
        handler = self._answers.get(method)
        return handler(args) if handler else {"ok": True}

    def next_ts(self) -> str:
        """Return a fresh, strictly increasing message timestamp."""
        self._ts_count += 1
        micros = _TS_BASE_US + self._ts_count * 100
        return f"{micros // 1_000_000}.{micros % 1_000_000:06d}"

    def add_channel(self, name: str, channel_id: str | None = None) -> str:
        """Register a channel name and return its ID."""
        name = name.lstrip("#")
        cid = channel_id or _channel_id_for_name(name)
        self.channel_names[cid] = name
        return cid

    def resolve_channel(self, value: str) -> str:
        """Turn a channel name, channel ID or user ID into a channel ID."""
        if value.startswith("U") and _ID_RE.match(value):
            return "D" + value
        if _ID_RE.match(value):
            return value
        wanted = value.lstrip("#")
        for cid, name in self.channel_names.items():
            if name == wanted:
                return cid
        return self.add_channel(wanted)

    def channel_name(self, channel_id: str) -> str:
        """Show a channel as "#kefu" or "DM with NAME"."""
        if channel_id.startswith("D"):
            user = self.users.get(channel_id[1:])
            return "DM with " + (user["real_name"] if user else channel_id[1:])
        return "#" + self.channel_names.get(channel_id, channel_id)

    def _auth_test(self, args: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "url": "http://localhost/", "team": "Local", "user": "kefu-bot",
                "team_id": TEAM_ID, "user_id": BOT_USER_ID, "bot_id": BOT_ID}

    def _post_message(self, args: dict[str, Any]) -> dict[str, Any]:
        if not args.get("channel"):
            return {"ok": False, "error": "channel_not_found"}
        if not any(args.get(k) for k in ("text", "blocks", "attachments")):
            return {"ok": False, "error": "no_text"}
        cid, ts = self.resolve_channel(str(args["channel"])), self.next_ts()
        message = bot_message(args, ts)
        self.messages[(cid, ts)] = message
        return {"ok": True, "channel": cid, "ts": ts, "message": dict(message)}

    def _post_ephemeral(self, args: dict[str, Any]) -> dict[str, Any]:
        if not args.get("channel") or not args.get("user"):
            return {"ok": False, "error": "channel_not_found"}
        return {"ok": True, "message_ts": self.next_ts()}

    def _update(self, args: dict[str, Any]) -> dict[str, Any]:
        cid = self.resolve_channel(str(args.get("channel", "")))
        ts = str(args.get("ts", ""))
        stored = self.messages.get((cid, ts))
        if stored is None:
            return {"ok": False, "error": "message_not_found"}
        for key in ("text", "blocks", "attachments", "metadata"):
            if key in args:
                stored[key] = args[key]
        stored["edited"] = {"user": BOT_USER_ID, "ts": self.next_ts()}
        return {"ok": True, "channel": cid, "ts": ts, "text": stored["text"],
                "message": dict(stored)}

    def _delete(self, args: dict[str, Any]) -> dict[str, Any]:
        cid = self.resolve_channel(str(args.get("channel", "")))
        ts = str(args.get("ts", ""))
        if self.messages.pop((cid, ts), None) is None:
            return {"ok": False, "error": "message_not_found"}
        return {"ok": True, "channel": cid, "ts": ts}

    def _open_dm(self, args: dict[str, Any]) -> dict[str, Any]:
        users = [u for u in str(args.get("users", "")).split(",") if u]
        if len(users) != 1:
            return {"ok": False, "error": "users_list_not_supplied"}
        return {"ok": True, "channel": {"id": "D" + users[0], "is_im": True, "user": users[0]}}

    def _list_channels(self, args: dict[str, Any]) -> dict[str, Any]:
        channels = [{"id": cid, "name": name, "is_channel": True}
                    for cid, name in self.channel_names.items()]
        return {"ok": True, "channels": channels, "response_metadata": {"next_cursor": ""}}

    def _users_info(self, args: dict[str, Any]) -> dict[str, Any]:
        user = self.users.get(str(args.get("user", "")))
        if user is None:
            return {"ok": False, "error": "user_not_found"}
        shown = {k: v for k, v in user.items() if k != "locale"}
        if str(args.get("include_locale", "")).lower() in ("1", "true"):
            shown["locale"] = user["locale"]
        return {"ok": True, "user": shown}

    def _views_publish(self, args: dict[str, Any]) -> dict[str, Any]:
        view = dict(args.get("view") or {})
        view["id"] = "V" + self.next_ts().replace(".", "")
        self.home_views[str(args.get("user_id", ""))] = view
        return {"ok": True, "view": view}

    def issue_trigger(self, trigger_id: str, user_id: str) -> None:
        """Remember a trigger_id handed out with an interaction (views.open needs it fresh)."""
        self.triggers[trigger_id] = (user_id, self.clock())

    def _views_open(self, args: dict[str, Any]) -> dict[str, Any]:
        """Open a modal for the trigger's user, as Slack does within 3 s of the trigger."""
        issued = self.triggers.get(str(args.get("trigger_id", "")))
        if issued is None:
            return {"ok": False, "error": "invalid_trigger_id"}
        if self.clock() - issued[1] > self.trigger_lifetime:
            return {"ok": False, "error": "expired_trigger_id"}
        user, _ = issued
        view = {**dict(args.get("view") or {}), "id": "V" + self.next_ts().replace(".", ""),
                "team_id": TEAM_ID, "app_id": "A0LOCAL", "bot_id": BOT_ID,
                "state": {"values": {}}, "hash": self.next_ts(), "user": user}
        view.setdefault("private_metadata", "")
        self.views[view["id"]] = view
        self.modal_of[user] = view["id"]
        return {"ok": True, "view": view}

    def _views_update(self, args: dict[str, Any]) -> dict[str, Any]:
        """Replace an open modal's content; a stale hash is refused as Slack does."""
        found = self.views.get(str(args.get("view_id", "")))
        if found is None:
            return {"ok": False, "error": "not_found"}
        if args.get("hash") and args["hash"] != found["hash"]:
            return {"ok": False, "error": "hash_conflict"}
        kept = {k: found[k] for k in ("id", "team_id", "app_id", "bot_id", "user")}
        view = {**dict(args.get("view") or {}), **kept, "hash": self.next_ts(),
                "state": found.get("state") or {"values": {}}}
        view.setdefault("private_metadata", "")
        self.views[view["id"]] = view
        return {"ok": True, "view": view}

    def close_view(self, view_id: str) -> None:
        """The modal was submitted (and closed) or cancelled."""
        view = self.views.pop(view_id, None)
        if view is not None and self.modal_of.get(view["user"]) == view_id:
            del self.modal_of[view["user"]]

    def _upload_url(self, args: dict[str, Any]) -> dict[str, Any]:
        file_id = f"F{len(self.files) + 1:08d}"
        self.files[file_id] = {"id": file_id, "name": str(args.get("filename", "")),
                               "size": int(args.get("length") or 0), "content": b""}
        return {"ok": True, "upload_url": self.upload_base + file_id, "file_id": file_id}

    def _complete_upload(self, args: dict[str, Any]) -> dict[str, Any]:
        shown = []
        for item in args.get("files") or []:
            stored = self.files.get(str(item.get("id")))
            if stored is None:
                return {"ok": False, "error": "file_not_found"}
            stored["title"] = item.get("title") or stored["name"]
            shown.append({k: v for k, v in stored.items() if k != "content"})
        return {"ok": True, "files": shown}

    def answer_response(self, token: str, args: dict[str, Any]) -> dict[str, Any]:
        """Apply a response_url post: replace, delete or add a message."""
        channel_id, ts = self.response_targets.get(token, (None, None))
        stored = self.messages.get((channel_id, ts)) if channel_id and ts else None
        if args.get("delete_original"):
            self.messages.pop((str(channel_id), str(ts)), None)
            return {"ok": True}
        if args.get("replace_original"):
            if stored is not None:
                self._replace(stored, args)
            return {"ok": True, "channel": channel_id, "ts": ts}
        new_ts = self.next_ts()
        if args.get("response_type") == "in_channel" and channel_id:
            self.messages[(channel_id, new_ts)] = bot_message(args, new_ts)
        return {"ok": True, "channel": channel_id, "ts": new_ts}

    @staticmethod
    def _replace(stored: dict[str, Any], args: dict[str, Any]) -> None:
        """Replace a message's content the way replace_original does."""
        stored["text"] = args.get("text", "")
        for key in ("blocks", "attachments"):
            if key in args:
                stored[key] = args[key]
            else:
                stored.pop(key, None)

    def answer_upload(self, file_id: str, raw: bytes) -> dict[str, Any]:
        """Keep the bytes posted to a file's upload URL."""
        stored = self.files.get(file_id)
        if stored is None:
            return {"ok": False, "error": "invalid_upload_url"}
        stored["content"] = raw
        return {"ok": True}
