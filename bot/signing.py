"""Check Slack's signature on the raw HTTP request, before Bolt or anything else reads it."""

from __future__ import annotations

import io
import re
import urllib.parse
from typing import Any

from slack_sdk.signature import SignatureVerifier

MAX_BODY = 1 << 20  # Slack's payloads are a few KiB; a mebibyte is not from Slack
# ASCII digits only, and few: int() also takes "1_0", " 1" or Arabic digits, and a
# 400-digit timestamp overflows the float arithmetic inside SignatureVerifier.
_DIGITS = re.compile(r"[0-9]{1,12}")
# hmac.compare_digest raises on non-ASCII text, so anything else is refused before it.
_SIGNATURE = re.compile(r"v0=[0-9a-f]{64}")


def screen(environ: dict[str, Any], verifier: SignatureVerifier) -> str | None:
    """Return the status to answer with at once, or None when Slack signed the request.

    A signed body is put back as wsgi.input, so Bolt reads exactly the bytes checked.
    """
    length = environ.get("CONTENT_LENGTH") or "0"  # absent: no body
    if not _DIGITS.fullmatch(length):
        return "401 Unauthorized"
    if int(length) > MAX_BODY:
        return "413 Content Too Large"
    body = environ["wsgi.input"].read(int(length))
    environ["wsgi.input"], environ["CONTENT_LENGTH"] = io.BytesIO(body), str(len(body))
    if _is_signed(environ, body, verifier):
        return None
    return "200 OK" if _is_ssl_check(environ, body) else "401 Unauthorized"


def _is_signed(environ: dict[str, Any], body: bytes, verifier: SignatureVerifier) -> bool:
    timestamp = environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP", "")
    signature = environ.get("HTTP_X_SLACK_SIGNATURE", "")
    if not (_DIGITS.fullmatch(timestamp) and _SIGNATURE.fullmatch(signature)):
        return False
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return verifier.is_valid(text, timestamp, signature)


def _is_ssl_check(environ: dict[str, Any], body: bytes) -> bool:
    # Slack probes the certificate with an unsigned `ssl_check=1` form and wants a 200;
    # it is answered here, so it never reaches Bolt either.
    if not environ.get("CONTENT_TYPE", "").startswith("application/x-www-form-urlencoded"):
        return False
    fields = urllib.parse.parse_qs(body.decode("latin-1"))
    return fields.get("ssl_check") == ["1"]
