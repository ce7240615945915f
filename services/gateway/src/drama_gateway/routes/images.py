"""Routes: image generations (api.md §2.12, except backgrounds/extract), plus the owner image
starters of :mod:`drama_gateway.routes.owner_images`."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field, StrictStr

from drama_gateway.fields import BodyId, ImageReference, StorageKey
from drama_gateway.responses import JSONBody, entity_id, ok
from drama_gateway.routes import owner_images
from drama_gateway.state import call, relay

router = APIRouter(tags=["images"])
router.include_router(owner_images.router)


class CreateImageBody(BaseModel):
    drama_id: Annotated[StrictStr, Field(min_length=1)]
    prompt: Annotated[StrictStr, Field(min_length=5, max_length=2000)]
    storyboard_id: BodyId | None = None
    scene_id: BodyId | None = None
    character_id: BodyId | None = None
    prop_id: BodyId | None = None
    image_type: str = "storyboard"
    frame_type: str | None = None
    negative_prompt: str | None = None
    provider: str | None = None
    model: str | None = None
    size: str | None = None
    quality: str | None = None
    style: str | None = None
    steps: int | None = None
    cfg_scale: float | None = None
    seed: int | None = None
    width: Annotated[int, Field(ge=1, le=8192)] | None = None
    height: Annotated[int, Field(ge=1, le=8192)] | None = None
    image_local_path: StorageKey | None = None
    reference_images: Annotated[list[ImageReference], Field(max_length=16)] | None = None


class UploadImageBody(BaseModel):
    storyboard_id: Annotated[BodyId, Field(gt=0)]
    drama_id: Annotated[BodyId, Field(gt=0)]
    frame_type: Annotated[str, Field(min_length=1)]
    image_url: Annotated[str, Field(min_length=1)]
    prompt: str = ""


@router.get("/images")
async def list_images(
    request: Request,
    drama_id: str | None = None,
    scene_id: str | None = None,
    storyboard_id: str | None = None,
    frame_type: str | None = None,
    status: str | None = None,
    page: str | None = None,
    page_size: str | None = None,
) -> JSONBody:
    params = {
        "drama_id": drama_id,
        "scene_id": scene_id,
        "storyboard_id": storyboard_id,
        "frame_type": frame_type,
        "status": status,
        "page": page,
        "page_size": page_size,
    }
    return ok(await relay(request, "images.list", params))


@router.post("/images")
async def create_image(body: CreateImageBody, request: Request) -> JSONBody:
    return ok(await relay(request, "images.create", body.model_dump(exclude_unset=True)))


@router.post("/images/upload")
async def upload_image(body: UploadImageBody, request: Request) -> JSONBody:
    return ok(await relay(request, "images.upload", body.model_dump()))


@router.get("/images/{image_id}")
async def get_image(image_id: str, request: Request) -> JSONBody:
    return ok(await relay(request, "images.get", {"id": entity_id(image_id)}))


@router.delete("/images/{image_id}")
async def delete_image(image_id: str, request: Request) -> JSONBody:
    await call(request, "images.delete", {"id": entity_id(image_id)})
    return ok()


@router.post("/images/scene/{scene_id}")
async def image_for_scene(scene_id: str, request: Request) -> JSONBody:
    return ok(await relay(request, "images.scene", {"scene_id": scene_id}))


@router.get("/images/episode/{episode_id}/backgrounds")
async def backgrounds(episode_id: str, request: Request) -> JSONBody:
    return ok(await relay(request, "images.backgrounds", {"episode_id": episode_id}))


@router.post("/images/episode/{episode_id}/batch")
async def episode_batch(episode_id: str, request: Request) -> JSONBody:
    return ok(await relay(request, "images.episode_batch", {"episode_id": episode_id}, slow=True))
