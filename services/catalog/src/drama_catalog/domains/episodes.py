"""Catalog methods: episodes.

``episodes.storyboards`` is the flattened shot list of one episode (api.md §2.9,
StoryboardComposition in §1.12). Finalize and download follow below it.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from drama_catalog.context import CatalogContext
from drama_catalog.domains.common import get_live, id_param
from drama_catalog.models import Episode, ImageGeneration, Scene, Storyboard
from drama_catalog.routing import Routes
from drama_catalog.serialize import JsonDict, storage_path
from drama_catalog.serialize.common import put_optional

routes = Routes()

_PLAIN_FIELDS = (
    "title",
    "description",
    "shot_type",
    "angle",
    "movement",
    "location",
    "time",
)
_STORY_FIELDS = ("dialogue", "action", "result", "atmosphere")
_OPTIONAL_FIELDS = ("bgm_prompt", "sound_effect", "image_prompt", "video_prompt")


async def _newest_images(
    session: AsyncSession, shot_ids: Collection[int], *, completed: bool
) -> dict[int, ImageGeneration]:
    """Per shot, its newest completed image with a URL, or its newest processing one."""
    if not shot_ids:
        return {}
    query = select(func.max(ImageGeneration.id)).where(ImageGeneration.storyboard_id.in_(shot_ids))
    if completed:
        query = query.where(
            ImageGeneration.status == "completed",
            ImageGeneration.image_url.is_not(None),
            ImageGeneration.image_url != "",
        )
    else:
        query = query.where(ImageGeneration.status == "processing")
    rows = await session.scalars(
        select(ImageGeneration).where(
            ImageGeneration.id.in_(query.group_by(ImageGeneration.storyboard_id))
        )
    )
    return {row.storyboard_id: row for row in rows if row.storyboard_id is not None}


def _background(scene: Scene | None) -> JsonDict | None:
    if scene is None:
        return None
    data: JsonDict = {"id": scene.id, "location": scene.location, "time": scene.time}
    put_optional(data, "image_url", scene.image_url)
    put_optional(data, "local_path", storage_path(scene.local_path))
    data["status"] = scene.status
    return data


def _composition(
    shot: Storyboard, composed: ImageGeneration | None, running: ImageGeneration | None
) -> JsonDict:
    data: JsonDict = {"id": shot.id, "storyboard_number": shot.storyboard_number}
    for field in _PLAIN_FIELDS:
        data[field] = getattr(shot, field)
    data["duration"] = shot.duration
    for field in _STORY_FIELDS:
        data[field] = getattr(shot, field)
    for field in _OPTIONAL_FIELDS:
        if getattr(shot, field) is not None:
            data[field] = getattr(shot, field)
    cast = []
    for character in shot.characters:
        item: JsonDict = {"id": character.id, "name": character.name}
        put_optional(item, "image_url", character.image_url)
        put_optional(item, "local_path", storage_path(character.local_path))
        cast.append(item)
    data["characters"] = cast or None
    data["background"] = _background(shot.background)
    data["scene_id"] = shot.scene_id
    put_optional(data, "composed_image", composed.image_url if composed else None)
    put_optional(data, "video_url", shot.video_url)
    if running is not None:
        data["image_generation_id"] = running.id
        data["image_generation_status"] = running.status
    return data


@routes.method("episodes.storyboards")
async def episode_storyboards(context: CatalogContext, params: dict[str, Any]) -> JsonDict:
    episode_id = id_param(params, "episode_id", what="episode")
    async with context.reading() as session:
        await get_live(session, Episode, episode_id, "episode")
        shots = list(
            await session.scalars(
                select(Storyboard)
                .where(Storyboard.episode_id == episode_id, Storyboard.live())
                .order_by(Storyboard.storyboard_number, Storyboard.id)
                .options(selectinload(Storyboard.characters), selectinload(Storyboard.background))
            )
        )
        ids = [shot.id for shot in shots]
        composed = await _newest_images(session, ids, completed=True)
        running = await _newest_images(session, ids, completed=False)
    items = [_composition(s, composed.get(s.id), running.get(s.id)) for s in shots]
    return {"storyboards": items or None, "total": len(items)}
