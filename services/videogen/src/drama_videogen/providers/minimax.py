"""MiniMax Hailuo video (providers.md §4.3).

Submit ``POST {base}/video_generation`` with ``prompt``, ``model``, ``first_frame_image``
(the first frame, else the single image), ``last_frame_image`` (first/last mode only),
``duration`` and ``resolution`` (the request's, upper-cased, else ``1080P``). Reference
images are not sent (``subject_reference`` is a different feature). Answer:
``{"task_id", "base_resp": {"status_code", "status_msg"}}``.

Poll ``GET {base}/query/video_generation?task_id=…``: ``Preparing``/``Queueing`` → pending,
``Processing`` → running, ``Fail`` (and the reference's ``Failed``) → failed, ``Success`` →
``GET {base}/files/retrieve?file_id=…`` whose ``file.download_url`` is the video.

``base_resp.status_code`` other than 0: codes 1000 (unknown), 1001 (timeout), 1002 (rate
limit), 1013 (internal) and 1039 (token limit) are transient; any other code is permanent on
submit and ends the task as failed (``[1027] …``) on poll (the reference retried them
forever). HTTP errors follow :mod:`drama_common.provider_http` (transport, 408/429/5xx and
malformed 2xx bodies are transient; other 4xx permanent). ``file_id`` may be a string (as
documented) or a number.
"""

from __future__ import annotations

from typing import Any

import httpx
import structlog

from drama_common.errors import PermanentProviderError, TransientProviderError
from drama_common.provider_http import bearer, call_json, failure_text, join_url, scrub
from drama_common.provider_models import (
    ProviderSettings,
    VideoPoll,
    VideoRequest,
    VideoSubmission,
)
from drama_videogen.providers.frames import first_last

log = structlog.get_logger()

TRANSIENT_CODES = frozenset({1000, 1001, 1002, 1013, 1039})
PENDING = frozenset({"Preparing", "Queueing"})
FAILED = frozenset({"Fail", "Failed"})
NO_VIDEO = "task completed but no video URL"


def _base_resp(answer: dict[str, Any]) -> tuple[int, str]:
    base = answer.get("base_resp")
    if not isinstance(base, dict):
        return 0, ""
    code = base.get("status_code")
    return (code if isinstance(code, int) else 0), str(base.get("status_msg") or "")


def _file_id(value: Any) -> str | None:
    if isinstance(value, bool) or value in (None, "", 0):
        return None
    return str(value) if isinstance(value, str | int) else None


class MiniMaxProvider:
    def __init__(self, settings: ProviderSettings, client: httpx.AsyncClient) -> None:
        self.name = settings.provider or "minimax"
        self._settings = settings
        self._client = client

    def body(self, request: VideoRequest) -> dict[str, Any]:
        body: dict[str, Any] = {"prompt": request.prompt, "model": self._settings.model}
        first, last = first_last(request)
        if first:
            body["first_frame_image"] = first
        if last:
            body["last_frame_image"] = last
        if request.duration > 0:
            body["duration"] = request.duration
        body["resolution"] = (request.resolution or "1080P").upper()
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

    def _raise_transient(self, code: int, message: str) -> None:
        if code in TRANSIENT_CODES:
            text = scrub(f"[{code}] {message}", self._settings.api_key)
            raise TransientProviderError(text, provider=self.name)

    async def submit(self, request: VideoRequest) -> VideoSubmission:
        log.info("video_submit", provider=self.name, model=self._settings.model)
        answer = await self._call("POST", "/video_generation", json=self.body(request))
        code, message = _base_resp(answer)
        if code != 0:
            self._raise_transient(code, message)
            text = scrub(message or f"error {code}", self._settings.api_key)
            raise PermanentProviderError(text, provider=self.name)
        task_id = answer.get("task_id")
        if not isinstance(task_id, str | int) or isinstance(task_id, bool) or not task_id:
            raise PermanentProviderError("no task id returned", provider=self.name)
        return VideoSubmission(task_id=str(task_id))

    async def poll(self, task_id: str) -> VideoPoll:
        # Query values are inserted unencoded, as the reference does (providers.md §0.1).
        answer = await self._call("GET", f"/query/video_generation?task_id={task_id}")
        code, message = _base_resp(answer)
        status = str(answer.get("status") or "")
        if code != 0:
            self._raise_transient(code, message)
            error = failure_text(str(code), message, "video generation failed")
            return VideoPoll(status="failed", error=scrub(error, self._settings.api_key))
        if status in FAILED:
            return VideoPoll(status="failed", error="video generation failed")
        if status == "Success":
            file_id = _file_id(answer.get("file_id"))
            if file_id is None:
                return VideoPoll(status="failed", error=NO_VIDEO)
            return await self._retrieve(file_id)
        return VideoPoll(status="pending" if status in PENDING else "running")

    async def _retrieve(self, file_id: str) -> VideoPoll:
        answer = await self._call("GET", f"/files/retrieve?file_id={file_id}")
        code, message = _base_resp(answer)
        if code != 0:
            self._raise_transient(code, message)
            error = failure_text(str(code), message, "file retrieve failed")
            return VideoPoll(status="failed", error=scrub(error, self._settings.api_key))
        file = answer.get("file")
        url = file.get("download_url") if isinstance(file, dict) else None
        if isinstance(url, str) and url:
            return VideoPoll(status="succeeded", video_url=url)
        return VideoPoll(status="failed", error=NO_VIDEO)
