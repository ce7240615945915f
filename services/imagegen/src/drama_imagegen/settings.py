"""The image worker's settings."""

from __future__ import annotations

from drama_common.settings import CommonSettings


class ImagegenSettings(CommonSettings):
    service_name: str = "imagegen"
    concurrency: int = 4
    max_deliver: int = 5
    ack_wait_s: float = 60.0
    provider_timeout_s: float = 120.0
    default_width: int = 1280
    default_height: int = 720
