"""Object storage: one interface, a local-folder backend and an S3/MinIO backend."""

from drama_common.storage.base import ObjectInfo, ObjectStorage, StorageError, clean_key
from drama_common.storage.factory import make_storage

__all__ = ["ObjectInfo", "ObjectStorage", "StorageError", "clean_key", "make_storage"]
