"""The catalog's settings."""

from __future__ import annotations

from drama_common.settings import CommonSettings


class CatalogSettings(CommonSettings):
    service_name: str = "catalog"
    rpc_concurrency: int = 64
    outbox_poll_s: float = 1.0
    script_concurrency: int = 2
    sweep_interval_s: float = 30.0
    stale_after_s: float = 1800.0
    db_pool_size: int = 16
    sweep_max_resumes: int = 2
    storyboard_batch_size: int = 10
    storyboard_max_shots: int = 300
    storyboard_max_tokens: int = 8000
    text_timeout_s: float = 600.0
