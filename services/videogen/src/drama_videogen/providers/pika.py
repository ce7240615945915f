"""The reference's generic "Pika" client (providers.md §4.5), kept as small as it is.

Body ``{model, image?, prompt, duration (default 3), aspect_ratio (default 16:9), motion:
50, seed?}``; answers ``{job_id, status, result: {video_url}, error}``; done when
``completed``. This is not Pika's real API; it serves gateways that expose this generic
shape. Errors: see :mod:`generic`.
"""

from __future__ import annotations

from typing import Any

from drama_common.provider_models import VideoRequest
from drama_videogen.providers.frames import single_image
from drama_videogen.providers.generic import GenericVideoProvider, url_at

DEFAULT_MOTION = 50


class PikaProvider(GenericVideoProvider):
    id_key = "job_id"
    done_status = "completed"
    default_name = "pika"

    def body(self, request: VideoRequest) -> dict[str, Any]:
        body: dict[str, Any] = {"model": self._settings.model}
        image = single_image(request)
        if image:
            body["image"] = image
        body["prompt"] = request.prompt
        body["duration"] = request.duration if request.duration > 0 else 3
        body["aspect_ratio"] = request.aspect_ratio or "16:9"
        body["motion"] = DEFAULT_MOTION
        if request.seed is not None:
            body["seed"] = request.seed
        return body

    def video_url(self, answer: dict[str, Any]) -> str | None:
        return url_at(answer, "result", "video_url")
