"""MinIO or any S3-compatible service, through the ``minio`` client."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path

from minio import Minio
from minio.error import S3Error

from drama_common.storage.base import ObjectInfo, ObjectStorage, StorageError, clean_key


class S3Storage(ObjectStorage):
    def __init__(self, client: Minio, bucket: str) -> None:
        self._client = client
        self._bucket = bucket
        self._bucket_ready = False

    async def _ensure_bucket(self) -> None:
        if self._bucket_ready:
            return

        def make() -> None:
            if not self._client.bucket_exists(self._bucket):
                try:
                    self._client.make_bucket(self._bucket)
                except S3Error as error:
                    if error.code not in {"BucketAlreadyOwnedByYou", "BucketAlreadyExists"}:
                        raise

        await asyncio.to_thread(make)
        self._bucket_ready = True

    async def put_bytes(self, key: str, data: bytes, content_type: str) -> ObjectInfo:
        await self._ensure_bucket()
        await asyncio.to_thread(
            self._client.put_object,
            self._bucket,
            clean_key(key),
            io.BytesIO(data),
            len(data),
            content_type=content_type,
        )
        return ObjectInfo(key=key, size=len(data), content_type=content_type)

    async def put_file(self, key: str, path: Path, content_type: str) -> ObjectInfo:
        await self._ensure_bucket()
        await asyncio.to_thread(
            self._client.fput_object,
            self._bucket,
            clean_key(key),
            str(path),
            content_type=content_type,
        )
        size = (await asyncio.to_thread(path.stat)).st_size
        return ObjectInfo(key=key, size=size, content_type=content_type)

    async def get_bytes(self, key: str) -> bytes:
        return await self._read(key, 0, 0)

    async def get_range(self, key: str, start: int, end: int) -> bytes:
        return await self._read(key, start, end - start + 1)

    async def _read(self, key: str, offset: int, length: int) -> bytes:
        await self._ensure_bucket()

        def read() -> bytes:
            response = self._client.get_object(
                self._bucket, clean_key(key), offset=offset, length=length
            )
            try:
                return bytes(response.read())
            finally:
                response.close()
                response.release_conn()

        try:
            return await asyncio.to_thread(read)
        except S3Error as error:
            raise StorageError(f"no object {key}: {error.code}") from error

    async def download(self, key: str, path: Path) -> None:
        await self._ensure_bucket()
        try:
            await asyncio.to_thread(
                self._client.fget_object, self._bucket, clean_key(key), str(path)
            )
        except S3Error as error:
            raise StorageError(f"no object {key}: {error.code}") from error

    async def stat(self, key: str) -> ObjectInfo | None:
        await self._ensure_bucket()
        try:
            info = await asyncio.to_thread(self._client.stat_object, self._bucket, clean_key(key))
        except S3Error as error:
            if error.code in {"NoSuchKey", "NoSuchObject", "NotFound"}:
                return None
            raise
        return ObjectInfo(
            key=key,
            size=int(info.size or 0),
            content_type=info.content_type or "application/octet-stream",
        )

    async def delete(self, key: str) -> None:
        await self._ensure_bucket()
        await asyncio.to_thread(self._client.remove_object, self._bucket, clean_key(key))
