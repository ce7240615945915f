"""The gateway's edge as one ASGI layer: request ids and logs, CORS as the reference answers
it, optional bearer auth, the per-client rate limit and the declared-size check.

Written as plain ASGI (not ``BaseHTTPMiddleware``) because it runs on every request and the
wrapper layers cost more CPU than the work they do.
"""

from __future__ import annotations

import hmac
import time
import uuid
from typing import Any

import orjson
import structlog
from limits import RateLimitItemPerMinute
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter
from prometheus_client import Counter, Histogram
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from drama_common import envelope
from drama_common.errors import ErrorCode
from drama_common.i18n import translate
from drama_gateway.settings import GatewaySettings

log = structlog.get_logger()
REQUESTS = Counter("gateway_requests_total", "HTTP requests", ["method", "route", "status"])
LATENCY = Histogram("gateway_request_seconds", "HTTP request latency", ["method", "route"])

CORS_HEADERS: list[tuple[bytes, bytes]] = [
    (b"access-control-allow-credentials", b"true"),
    (
        b"access-control-allow-headers",
        (
            b"Content-Type, Content-Length, Accept-Encoding, X-CSRF-Token, Authorization, "
            b"accept, origin, Cache-Control, X-Requested-With"
        ),
    ),
    (b"access-control-allow-methods", b"POST, OPTIONS, GET, PUT, DELETE, PATCH"),
    (b"access-control-expose-headers", b"Content-Length, Content-Type, Content-Disposition"),
]


def client_ip(scope: Scope, headers: Headers) -> str:
    """The client as the reference keys it: leftmost X-Forwarded-For, X-Real-IP, the peer."""
    forwarded = headers.get("x-forwarded-for")
    if forwarded:
        return forwarded.split(",")[0].strip()
    real = headers.get("x-real-ip")
    if real:
        return real.strip()
    client = scope.get("client")
    return str(client[0]) if client else "unknown"


def _language(scope: Scope) -> str:
    state = getattr(scope.get("app"), "state", None)
    gateway = getattr(state, "gateway", None)
    return str(getattr(getattr(gateway, "catalog", None), "language", "zh"))


class EdgeLayer:
    def __init__(self, app: ASGIApp, settings: GatewaySettings) -> None:
        self.app = app
        self.settings = settings
        self.limiter = MovingWindowRateLimiter(MemoryStorage())
        self.rate = RateLimitItemPerMinute(settings.rate_limit_per_minute)
        self.token = settings.auth_token.get_secret_value()
        self.any_origin = "*" in settings.cors_origins
        self.origins = set(settings.cors_origins)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        request_id = headers.get("x-request-id") or uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id
        structlog.contextvars.clear_contextvars()
        structlog.contextvars.bind_contextvars(service="gateway", request_id=request_id)
        extra = [
            *self._cors(headers.get("origin"), scope["path"]),
            (b"x-request-id", request_id.encode("latin-1")),
        ]
        status = 500

        async def send_with_headers(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        started = time.perf_counter()
        try:
            if scope["method"] == "OPTIONS":
                await _answer(send_with_headers, 204, b"")
            elif (refusal := self._refusal(scope, headers)) is not None:
                code, status_code, key, params = refusal
                message = translate(key, _language(scope), **params)
                body = orjson.dumps(envelope.failure(code, message))
                await _answer(send_with_headers, status_code, body, b"application/json")
            else:
                await self.app(scope, receive, send_with_headers)
        finally:
            self._record(scope, status, time.perf_counter() - started)

    def _cors(self, origin: str | None, path: str) -> list[tuple[bytes, bytes]]:
        allowed = self.any_origin or (origin is not None and origin in self.origins)
        if origin and path[:7] in ("/static", "/assets"):
            allowed = True
        if not allowed:
            return CORS_HEADERS
        value = (origin or "*").encode("latin-1")
        return [*CORS_HEADERS, (b"access-control-allow-origin", value)]

    def _refusal(
        self, scope: Scope, headers: Headers
    ) -> tuple[ErrorCode, int, str, dict[str, Any]] | None:
        if not scope["path"].startswith("/api/v1"):
            return None
        if self.token and not hmac.compare_digest(
            headers.get("authorization", ""), f"Bearer {self.token}"
        ):
            return ErrorCode.UNAUTHORIZED, 401, "unauthorized", {}
        if not self.limiter.hit(self.rate, client_ip(scope, headers)):
            return ErrorCode.RATE_LIMIT_EXCEEDED, 429, "rate_limited", {}
        length = headers.get("content-length")
        multipart = headers.get("content-type", "").startswith("multipart/")
        limit = (
            self.settings.max_upload_bytes + 65536 if multipart else self.settings.max_body_bytes
        )
        if length and length.isdigit() and int(length) > limit:
            return ErrorCode.PAYLOAD_TOO_LARGE, 413, "too_large", {"limit": limit}
        return None

    @staticmethod
    def _record(scope: Scope, status: int, elapsed: float) -> None:
        route = getattr(scope.get("route"), "path", "unmatched")
        method = scope["method"]
        REQUESTS.labels(method, route, str(status)).inc()
        LATENCY.labels(method, route).observe(elapsed)
        log.info(
            "http.request",
            method=method,
            path=scope["path"],
            route=route,
            status=status,
            duration_ms=round(elapsed * 1000, 2),
        )


async def _answer(send: Send, status: int, body: bytes, kind: bytes | None = None) -> None:
    headers = [(b"content-length", str(len(body)).encode())]
    if kind:
        headers.append((b"content-type", kind))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
