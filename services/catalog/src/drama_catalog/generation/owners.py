"""What a finished job changes outside its record: characters, scenes, props, shots, episodes,
and the prop-image task that waits on an image."""

from __future__ import annotations

import json
from typing import TypeVar

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from drama_catalog.models import (
    AsyncTask,
    Character,
    Episode,
    ImageGeneration,
    Prop,
    Scene,
    SoftDeleteMixin,
    Storyboard,
    VideoGeneration,
    VideoMerge,
    utcnow,
)

OPEN = ("pending", "processing")
PROP_TASK = "prop_image_generation"
Owner = TypeVar("Owner", bound=SoftDeleteMixin)


async def _live(session: AsyncSession, model: type[Owner], row_id: int | None) -> Owner | None:
    if row_id is None:
        return None
    row = await session.get(model, row_id)
    return None if row is None or row.deleted_at is not None else row


async def image_completed(session: AsyncSession, image: ImageGeneration) -> None:
    url, path = image.image_url, image.local_path
    shot = await _live(session, Storyboard, image.storyboard_id)
    if shot is not None:
        shot.composed_image = url
        if shot.status == "generating":
            shot.status = "pending"
    scene = await _live(session, Scene, image.scene_id)
    if scene is not None and image.image_type == "scene":
        scene.status, scene.image_url, scene.local_path = "generated", url, path
    character = await _live(session, Character, image.character_id)
    if character is not None:
        character.image_url, character.local_path = url, path
    prop = await _live(session, Prop, image.prop_id)
    if prop is not None:
        prop.image_url, prop.local_path = url, path
    if image.prop_id is not None:
        await _finish_prop_tasks(session, image.prop_id, result={"image_url": url})


async def image_failed(session: AsyncSession, image: ImageGeneration) -> None:
    scene = await _live(session, Scene, image.scene_id)
    if scene is not None:
        scene.status = "failed"
    shot = await _live(session, Storyboard, image.storyboard_id)
    if shot is not None and shot.status == "generating":
        shot.status = "failed"
    if image.prop_id is not None:
        await _finish_prop_tasks(session, image.prop_id, error=image.error_msg or "failed")


async def image_processing(session: AsyncSession, *, prop_id: int | None) -> None:
    """An image of a prop began: the prop's waiting image task is now processing."""
    if prop_id is not None:
        await session.execute(
            update(AsyncTask)
            .where(
                AsyncTask.type == PROP_TASK,
                AsyncTask.resource_id == str(prop_id),
                AsyncTask.status == "pending",
                AsyncTask.deleted_at.is_(None),
            )
            .values(status="processing", progress=10, updated_at=utcnow())
        )


async def _finish_prop_tasks(
    session: AsyncSession,
    prop_id: int,
    *,
    result: dict[str, str | None] | None = None,
    error: str | None = None,
) -> None:
    tasks = await session.scalars(
        select(AsyncTask).where(
            AsyncTask.type == PROP_TASK,
            AsyncTask.resource_id == str(prop_id),
            AsyncTask.status.in_(OPEN),
            AsyncTask.deleted_at.is_(None),
        )
    )
    for task in tasks:
        task.completed_at = utcnow()
        if error is None:
            task.status, task.progress = "completed", 100
            task.result = json.dumps(result or {}, ensure_ascii=False)
        else:
            task.status, task.progress, task.error = "failed", 0, error


async def video_completed(session: AsyncSession, video: VideoGeneration) -> None:
    shot = await _live(session, Storyboard, video.storyboard_id)
    if shot is not None:
        shot.video_url = video.video_url
        if video.duration and video.duration > 0:
            shot.duration = video.duration


async def merge_completed(session: AsyncSession, merge: VideoMerge) -> None:
    episode = await _live(session, Episode, merge.episode_id)
    if episode is not None:
        episode.status, episode.video_url = "completed", merge.merged_url
        if merge.duration:
            episode.duration = merge.duration
