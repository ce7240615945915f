"""Where the embedded stack keeps its files, the studio's settings, and the finished episode."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from pydantic_settings import BaseSettings, SettingsConfigDict

STATIC_PREFIX = "/static/"


class StudioSettings(BaseSettings):
    """The studio's own settings, read from ``DRAMA_*`` environment variables."""

    model_config = SettingsConfigDict(env_prefix="DRAMA_", env_file=".env", extra="ignore")

    data_dir: Path = Path("data")
    api_url: str = ""
    nats_port: int = 14222
    gateway_port: int = 5678
    catalog_health_port: int = 5681
    imagegen_health_port: int = 5682
    videogen_health_port: int = 5683
    media_health_port: int = 5684
    ready_timeout_s: float = 120.0
    stop_timeout_s: float = 20.0

    @property
    def embedded_api_base(self) -> str:
        """The API root of the embedded stack's gateway."""
        return f"http://127.0.0.1:{self.gateway_port}/api/v1"

    @property
    def api_base(self) -> str:
        """The public API root (``…/api/v1``) the pipeline talks to: ``DRAMA_API_URL`` when
        set, else the embedded stack's gateway."""
        return self.api_url.rstrip("/") or self.embedded_api_base

    @property
    def layout(self) -> DataLayout:
        return DataLayout(self.data_dir.expanduser().resolve())


@dataclass(frozen=True)
class DataLayout:
    """The folders under the data directory (always absolute)."""

    root: Path

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def run(self) -> Path:
        return self.root / "run"

    @property
    def nats_store(self) -> Path:
        return self.root / "nats"

    @property
    def storage(self) -> Path:
        return self.root / "storage"

    @property
    def output(self) -> Path:
        return self.root / "output"

    @property
    def database(self) -> Path:
        return self.root / "catalog.db"

    def log_file(self, name: str) -> Path:
        return self.logs / f"{name}.log"

    def pid_file(self, name: str) -> Path:
        return self.run / f"{name}.pid"

    def episode_output(self, episode_id: int) -> Path:
        return self.output / f"episode-{episode_id}.mp4"

    def create(self) -> None:
        for folder in (self.logs, self.run, self.nats_store, self.storage, self.output):
            folder.mkdir(parents=True, exist_ok=True)


class UnsafeStorageKey(ValueError):
    """A storage key that would leave the storage root."""


def storage_key(video_url: str) -> str | None:
    """The storage key a stored video URL names, or ``None`` for a remote URL.

    ``/static/<key>`` and a bare storage-relative path both name ``<key>``; an absolute URL
    (``http(s)://…``) is remote and gives ``None``. A key climbing out with ``..`` is refused.
    """
    if urlsplit(video_url).scheme:
        return None
    path = unquote(video_url)
    if path.startswith(STATIC_PREFIX):
        path = path[len(STATIC_PREFIX) :]
    key = PurePosixPath(path.lstrip("/"))
    if not key.parts or ".." in key.parts:
        raise UnsafeStorageKey(video_url)
    return key.as_posix()


def resolve_episode_file(video_url: str, storage_root: Path | None) -> Path | None:
    """The local file behind ``video_url`` when the storage is a local folder.

    ``storage_root`` is ``None`` when the stack stores objects elsewhere (S3); then, and for
    remote URLs, the answer is ``None`` and the file has to be downloaded.
    """
    key = storage_key(video_url)
    if key is None or storage_root is None:
        return None
    return storage_root.expanduser().resolve() / key


def download_url(video_url: str, gateway_origin: str) -> str:
    """The URL to download ``video_url`` from: itself when absolute, else the gateway's static."""
    key = storage_key(video_url)
    if key is None:
        return video_url
    return f"{gateway_origin.rstrip('/')}{STATIC_PREFIX}{key}"
