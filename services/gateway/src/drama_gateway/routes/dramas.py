"""Routes: dramas (api.md §2.1, except the batch extractions, which start AI jobs)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field

from drama_gateway.fields import BodyId, StorageKey
from drama_gateway.responses import JSONBody, ok
from drama_gateway.state import relay

router = APIRouter(tags=["dramas"])

DramaStatus = Literal["draft", "planning", "production", "completed", "archived", ""]


class CreateDramaBody(BaseModel):
    title: str = Field(min_length=1, max_length=100)
    description: str | None = None
    genre: str | None = None
    style: str | None = None
    tags: str | None = None


class UpdateDramaBody(BaseModel):
    """Empty strings leave a field unchanged."""

    title: str | None = Field(None, max_length=100)
    description: str | None = None
    genre: str | None = None
    style: str | None = None
    tags: str | list[str] | None = None
    status: DramaStatus | None = None


class OutlineBody(BaseModel):
    title: str = Field(min_length=1)
    summary: str = Field(min_length=1)
    genre: str | None = None
    tags: list[str] | None = None


class ProgressBody(BaseModel):
    current_step: str = Field(min_length=1)
    step_data: dict[str, Any] | None = None


class CharacterItem(BaseModel):
    """A character to save; other keys of a full Character object are ignored."""

    id: BodyId | None = None
    name: str | None = None
    role: str | None = None
    description: str | None = None
    personality: str | None = None
    appearance: str | None = None
    image_url: str | None = None
    local_path: StorageKey | None = None


class SaveCharactersBody(BaseModel):
    characters: list[CharacterItem]
    episode_id: BodyId | None = None


class EpisodeItem(BaseModel):
    """An episode to save, matched by ``episode_number``; other keys of a full Episode object
    (id, status, relations, timestamps) are ignored."""

    episode_number: int = Field(0, ge=0, le=2**31 - 1)
    title: str | None = None
    description: str | None = None
    script_content: str | None = None
    duration: int | None = Field(None, ge=0, le=2**31 - 1)


class SaveEpisodesBody(BaseModel):
    episodes: list[EpisodeItem]


@router.get("/dramas")
async def list_dramas(
    request: Request,
    page: int | None = None,
    page_size: int | None = None,
    status: str | None = None,
    genre: str | None = None,
    keyword: str | None = None,
) -> JSONBody:
    params = {
        "page": page,
        "page_size": page_size,
        "status": status,
        "genre": genre,
        "keyword": keyword,
    }
    return ok(await relay(request, "dramas.list", params))


@router.post("/dramas")
async def create_drama(body: CreateDramaBody, request: Request) -> JSONBody:
    return ok(await relay(request, "dramas.create", body.model_dump(exclude_unset=True)), 201)


@router.get("/dramas/stats")
async def drama_stats(request: Request) -> JSONBody:
    return ok(await relay(request, "dramas.stats"))


@router.get("/dramas/{drama_id}")
async def get_drama(drama_id: str, request: Request) -> JSONBody:
    return ok(await relay(request, "dramas.get", {"id": drama_id}))


@router.put("/dramas/{drama_id}")
async def update_drama(drama_id: str, body: UpdateDramaBody, request: Request) -> JSONBody:
    params = {**body.model_dump(exclude_unset=True), "id": drama_id}
    return ok(await relay(request, "dramas.update", params))


@router.delete("/dramas/{drama_id}")
async def delete_drama(drama_id: str, request: Request) -> JSONBody:
    return ok(await relay(request, "dramas.delete", {"id": drama_id}))


@router.put("/dramas/{drama_id}/outline")
async def save_outline(drama_id: str, body: OutlineBody, request: Request) -> JSONBody:
    params = {**body.model_dump(exclude_unset=True), "id": drama_id}
    return ok(await relay(request, "dramas.outline", params))


@router.get("/dramas/{drama_id}/characters")
async def drama_characters(
    drama_id: str, request: Request, episode_id: str | None = None
) -> JSONBody:
    params = {"id": drama_id, "episode_id": episode_id}
    return ok(await relay(request, "dramas.characters", params))


@router.put("/dramas/{drama_id}/characters")
async def save_characters(drama_id: str, body: SaveCharactersBody, request: Request) -> JSONBody:
    params = {**body.model_dump(exclude_unset=True), "id": drama_id}
    return ok(await relay(request, "dramas.characters.save", params))


@router.put("/dramas/{drama_id}/episodes")
async def save_episodes(drama_id: str, body: SaveEpisodesBody, request: Request) -> JSONBody:
    params = {**body.model_dump(exclude_unset=True), "id": drama_id}
    return ok(await relay(request, "dramas.episodes.save", params))


@router.put("/dramas/{drama_id}/progress")
async def save_progress(drama_id: str, body: ProgressBody, request: Request) -> JSONBody:
    params = {**body.model_dump(exclude_unset=True), "id": drama_id}
    return ok(await relay(request, "dramas.progress", params))


@router.get("/dramas/{drama_id}/props")
async def drama_props(
    drama_id: str,
    request: Request,
    drama_id_query: Annotated[str | None, Query(alias="drama_id")] = None,
) -> JSONBody:
    """Props of the drama named by the ``drama_id`` query parameter, else by the path."""
    return ok(await relay(request, "dramas.props", {"id": drama_id, "drama_id": drama_id_query}))
