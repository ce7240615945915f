"""Lookups the generation domains share: owners by id, lenient filters, order fields."""

from __future__ import annotations

from dataclasses import fields
from typing import Any, TypeVar

from sqlalchemy import Row, select
from sqlalchemy.ext.asyncio import AsyncSession

from drama_catalog.domains.common import MAX_ID, get_live
from drama_catalog.models import Drama, Episode, Storyboard
from drama_common.errors import NotFound

Order = TypeVar("Order")


def lenient_int(value: Any) -> int | None:
    """A query parameter as an integer, ``None`` when absent or unparsable."""
    text = str(value).strip() if value is not None else ""
    if text.isascii() and text.lstrip("-").isdigit() and abs(int(text)) <= MAX_ID:
        return int(text)
    return None


def optional_id(value: Any) -> int | None:
    """A body id: positive integers only; 0 and absent mean "none"."""
    number = lenient_int(value)
    return number if number is not None and number > 0 else None


async def live_drama(session: AsyncSession, value: Any) -> Drama:
    drama_id = optional_id(value)
    if drama_id is None:
        raise NotFound("not_found", what="drama")
    return await get_live(session, Drama, drama_id, "drama")


async def live_drama_ref(session: AsyncSession, value: Any) -> Row[int, str]:
    """The id and style of a live drama (all an image job needs), else a not-found error."""
    drama_id = optional_id(value)
    row = None
    if drama_id is not None:
        query = select(Drama.id, Drama.style).where(Drama.id == drama_id, Drama.live())
        row = (await session.execute(query)).first()
    if row is None:
        raise NotFound("not_found", what="drama")
    return row


async def live_episode(session: AsyncSession, value: Any) -> Episode:
    episode_id = optional_id(value)
    if episode_id is None:
        raise NotFound("not_found", what="episode")
    episode = await get_live(session, Episode, episode_id, "episode")
    await get_live(session, Drama, episode.drama_id, "drama")
    return episode


async def drama_of_shot(session: AsyncSession, shot: Storyboard) -> int:
    episode = await get_live(session, Episode, shot.episode_id, "episode")
    return episode.drama_id


def order_from(cls: type[Order], params: dict[str, Any], **overrides: Any) -> Order:
    """Build an order dataclass from the params it knows (others are ignored)."""
    known = {f.name for f in fields(cls)}  # type: ignore[arg-type]
    values = {k: v for k, v in params.items() if k in known and v is not None}
    values.update(overrides)
    return cls(**values)
