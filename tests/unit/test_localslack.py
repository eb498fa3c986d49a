"""The local Slack stand-in, the signed sender, the renderer and the console, over real HTTP."""

from __future__ import annotations

import io
import json
import threading
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest
from slack_bolt import Ack, App, Respond
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.signature import SignatureVerifier
from slack_sdk.webhook import WebhookClient

from bot.localslack.api import Call, FakeSlackApi
from bot.localslack.blocks import render_message
from bot.localslack.console import Member, run_console
from bot.localslack.sender import SlackSender
from bot.localslack.transcript import Screen

SECRET = "test-signing-secret"
MEMBERS = [Member("U0WANG", "王芳", "agent"), Member("U0LINA", "李娜", "lead")]
NAMES = {m.slack_id: m.name for m in MEMBERS}
BUTTON_BLOCKS: list[dict[str, Any]] = [
    {"type": "section", "block_id": "b1", "text": {"type": "mrkdwn", "text": "*请审批* <@U0WANG>"}},
    {"type": "actions", "block_id": "acts", "elements": [
        {"type": "button", "action_id": "approve", "value": "42", "style": "primary",
         "text": {"type": "plain_text", "text": "Approve"}},
        {"type": "button", "action_id": "reject", "value": "42", "style": "danger",
         "text": {"type": "plain_text", "text": "Reject"}}]},
]


@pytest.fixture()
def api() -> Iterator[FakeSlackApi]:
    with FakeSlackApi() as fake:
        fake.add_user("U0LINA", "李娜", locale="en-US")
        assert fake.add_channel("kefu") == "C0KEFU"
        yield fake


@pytest.fixture()
def client(api: FakeSlackApi) -> WebClient:
    return WebClient(base_url=api.url, token="xoxb-test")


# --- the Web API stand-in -------------------------------------------------------------------

def test_post_message_by_channel_name_records_blocks_as_a_list(
        api: FakeSlackApi, client: WebClient) -> None:
    response = client.chat_postMessage(channel="#kefu", text="hi", blocks=BUTTON_BLOCKS)
    call = api.wait_for(lambda c: c.method == "chat.postMessage")
    assert call.args["blocks"] == BUTTON_BLOCKS
    assert response["channel"] == api.channel_id("kefu") == "C0KEFU"
    assert response["message"]["blocks"] == BUTTON_BLOCKS
    assert api.channel_name("C0KEFU") == "#kefu"


def test_message_timestamps_are_unique_and_increasing(client: WebClient) -> None:
    stamps = [client.chat_postMessage(channel="C0KEFU", text=str(i))["ts"] for i in range(3)]
    assert stamps == sorted(stamps, key=float) and len(set(stamps)) == 3
    assert stamps[0] == "1700000000.000100"


def test_update_replaces_the_stored_message(api: FakeSlackApi, client: WebClient) -> None:
    posted = client.chat_postMessage(channel="kefu-approvals", text="pending")
    client.chat_update(channel=posted["channel"], ts=posted["ts"], text="approved by 李娜")
    stored = api.message(posted["channel"], posted["ts"])
    assert stored is not None and stored["text"] == "approved by 李娜"
    assert api.calls[-1].method == "chat.update"


def test_update_of_an_unknown_message_fails_like_slack(client: WebClient) -> None:
    with pytest.raises(SlackApiError, match="message_not_found"):
        client.chat_update(channel="C0KEFU", ts="1.000001", text="x")


def test_conversations_open_gives_a_dm_named_after_the_user(
        api: FakeSlackApi, client: WebClient) -> None:
    channel = client.conversations_open(users=["U0LINA"])["channel"]["id"]
    assert channel == "DU0LINA"
    assert api.channel_name(channel) == "DM with 李娜"


def test_users_info_shows_locale_only_when_asked(client: WebClient) -> None:
    with_locale = client.users_info(user="U0LINA", include_locale=True)["user"]
    without = client.users_info(user="U0LINA")["user"]
    assert (with_locale["locale"], with_locale["tz"]) == ("en-US", "Asia/Shanghai")
    assert "locale" not in without and without["real_name"] == "李娜"


