"""Routes: editing characters (api.md §2.6, except image generation and upload)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from drama_gateway.fields import BodyId, StorageKey
from drama_gateway.responses import JSONBody, ok
from drama_gateway.state import relay

router = APIRouter(tags=["characters"])


class UpdateCharacterBody(BaseModel):
    """Null or absent fields stay unchanged; an empty ``name`` is ignored."""

    name: str | None = None
    role: str | None = None
    appearance: str | None = None
    personality: str | None = None
    description: str | None = None
    image_url: str | None = None
    local_path: StorageKey | None = None


class CharacterImageBody(BaseModel):
    image_url: str = Field(min_length=1)


class LibraryImageBody(BaseModel):
    library_item_id: BodyId


class AddToLibraryBody(BaseModel):
    category: str | None = None


@router.put("/characters/{character_id}")
async def update_character(
    character_id: str, body: UpdateCharacterBody, request: Request
) -> JSONBody:
    params = {**body.model_dump(exclude_unset=True), "id": character_id}
    return ok(await relay(request, "characters.update", params))


@router.delete("/characters/{character_id}")
async def delete_character(character_id: str, request: Request) -> JSONBody:
    return ok(await relay(request, "characters.delete", {"id": character_id}))


@router.put("/characters/{character_id}/image")
async def set_image(character_id: str, body: CharacterImageBody, request: Request) -> JSONBody:
    params = {**body.model_dump(), "id": character_id}
    return ok(await relay(request, "characters.image", params))


@router.put("/characters/{character_id}/image-from-library")
async def apply_library_image(
    character_id: str, body: LibraryImageBody, request: Request
) -> JSONBody:
    params = {**body.model_dump(), "id": character_id}
    return ok(await relay(request, "characters.image_from_library", params))


@router.post("/characters/{character_id}/add-to-library")
async def add_to_library(
    character_id: str, request: Request, body: AddToLibraryBody | None = None
) -> JSONBody:
    """The optional ``category`` is accepted; the library item gets none (as the reference)."""
    return ok(await relay(request, "characters.add_to_library", {"id": character_id}), 201)
