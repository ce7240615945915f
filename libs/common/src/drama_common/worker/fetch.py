"""Getting the bytes behind a URL we were given: our own ``/static`` keys or the web."""

from __future__ import annotations

import httpx

from drama_common.errors import PermanentProviderError, TransientProviderError
from drama_common.image_refs import to_data_uri
from drama_common.storage import ObjectStorage, StorageError
from drama_common.url_guard import UrlRefused, check_url

STATIC = "/static/"
MAX_BYTES = 512 * 1024 * 1024


def storage_key_of(url: str) -> str | None:
    """The storage key of one of our own URLs (``/static/<key>`` or a bare key)."""
    if url.startswith(STATIC):
        return url[len(STATIC) :]
    if "://" not in url and not url.startswith("/") and not url.startswith("data:"):
        return url
    return None


async def fetch_bytes(
    url: str, storage: ObjectStorage, client: httpx.AsyncClient, *, allow_private: bool
) -> bytes:
    key = storage_key_of(url)
    if key is not None:
        try:
            return await storage.get_bytes(key)
        except StorageError as error:
            raise PermanentProviderError(f"missing stored object {key}") from error
    try:
        await check_url(url, allow_private=allow_private)
    except UrlRefused as error:
        raise PermanentProviderError(error.reason) from error
    try:
        response = await client.get(url, follow_redirects=True, timeout=120)
    except httpx.HTTPError as error:
        raise TransientProviderError(f"download failed: {type(error).__name__}") from error
    if response.status_code >= 500 or response.status_code == 429:
        raise TransientProviderError(f"download failed with HTTP {response.status_code}")
    if response.status_code >= 400:
        raise PermanentProviderError(f"download failed with HTTP {response.status_code}")
    if len(response.content) > MAX_BYTES:
        raise PermanentProviderError("downloaded result is too large")
    return response.content


async def inline_own_image(url: str | None, storage: ObjectStorage) -> str | None:
    """Our own stored image as a ``data:`` URI (a provider cannot reach our storage);
    any other reference is passed on unchanged."""
    if not url:
        return url
    key = storage_key_of(url)
    if key is None:
        return url
    try:
        data = await storage.get_bytes(key)
    except StorageError as error:
        if url.startswith(STATIC):
            raise PermanentProviderError(f"missing stored object {key}") from error
        return url
    return to_data_uri(data)