def test_files_upload_v2_keeps_the_file_and_its_bytes(
        api: FakeSlackApi, client: WebClient) -> None:
    response = client.files_upload_v2(channel="C0KEFU", content="日期,罚款\n", filename="p.csv")
    done = api.wait_for(lambda c: c.method == "files.completeUploadExternal")
    file_id = response["file"]["id"]
    assert done.response["files"][0]["name"] == "p.csv"
    assert api.file_content(file_id).decode() == "日期,罚款\n"
    assert [c.method for c in api.calls] == [
        "files.getUploadURLExternal", "upload_url", "files.completeUploadExternal"]


def test_a_call_without_a_bot_token_is_not_authed(api: FakeSlackApi) -> None:
    with pytest.raises(SlackApiError, match="not_authed"):
        WebClient(base_url=api.url).chat_postMessage(channel="C0KEFU", text="x")
    assert api.calls[-1].response == {"ok": False, "error": "not_authed"}


def test_unknown_methods_succeed_and_are_recorded(api: FakeSlackApi, client: WebClient) -> None:
    assert client.api_call("reactions.add", params={"name": "ok"})["ok"] is True
    assert api.calls[-1].method == "reactions.add"


def test_response_url_replace_original_updates_the_message(
        api: FakeSlackApi, client: WebClient) -> None:
    posted = client.chat_postMessage(channel="C0KEFU", text="pending", blocks=BUTTON_BLOCKS)
    url = api.new_response_url(posted["channel"], posted["ts"])
    WebhookClient(url).send(text="approved", replace_original=True)
    call = api.wait_for(lambda c: c.method == "response_url")
    assert call.args["token"] == url.rsplit("/", 1)[1]
    stored = api.message(posted["channel"], posted["ts"])
    assert stored is not None and stored["text"] == "approved" and "blocks" not in stored


def test_wait_for_names_the_recorded_methods_on_timeout(
        api: FakeSlackApi, client: WebClient) -> None:
    client.auth_test()
    with pytest.raises(AssertionError, match=r"\['auth.test'\]"):
        api.wait_for(lambda c: c.method == "chat.postMessage", timeout=0.2)


def test_wait_quiet_returns_calls_that_arrive_late(api: FakeSlackApi, client: WebClient) -> None:
    seq = api.last_seq
    timer = threading.Timer(0.1, lambda: client.chat_postMessage(channel="C0KEFU", text="late"))
    timer.start()
    calls = api.wait_quiet(seq, quiet=0.3)
    timer.join()
    assert [c.method for c in calls] == ["chat.postMessage"]


def test_the_screen_says_where_each_message_went(api: FakeSlackApi, client: WebClient) -> None:
    out = io.StringIO()
    screen = Screen(api, NAMES, out)
    screen.me_id = "U0WANG"
    dm = client.conversations_open(users=["U0LINA"])["channel"]["id"]
    posted = client.chat_postMessage(channel="kefu-approvals", text="请审批", blocks=BUTTON_BLOCKS)
    client.chat_postMessage(channel=dm, text="你的换班已批准")
    client.chat_postEphemeral(channel="C0KEFU", user="U0LINA", text="只给李娜")
    client.chat_update(channel=posted["channel"], ts=posted["ts"], text="已批准", blocks=[])
    client.views_publish(user_id="U0LINA", view={"type": "home", "blocks": BUTTON_BLOCKS})
    client.files_upload_v2(channel="C0KEFU", content="x", filename="罚款.xlsx")
    with pytest.raises(SlackApiError, match="no_text"):
        client.api_call("chat.postMessage", params={"channel": "kefu"})
    screen.show_calls(api.calls)
    assert out.getvalue() == (
        "#kefu-approvals\n  *请审批* @王芳\n  [1] Approve  [2] Reject\n"
        "→ direct message to 李娜\n  你的换班已批准\n"
        "(only 李娜 can see this)\n  只给李娜\n"
        "(message in #kefu-approvals updated)\n  已批准\n"
        "App Home of 李娜\n  *请审批* @王芳\n  [Approve]  [Reject]\n"
        "file uploaded: 罚款.xlsx → #kefu\n"
        "(Slack API error: chat.postMessage → no_text)\n")
    assert sorted(screen.buttons) == [1, 2] and screen.buttons[2].button.action_id == "reject"


