"""Catalog methods: scenes, the backgrounds of a drama (api.md §2.11, flows.md F33). Scene
image generation lives with the generation domains."""

from __future__ import annotations

from typing import Any

from drama_catalog.context import CatalogContext
from drama_catalog.domains.common import get_live, id_param
from drama_catalog.domains.replies import message, optional_id, required_id
from drama_catalog.models import Drama, Episode, Scene
from drama_catalog.routing import Routes
from drama_catalog.serialize import JsonDict, scene_to_json
from drama_common.errors import NotFound

routes = Routes()
TEXT_FIELDS = ("location", "time", "prompt")
MEDIA_FIELDS = ("image_url", "local_path")


@routes.method("scenes.create")
async def create_scene(context: CatalogContext, params: dict[str, Any]) -> JsonDict:
    drama_id = required_id(params, "drama_id")
    episode_id = optional_id(params, "episode_id")
    image_url = params.get("image_url") or None
    scene = Scene(
        drama_id=drama_id,
        episode_id=episode_id,
        location=str(params.get("location") or ""),
        time=str(params.get("time") or ""),
        prompt=str(params.get("prompt") or ""),
        image_url=image_url,
        local_path=params.get("local_path") or None,
        status="completed" if image_url else "draft",
        storyboard_count=1,
    )
    async with context.transaction() as session:
        await get_live(session, Drama, drama_id, "drama")
        if episode_id is not None:
            episode = await get_live(session, Episode, episode_id, "episode")
            if episode.drama_id != drama_id:
                raise NotFound("not_found", what="episode")
        session.add(scene)
        await session.flush()
    return scene_to_json(scene)


@routes.method("scenes.update")
async def update_scene(context: CatalogContext, params: dict[str, Any]) -> dict[str, str]:
    """Known fields given as non-null are written; ``description`` has no column and is
    accepted without effect."""
    scene_id = id_param(params, what="scene")
    async with context.transaction() as session:
        scene = await get_live(session, Scene, scene_id, "scene")
        for field in (*TEXT_FIELDS, *MEDIA_FIELDS):
            if params.get(field) is not None:
                setattr(scene, field, str(params[field]))
    return message(context, "ok_updated")


@routes.method("scenes.prompt")
async def update_prompt(context: CatalogContext, params: dict[str, Any]) -> dict[str, str]:
    scene_id = id_param(params, what="scene")
    async with context.transaction() as session:
        scene = await get_live(session, Scene, scene_id, "scene")
        scene.prompt = str(params.get("prompt") or "")
    return message(context, "ok_updated")


@routes.method("scenes.delete")
async def delete_scene(context: CatalogContext, params: dict[str, Any]) -> dict[str, str]:
    scene_id = id_param(params, what="scene")
    async with context.transaction() as session:
        scene = await get_live(session, Scene, scene_id, "scene")
        scene.soft_delete()
    return message(context, "ok_deleted")
