"""The reference's generic "Runway" client (providers.md §4.5), kept as small as it is.

Body ``{model, prompt_image?, prompt_text, duration (default 5), aspect_ratio (default
16:9), seed?}``; answers ``{id, status, output: {url}, error}``; done when ``succeeded``.
This is not RunwayML's real API (which is ``/v1/image_to_video`` with versioned headers);
it serves gateways that expose this generic shape. Errors: see :mod:`generic`.
"""

from __future__ import annotations

from typing import Any

from drama_common.provider_models import VideoRequest
from drama_videogen.providers.frames import single_image
from drama_videogen.providers.generic import GenericVideoProvider, url_at


class RunwayProvider(GenericVideoProvider):
    id_key = "id"
    done_status = "succeeded"
    default_name = "runway"

    def body(self, request: VideoRequest) -> dict[str, Any]:
        body: dict[str, Any] = {"model": self._settings.model}
        image = single_image(request)
        if image:
            body["prompt_image"] = image
        body["prompt_text"] = request.prompt
        body["duration"] = request.duration if request.duration > 0 else 5
        body["aspect_ratio"] = request.aspect_ratio or "16:9"
        if request.seed is not None:
            body["seed"] = request.seed
        return body

    def video_url(self, answer: dict[str, Any]) -> str | None:
        return url_at(answer, "output", "url")
