"""ChatFire video gateway (providers.md §4.1).

Submit ``POST {base}/video/generations``; the body depends on the model name (case-sensitive
substrings, in this order): ``doubao``/``seedance`` → the Seedance ``content`` array (default
ratio ``16:9``, no ``generate_audio``); ``sora`` → ``{model, prompt, seconds: "<n>", size,
input_reference}`` with size ``1280x720``/``720x1280`` for 16:9/9:16; anything else (e.g.
``veo-3.0-generate-001``) → ``{model, prompt, image_url, duration, size: <aspect>}``. The
task id is ``data.id``, else ``id``, else ``task_id``.

Poll ``GET {base}/video/task/{id}``: the URL is ``video_url``, else ``data.video_url``, else
``content.video_url``, and any URL means success. Status (``status`` else ``data.status``):
``completed``/``succeeded`` → succeeded, ``failed``/``error``/``cancelled`` → failed,
``pending``/``queued``/``submitted`` → pending, anything else running. An ``error`` (string
or ``{code, message}``) fails the task whatever the status; unlike the reference, a bare
``failed`` status ends the task too.

HTTP errors follow :mod:`drama_common.provider_http` (transport, 408/429/5xx and malformed
2xx bodies are transient; other 4xx permanent with the innermost message); a 2xx submit
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
from drama_videogen.providers.frames import single_image

log = structlog.get_logger()

DEFAULT_RATIO = "16:9"
SORA_SIZES = {"16:9": "1280x720", "9:16": "720x1280"}
SUCCEEDED = frozenset({"completed", "succeeded", "success"})
FAILED = frozenset({"failed", "failure", "error", "cancelled"})
PENDING = frozenset({"pending", "queued", "submitted", "not_start"})


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _data(answer: dict[str, Any]) -> dict[str, Any]:
    data = answer.get("data")
    return data if isinstance(data, dict) else {}


def _task_id(answer: dict[str, Any]) -> str | None:
    for value in (_data(answer).get("id"), answer.get("id"), answer.get("task_id")):
        if isinstance(value, str | int) and not isinstance(value, bool) and value:
            return str(value)
    return None


def _video_url(answer: dict[str, Any]) -> str | None:
    content = answer.get("content")
    nested = content.get("video_url") if isinstance(content, dict) else None
    return _text(answer.get("video_url")) or _text(_data(answer).get("video_url")) or _text(nested)


def _has_error(answer: dict[str, Any]) -> bool:
    return answer.get("error") not in (None, "", {})


class ChatFireVideoProvider:
    def __init__(self, settings: ProviderSettings, client: httpx.AsyncClient) -> None:
        self.name = settings.provider or "chatfire"
        self._settings = settings
        self._client = client

    def body(self, request: VideoRequest) -> dict[str, Any]:
        model = self._settings.model
        aspect = request.aspect_ratio or DEFAULT_RATIO
        if "doubao" in model or "seedance" in model:
            return {"model": model, "content": seedance_body.content(request, DEFAULT_RATIO)}
        image = single_image(request)
        if "sora" in model:
            body: dict[str, Any] = {
                "model": model,
                "prompt": request.prompt,
                "seconds": str(request.duration),
                "size": SORA_SIZES.get(aspect, aspect),
            }
            if image:
                body["input_reference"] = image
            return body
        body = {"model": model, "prompt": request.prompt}
        if image:
            body["image_url"] = image
        if request.duration > 0:
            body["duration"] = request.duration
        body["size"] = aspect
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
        answer = await self._call("POST", "/video/generations", json=self.body(request))
        if _has_error(answer):
            _, message = provider_error(answer)
            text = scrub(message or "video task refused", self._settings.api_key)
            raise PermanentProviderError(text, provider=self.name)
        task_id, url = _task_id(answer), _video_url(answer)
        if not task_id and not url:
            raise PermanentProviderError("no task id or video URL returned", provider=self.name)
        return VideoSubmission(task_id=task_id, video_url=url)

    async def poll(self, task_id: str) -> VideoPoll:
        answer = await self._call("GET", f"/video/task/{task_id}")
        status = str(answer.get("status") or _data(answer).get("status") or "").lower()
        if _has_error(answer) or status in FAILED:
            code, message = provider_error(answer)
            error = failure_text(code, message, "video generation failed")
            return VideoPoll(status="failed", error=scrub(error, self._settings.api_key))
        url = _video_url(answer)
        if url:
            return VideoPoll(status="succeeded", video_url=url)
        if status in SUCCEEDED:
            return VideoPoll(status="failed", error="task completed but no video URL")
        return VideoPoll(status="pending" if status in PENDING else "running")
