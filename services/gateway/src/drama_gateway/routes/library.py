"""Routes: the character library (api.md §2.5)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from drama_gateway.fields import StorageKey
from drama_gateway.responses import JSONBody, ok
from drama_gateway.state import relay

router = APIRouter(tags=["character-library"])


class CreateLibraryItemBody(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    image_url: str = Field(min_length=1)
    category: str | None = None
    local_path: StorageKey | None = None
    description: str | None = None
    tags: str | None = None
    source_type: str | None = None


@router.get("/character-library")
async def list_items(
    request: Request,
    page: int | None = None,
    page_size: int | None = None,
    category: str | None = None,
    source_type: str | None = None,
    keyword: str | None = None,
) -> JSONBody:
    params = {
        "page": page,
        "page_size": page_size,
        "category": category,
        "source_type": source_type,
        "keyword": keyword,
    }
    return ok(await relay(request, "library.list", params))


@router.post("/character-library")
async def create_item(body: CreateLibraryItemBody, request: Request) -> JSONBody:
    return ok(await relay(request, "library.create", body.model_dump(exclude_unset=True)), 201)


@router.get("/character-library/{item_id}")
async def get_item(item_id: str, request: Request) -> JSONBody:
    return ok(await relay(request, "library.get", {"id": item_id}))


@router.delete("/character-library/{item_id}")
async def delete_item(item_id: str, request: Request) -> JSONBody:
    return ok(await relay(request, "library.delete", {"id": item_id}))
