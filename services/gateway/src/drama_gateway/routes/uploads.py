"""Routes: image uploads (api.md §2.8 and ``POST /characters/:id/upload-image`` of §2.6)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Request, UploadFile

from drama_common.errors import BadRequest, Forbidden, NotFound
from drama_gateway.image_upload import store_image
from drama_gateway.responses import JSONBody, ok
from drama_gateway.state import call, state_of

router = APIRouter(tags=["uploads"])
ImageFile = Annotated[UploadFile | None, File(description="the image (multipart field file)")]


@router.post("/upload/image")
async def upload_image(request: Request, file: ImageFile = None) -> JSONBody:
    state = state_of(request)
    return ok(await store_image(file, state.storage, state.settings.max_upload_bytes))


@router.post("/characters/{character_id}/upload-image")
async def upload_character_image(
    character_id: str, request: Request, file: ImageFile = None
) -> JSONBody:
    """Store the image, then point the character at it; a refused character leaves no file."""
    if not (character_id.isascii() and character_id.strip().isdigit()):
        raise NotFound("not_found", what="character")
    state = state_of(request)
    stored = await store_image(file, state.storage, state.settings.max_upload_bytes)
    try:
        await call(
            request,
            "uploads.character_image",
            {"id": character_id, "url": stored["url"], "local_path": stored["local_path"]},
        )
    except (NotFound, Forbidden, BadRequest):
        await state.storage.delete(stored["local_path"])
        raise
    return ok(stored)
