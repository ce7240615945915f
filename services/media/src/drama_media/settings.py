"""The media worker's settings."""

from __future__ import annotations

from drama_common.settings import CommonSettings


class MediaSettings(CommonSettings):
    service_name: str = "media"
    concurrency: int = 1
    """Merges run at once (each one is an FFmpeg process using every core)."""
    rpc_concurrency: int = 2
    """Audio extractions answered at once."""
    max_deliver: int = 3
    ack_wait_s: float = 120.0
    download_timeout_s: float = 300.0
    ffmpeg_wall_s: float = 1800.0
    ffmpeg_stall_s: float = 120.0
    work_dir: str = ""
    """Where temporary copies of clips go; empty means the system's temporary folder."""
    audio_wall_s: float = 100.0
    """The longest one audio extraction may run (callers wait for it)."""
