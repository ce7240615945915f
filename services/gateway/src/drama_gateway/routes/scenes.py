"""Routes: scenes, i.e. backgrounds (api.md §2.11, except image generation)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from pydantic import BaseModel

from drama_gateway.fields import BodyId, StorageKey
from drama_gateway.responses import JSONBody, ok
from drama_gateway.state import relay

router = APIRouter(tags=["scenes"])


class SceneFields(BaseModel):
    """``description`` is accepted for the editor's sake; scenes have no such field."""

    location: str | None = None
    time: str | None = None
    prompt: str | None = None
    image_url: str | None = None
    local_path: StorageKey | None = None
    description: str | None = None


class CreateSceneBody(SceneFields):
    drama_id: BodyId | None = None
    episode_id: BodyId | None = None


class ScenePromptBody(BaseModel):
    prompt: str | None = None


@router.post("/scenes")
async def create_scene(body: CreateSceneBody, request: Request) -> JSONBody:
    return ok(await relay(request, "scenes.create", body.model_dump(exclude_unset=True)))


@router.put("/scenes/{scene_id}")
async def update_scene(scene_id: str, body: SceneFields, request: Request) -> JSONBody:
    params = {**body.model_dump(exclude_unset=True), "id": scene_id}
    return ok(await relay(request, "scenes.update", params))


@router.put("/scenes/{scene_id}/prompt")
async def update_prompt(scene_id: str, body: ScenePromptBody, request: Request) -> JSONBody:
    params = {**body.model_dump(exclude_unset=True), "id": scene_id}
    return ok(await relay(request, "scenes.prompt", params))


@router.delete("/scenes/{scene_id}")
async def delete_scene(scene_id: str, request: Request) -> JSONBody:
    return ok(await relay(request, "scenes.delete", {"id": scene_id}))
