"""The submit/poll plumbing shared by the reference's generic Runway and Pika clients.

Both submit to ``POST {base}/v1/video/generate`` and poll ``GET {base}/v1/video/status/{id}``
with Bearer auth; they differ only in body and answer keys, which subclasses provide.
HTTP errors follow :mod:`drama_common.provider_http` (transport, 408/429/5xx and malformed
2xx bodies are transient; other 4xx permanent); an ``error`` string in a 2xx answer is
permanent on submit and fails the task on poll.
"""

from __future__ import annotations

from typing import Any

import httpx
import structlog

from drama_common.errors import PermanentProviderError
from drama_common.provider_http import bearer, call_json, join_url, provider_error, scrub
from drama_common.provider_models import (
    ProviderSettings,
    VideoPoll,
    VideoRequest,
    VideoSubmission,
)

log = structlog.get_logger()


class GenericVideoProvider:
    """Subclasses set ``id_key``, ``done_status`` and implement ``body`` and ``video_url``."""

    id_key = "id"
    done_status = "succeeded"
    default_name = "generic"

    def __init__(self, settings: ProviderSettings, client: httpx.AsyncClient) -> None:
        self.name = settings.provider or self.default_name
        self._settings = settings
        self._client = client

    def body(self, request: VideoRequest) -> dict[str, Any]:
        raise NotImplementedError

    def video_url(self, answer: dict[str, Any]) -> str | None:
        raise NotImplementedError

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

    def _error(self, answer: dict[str, Any]) -> str | None:
        if answer.get("error") in (None, "", {}):
            return None
        _, message = provider_error(answer)
        return scrub(message or "video generation failed", self._settings.api_key)

    async def submit(self, request: VideoRequest) -> VideoSubmission:
        log.info("video_submit", provider=self.name, model=self._settings.model)
        answer = await self._call("POST", "/v1/video/generate", json=self.body(request))
        error = self._error(answer)
        if error:
            raise PermanentProviderError(error, provider=self.name)
        task_id = answer.get(self.id_key)
        if isinstance(task_id, str) and task_id:
            return VideoSubmission(task_id=task_id)
        raise PermanentProviderError("no task id returned", provider=self.name)

    async def poll(self, task_id: str) -> VideoPoll:
        answer = await self._call("GET", f"/v1/video/status/{task_id}")
        status = str(answer.get("status") or "").lower()
        error = self._error(answer)
        if error or status == "failed":
            return VideoPoll(status="failed", error=error or "video generation failed")
        if status == self.done_status:
            url = self.video_url(answer)
            if url:
                return VideoPoll(status="succeeded", video_url=url)
            return VideoPoll(status="failed", error="task completed but no video URL")
        return VideoPoll(status="pending" if status in {"pending", "queued"} else "running")


def url_at(answer: dict[str, Any], holder: str, key: str) -> str | None:
    inner = answer.get(holder)
    url = inner.get(key) if isinstance(inner, dict) else None
    return url if isinstance(url, str) and url else None
