"""Routes: video generations (api.md §2.13)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field, StrictStr

from drama_gateway.fields import BodyId, StorageKey
from drama_gateway.responses import JSONBody, entity_id, ok
from drama_gateway.state import call, relay

router = APIRouter(tags=["videos"])


class CreateVideoBody(BaseModel):
    drama_id: Annotated[StrictStr, Field(min_length=1)]
    prompt: Annotated[StrictStr, Field(min_length=5, max_length=2000)]
    storyboard_id: BodyId | None = None
    image_gen_id: BodyId | None = None
    reference_mode: str | None = None
    image_url: str | None = None
    image_local_path: StorageKey | None = None
    first_frame_url: str | None = None
    first_frame_local_path: StorageKey | None = None
    last_frame_url: str | None = None
    last_frame_local_path: StorageKey | None = None
    reference_image_urls: Annotated[list[str], Field(max_length=16)] | None = None
    provider: str | None = None
    model: str | None = None
    duration: Annotated[int, Field(ge=0, le=600)] | None = None
    fps: int | None = None
    aspect_ratio: str | None = None
    style: str | None = None
    motion_level: int | None = None
    camera_motion: str | None = None
    seed: int | None = None


@router.get("/videos")
async def list_videos(
    request: Request,
    drama_id: str | None = None,
    storyboard_id: str | None = None,
    status: str | None = None,
    page: str | None = None,
    page_size: str | None = None,
) -> JSONBody:
    params = {
        "drama_id": drama_id,
        "storyboard_id": storyboard_id,
        "status": status,
        "page": page,
        "page_size": page_size,
    }
    return ok(await relay(request, "videos.list", params))


@router.post("/videos")
async def create_video(body: CreateVideoBody, request: Request) -> JSONBody:
    return ok(await relay(request, "videos.create", body.model_dump(exclude_unset=True)))


@router.get("/videos/{video_id}")
async def get_video(video_id: str, request: Request) -> JSONBody:
    return ok(await relay(request, "videos.get", {"id": entity_id(video_id)}))


@router.delete("/videos/{video_id}")
async def delete_video(video_id: str, request: Request) -> JSONBody:
    await call(request, "videos.delete", {"id": entity_id(video_id)})
    return ok()


@router.post("/videos/image/{image_gen_id}")
async def video_from_image(image_gen_id: str, request: Request) -> JSONBody:
    return ok(await relay(request, "videos.from_image", {"id": entity_id(image_gen_id)}))


@router.post("/videos/episode/{episode_id}/batch")
async def episode_batch(episode_id: str, request: Request) -> JSONBody:
    return ok(await relay(request, "videos.episode_batch", {"episode_id": episode_id}, slow=True))
