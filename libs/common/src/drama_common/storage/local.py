"""The embedded default: objects as files under one folder."""

from __future__ import annotations

import asyncio
import mimetypes
import os
import shutil
import tempfile
from pathlib import Path

from drama_common.storage.base import ObjectInfo, ObjectStorage, StorageError, clean_key


class LocalStorage(ObjectStorage):
    def __init__(self, root: str | Path) -> None:
        self.root = Path(root).resolve()
        self.root.mkdir(parents=True, exist_ok=True)

    def _path(self, key: str) -> Path:
        path = (self.root / clean_key(key)).resolve()
        if not path.is_relative_to(self.root):
            raise StorageError("key escapes the storage root")
        return path

    def local_path(self, key: str) -> Path | None:
        return self._path(key)

    async def put_bytes(self, key: str, data: bytes, content_type: str) -> ObjectInfo:
        path = self._path(key)
        await asyncio.to_thread(_atomic_write, path, data)
        return ObjectInfo(key=key, size=len(data), content_type=content_type)

    async def put_file(self, key: str, path: Path, content_type: str) -> ObjectInfo:
        target = self._path(key)

        def copy() -> int:
            target.parent.mkdir(parents=True, exist_ok=True)
            temporary = target.with_name(f".{target.name}.{os.getpid()}.part")
            shutil.copyfile(path, temporary)
            os.replace(temporary, target)
            return target.stat().st_size

        size = await asyncio.to_thread(copy)
        return ObjectInfo(key=key, size=size, content_type=content_type)

    async def get_bytes(self, key: str) -> bytes:
        path = self._path(key)
        if not path.is_file():
            raise StorageError(f"no object {key}")
        return await asyncio.to_thread(path.read_bytes)

    async def get_range(self, key: str, start: int, end: int) -> bytes:
        path = self._path(key)

        def read() -> bytes:
            with path.open("rb") as handle:
                handle.seek(start)
                return handle.read(end - start + 1)

        return await asyncio.to_thread(read)

    async def download(self, key: str, path: Path) -> None:
        source = self._path(key)
        if not source.is_file():
            raise StorageError(f"no object {key}")
        await asyncio.to_thread(shutil.copyfile, source, path)

    async def stat(self, key: str) -> ObjectInfo | None:
        path = self._path(key)
        if not path.is_file():
            return None
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return ObjectInfo(key=key, size=path.stat().st_size, content_type=kind)

    async def delete(self, key: str) -> None:
        path = self._path(key)
        await asyncio.to_thread(path.unlink, True)


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    os.replace(temporary, path)
