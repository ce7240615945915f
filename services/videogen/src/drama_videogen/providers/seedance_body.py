"""The Seedance ``content`` array, shared by Volcengine Ark and ChatFire's doubao models.

Text item: the prompt followed by text flags, each with two leading spaces:
``--ratio <aspect>`` (always, given a default) and ``--dur <seconds>`` (when > 0), as the
reference sends them; then, only when the request sets them, ``--resolution``, ``--fps``,
``--seed``, ``--camerafixed`` and ``--watermark`` (Seedance's own flag names).

Image items by reference mode: ``multiple`` → one ``reference_image`` item per image;
``first_last`` → ``first_frame`` and (if present) ``last_frame``; ``single`` → one item
without a role; ``none`` → text only.
"""

from __future__ import annotations

from typing import Any

from drama_common.provider_models import VideoRequest
from drama_videogen.providers.frames import reference_mode


def _flag(value: bool) -> str:
    return "true" if value else "false"


def prompt_text(request: VideoRequest, default_ratio: str) -> str:
    text = request.prompt
    text += f"  --ratio {request.aspect_ratio or default_ratio}"
    if request.duration > 0:
        text += f"  --dur {request.duration}"
    if request.resolution:
        text += f"  --resolution {request.resolution}"
    if request.fps:
        text += f"  --fps {request.fps}"
    if request.seed is not None:
        text += f"  --seed {request.seed}"
    if request.camera_fixed is not None:
        text += f"  --camerafixed {_flag(request.camera_fixed)}"
    if request.watermark is not None:
        text += f"  --watermark {_flag(request.watermark)}"
    return text


def _image(url: str, role: str | None) -> dict[str, Any]:
    item: dict[str, Any] = {"type": "image_url", "image_url": {"url": url}}
    if role:
        item["role"] = role
    return item


def content(request: VideoRequest, default_ratio: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = [{"type": "text", "text": prompt_text(request, default_ratio)}]
    mode = reference_mode(request)
    if mode == "multiple":
        items += [_image(url, "reference_image") for url in request.reference_image_urls]
    elif mode == "first_last" and request.first_frame_url:
        items.append(_image(request.first_frame_url, "first_frame"))
        if request.last_frame_url:
            items.append(_image(request.last_frame_url, "last_frame"))
    elif mode == "single" and request.image_url:
        items.append(_image(request.image_url, None))
    return items
