"""Volcengine Ark / Doubao Seedance video tasks (providers.md §4.2).

Submit ``POST {base}/contents/generations/tasks`` with ``model``, the Seedance ``content``
array (see :mod:`seedance_body`, default ratio ``adaptive``) and ``generate_audio: true``
only for ``*seedance-1-5-pro*`` models. The answer is ``{"id": "cgt-…"}``.

Poll ``GET {base}/contents/generations/tasks/{id}``: ``queued`` → pending, ``running`` →
running, ``succeeded`` → succeeded with ``content.video_url``, and ``failed``,
``cancelled`` and ``expired`` → failed with ``[code] message`` from the ``error`` object.
Unlike the reference, a terminal status without an ``error`` object ends the task instead of
polling until timeout, and an answer with an ``error`` object is failed whatever its status.

HTTP errors follow :mod:`drama_common.provider_http` (transport, 408/429/5xx and malformed
2xx bodies are transient; other 4xx permanent with the innermost message). A 2xx submit
answer carrying an ``error`` is permanent.
"""

from __future__ import annotations

from typing import Any

import httpx
import structlog

from drama_common.errors import PermanentProviderError
from drama_common.provider_http import (
    bearer,
    call_json,
    failure_text,
    join_url,
    provider_error,
    scrub,
)
from drama_common.provider_models import (
    ProviderSettings,
    VideoPoll,
    VideoRequest,
    VideoSubmission,
)
from drama_videogen.providers import seedance_body

log = structlog.get_logger()

TASKS = "/contents/generations/tasks"
PENDING = frozenset({"queued", "pending"})
TERMINAL_FAILURES = frozenset({"failed", "cancelled", "expired"})
NO_VIDEO = "task completed but no video URL"


def _video_url(answer: dict[str, Any]) -> str | None:
    content = answer.get("content")
    url = content.get("video_url") if isinstance(content, dict) else None
    return url if isinstance(url, str) and url else None


def _has_error(answer: dict[str, Any]) -> bool:
    return answer.get("error") not in (None, "", {})


class SeedanceProvider:
    def __init__(self, settings: ProviderSettings, client: httpx.AsyncClient) -> None:
        self.name = settings.provider or "volcengine"
        self._settings = settings
        self._client = client

    def body(self, request: VideoRequest) -> dict[str, Any]:
        model = self._settings.model
        body: dict[str, Any] = {
            "model": model,
            "content": seedance_body.content(request, default_ratio="adaptive"),
        }
        if "seedance-1-5-pro" in model.lower():
            body["generate_audio"] = True
        return body

    async def _call(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        settings = self._settings
        return await call_json(
            self._client,
            method,
            join_url(settings.base_url, path),
            provider=self.name,
            api_key=settings.api_key,
            headers=bearer(settings.api_key),
            **kwargs,
        )

    async def submit(self, request: VideoRequest) -> VideoSubmission:
        log.info("video_submit", provider=self.name, model=self._settings.model)
        answer = await self._call("POST", TASKS, json=self.body(request))
        if _has_error(answer):
            _, message = provider_error(answer)
            text = scrub(message or "video task refused", self._settings.api_key)
            raise PermanentProviderError(text, provider=self.name)
        task_id = answer.get("id")
        if isinstance(task_id, str) and task_id:
            return VideoSubmission(task_id=task_id)
        url = _video_url(answer)
        if url:
            return VideoSubmission(video_url=url)
        raise PermanentProviderError("no task id or video URL returned", provider=self.name)

    async def poll(self, task_id: str) -> VideoPoll:
        answer = await self._call("GET", f"{TASKS}/{task_id}")
        status = str(answer.get("status") or "").lower()
        if _has_error(answer) or status in TERMINAL_FAILURES:
            code, message = provider_error(answer)
            error = failure_text(code, message, f"task {status or 'failed'}")
            return VideoPoll(status="failed", error=scrub(error, self._settings.api_key))
        duration = answer.get("duration")
        seconds = float(duration) if isinstance(duration, int | float) and duration > 0 else None
        url = _video_url(answer)
        if url:
            return VideoPoll(status="succeeded", video_url=url, duration=seconds)
        if status in {"succeeded", "completed"}:
            return VideoPoll(status="failed", error=NO_VIDEO)
        return VideoPoll(status="pending" if status in PENDING else "running")
