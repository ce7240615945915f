"""The object-storage interface every backend implements."""

from __future__ import annotations

import posixpath
from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote


class StorageError(Exception):
    """A key is invalid or an object is missing."""


@dataclass(frozen=True)
class ObjectInfo:
    key: str
    size: int
    content_type: str


def clean_key(raw: str) -> str:
    """A safe relative key: no traversal, no absolute path, no empty segment."""
    key = unquote(raw).replace("\\", "/")
    if key.startswith("/") or "\x00" in key:
        raise StorageError("absolute or malformed key")
    parts = key.split("/")
    if any(part in {"", ".", ".."} for part in parts):
        raise StorageError("traversal or empty segment in key")
    normal = posixpath.normpath(key)
    if normal != key:
        raise StorageError("key is not normalised")
    return key


def static_url(key: str) -> str:
    return f"/static/{key}"


class ObjectStorage(ABC):
    """Where generated and uploaded files live, addressed by relative keys."""

    @abstractmethod
    async def put_bytes(self, key: str, data: bytes, content_type: str) -> ObjectInfo: ...

    @abstractmethod
    async def put_file(self, key: str, path: Path, content_type: str) -> ObjectInfo: ...

    @abstractmethod
    async def get_bytes(self, key: str) -> bytes: ...

    @abstractmethod
    async def get_range(self, key: str, start: int, end: int) -> bytes:
        """Bytes ``start..end`` inclusive."""

    @abstractmethod
    async def download(self, key: str, path: Path) -> None: ...

    @abstractmethod
    async def stat(self, key: str) -> ObjectInfo | None: ...

    @abstractmethod
    async def delete(self, key: str) -> None: ...

    async def exists(self, key: str) -> bool:
        return await self.stat(key) is not None

    def local_path(self, key: str) -> Path | None:
        """A filesystem path for the key when the backend has one (local folder)."""
        return None
