"""Routes: props (api.md §2.7, except image generation)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel

from drama_gateway.fields import BodyId, StorageKey
from drama_gateway.responses import JSONBody, ok
from drama_gateway.state import call, relay

router = APIRouter(tags=["props"])


class PropBody(BaseModel):
    """The writable columns of a prop; other keys are ignored."""

    drama_id: BodyId | None = None
    name: str | None = None
    type: str | None = None
    description: str | None = None
    prompt: str | None = None
    image_url: str | None = None
    local_path: StorageKey | None = None
    reference_images: Any = None


@router.post("/props")
async def create_prop(body: PropBody, request: Request) -> JSONBody:
    return ok(await relay(request, "props.create", body.model_dump(exclude_unset=True)), 201)


@router.put("/props/{prop_id}")
async def update_prop(prop_id: str, body: PropBody, request: Request) -> JSONBody:
    await call(request, "props.update", {**body.model_dump(exclude_unset=True), "id": prop_id})
    return ok()


@router.delete("/props/{prop_id}")
async def delete_prop(prop_id: str, request: Request) -> JSONBody:
    await call(request, "props.delete", {"id": prop_id})
    return ok()
