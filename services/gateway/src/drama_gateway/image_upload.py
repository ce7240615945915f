"""Accepting an uploaded image: size limit, content sniffing, a generated storage key."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import PurePosixPath
from typing import Any

import filetype
import structlog
from starlette.datastructures import UploadFile

from drama_common.errors import BadRequest, PayloadTooLarge
from drama_common.storage import ObjectStorage
from drama_common.storage.base import static_url

log = structlog.get_logger()

FOLDER = "characters"
EXTENSION_OF = {
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/gif": ".gif",
    "image/webp": ".webp",
}
MIME_OF_EXTENSION = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".webp": "image/webp",
}
ALLOWED = "JPEG/PNG/GIF/WebP"


def image_kind(data: bytes, filename: str) -> tuple[str, str]:
    """The MIME type the content really has and the extension to store it under.

    The content must be an image of an allowed type; a file name's extension, when there is
    one, must be an allowed image extension naming that same type.
    """
    kind = filetype.guess(data) if data else None
    mime = kind.mime if kind is not None else None
    if mime not in EXTENSION_OF:
        raise BadRequest("upload_type", reason=f"{mime or 'unknown'} (allowed: {ALLOWED})")
    extension = PurePosixPath(filename.replace("\\", "/")).suffix.lower()
    if not extension:
        return mime, EXTENSION_OF[mime]
    if extension not in MIME_OF_EXTENSION:
        raise BadRequest("upload_type", reason=f"{extension[:20]} (allowed: {ALLOWED})")
    if MIME_OF_EXTENSION[extension] != mime:
        raise BadRequest("upload_mismatch")
    return mime, extension


def new_key(extension: str) -> str:
    stamp = datetime.now(UTC).strftime("%Y%m%d_%H%M%S")
    return f"{FOLDER}/{stamp}_{uuid.uuid4().hex}{extension}"


async def store_image(
    file: UploadFile | None, storage: ObjectStorage, max_bytes: int
) -> dict[str, Any]:
    """Check and store an uploaded image; the answer's keys are the ones clients read."""
    if file is None or not isinstance(file, UploadFile):
        raise BadRequest("upload_missing")
    data = await file.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise PayloadTooLarge("upload_too_large", limit=max_bytes)
    filename = file.filename or ""
    mime, extension = image_kind(data, filename)
    key = new_key(extension)
    await storage.put_bytes(key, data, mime)
    log.info("upload.stored", key=key, size=len(data), mime=mime)
    return {"url": static_url(key), "local_path": key, "filename": filename, "size": len(data)}
