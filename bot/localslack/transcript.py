"""Show recorded Slack calls as a person in the local console would see them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TextIO

from bot.localslack.api import Call, FakeSlackApi
from bot.localslack.blocks import Button, render_message
from bot.localslack.store import bot_message

PRIVATE = "(only you can see this)"
_QUIET = frozenset({"auth.test", "users.info", "conversations.open", "upload_url",
                    "files.getUploadURLExternal"})


@dataclass(frozen=True)
class Shown:
    """One thing to print: a heading and, when there is one, a message."""

    heading: str
    message: dict[str, Any] | None = None
    channel_id: str | None = None
    ts: str | None = None
    ephemeral: bool = False
    pressable: bool = True
    home: bool = False  # the viewer's own App Home: its buttons are pressed as Home clicks


@dataclass(frozen=True)
class Pressable:
    """A numbered button and the message it belongs to."""

    button: Button
    channel_id: str | None
    ts: str | None
    message: dict[str, Any]
    is_ephemeral: bool
    home: bool = False


class Screen:
    """Print what the bot said as a person at the console sees it; number the buttons."""

    def __init__(self, api: FakeSlackApi, names: dict[str, str], out: TextIO) -> None:
        self.api, self.names, self.out = api, names, out
        self.me_id = ""
        self.buttons: dict[int, Pressable] = {}
        self.ephemeral: set[tuple[str | None, str | None]] = set()
        self.seen = api.last_seq

    def say(self, text: str) -> None:
        """Print one block of text."""
        self.out.write(text + "\n")
        self.out.flush()

    def show_calls(self, calls: list[Call]) -> None:
        """Show every call not shown yet."""
        for call in calls:
            if call.seq <= self.seen:
                continue
            self.seen = call.seq
            for shown in describe_call(call, self):
                if shown.message is None:
                    self.say(shown.heading)
                    continue
                self.show_message(shown.heading, shown.message, shown.channel_id, shown.ts,
                                  shown.ephemeral, shown.pressable, shown.home)

    def show_message(self, heading: str, message: dict[str, Any], channel_id: str | None,
                     ts: str | None, ephemeral: bool, pressable: bool = True,
                     home: bool = False) -> None:
        """Print a heading and a rendered message, numbering its buttons."""
        start = len(self.buttons) + 1
        rendered = render_message(message, self.names, start if pressable else None)
        for offset, button in enumerate(rendered.buttons if pressable else []):
            self.buttons[start + offset] = Pressable(button, channel_id, ts, message, ephemeral,
                                                     home)
        if ephemeral:
            self.ephemeral.add((channel_id, ts))
        body = "\n".join("  " + line for line in rendered.text.splitlines())
        self.say(f"{heading}\n{body}" if body else heading)

    def name_of(self, user_id: str) -> str:
        """Name a user from the team list, the stand-in, or the raw ID."""
        user = self.api.user(user_id)
        return self.names.get(user_id) or (str(user["real_name"]) if user else user_id)

    def where(self, channel_id: str) -> str:
        """Say where a message went: "#kefu" or "→ direct message to NAME"."""
        if channel_id.startswith("D"):
            return "→ direct message to " + self.name_of(channel_id[1:])
        return self.api.channel_name(channel_id)


def describe_call(call: Call, viewer: Screen) -> list[Shown]:
    """Describe one recorded call; internal look-ups describe as nothing."""
    if call.method in _QUIET:
        return []
    if not call.response.get("ok"):
        return [Shown(f"(Slack API error: {call.method} → {call.response.get('error')})")]
    describe = _DESCRIBERS.get(call.method)
    return describe(call.args, call.response, viewer) if describe else []


def _describe_post(args: dict[str, Any], resp: dict[str, Any], viewer: Screen) -> list[Shown]:
    """Describe chat.postMessage: where it went, and the message."""
    thread = " (in thread)" if args.get("thread_ts") else ""
    heading = viewer.where(resp["channel"]) + thread
    return [Shown(heading, resp["message"], resp["channel"], resp["ts"])]


def _describe_update(args: dict[str, Any], resp: dict[str, Any], viewer: Screen) -> list[Shown]:
    """Describe chat.update with the message as it now reads."""
    heading = f"(message in {viewer.where(resp['channel'])} updated)"
    return [Shown(heading, resp["message"], resp["channel"], resp["ts"])]


def _describe_delete(args: dict[str, Any], resp: dict[str, Any], viewer: Screen) -> list[Shown]:
    """Describe chat.delete."""
    return [Shown(f"(message in {viewer.where(resp['channel'])} deleted)")]


def _describe_home(args: dict[str, Any], resp: dict[str, Any], viewer: Screen) -> list[Shown]:
    """Describe views.publish: whose App Home, and what it shows."""
    user = str(args.get("user_id"))
    heading = f"App Home of {viewer.name_of(user)}"
    mine = user == viewer.me_id  # only one's own Home can be pressed
    return [Shown(heading, resp.get("view") or {}, pressable=mine, home=mine)]


def _describe_modal(args: dict[str, Any], resp: dict[str, Any], viewer: Screen) -> list[Shown]:
    """Describe views.open/push/update: the dialog's title and content."""
    view = resp.get("view") or {}
    title = (view.get("title") or {}).get("text", "")
    return [Shown(f"(dialog opened: {title})", view, pressable=False)]


