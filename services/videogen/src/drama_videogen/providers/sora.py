"""OpenAI Sora videos (providers.md §4.4).

Submit ``POST {base}/videos`` as ``multipart/form-data``: ``model``, ``prompt``, ``seconds``
(the duration as a string), ``size`` only when the request's resolution is ``WxH``, and the
single image (or first frame) as the file part ``input_reference`` with its own
Content-Type and a ``reference.<ext>`` filename. The image may be a data URI or a URL
(downloaded without credentials).

Poll ``GET {base}/videos/{id}``: ``queued`` → pending, ``in_progress`` → running,
``failed`` → failed with ``[code] message``, ``completed`` → succeeded. The real API's video
object has no URL, so the MP4 is downloaded from ``GET {base}/videos/{id}/content`` and
returned as ``video_data``; gateways that add ``video_url`` or ``video.url`` get that URL
returned instead (no download).

HTTP errors follow :mod:`drama_common.provider_http` (transport, 408/429/5xx and malformed
2xx bodies are transient; other 4xx permanent with the innermost message). A 2xx answer with
``error.message`` is permanent on submit and failed on poll.
"""

from __future__ import annotations

import re
from typing import Any

import httpx
import structlog

from drama_common.errors import PermanentProviderError
from drama_common.image_refs import load_reference
from drama_common.provider_http import (
    bearer,
    call_json,
    failure_text,
    join_url,
    provider_error,
    scrub,
    send,
)
from drama_common.provider_models import (
    ProviderSettings,
    VideoPoll,
    VideoRequest,
    VideoSubmission,
)
from drama_videogen.providers.frames import single_image

log = structlog.get_logger()

SIZE = re.compile(r"^\d+x\d+$")
EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}


def _video_url(answer: dict[str, Any]) -> str | None:
    url = answer.get("video_url")
    if not url and isinstance(answer.get("video"), dict):
        url = answer["video"].get("url")
    return url if isinstance(url, str) and url else None


def _error(answer: dict[str, Any]) -> tuple[str | None, str | None]:
    error = answer.get("error")
    if not isinstance(error, dict) or not error.get("message"):
        return None, None
    return provider_error(answer)


class SoraProvider:
    def __init__(self, settings: ProviderSettings, client: httpx.AsyncClient) -> None:
        self.name = settings.provider or "openai"
        self._settings = settings
        self._client = client

    def _url(self, path: str) -> str:
        return join_url(self._settings.base_url, path)

    def fields(self, request: VideoRequest) -> list[tuple[str, str]]:
        fields = [("model", self._settings.model), ("prompt", request.prompt)]
        if request.duration > 0:
            fields.append(("seconds", str(request.duration)))
        if request.resolution and SIZE.match(request.resolution):
            fields.append(("size", request.resolution))
        return fields

    async def multipart(self, request: VideoRequest) -> list[tuple[str, Any]]:
        """The form as httpx ``files`` entries: text fields have no filename, so the body is
        ``multipart/form-data`` even without an image."""
        parts: list[tuple[str, Any]] = [(k, (None, v)) for k, v in self.fields(request)]
        image = single_image(request)
        loaded = await load_reference(self._client, image) if image else None
        if loaded is not None:
            mime, data = loaded
            if mime not in EXTENSIONS:
                mime = "image/png"
            parts.append(("input_reference", (f"reference.{EXTENSIONS[mime]}", data, mime)))
        return parts

    async def submit(self, request: VideoRequest) -> VideoSubmission:
        settings = self._settings
        log.info("video_submit", provider=self.name, model=settings.model)
        answer = await call_json(
            self._client,
            "POST",
            self._url("/videos"),
            provider=self.name,
            api_key=settings.api_key,
            headers=bearer(settings.api_key),
            files=await self.multipart(request),
        )
        _, message = _error(answer)
        if message:
            raise PermanentProviderError(scrub(message, settings.api_key), provider=self.name)
        task_id = answer.get("id")
        if isinstance(task_id, str) and task_id:
            return VideoSubmission(task_id=task_id)
        raise PermanentProviderError("no task id returned", provider=self.name)

    async def poll(self, task_id: str) -> VideoPoll:
        settings = self._settings
        answer = await call_json(
            self._client,
            "GET",
            self._url(f"/videos/{task_id}"),
            provider=self.name,
            api_key=settings.api_key,
            headers=bearer(settings.api_key),
        )
        status = str(answer.get("status") or "")
        code, message = _error(answer)
        if message or status == "failed":
            error = failure_text(code, message, "video generation failed")
            return VideoPoll(status="failed", error=scrub(error, settings.api_key))
        if status != "completed":
            return VideoPoll(status="pending" if status == "queued" else "running")
        seconds = answer.get("seconds")
        duration = None
        if isinstance(seconds, str) and seconds.isascii() and seconds.isdigit():
            duration = float(seconds)
        url = _video_url(answer)
        if url:
            return VideoPoll(status="succeeded", video_url=url, duration=duration)
        response = await send(
            self._client,
            "GET",
            self._url(f"/videos/{task_id}/content"),
            provider=self.name,
            api_key=settings.api_key,
            headers=bearer(settings.api_key),
            follow_redirects=True,
        )
        if not response.content:
            return VideoPoll(status="failed", error="task completed but no video content")
        return VideoPoll(status="succeeded", video_data=response.content, duration=duration)
