"""Request-reply over NATS core: a method name and JSON params in, data or an error out."""

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

from drama_common.errors import AppError, ErrorCode, ServiceUnavailable, error_from_code
from drama_common.i18n import translate
from drama_common.logging import bind_ids

log = structlog.get_logger()

Handler = Callable[[dict[str, Any]], Awaitable[Any]]
REQUEST_ID = "X-Request-Id"


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
            reply = await self._answer(msg)
            body = orjson.dumps(reply)
            if len(body) > self._client.max_payload:
                body = orjson.dumps(
                    _error_body(
                        ErrorCode.PAYLOAD_TOO_LARGE,
                        translate("too_large", self._language(), limit=self._client.max_payload),
                        self._language(),
                    )
                )
            if msg.reply:
                try:
                    await msg.respond(body)
                except nats.errors.Error as error:
                    log.warning("rpc.reply_failed", reason=str(error))

    async def _answer(self, msg: Msg) -> dict[str, Any]:
        language = self._language()
        try:
            request = orjson.loads(msg.data)
            method = str(request["method"])
            params = request.get("params") or {}
        except (orjson.JSONDecodeError, KeyError, TypeError):
            return _error_body(ErrorCode.BAD_REQUEST, "malformed rpc request", language)
        headers = msg.headers or {}
        bind_ids(request_id=headers.get(REQUEST_ID))
        handler = self._handlers.get(method)
        if handler is None:
            return _error_body(ErrorCode.NOT_FOUND, f"unknown method {method}", language)
        try:
            data = await handler(params)
        except AppError as error:
            message = error.detail or translate(error.message_key, language, **error.params)
            return _error_body(error.code, message, language)
        except Exception:
            log.exception("rpc.handler_failed", method=method)
            return _error_body(ErrorCode.INTERNAL_ERROR, translate("internal", language), language)
        return {"ok": True, "data": data, "lang": language}


def _error_body(code: ErrorCode, message: str, language: str) -> dict[str, Any]:
    return {"ok": False, "code": str(code), "message": message, "lang": language}


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
        payload = orjson.dumps({"method": method, "params": params or {}})
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
        reply = orjson.loads(msg.data)
        self.language = str(reply.get("lang") or self.language)
        if reply.get("ok"):
            return reply.get("data")
        raise error_from_code(str(reply.get("code")), str(reply.get("message")))