def _describe_response(args: dict[str, Any], resp: dict[str, Any], viewer: Screen) -> list[Shown]:
    """Describe a post to a response_url (respond() in Bolt)."""
    channel_id, ts = resp.get("channel"), resp.get("ts")
    message = bot_message(args, str(ts))
    if args.get("delete_original"):
        return [Shown("(original message deleted)")]
    if args.get("replace_original"):
        if (channel_id, ts) in viewer.ephemeral or not channel_id:
            return [Shown(PRIVATE + " (updated)", message, channel_id, ts, ephemeral=True)]
        heading = f"(message in {viewer.where(channel_id)} updated)"
        return [Shown(heading, message, channel_id, ts)]
    if args.get("response_type") == "in_channel" and channel_id:
        return [Shown(viewer.where(channel_id), message, channel_id, ts)]
    return [Shown(PRIVATE, message, channel_id, ts, ephemeral=True)]


def _describe_ephemeral(args: dict[str, Any], resp: dict[str, Any], viewer: Screen) -> list[Shown]:
    """Describe chat.postEphemeral, naming the reader when it is someone else."""
    user = str(args.get("user", ""))
    heading = PRIVATE if user == viewer.me_id else f"(only {viewer.name_of(user)} can see this)"
    channel_id = viewer.api.channel_id(str(args.get("channel", "")))
    ts = str(resp.get("message_ts"))
    return [Shown(heading, bot_message(args, ts), channel_id, ts, ephemeral=True)]


def _describe_upload(args: dict[str, Any], resp: dict[str, Any], viewer: Screen) -> list[Shown]:
    """Describe files.completeUploadExternal: one line per file."""
    place = f" → {viewer.where(str(args['channel_id']))}" if args.get("channel_id") else ""
    comment = args.get("initial_comment")
    shown = [Shown(f"file uploaded: {f.get('name')}{place}") for f in resp.get("files", [])]
    if comment:
        shown.append(Shown("  " + str(comment)))
    return shown


_Describer = Callable[[dict[str, Any], dict[str, Any], Screen], list[Shown]]
_DESCRIBERS: dict[str, _Describer] = {
    "response_url": _describe_response,
    "chat.postMessage": _describe_post,
    "chat.postEphemeral": _describe_ephemeral,
    "chat.update": _describe_update,
    "chat.delete": _describe_delete,
    "views.publish": _describe_home,
    "views.open": _describe_modal,
    "views.push": _describe_modal,
    "views.update": _describe_modal,
    "files.completeUploadExternal": _describe_upload,
}
