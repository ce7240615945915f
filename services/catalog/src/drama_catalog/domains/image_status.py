"""Runtime image-generation status of characters and scenes (models.md §7).

Two rules exist. The drama detail reports an unfinished generation if there is one, else a
failed one. The character list reports only the newest generation, and only when it is
unfinished or failed. Each is one grouped query, whatever the number of rows.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import case, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from drama_catalog.models import ImageGeneration

UNFINISHED = ("pending", "processing")
FAILED = "failed"


@dataclass(frozen=True)
class ImageStatus:
    status: str
    error: str | None


OwnerColumn = InstrumentedAttribute[int | None]


async def detail_statuses(
    session: AsyncSession, owner: OwnerColumn, ids: Collection[int]
) -> dict[int, ImageStatus]:
    """Per owner id: the newest unfinished generation, else the newest failed one."""
    if not ids:
        return {}
    unfinished = ImageGeneration.status.in_(UNFINISHED)
    newest = (
        select(func.max(ImageGeneration.id))
        .where(owner.in_(ids), ImageGeneration.status.in_((*UNFINISHED, FAILED)))
        .group_by(owner, case((unfinished, 0), else_=1))
    )
    rows = await session.execute(
        select(owner, ImageGeneration.status, ImageGeneration.error_msg).where(
            ImageGeneration.id.in_(newest)
        )
    )
    found: dict[int, ImageStatus] = {}
    for owner_id, status, error in rows:
        if owner_id is None:
            continue
        current = found.get(owner_id)
        if current is None or current.status == FAILED:
            found[owner_id] = ImageStatus(status, error)
    return found


async def newest_statuses(
    session: AsyncSession, owner: OwnerColumn, ids: Collection[int]
) -> dict[int, ImageStatus]:
    """Per owner id: its newest generation, when that one is unfinished or failed."""
    if not ids:
        return {}
    newest = select(func.max(ImageGeneration.id)).where(owner.in_(ids)).group_by(owner)
    rows = await session.execute(
        select(owner, ImageGeneration.status, ImageGeneration.error_msg).where(
            ImageGeneration.id.in_(newest),
            ImageGeneration.status.in_((*UNFINISHED, FAILED)),
        )
    )
    return {
        owner_id: ImageStatus(status, error if status == FAILED else None)
        for owner_id, status, error in rows
        if owner_id is not None
    }
