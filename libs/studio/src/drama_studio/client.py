"""The public API as a client sees it: envelope unwrapping, async tasks and record polling."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

import httpx

TERMINAL = ("completed", "failed")
TRANSIENT_STATUSES = (502, 503, 504)
TRANSIENT_RETRIES = 10

T = TypeVar("T")
Record = dict[str, Any]
Progress = Callable[[int], None]


class ApiError(RuntimeError):
    """A call answered with an error (or not at all)."""

    def __init__(self, method: str, path: str, status: int | None, message: str) -> None:
        where = f"{method} {path}"
        super().__init__(f"{where} → {status}: {message}" if status else f"{where}: {message}")
        self.method = method
        self.path = path
        self.status = status
        self.message = message


class JobFailed(RuntimeError):
    """An async task or a generation record ended as ``failed``; ``reason`` is its own text."""

    def __init__(self, what: str, reason: str) -> None:
        super().__init__(f"{what}: {reason}")
        self.what = what
        self.reason = reason


class JobTimeout(RuntimeError):
    """Polling gave up before the job reached a terminal status."""


def _error_text(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return response.text[:300] or response.reason_phrase
    if isinstance(body, dict):
        error = body.get("error")
        if isinstance(error, dict):
            return str(error.get("message") or error.get("code") or body)
        if error:
            return str(error)
    return str(body)[:300]


def task_failure(task: Record) -> str:
    """The failure text of a task: some types keep it in ``error``, others in ``message``."""
    return str(task.get("error") or task.get("message") or "failed")


def task_result(task: Record) -> Any:
    """A completed task's ``result``, decoded when it is the JSON string the API sends."""
    result = task.get("result")
    if isinstance(result, str):
        try:
            return json.loads(result)
        except ValueError:
            return result
    return result


class StudioClient:
    """Calls on ``/api/v1`` through an :class:`httpx.AsyncClient` whose base URL is that root."""

    def __init__(
        self, http: httpx.AsyncClient, poll_interval: float = 1.0, job_timeout: float = 3600.0
    ) -> None:
        self.http = http
        self.poll_interval = poll_interval
        self.job_timeout = job_timeout

    @property
    def origin(self) -> str:
        """The gateway's origin (``scheme://host:port``), where ``/static/`` is served."""
        return str(self.http.base_url.copy_with(path="/", query=None)).rstrip("/")

    async def _send(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        failures = 0
        while True:
            try:
                response = await self.http.request(method, path, **kwargs)
            except httpx.TransportError as exc:
                if method != "GET" or failures >= TRANSIENT_RETRIES:
                    raise ApiError(method, path, None, str(exc) or type(exc).__name__) from exc
            else:
                if method != "GET" or response.status_code not in TRANSIENT_STATUSES:
                    return response
                if failures >= TRANSIENT_RETRIES:
                    return response
            failures += 1
            await asyncio.sleep(self.poll_interval)

    async def call(self, method: str, path: str, **kwargs: Any) -> Any:
        """Send a request and answer the envelope's ``data`` (``None`` when absent)."""
        response = await self._send(method, path, **kwargs)
        try:
            body = response.json()
        except ValueError:
            body = None
        if response.is_error or not isinstance(body, dict) or body.get("success") is not True:
            raise ApiError(method, path, response.status_code, _error_text(response))
        return body.get("data")

    async def raw(self, method: str, path: str, **kwargs: Any) -> Any:
        """Send a request to a route that answers without the envelope; answer its JSON."""
        response = await self._send(method, path, **kwargs)
        if response.is_error:
            raise ApiError(method, path, response.status_code, _error_text(response))
        try:
            return response.json()
        except ValueError as exc:
            raise ApiError(method, path, response.status_code, "not JSON") from exc

    async def get(self, path: str, **params: Any) -> Any:
        return await self.call("GET", path, params=params or None)

    async def post(self, path: str, body: Any = None) -> Any:
        if body is None:
            return await self.call("POST", path)
        return await self.call("POST", path, json=body)

    async def put(self, path: str, body: Any) -> Any:
        return await self.call("PUT", path, json=body)

    async def list_all(self, path: str, **params: Any) -> list[Record]:
        """Every item of a paginated list (§1.3)."""
        items: list[Record] = []
        page = 1
        while True:
            data = await self.get(path, **params, page=page, page_size=100)
            items += data.get("items") or []
            if page >= int(data.get("pagination", {}).get("total_pages") or 0):
                return items
            page += 1

    def _deadline(self) -> float:
        return time.monotonic() + self.job_timeout

    def _check_deadline(self, deadline: float, what: str) -> None:
        if time.monotonic() > deadline:
            raise JobTimeout(f"{what}: not finished after {self.job_timeout:.0f} s")

    async def wait_for(self, check: Callable[[], Awaitable[T | None]], what: str) -> T:
        """Poll ``check`` until it answers something other than ``None``."""
        deadline = self._deadline()
        while True:
            found = await check()
            if found is not None:
                return found
            self._check_deadline(deadline, what)
            await asyncio.sleep(self.poll_interval)

    async def download(self, url: str, target: Path) -> None:
        """Stream ``url`` (absolute) into ``target``, replacing it only once complete."""
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.part")
        async with self.http.stream("GET", url) as response:
            if response.is_error:
                await response.aread()
                raise ApiError("GET", url, response.status_code, _error_text(response))
            with partial.open("wb") as out:
                async for chunk in response.aiter_bytes():
                    out.write(chunk)
        partial.replace(target)

    async def wait_task(self, task_id: str, on_progress: Progress | None = None) -> Any:
        """Poll ``GET /tasks/:id`` until the task ends; answer its decoded result."""
        deadline = self._deadline()
        while True:
            task = await self.get(f"/tasks/{task_id}")
            if on_progress is not None:
                on_progress(int(task.get("progress") or 0))
            if task.get("status") == "completed":
                return task_result(task)
            if task.get("status") == "failed":
                raise JobFailed(f"task {task.get('type', task_id)}", task_failure(task))
            self._check_deadline(deadline, f"task {task_id}")
            await asyncio.sleep(self.poll_interval)

    async def wait_records(
        self,
        paths: Iterable[str],
        unwrap: Callable[[Any], Record] = lambda data: data,
        on_progress: Progress | None = None,
    ) -> dict[str, Record]:
        """Poll records (images, videos, merges) until each is completed.

        The first ``failed`` record raises :class:`JobFailed` with its ``error_msg``.
        Answers the final record of each path.
        """
        pending = list(dict.fromkeys(paths))
        done: dict[str, Record] = {}
        deadline = self._deadline()
        while pending:
            for path in list(pending):
                record = unwrap(await self.get(path))
                if record.get("status") == "failed":
                    raise JobFailed(path, str(record.get("error_msg") or "failed"))
                if record.get("status") == "completed":
                    done[path] = record
                    pending.remove(path)
            if on_progress is not None:
                on_progress(len(done))
            if pending:
                self._check_deadline(deadline, ", ".join(pending[:3]))
                await asyncio.sleep(self.poll_interval)
        return done
