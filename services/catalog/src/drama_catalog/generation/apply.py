"""Applying a worker's event to its record and the record's owners.

Idempotent by construction: a record only moves forward (pending → processing → completed or
failed) and a finished record never changes again, so the same event applied twice changes
nothing the second time. Each move is one ``UPDATE … WHERE`` whose condition is the set of
states the move may start from: two events of one record applied at the same moment
(``processing`` racing ``completed``) are applied one after the other, because the database
locks the row for the first update and re-checks the second one's condition against the
first one's outcome (``processing`` finds the record no longer ``pending`` and changes
nothing). The record is read back as a whole only when it has owners to update.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import structlog
from sqlalchemy import Row, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from drama_catalog.context import CatalogContext
from drama_catalog.generation import owners
from drama_catalog.models import ImageGeneration, VideoGeneration, VideoMerge, utcnow
from drama_catalog.serialize import static_url
from drama_common.messages.events import GenerationEvent

log = structlog.get_logger()
FINISHED = ("completed", "failed")
ERROR_LIMIT = 2000
Record = ImageGeneration | VideoGeneration | VideoMerge
Clip = TypeVar("Clip", VideoGeneration, VideoMerge)
IMAGE_OWNERS = (
    ImageGeneration.storyboard_id,
    ImageGeneration.scene_id,
    ImageGeneration.character_id,
    ImageGeneration.prop_id,
)


def _error(event: GenerationEvent) -> str:
    return (event.error or "generation failed")[:ERROR_LIMIT]


def _size(event: GenerationEvent) -> dict[str, int]:
    """Width and height when the event knows them (else the record keeps its own)."""
    return {
        key: value for key, value in (("width", event.width), ("height", event.height)) if value
    }


async def _move(
    session: AsyncSession,
    model: type[Record],
    event: GenerationEvent,
    when: Sequence[ColumnElement[bool]],
    values: dict[str, Any],
    returning: Sequence[Any] = (),
) -> Row[Any] | None:
    """Update the record when ``when`` holds; its ``returning`` columns, or ``None`` when
    the record is gone or not in a state this move may start from."""
    statement = (
        update(model)
        .where(model.id == event.record_id, *when)
        .values(**values)
        .returning(model.id, *returning)
    )
    row = (await session.execute(statement)).first()
    if row is None:
        log.info("apply.skipped", kind=event.kind, record_id=event.record_id, outcome=event.outcome)
    return row


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
    table = ImageGeneration
    open_ = table.status.not_in(FINISHED)
    if event.outcome in ("processing", "submitted"):
        values: dict[str, Any] = {"status": "processing"}
        if event.provider_task_id:
            values["task_id"] = event.provider_task_id
        started = await _move(
            session, table, event, [table.status == "pending"], values, [table.prop_id]
        )
        if started is not None:
            await owners.image_processing(session, prop_id=started.prop_id)
        elif event.provider_task_id:
            await _move(session, table, event, [open_], {"task_id": event.provider_task_id})
        return
    if event.outcome == "completed" and event.storage_key:
        values = {
            "status": "completed",
            "completed_at": utcnow(),
            "local_path": event.storage_key,
            "image_url": static_url(event.storage_key),
            **_size(event),
        }
    else:
        values = {"status": "failed", "error_msg": _error(event)}
    moved = await _move(session, table, event, [open_], values, IMAGE_OWNERS)
    if moved is None:
        return
    owner_ids: tuple[int | None, ...] = tuple(moved)[1:]
    if all(owner is None for owner in owner_ids):
        return
    image = await session.get(ImageGeneration, event.record_id)
    if image is None:
        return
    if image.status == "completed":
        await owners.image_completed(session, image)
    else:
        await owners.image_failed(session, image)


def _video_completed(event: GenerationEvent, key: str) -> dict[str, Any]:
    values: dict[str, Any] = {"local_path": key, "video_url": static_url(key), **_size(event)}
    if event.duration and event.duration > 0:
        values["duration"] = max(1, round(event.duration))
    return values


def _merge_completed(event: GenerationEvent, key: str) -> dict[str, Any]:
    values: dict[str, Any] = {"merged_url": key}
    if event.duration and event.duration > 0:
        values["duration"] = int(event.duration)
    return values


async def _apply_video(session: AsyncSession, event: GenerationEvent) -> None:
    video = await _apply_deletable(
        session, event, VideoGeneration, "provider_task_id", _video_completed
    )
    if video is not None and video.storyboard_id is not None:
        await owners.video_completed(session, video)


async def _apply_merge(session: AsyncSession, event: GenerationEvent) -> None:
    merge = await _apply_deletable(session, event, VideoMerge, "task_id", _merge_completed)
    if merge is not None:
        await owners.merge_completed(session, merge)


async def _apply_deletable(
    session: AsyncSession,
    event: GenerationEvent,
    table: type[Clip],
    task_column: str,
    completed: Callable[[GenerationEvent, str], dict[str, Any]],
) -> Clip | None:
    """Apply an event to a video or merge record (soft-deletable, so a deleted record takes
    no event); the record when this event completed it, else ``None``."""
    when = [table.status.not_in(FINISHED), table.deleted_at.is_(None)]
    if event.outcome in ("processing", "submitted"):
        values: dict[str, Any] = {"status": "processing"}
        if event.provider_task_id:
            values[task_column] = event.provider_task_id
        await _move(session, table, event, when, values)
        return None
    if event.outcome == "completed" and event.storage_key:
        values = {
            "status": "completed",
            "completed_at": utcnow(),
            **completed(event, event.storage_key),
        }
        if await _move(session, table, event, when, values) is None:
            return None
        return await session.get(table, event.record_id)
    await _move(session, table, event, when, {"status": "failed", "error_msg": _error(event)})
    return None
