"""The gateway's settings."""

from __future__ import annotations

from pydantic import SecretStr

from drama_common.settings import CommonSettings


class GatewaySettings(CommonSettings):
    service_name: str = "gateway"
    host: str = "0.0.0.0"
    port: int = 5678
    cors_origins: list[str] = ["*"]
    rate_limit_per_minute: int = 2000
    max_body_bytes: int = 4 * 1024 * 1024
    max_json_depth: int = 64
    max_upload_bytes: int = 50 * 1024 * 1024
    auth_token: SecretStr = SecretStr("")
    catalog_timeout_s: float = 5.0
    slow_call_timeout_s: float = 120.0
    workers: int = 1
