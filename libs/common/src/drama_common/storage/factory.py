"""Choose the storage backend from the settings."""

from __future__ import annotations

from minio import Minio

from drama_common.settings import CommonSettings
from drama_common.storage.base import ObjectStorage
from drama_common.storage.local import LocalStorage
from drama_common.storage.s3 import S3Storage


def make_storage(settings: CommonSettings) -> ObjectStorage:
    if settings.storage_backend == "s3":
        client = Minio(
            settings.s3_endpoint,
            access_key=settings.s3_access_key.get_secret_value(),
            secret_key=settings.s3_secret_key.get_secret_value(),
            secure=settings.s3_secure,
            region=settings.s3_region,
        )
        return S3Storage(client, settings.s3_bucket)
    return LocalStorage(settings.storage_root)