# --- signed requests ------------------------------------------------------------------------

@contextmanager
def verifying_receiver() -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """Serve a tiny endpoint that checks Slack signatures and keeps what it got."""
    seen: list[dict[str, Any]] = []
    verifier = SignatureVerifier(SECRET)

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            body = self.rfile.read(int(self.headers["Content-Length"])).decode()
            valid = verifier.is_valid(body, self.headers["X-Slack-Request-Timestamp"],
                                      self.headers["X-Slack-Signature"])
            seen.append({"body": body, "type": self.headers["Content-Type"], "valid": valid})
            self.send_response(200 if valid else 401)
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/slack/events", seen
    finally:
        server.shutdown()
        server.server_close()


def test_a_signed_slash_command_verifies_and_looks_like_slack(api: FakeSlackApi) -> None:
    with verifying_receiver() as (url, seen):
        reply = SlackSender(url, SECRET, api).command("U0WANG", "/clock", "in 堵车")
    fields = dict(urllib.parse.parse_qsl(seen[0]["body"]))
    assert reply.status == 200 and seen[0]["valid"]
    assert seen[0]["type"] == "application/x-www-form-urlencoded"
    assert (fields["command"], fields["text"]) == ("/clock", "in 堵车")
    assert (fields["channel_id"], fields["channel_name"]) == ("C0KEFU", "kefu")
    assert fields["response_url"].startswith(api.url.replace("/api/", "/response/"))


@pytest.mark.parametrize("options", [{"forge": True}, {"timestamp_offset": -600}])
def test_forged_or_stale_requests_fail_verification(
        api: FakeSlackApi, options: dict[str, Any]) -> None:
    with verifying_receiver() as (url, seen):
        reply = SlackSender(url, SECRET, api, **options).event({"type": "app_home_opened"})
    assert reply.status == 401 and not seen[0]["valid"]


def test_block_action_and_event_payloads_have_slack_shape(api: FakeSlackApi) -> None:
    with verifying_receiver() as (url, seen):
        sender = SlackSender(url, SECRET, api)
        sender.block_action("U0LINA", "approve", "42", block_id="acts",
                            message={"ts": "1700000000.000100", "text": "x"}, channel_id="C0KEFU")
        sender.event({"type": "app_home_opened", "user": "U0LINA"})
    payload = json.loads(dict(urllib.parse.parse_qsl(seen[0]["body"]))["payload"])
    envelope = json.loads(seen[1]["body"])
    assert payload["type"] == "block_actions" and payload["actions"][0]["value"] == "42"
    assert payload["container"] == {"type": "message", "message_ts": "1700000000.000100",
                                    "channel_id": "C0KEFU", "is_ephemeral": False}
    assert envelope["type"] == "event_callback" and envelope["event"]["user"] == "U0LINA"
    assert seen[1]["type"] == "application/json" and all(s["valid"] for s in seen)


# --- Block Kit to text ----------------------------------------------------------------------

