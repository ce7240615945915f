"""Routes: storyboards, i.e. shots (api.md §2.16, except the AI frame prompt)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from drama_gateway.fields import BodyId
from drama_gateway.responses import JSONBody, ok
from drama_gateway.state import call, relay

router = APIRouter(tags=["storyboards"])
MAX_INT = 2**31 - 1


class ShotText(BaseModel):
    title: str | None = None
    location: str | None = None
    time: str | None = None
    shot_type: str | None = None
    angle: str | None = None
    movement: str | None = None
    description: str | None = None
    action: str | None = None
    result: str | None = None
    atmosphere: str | None = None
    dialogue: str | None = None
    bgm_prompt: str | None = None
    sound_effect: str | None = None


class CreateStoryboardBody(ShotText):
    episode_id: BodyId | None = None
    scene_id: BodyId | None = None
    storyboard_number: int | None = Field(None, ge=0, le=MAX_INT)
    duration: int | None = Field(None, ge=0, le=MAX_INT)
    characters: list[BodyId] | None = None


class UpdateStoryboardBody(ShotText):
    """Empty strings leave a field unchanged; other keys of a full Storyboard are ignored."""

    duration: float | None = Field(None, ge=0, le=MAX_INT)
    scene_id: BodyId | None = None
    character_ids: list[BodyId] | None = None


class StoryboardPropsBody(BaseModel):
    prop_ids: list[BodyId] | None = None


@router.post("/storyboards")
async def create_storyboard(body: CreateStoryboardBody, request: Request) -> JSONBody:
    params = body.model_dump(exclude_unset=True)
    return ok(await relay(request, "storyboards.create", params), 201)


@router.put("/storyboards/{storyboard_id}")
async def update_storyboard(
    storyboard_id: str, body: UpdateStoryboardBody, request: Request
) -> JSONBody:
    params = {**body.model_dump(exclude_unset=True), "id": storyboard_id}
    return ok(await relay(request, "storyboards.update", params))


@router.delete("/storyboards/{storyboard_id}")
async def delete_storyboard(storyboard_id: str, request: Request) -> JSONBody:
    await call(request, "storyboards.delete", {"id": storyboard_id})
    return ok()


@router.post("/storyboards/{storyboard_id}/props")
async def set_storyboard_props(
    storyboard_id: str, body: StoryboardPropsBody, request: Request
) -> JSONBody:
    params = {**body.model_dump(exclude_unset=True), "id": storyboard_id}
    await call(request, "storyboards.props", params)
    return ok()
