"""Request-reply over NATS core: a method name and JSON params in, data or an error out.

A reply's body is the answer's JSON as is: the data on success, ``{"code", "message"}`` on
failure. Whether it succeeded and the catalog's language travel in NATS headers, so a caller
that only forwards the data (the gateway) can splice the bytes into its own answer without
parsing them. Replies without the status header (the older ``{"ok", "data", "lang"}`` body)
are still read, so callers can be upgraded before the services they call.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import nats.errors
import orjson
import structlog
from nats.aio.client import Client
from nats.aio.msg import Msg
from nats.aio.subscription import Subscription

from drama_common.errors import AppError, BadRequest, ErrorCode, ServiceUnavailable, error_from_code
from drama_common.i18n import translate
from drama_common.logging import bind_ids

log = structlog.get_logger()

Handler = Callable[[dict[str, Any]], Awaitable[Any]]
REQUEST_ID = "X-Request-Id"
STATUS = "Rpc-Status"
LANGUAGE = "Rpc-Lang"
HEADER_ROOM = 256
"""Bytes kept free in a reply for its headers (the payload limit counts them)."""


class RpcServer:
    """Answers ``method`` requests on one subject, as a member of a queue group."""

    def __init__(
        self,
        client: Client,
        subject: str,
        queue: str,
        handlers: dict[str, Handler],
        *,
        language: Callable[[], str] = lambda: "zh",
        concurrency: int = 64,
    ) -> None:
        self._client = client
        self._subject = subject
        self._queue = queue
        self._handlers = handlers
        self._language = language
        self._slots = asyncio.Semaphore(concurrency)
        self._tasks: set[asyncio.Task[None]] = set()
        self._subscription: Subscription | None = None

    async def start(self) -> None:
        self._subscription = await self._client.subscribe(
            self._subject, queue=self._queue, cb=self._on_message
        )
        await self._client.flush()

    async def stop(self) -> None:
        if self._subscription is not None:
            await self._subscription.unsubscribe()
        if self._tasks:
            await asyncio.wait(self._tasks, timeout=10)

    async def _on_message(self, msg: Msg) -> None:
        task = asyncio.create_task(self._serve(msg))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _serve(self, msg: Msg) -> None:
        async with self._slots:
            language = self._language()
            ok, body = await self._answer(msg, language)
            if len(body) + HEADER_ROOM > self._client.max_payload:
                limit = self._client.max_payload
                message = translate("too_large", language, limit=limit)
                ok, body = False, _error_body(ErrorCode.PAYLOAD_TOO_LARGE, message)
            if msg.reply:
                headers = {STATUS: "ok" if ok else "error", LANGUAGE: language}
                try:
                    await self._client.publish(msg.reply, body, headers=headers)
                except nats.errors.Error as error:
                    log.warning("rpc.reply_failed", reason=str(error))

    async def _answer(self, msg: Msg, language: str) -> tuple[bool, bytes]:
        try:
            request = orjson.loads(msg.data)
            method = str(request["method"])
            params = request.get("params") or {}
        except (orjson.JSONDecodeError, KeyError, TypeError):
            return False, _error_body(ErrorCode.BAD_REQUEST, "malformed rpc request")
        headers = msg.headers or {}
        bind_ids(request_id=headers.get(REQUEST_ID))
        handler = self._handlers.get(method)
        if handler is None:
            return False, _error_body(ErrorCode.NOT_FOUND, f"unknown method {method}")
        try:
            data = await handler(params)
        except AppError as error:
            message = error.detail or translate(error.message_key, language, **error.params)
            return False, _error_body(error.code, message)
        except Exception:
            log.exception("rpc.handler_failed", method=method)
            return False, _error_body(ErrorCode.INTERNAL_ERROR, translate("internal", language))
        return True, orjson.dumps(data)


def _error_body(code: ErrorCode, message: str) -> bytes:
    return orjson.dumps({"code": str(code), "message": message})


class RpcClient:
    """Calls methods of one service; a silent service becomes ``ServiceUnavailable``."""

    def __init__(self, client: Client, subject: str, service: str, timeout: float) -> None:
        self._client = client
        self._subject = subject
        self._service = service
        self._timeout = timeout
        self.language = "zh"

    async def call(
        self,
        method: str,
        params: dict[str, Any] | None = None,
        *,
        timeout: float | None = None,
        request_id: str | None = None,
    ) -> Any:
        """The method's data, parsed."""
        return orjson.loads(
            await self.call_raw(method, params, timeout=timeout, request_id=request_id)
        )

    async def call_raw(
        self,
        method: str,
        params: dict[str, Any] | None = None,
        *,
        timeout: float | None = None,
        request_id: str | None = None,
    ) -> bytes:
        """The method's data as the service serialized it (JSON bytes), not parsed."""
        try:
            payload = orjson.dumps({"method": method, "params": params or {}})
        except TypeError as error:
            raise BadRequest("number_range") from error
        headers = {REQUEST_ID: request_id} if request_id else None
        try:
            msg = await self._client.request(
                self._subject, payload, timeout=timeout or self._timeout, headers=headers
            )
        except (
            TimeoutError,
            nats.errors.TimeoutError,
            nats.errors.NoRespondersError,
            nats.errors.ConnectionClosedError,
            nats.errors.ConnectionReconnectingError,
        ) as error:
            log.warning(
                "rpc.unavailable", service=self._service, method=method, reason=type(error).__name__
            )
            raise ServiceUnavailable("unavailable", service=self._service) from error
        reply_headers = msg.headers or {}
        status = reply_headers.get(STATUS)
        if status is None:
            return self._legacy(msg.data)
        self.language = reply_headers.get(LANGUAGE) or self.language
        if status == "ok":
            return msg.data
        failure = orjson.loads(msg.data)
        raise error_from_code(str(failure.get("code")), str(failure.get("message")))

    def _legacy(self, body: bytes) -> bytes:
        """A reply in the older ``{"ok", "data", "lang"}`` form."""
        reply = orjson.loads(body)
        self.language = str(reply.get("lang") or self.language)
        if reply.get("ok"):
            return orjson.dumps(reply.get("data"))
        raise error_from_code(str(reply.get("code")), str(reply.get("message")))
