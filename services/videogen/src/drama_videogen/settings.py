"""The video worker's settings."""

from __future__ import annotations

from drama_common.settings import CommonSettings


class VideogenSettings(CommonSettings):
    service_name: str = "videogen"
    concurrency: int = 4
    max_deliver: int = 5
    ack_wait_s: float = 60.0
    provider_timeout_s: float = 120.0
    poll_interval_s: float = 5.0
    poll_deadline_s: float = 1800.0
    local_fps: int = 24
