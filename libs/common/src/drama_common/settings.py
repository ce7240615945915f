"""Settings shared by every service, read from the environment (and a ``.env`` file)."""

from __future__ import annotations

from typing import Literal

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class CommonSettings(BaseSettings):
    """Connection and behaviour settings every service reads the same way."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    service_name: str = "drama"
    nats_url: str = "nats://127.0.0.1:4222"
    database_url: str = "sqlite:///data/catalog.db"
    storage_backend: Literal["local", "s3"] = "local"
    storage_root: str = "data/storage"
    s3_endpoint: str = "127.0.0.1:9000"
    s3_access_key: SecretStr = SecretStr("")
    s3_secret_key: SecretStr = SecretStr("")
    s3_bucket: str = "drama"
    s3_secure: bool = False
    s3_region: str = "us-east-1"
    bus_secret: SecretStr = SecretStr("drama-studio-embedded-bus-secret")
    jetstream_replicas: int = 1
    jetstream_storage: Literal["file", "memory"] = "file"
    log_level: str = "INFO"
    log_json: bool = True
    language: Literal["zh", "en"] = "zh"
    health_port: int = 0
    rpc_timeout_s: float = 5.0
    allow_private_urls: bool = False
    drain_timeout_s: float = 10.0
