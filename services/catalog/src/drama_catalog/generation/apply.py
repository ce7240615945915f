"""Applying a worker's event to its record and the record's owners.

Idempotent by construction: a record only moves forward (pending → processing → completed or
failed) and a finished record never changes again, so the same event applied twice changes
nothing the second time. The record is read with a row lock, so two events of one record
applied at the same moment (``processing`` racing ``completed``) are applied one after the
other, and the later one sees the earlier one's outcome.
"""

from __future__ import annotations

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from drama_catalog.context import CatalogContext
from drama_catalog.generation import owners
from drama_catalog.models import ImageGeneration, VideoGeneration, VideoMerge, utcnow
from drama_catalog.serialize import static_url
from drama_common.messages.events import GenerationEvent

log = structlog.get_logger()
FINISHED = ("completed", "failed")
ERROR_LIMIT = 2000


def _error(event: GenerationEvent) -> str:
    return (event.error or "generation failed")[:ERROR_LIMIT]


async def apply_event(
    session: AsyncSession, context: CatalogContext, event: GenerationEvent
) -> None:
    if event.kind == "image":
        await _apply_image(session, event)
    elif event.kind == "video":
        await _apply_video(session, event)
    else:
        await _apply_merge(session, event)


async def _apply_image(session: AsyncSession, event: GenerationEvent) -> None:
    image = await session.get(ImageGeneration, event.record_id, with_for_update=True)
    if image is None or image.status in FINISHED:
        log.info("apply.skipped", kind="image", record_id=event.record_id, outcome=event.outcome)
        return
    if event.outcome in ("processing", "submitted"):
        if event.provider_task_id:
            image.task_id = event.provider_task_id
        if image.status == "pending":
            image.status = "processing"
            await owners.image_processing(session, image)
    elif event.outcome == "completed" and event.storage_key:
        image.status, image.completed_at = "completed", utcnow()
        image.local_path, image.image_url = event.storage_key, static_url(event.storage_key)
        image.width = event.width or image.width
        image.height = event.height or image.height
        await owners.image_completed(session, image)
    else:
        image.status, image.error_msg = "failed", _error(event)
        await owners.image_failed(session, image)


async def _apply_video(session: AsyncSession, event: GenerationEvent) -> None:
    video = await session.get(VideoGeneration, event.record_id, with_for_update=True)
    if video is None or video.deleted_at is not None or video.status in FINISHED:
        log.info("apply.skipped", kind="video", record_id=event.record_id, outcome=event.outcome)
        return
    if event.outcome in ("processing", "submitted"):
        if event.provider_task_id:
            video.provider_task_id = event.provider_task_id
        video.status = "processing"
    elif event.outcome == "completed" and event.storage_key:
        video.status, video.completed_at = "completed", utcnow()
        video.local_path, video.video_url = event.storage_key, static_url(event.storage_key)
        if event.duration and event.duration > 0:
            video.duration = max(1, round(event.duration))
        video.width = event.width or video.width
        video.height = event.height or video.height
        await owners.video_completed(session, video)
    else:
        video.status, video.error_msg = "failed", _error(event)


async def _apply_merge(session: AsyncSession, event: GenerationEvent) -> None:
    merge = await session.get(VideoMerge, event.record_id, with_for_update=True)
    if merge is None or merge.deleted_at is not None or merge.status in FINISHED:
        log.info("apply.skipped", kind="merge", record_id=event.record_id, outcome=event.outcome)
        return
    if event.outcome in ("processing", "submitted"):
        merge.status = "processing"
        if event.provider_task_id:
            merge.task_id = event.provider_task_id
    elif event.outcome == "completed" and event.storage_key:
        merge.status, merge.completed_at = "completed", utcnow()
        merge.merged_url = event.storage_key
        if event.duration and event.duration > 0:
            merge.duration = int(event.duration)
        await owners.merge_completed(session, merge)
    else:
        merge.status, merge.error_msg = "failed", _error(event)
