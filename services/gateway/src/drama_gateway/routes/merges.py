"""Routes: video merges (api.md §2.14), plus the episode finalize and download routes of
:mod:`drama_gateway.routes.episode_finalize`."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field, StrictFloat, StrictInt, StrictStr

from drama_gateway.responses import JSONBody, entity_id, ok
from drama_gateway.routes import episode_finalize
from drama_gateway.state import relay

router = APIRouter(tags=["video-merges"])
router.include_router(episode_finalize.router)
Seconds = StrictFloat | StrictInt


class Transition(BaseModel):
    type: StrictStr = ""
    duration: Seconds = 0.0


class SceneClip(BaseModel):
    scene_id: StrictInt = 0
    video_url: StrictStr = ""
    start_time: Seconds = 0.0
    end_time: Seconds = 0.0
    duration: Seconds = 0.0
    order: StrictInt = 0
    transition: Transition | None = None


class CreateMergeBody(BaseModel):
    episode_id: Annotated[StrictStr, Field(min_length=1)]
    drama_id: Annotated[StrictStr, Field(min_length=1)]
    title: StrictStr = ""
    scenes: Annotated[list[SceneClip], Field(min_length=1, max_length=500)]
    provider: StrictStr = ""
    model: StrictStr = ""


@router.get("/video-merges")
async def list_merges(
    request: Request,
    episode_id: str | None = None,
    status: str | None = None,
    page: str | None = None,
    page_size: str | None = None,
) -> JSONBody:
    params = {"episode_id": episode_id, "status": status, "page": page, "page_size": page_size}
    return ok(await relay(request, "merges.list", params))


@router.post("/video-merges")
async def create_merge(body: CreateMergeBody, request: Request) -> JSONBody:
    return ok(await relay(request, "merges.create", body.model_dump()))


@router.get("/video-merges/{merge_id}")
async def get_merge(merge_id: str, request: Request) -> JSONBody:
    return ok(await relay(request, "merges.get", {"merge_id": entity_id(merge_id)}))


@router.delete("/video-merges/{merge_id}")
async def delete_merge(merge_id: str, request: Request) -> JSONBody:
    return ok(await relay(request, "merges.delete", {"merge_id": entity_id(merge_id)}))
