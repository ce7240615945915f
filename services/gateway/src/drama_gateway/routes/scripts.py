"""Routes that start a language-model job and answer with its task id (api.md §2.1 batch
extractions, §2.4, §2.9, §2.12 background extraction, §2.16 storyboard generation and frame
prompts). Poll ``GET /tasks/{task_id}`` for the outcome."""

from __future__ import annotations

from typing import Any

import orjson
from fastapi import APIRouter, Request
from pydantic import BaseModel, Field, StrictFloat, StrictInt, StrictStr

from drama_gateway.fields import BodyId
from drama_gateway.responses import JSONBody, entity_id, ok
from drama_gateway.state import relay

router = APIRouter(tags=["scripts"])


class CharacterGenerationBody(BaseModel):
    drama_id: StrictStr = Field(min_length=1, max_length=40)
    episode_id: StrictInt = Field(default=0, ge=0)
    outline: StrictStr = ""
    count: StrictInt = Field(default=0, ge=0, le=50)
    temperature: StrictFloat | StrictInt = Field(default=0, ge=0, le=2)
    model: StrictStr = ""


class BatchExtractBody(BaseModel):
    episode_ids: list[BodyId] | None = Field(default=None, max_length=1000)


class FramePromptBody(BaseModel):
    frame_type: StrictStr = ""
    panel_count: StrictInt = Field(default=0, ge=0, le=9)
    model: StrictStr = ""


async def _lenient_body(request: Request) -> dict[str, Any]:
    """A body that may be missing or not JSON: its string ``model``/``style`` keys, if any."""
    try:
        body: Any = orjson.loads(await request.body() or b"{}")
    except orjson.JSONDecodeError:
        return {}
    if not isinstance(body, dict):
        return {}
    return {k: body[k] for k in ("model", "style") if isinstance(body.get(k), str)}


@router.post("/generation/characters")
async def generate_characters(body: CharacterGenerationBody, request: Request) -> JSONBody:
    return ok(await relay(request, "generation.characters", body.model_dump()))


@router.post("/dramas/{drama_id}/characters/batch-extract")
async def batch_extract_characters(
    drama_id: str, body: BatchExtractBody, request: Request
) -> JSONBody:
    params = {"id": entity_id(drama_id), "episode_ids": body.episode_ids or []}
    return ok(await relay(request, "dramas.characters.batch_extract", params))


@router.post("/dramas/{drama_id}/props/batch-extract")
async def batch_extract_props(drama_id: str, body: BatchExtractBody, request: Request) -> JSONBody:
    params = {"id": entity_id(drama_id), "episode_ids": body.episode_ids or []}
    return ok(await relay(request, "dramas.props.batch_extract", params))


@router.post("/dramas/{drama_id}/scenes/batch-extract")
async def batch_extract_scenes(drama_id: str, body: BatchExtractBody, request: Request) -> JSONBody:
    params = {"id": entity_id(drama_id), "episode_ids": body.episode_ids or []}
    return ok(await relay(request, "dramas.scenes.batch_extract", params))


@router.post("/episodes/{episode_id}/storyboards")
async def generate_storyboard(episode_id: str, request: Request) -> JSONBody:
    params = {"episode_id": episode_id, **await _lenient_body(request)}
    return ok(await relay(request, "episodes.storyboards.generate", params))


@router.get("/storyboards/episode/{episode_id}/generate")
async def generate_storyboard_get(episode_id: str, request: Request) -> JSONBody:
    params = {"episode_id": episode_id, **await _lenient_body(request)}
    return ok(await relay(request, "episodes.storyboards.generate", params))


@router.post("/episodes/{episode_id}/props/extract")
async def extract_props(episode_id: str, request: Request) -> JSONBody:
    return ok(await relay(request, "episodes.props.extract", {"episode_id": entity_id(episode_id)}))


@router.post("/episodes/{episode_id}/characters/extract")
async def extract_characters(episode_id: str, request: Request) -> JSONBody:
    params = {"episode_id": entity_id(episode_id)}
    return ok(await relay(request, "episodes.characters.extract", params))


@router.post("/images/episode/{episode_id}/backgrounds/extract")
async def extract_backgrounds(episode_id: str, request: Request) -> JSONBody:
    params = {"episode_id": episode_id, **await _lenient_body(request)}
    return ok(await relay(request, "images.backgrounds.extract", params))


@router.post("/storyboards/{storyboard_id}/frame-prompt")
async def frame_prompt(storyboard_id: str, body: FramePromptBody, request: Request) -> JSONBody:
    params = {**body.model_dump(), "id": storyboard_id}
    return ok(await relay(request, "storyboards.frame_prompt", params))