@pytest.mark.parametrize(("message", "expected"), [
    ({"text": "<@U0LINA> 已批准 &lt;补卡&gt; &amp; 通知"}, "@李娜 已批准 <补卡> & 通知"),
    ({"text": "see <#C0KEFU|kefu> and <https://x.cn/a|报表>"}, "see #kefu and 报表 (https://x.cn/a)"),
    ({"text": "*粗体* <!here>"}, "*粗体* @here"),
    ({"text": "fallback", "blocks": [{"type": "header", "text": {"type": "plain_text",
                                                                   "text": "早班"}},
                                      {"type": "divider"}]}, "【早班】\n" + "─" * 32),
    ({"text": "rich fallback", "blocks": [{"type": "rich_text", "elements": []}]},
     "rich fallback"),
    ({"blocks": [{"type": "section", "fields": [{"type": "mrkdwn", "text": "*班次* 早班"}],
                  "text": {"type": "mrkdwn", "text": "<@U0WANG>"}},
                 {"type": "context", "elements": [{"type": "mrkdwn", "text": "a"},
                                                  {"type": "plain_text", "text": "b"}]}]},
     "@王芳\n*班次* 早班\n  a · b"),
])
def test_render_message_as_terminal_text(message: dict[str, Any], expected: str) -> None:
    assert render_message(message, NAMES).text == expected


def test_render_message_numbers_buttons_from_start_no() -> None:
    rendered = render_message({"blocks": BUTTON_BLOCKS}, NAMES, start_no=3)
    assert rendered.text == "*请审批* @王芳\n[3] Approve  [4] Reject"
    assert [(b.label, b.action_id, b.value, b.block_id, b.style) for b in rendered.buttons] == [
        ("Approve", "approve", "42", "acts", "primary"),
        ("Reject", "reject", "42", "acts", "danger")]


def test_render_message_shows_an_accessory_button() -> None:
    block = {"type": "section", "block_id": "s", "text": {"type": "plain_text", "text": "单号"},
             "accessory": {"type": "button", "action_id": "close", "value": "SF1",
                           "text": {"type": "plain_text", "text": "Close"}}}
    rendered = render_message({"blocks": [block]}, NAMES)
    assert rendered.text == "单号\n  [1] Close" and rendered.buttons[0].value == "SF1"


# --- the console against a tiny real Bolt app -----------------------------------------------

class _QuietWSGIHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class _ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


def _tiny_bot(api: FakeSlackApi) -> App:
    """Build a Bolt app that answers /clock with a button and the button with a post."""
    app = App(client=WebClient(base_url=api.url, token="xoxb-test"), signing_secret=SECRET,
              token_verification_enabled=False)

    def clock(ack: Ack, command: dict[str, Any], respond: Respond) -> None:
        ack()
        text = f"打卡 {command['text']}"
        respond(text=text, blocks=[
            {"type": "section", "text": {"type": "mrkdwn", "text": text}},
            {"type": "actions", "block_id": "clock", "elements": [
                {"type": "button", "action_id": "confirm", "value": command["text"],
                 "text": {"type": "plain_text", "text": "确认 Confirm"}}]}])

    def confirm(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond) -> None:
        ack()
        value = body["actions"][0]["value"]
        client.chat_postMessage(channel="#kefu", text=f"<@{body['user']['id']}> 已上班 ({value})")
        respond(text="✅ 已确认 / confirmed", replace_original=True)

    def echo(ack: Ack, command: dict[str, Any]) -> None:
        ack(text=f"echo &lt;{command['text']}&gt;")

    app.command("/clock")(clock)
    app.action("confirm")(confirm)
    app.command("/echo")(echo)
    return app


@pytest.fixture()
def bot_url(api: FakeSlackApi) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, SlackRequestHandler(_tiny_bot(api)),
                         server_class=_ThreadingWSGIServer, handler_class=_QuietWSGIHandler)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/slack/events"
    server.shutdown()
    server.server_close()


def _console(api: FakeSlackApi, url: str, lines: list[str], as_name: str | None = "王芳",
             secret: str = SECRET) -> tuple[int, str]:
    out = io.StringIO()
    status = run_console(api=api, sender=SlackSender(url, secret, api), members=MEMBERS,
                         as_name=as_name, stdin=io.StringIO("".join(f"{x}\n" for x in lines)),
                         stdout=out)
    return status, out.getvalue()


