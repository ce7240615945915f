"""Request ids and logs, CORS as the reference answers it, body limits, rate limit, auth."""

from __future__ import annotations

import hmac
import time
import uuid
from collections.abc import Awaitable, Callable

import structlog
from drama_common import envelope
from drama_common.errors import ErrorCode
from drama_common.i18n import translate
from fastapi import FastAPI, Request, Response
from limits import RateLimitItemPerMinute
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter
from prometheus_client import Counter, Histogram

from drama_gateway.responses import JSONBody
from drama_gateway.settings import GatewaySettings
from drama_gateway.state import language_of

log = structlog.get_logger()
REQUESTS = Counter("gateway_requests_total", "HTTP requests", ["method", "route", "status"])
LATENCY = Histogram("gateway_request_seconds", "HTTP request latency", ["method", "route"])
Next = Callable[[Request], Awaitable[Response]]

CORS_HEADERS = {
    "Access-Control-Allow-Credentials": "true",
    "Access-Control-Allow-Headers": (
        "Content-Type, Content-Length, Accept-Encoding, X-CSRF-Token, Authorization, "
        "accept, origin, Cache-Control, X-Requested-With"
    ),
    "Access-Control-Allow-Methods": "POST, OPTIONS, GET, PUT, DELETE, PATCH",
    "Access-Control-Expose-Headers": "Content-Length, Content-Type, Content-Disposition",
}


def client_ip(request: Request) -> str:
    forwarded = request.headers.get("x-forwarded-for")
    if forwarded:
        return forwarded.split(",")[0].strip()
    real = request.headers.get("x-real-ip")
    if real:
        return real.strip()
    return request.client.host if request.client else "unknown"


def _error(request: Request, code: ErrorCode, key: str, status: int, **params: object) -> JSONBody:
    message = translate(key, language_of(request), **params)
    return JSONBody(envelope.failure(code, message), status_code=status)


def install_middleware(app: FastAPI, settings: GatewaySettings) -> None:
    limiter = MovingWindowRateLimiter(MemoryStorage())
    rate = RateLimitItemPerMinute(settings.rate_limit_per_minute)
    token = settings.auth_token.get_secret_value()

    @app.middleware("http")
    async def guard(request: Request, call_next: Next) -> Response:
        path = request.url.path
        if path.startswith("/api/v1"):
            if token and not hmac.compare_digest(
                request.headers.get("authorization", ""), f"Bearer {token}"
            ):
                return _error(request, ErrorCode.UNAUTHORIZED, "unauthorized", 401)
            if not limiter.hit(rate, client_ip(request)):
                return _error(request, ErrorCode.RATE_LIMIT_EXCEEDED, "rate_limited", 429)
            length = request.headers.get("content-length")
            multipart = request.headers.get("content-type", "").startswith("multipart/")
            limit = settings.max_upload_bytes + 65536 if multipart else settings.max_body_bytes
            if length and length.isdigit() and int(length) > limit:
                return _error(request, ErrorCode.PAYLOAD_TOO_LARGE, "too_large", 413,
                              limit=limit)
        return await call_next(request)

    @app.middleware("http")
    async def cors(request: Request, call_next: Next) -> Response:
        origin = request.headers.get("origin")
        path = request.url.path
        allowed = "*" in settings.cors_origins or (origin in settings.cors_origins)
        if origin and path[:7] in ("/static", "/assets"):
            allowed = True
        if request.method == "OPTIONS":
            response: Response = Response(status_code=204)
        else:
            response = await call_next(request)
        response.headers.update(CORS_HEADERS)
        if allowed:
            response.headers["Access-Control-Allow-Origin"] = origin or "*"
        return response

    @app.middleware("http")
    async def context(request: Request, call_next: Next) -> Response:
        request_id = request.headers.get("x-request-id") or uuid.uuid4().hex
        request.state.request_id = request_id
        structlog.contextvars.clear_contextvars()
        structlog.contextvars.bind_contextvars(service="gateway", request_id=request_id)
        started = time.perf_counter()
        response = await call_next(request)
        elapsed = time.perf_counter() - started
        route = getattr(request.scope.get("route"), "path", "unmatched")
        REQUESTS.labels(request.method, route, str(response.status_code)).inc()
        LATENCY.labels(request.method, route).observe(elapsed)
        response.headers["X-Request-Id"] = request_id
        log.info("http.request", method=request.method, path=request.url.path, route=route,
                 status=response.status_code, duration_ms=round(elapsed * 1000, 2))
        return response
