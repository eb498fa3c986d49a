"""The local console: type slash commands as a team member, read what the bot says."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TextIO

from bot.localslack.api import FakeSlackApi
from bot.localslack.modal import ModalForm
from bot.localslack.sender import Reply, SlackSender
from bot.localslack.transcript import PRIVATE, Screen

WELCOME = (
    "本地控制台 / Local console — 输入斜杠命令 / type slash commands (e.g. /clock in); "
    "其他文字私信机器人 / other text is a DM to the bot (e.g. 上班); "
    "数字按按钮 / a number presses a button; :help 帮助 / help; Ctrl-D 退出 / to leave."
)
# What shows the bot has answered a request: a reply, a form, a message.
_ANSWERS = frozenset({"response_url", "views.open", "views.publish", "chat.postMessage",
                      "chat.postEphemeral"})
HELP = """控制台命令 / Console commands:
  /command text   发送斜杠命令 / send a slash command as the current person
  text            私信机器人（不带斜杠的命令，如 上班、排班 明天）/ a DM to the bot:
                  a command without the slash (e.g. in, roster tomorrow)
  N               按第 N 个按钮 / press button [N]
                  表单逐项填写，回车保留，:cancel 取消 / a form asks field by field
  :as NAME|N      切换身份 / switch person
  :home           打开我的主页 / open my App Home (its buttons get numbers too)
  :shortcut ID    使用全局快捷方式 / use a global shortcut, e.g. :shortcut parcel_log
  :who            列出成员 / list members
  :help           本帮助 / this help
  :quit, Ctrl-D   退出 / leave
机器人自己的帮助 / The bot's own help: type /kefu help"""


@dataclass(frozen=True)
class Member:
    """A person of the demo team the console can act as."""

    slack_id: str
    name: str
    role: str