def test_console_shows_the_reply_its_button_and_the_message_after_pressing(
        api: FakeSlackApi, bot_url: str) -> None:
    status, transcript = _console(api, bot_url, ["/clock in late bus", "1"])
    reply = transcript.index("王芳(agent)> /clock in late bus\n"
                             "(only you can see this)\n  打卡 in late bus\n  [1] 确认 Confirm")
    posted = transcript.index("王芳(agent)> 1\n#kefu\n  @王芳 已上班 (in late bus)")
    assert status == 0 and transcript.startswith("本地控制台 / Local console") and reply < posted
    assert "#kefu\n  @王芳 已上班 (in late bus)\n(only you can see this) (updated)\n" in transcript
    assert transcript.count("王芳(agent)> ") == 3
    press = api.wait_for(lambda c: c.method == "chat.postMessage")
    assert press.args["text"] == "<@U0WANG> 已上班 (in late bus)"


def test_console_shows_a_message_carried_by_the_ack(api: FakeSlackApi, bot_url: str) -> None:
    _, transcript = _console(api, bot_url, ["/echo a&b"])
    assert "(only you can see this)\n  echo <a&b>" in transcript


def test_console_asks_who_you_are_and_switches_person(api: FakeSlackApi, bot_url: str) -> None:
    status, transcript = _console(api, bot_url, ["9", "2", ":as 王芳", ":as nobody", ":quit"],
                                  as_name=None)
    assert "  1. 王芳 (agent) U0WANG\n  2. 李娜 (lead) U0LINA" in transcript
    assert transcript.count("Who are you?") == 2
    assert ("李娜(lead)> :as 王芳\n王芳(agent)> :as nobody\n"
            "没有这个成员 / no member named 'nobody'") in transcript
    assert status == 0


def test_console_without_members_says_how_to_add_them(api: FakeSlackApi) -> None:
    out = io.StringIO()
    sender = SlackSender("http://127.0.0.1:9/slack/events", SECRET, api)
    status = run_console(api=api, sender=sender, members=[], as_name=None,
                         stdin=io.StringIO("1\n"), stdout=out)
    assert status == 1 and "kefu demo" in out.getvalue()


def test_console_says_when_the_bot_cannot_be_reached(api: FakeSlackApi) -> None:
    _, transcript = _console(api, "http://127.0.0.1:9/slack/events", ["/clock in"])
    assert "连不上机器人 / cannot reach the bot at http://127.0.0.1:9/slack/events" in transcript


def test_console_says_when_a_button_number_is_unknown(api: FakeSlackApi, bot_url: str) -> None:
    _, transcript = _console(api, bot_url, ["7", ":help"])
    assert "没有按钮 [7] / no button [7]" in transcript and "/kefu help" in transcript


def test_console_shows_the_http_error_when_the_signature_is_wrong(
        api: FakeSlackApi, bot_url: str) -> None:
    _, transcript = _console(api, bot_url, ["/clock in"], secret="wrong-secret")
    assert "(HTTP 401)" in transcript
    assert not [c for c in api.calls if c.method == "response_url"]


def test_console_records_are_plain_calls(api: FakeSlackApi, bot_url: str) -> None:
    _console(api, bot_url, ["/clock in"])
    call = api.wait_for(lambda c: c.method == "response_url")
    assert isinstance(call, Call) and call.args["blocks"][1]["elements"][0]["value"] == "in"


def test_console_sends_a_plain_line_as_a_signed_dm_event(api: FakeSlackApi) -> None:
    with verifying_receiver() as (url, seen):
        _console(api, url, ["排班 明天", ":help", ":oops"])
    [sent] = seen
    envelope = json.loads(sent["body"])
    assert sent["valid"] and sent["type"] == "application/json"
    assert envelope["type"] == "event_callback"
    event = envelope["event"]
    assert {k: event[k] for k in ("type", "channel_type", "channel", "user", "text")} == {
        "type": "message", "channel_type": "im", "channel": "DU0WANG", "user": "U0WANG",
        "text": "排班 明天"}
    assert "subtype" not in event and event["ts"]
