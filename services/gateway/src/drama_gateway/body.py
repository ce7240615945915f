"""An ASGI layer for JSON routes: bodies read once, size and nesting checked, typed as JSON.

The reference parses every non-multipart body as JSON whatever its ``Content-Type``; we do
the same, after refusing bodies that are too large or nested deeper than a sane document.
"""

from __future__ import annotations

import orjson
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from drama_common import envelope
from drama_common.errors import ErrorCode
from drama_common.i18n import translate


def nesting_depth(body: bytes, limit: int) -> int:
    """The deepest nesting of ``[``/``{`` outside strings, stopping once past ``limit``."""
    if body.count(b"[") + body.count(b"{") <= limit:
        return 0
    depth = deepest = 0
    in_string = escaped = False
    for byte in body:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:
                escaped = True
            elif byte == 0x22:
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):
            depth += 1
            deepest = max(deepest, depth)
            if deepest > limit:
                return deepest
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return deepest


class JsonBodyLayer:
    def __init__(self, app: ASGIApp, max_bytes: int, max_depth: int) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.max_depth = max_depth

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or not scope["path"].startswith("/api/v1")
            or scope["method"] in ("GET", "HEAD", "OPTIONS", "DELETE")
        ):
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        content_type = headers.get(b"content-type", b"").decode("latin-1").lower()
        if content_type.startswith("multipart/"):
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await _refuse(
                    send,
                    413,
                    ErrorCode.PAYLOAD_TOO_LARGE,
                    translate("too_large", "zh", limit=self.max_bytes),
                )
                return
            chunks.append(chunk)
            if not message.get("more_body"):
                break
        body = b"".join(chunks)
        if nesting_depth(body, self.max_depth) > self.max_depth:
            await _refuse(send, 400, ErrorCode.BAD_REQUEST, translate("too_deep", "zh"))
            return
        rewritten = [(k, v) for k, v in scope["headers"] if k != b"content-type"]
        rewritten.append((b"content-type", b"application/json"))
        scope["headers"] = rewritten
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if sent:
                return await receive()
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)


async def _refuse(send: Send, status: int, code: ErrorCode, message: str) -> None:
    body = orjson.dumps(envelope.failure(code, message))
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
