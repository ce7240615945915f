"""Bring a job's input to a local file: a stored object by key or ``/static/`` URL, or a web
URL fetched through the URL guard."""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path

import httpx

from drama_common.errors import PermanentProviderError
from drama_common.storage import ObjectStorage, StorageError, clean_key
from drama_common.worker.fetch import fetch_bytes, storage_key_of


async def fetch_to_file(
    source: str,
    target: Path,
    storage: ObjectStorage,
    http: httpx.AsyncClient,
    *,
    allow_private: bool,
) -> Path:
    """Write the bytes behind ``source`` to ``target``.

    Raises :class:`PermanentProviderError` for a missing object or a refused URL and
    :class:`TransientProviderError` when a download may succeed later.
    """
    key = storage_key_of(source)
    if key is not None:
        try:
            await storage.download(clean_key(key), target)
        except StorageError as error:
            raise PermanentProviderError(f"missing stored object {key}") from error
        return target
    data = await fetch_bytes(source, storage, http, allow_private=allow_private)
    await asyncio.to_thread(target.write_bytes, data)
    return target


@contextlib.asynccontextmanager
async def scratch_dir(root: str, prefix: str) -> AsyncIterator[Path]:
    """A temporary folder removed (off the event loop) when the block ends."""
    folder = Path(await asyncio.to_thread(_make_folder, root, prefix))
    try:
        yield folder
    finally:
        await asyncio.to_thread(shutil.rmtree, folder, True)


def _make_folder(root: str, prefix: str) -> str:
    if root:
        Path(root).mkdir(parents=True, exist_ok=True)
    return tempfile.mkdtemp(prefix=prefix, dir=root or None)
