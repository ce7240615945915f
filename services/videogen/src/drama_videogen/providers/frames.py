"""Which images a video request carries, by reference mode (providers.md §4.0)."""

from __future__ import annotations

from drama_common.provider_models import ReferenceMode, VideoRequest


def reference_mode(request: VideoRequest) -> ReferenceMode:
    """The request's mode; ``none`` with images present is inferred like the reference does:
    a single image, else first/last frames, else reference images."""
    if request.reference_mode != "none":
        return request.reference_mode
    if request.image_url:
        return "single"
    if request.first_frame_url or request.last_frame_url:
        return "first_last"
    if request.reference_image_urls:
        return "multiple"
    return "none"


def single_image(request: VideoRequest) -> str | None:
    """The one image a single-image protocol can take: the image, else the first frame."""
    mode = reference_mode(request)
    if mode == "single":
        return request.image_url
    if mode == "first_last":
        return request.first_frame_url
    return None


def first_last(request: VideoRequest) -> tuple[str | None, str | None]:
    """``(first, last)`` frames; in single mode the image is the first frame."""
    mode = reference_mode(request)
    if mode == "first_last":
        return request.first_frame_url, request.last_frame_url
    if mode == "single":
        return request.image_url, None
    return None, None