class _Console:
    """State of one console session."""

    def __init__(self, api: FakeSlackApi, sender: SlackSender, members: Sequence[Member],
                 stdin: TextIO, stdout: TextIO) -> None:
        self.api, self.sender, self.members = api, sender, list(members)
        self.stdin, self.stdout = stdin, stdout
        self.screen = Screen(api, {m.slack_id: m.name for m in members}, stdout)
        self.say = self.screen.say
        self.me: Member | None = None
        self.channel_id, self.channel_name = "C0KEFU", "kefu"
        for member in members:
            if api.user(member.slack_id) is None:  # keep a locale the caller already set
                api.add_user(member.slack_id, member.name)

    def ask(self, prompt: str) -> str | None:
        """Prompt and read a line; None at end of input."""
        self.stdout.write(prompt)
        self.stdout.flush()
        line = self.stdin.readline()
        if line and not self.stdin.isatty():
            self.stdout.write(line if line.endswith("\n") else line + "\n")  # a readable log
        return None if line == "" else line.strip()

    def find(self, key: str) -> Member | None:
        """Find a member by list number, name or Slack ID."""
        if key.isdigit() and 1 <= int(key) <= len(self.members):
            return self.members[int(key) - 1]
        wanted = key.lstrip("@").casefold()
        for member in self.members:
            if wanted in (member.name.casefold(), member.slack_id.casefold()):
                return member
        return None

    def list_members(self) -> None:
        """Print the team, numbered, with roles."""
        for no, member in enumerate(self.members, 1):
            self.say(f"  {no}. {member.name} ({member.role}) {member.slack_id}")

    def choose(self) -> bool:
        """Ask who the user is until answered; False at end of input."""
        self.list_members()
        while self.me is None:
            answer = self.ask("你是谁？/ Who are you? (number or name): ")
            if answer is None:
                return False
            self.become(self.find(answer))
        return True

    def run(self, as_name: str | None) -> int:
        """Greet, pick the person, then read lines until :quit or end of input."""
        self.say(WELCOME)
        if not self.members:
            self.say("团队里还没有人 / no team members yet: run `kefu demo` or `kefu staff add`")
            return 1
        self.become(self.find(as_name) if as_name else None)
        if as_name and self.me is None:
            self.say(f"没有这个成员 / no member named {as_name}")
        if self.me is None and not self.choose():
            return 0
        while True:
            self.screen.show_calls(self.api.calls_since(self.screen.seen))
            self.fill_form()  # a form may have opened after the answer was shown
            assert self.me is not None
            line = self.ask(f"{self.me.name}({self.me.role})> ")
            if line is None or line == ":quit":
                return 0
            self.dispatch(line)

    def dispatch(self, line: str) -> None:
        """Act on one input line."""
        if not line:
            return
        if line.startswith("/"):
            command, _, text = line.partition(" ")
            self.send(lambda me: self.sender.command(
                me.slack_id, command, text.strip(), channel_id=self.channel_id,
                channel_name=self.channel_name, user_name=me.name))
        elif line.isdigit():
            self.press(int(line))
        elif line.startswith(":shortcut"):
            self.shortcut(line[len(":shortcut"):].strip())
        elif line == ":home":
            self.send(lambda me: self.sender.event(
                {"type": "app_home_opened", "user": me.slack_id, "tab": "home"}))
        elif line == ":who":
            self.list_members()
        elif line == ":help":
            self.say(HELP)
        elif line.startswith(":as"):
            self.switch(line[3:].strip())
        elif line.startswith(":"):
            self.say("输入 /命令、按钮数字、私信或 :help / "
                     "type a /command, a button number, a message to the bot or :help")
        else:
            self.send(lambda me: self.sender.event(self.dm_event(me, line)))

    def dm_event(self, me: Member, text: str) -> dict[str, str]:
        """The message.im event Slack sends when ME writes TEXT in the DM with the bot."""
        ts = self.api.next_ts()
        return {"type": "message", "channel_type": "im", "channel": "D" + me.slack_id,
                "user": me.slack_id, "text": text, "ts": ts, "client_msg_id": f"console-{ts}"}

    def shortcut(self, callback_id: str) -> None:
        """Use a global shortcut by its callback ID (e.g. parcel_log)."""
        if not callback_id:
            self.say("写上快捷方式 / name the shortcut: :shortcut parcel_log")
            return
        self.send(lambda me: self.sender.shortcut(me.slack_id, callback_id))

    def switch(self, key: str) -> None:
        """Become another member."""
        member = self.find(key) if key else None
        if member is None:
            self.say(f"没有这个成员 / no member named {key!r}:")
            self.list_members()
            return
        self.become(member)

    def become(self, member: Member | None) -> None:
        """Act as `member` from now on."""
        self.me = member
        self.screen.me_id = member.slack_id if member else ""

    def press(self, number: int) -> None:
        """Click a numbered button as the current person."""
        target = self.screen.buttons.get(number)
        if target is None:
            self.say(f"没有按钮 [{number}] / no button [{number}]")
            return
        b = target.button
        if target.home:  # a Home click: no message, no response_url
            self.send(lambda me: self.sender.home_action(me.slack_id, b.action_id, b.value))
            return
        # Slack leaves `message` out of block_actions payloads from ephemeral messages.
        message = None if target.is_ephemeral else target.message
        self.send(lambda me: self.sender.block_action(
            me.slack_id, b.action_id, b.value, block_id=b.block_id, message=message,
            channel_id=target.channel_id, is_ephemeral=target.is_ephemeral,
            message_ts=target.ts))

    def send(self, request: Callable[[Member], Reply]) -> None:
        """Send one request to the bot, then show its answer and what it said."""
        assert self.me is not None
        try:
            reply = request(self.me)
        except OSError as error:
            self.say(f"连不上机器人 / cannot reach the bot at {self.sender.app_url}: {error}")
            return
        self.show_reply(reply)
        seen = self.screen.seen
        calls = self.api.wait_quiet(seen)
        if not reply.body and not any(c.method in _ANSWERS for c in calls):
            with contextlib.suppress(AssertionError):  # a busy bot: wait for its answer
                self.api.wait_for(lambda c: c.method in _ANSWERS, after=seen, timeout=3.0)
            calls = self.api.wait_quiet(seen)
        self.screen.show_calls(calls)
        self.fill_form()

    def fill_form(self) -> None:
        """If the bot opened a form for me, fill it in and submit it."""
        assert self.me is not None
        if self.api.open_modal(self.me.slack_id) is None:
            return
        self.screen.show_calls(self.api.calls_since(self.screen.seen))
        form = ModalForm(self.api, self.sender, self.me.slack_id, self.ask, self.say)
        if form.run() is not None:
            self.screen.show_calls(self.api.wait_quiet(self.screen.seen))

    def show_reply(self, reply: Reply) -> None:
        """Show the HTTP answer itself: an error, or a message carried by the ack."""
        if reply.status != 200:
            self.say(f"(HTTP {reply.status}) {reply.body[:300]}")
            return
        # Slack shows a plain-text ack body, or a JSON one with text/blocks, as a message.
        message = reply.json if reply.json is not None else {"text": reply.body.strip()}
        if message.get("text") or message.get("blocks"):
            in_channel = message.get("response_type") == "in_channel"
            heading = "#" + self.channel_name if in_channel else PRIVATE
            ts = self.api.next_ts()
            self.screen.show_message(heading, message, self.channel_id, ts, not in_channel)


def run_console(*, api: FakeSlackApi, sender: SlackSender, members: Sequence[Member],
                as_name: str | None, stdin: TextIO = sys.stdin,
                stdout: TextIO = sys.stdout) -> int:
    """Run the local console until :quit or end of input; return the exit status."""
    return _Console(api, sender, members, stdin, stdout).run(as_name)
