"""Catalog methods: dramas — list, create, stats, update, delete, outline, progress, and the
drama's characters and props (api.md §2.1). The detail read lives in ``dramas_detail`` and
the episode/character saves in ``dramas_saves``."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from drama_catalog.context import CatalogContext
from drama_catalog.domains.common import (
    Page,
    count_of,
    get_live,
    id_param,
    page_of,
    strict_id_param,
)
from drama_catalog.domains.image_status import newest_statuses
from drama_catalog.domains.replies import message, text_or_none
from drama_catalog.domains.search import containing, keyword_of
from drama_catalog.models import (
    Character,
    Drama,
    DramaTally,
    Episode,
    ImageGeneration,
    Prop,
    Storyboard,
    utcnow,
)
from drama_catalog.routing import Routes
from drama_catalog.serialize import (
    JsonDict,
    character_to_json,
    drama_to_json,
    episode_to_json,
    prop_to_json,
    storyboard_to_json,
)
from drama_common.envelope import paginated
from drama_common.errors import BadRequest, NotFound

routes = Routes()
STATUSES = ("draft", "planning", "production", "completed", "archived")
DEFAULT_STYLE = "ghibli"


def duration_minutes(storyboards: Sequence[Storyboard]) -> int:
    """An episode's length as drama answers report it: whole minutes, rounded up."""
    return math.ceil(sum(shot.duration or 0 for shot in storyboards) / 60)


def shot_in_episode(shot: Storyboard) -> JsonDict:
    """A shot nested in its episode's answer (without the episode again)."""
    data = storyboard_to_json(shot)
    data.pop("episode", None)
    return data


def _listed_episode(episode: Episode) -> JsonDict:
    return episode_to_json(
        episode,
        duration=duration_minutes(episode.storyboards),
        storyboards=[shot_in_episode(shot) for shot in episode.storyboards],
    )


_LISTED_COLUMNS = tuple(
    column.label("meta") if column.key == "metadata" else column
    for column in Drama.__table__.columns
)
"""A listed drama is read as a plain row (no ORM entity: the list is the busiest read)."""
_HAS_EPISODES = exists().where(Episode.drama_id == Drama.id, Episode.live()).label("has_episodes")
_LIVE_DRAMAS = select(func.coalesce(func.sum(DramaTally.live), 0))


async def _live_dramas(session: AsyncSession) -> int:
    """The number of live dramas, from the counters the database keeps (no row scan); a plain
    Core query on the session's connection (no ORM entities involved)."""
    connection = await session.connection()
    return int(await connection.scalar(_LIVE_DRAMAS) or 0)


async def _listed_episodes(session: AsyncSession, drama_ids: list[int]) -> dict[int, list[Episode]]:
    """The live episodes, with their shots, of the given dramas, in episode order."""
    if not drama_ids:
        return {}
    episodes = await session.scalars(
        select(Episode)
        .where(Episode.drama_id.in_(drama_ids), Episode.live())
        .order_by(Episode.episode_number, Episode.id)
        .options(selectinload(Episode.storyboards))
    )
    grouped: dict[int, list[Episode]] = {}
    for episode in episodes:
        grouped.setdefault(episode.drama_id, []).append(episode)
    return grouped


async def _listed_page(
    session: AsyncSession, conditions: list[ColumnElement[bool]], page: Page
) -> list[JsonDict]:
    """One page of dramas, newest first, with their episodes and shots; episodes are read only
    for the dramas that have any (the first query says which)."""
    connection = await session.connection()
    rows = (
        await connection.execute(
            select(*_LISTED_COLUMNS, _HAS_EPISODES)
            .where(*conditions)
            .order_by(Drama.updated_at.desc(), Drama.id.desc())
            .offset(page.offset)
            .limit(page.page_size)
        )
    ).all()
    episodes = await _listed_episodes(session, [row.id for row in rows if row.has_episodes])
    return [
        drama_to_json(row, episodes=[_listed_episode(e) for e in episodes.get(row.id, [])])
        for row in rows
    ]


@routes.method("dramas.list")
async def list_dramas(context: CatalogContext, params: dict[str, Any]) -> JsonDict:
    page = page_of(params)
    conditions: list[ColumnElement[bool]] = [Drama.live()]
    for field in ("status", "genre"):
        if params.get(field):
            conditions.append(getattr(Drama, field) == str(params[field]))
    keyword = keyword_of(params)
    if keyword is not None:
        conditions.append(containing(keyword, Drama.title, Drama.description))
    async with context.reading() as session:
        if len(conditions) > 1:
            total = await count_of(session, select(Drama).where(*conditions))
        else:
            total = await _live_dramas(session)
        items = await _listed_page(session, conditions, page)
    return paginated(items, page.page, page.page_size, total)


@routes.method("dramas.create")
async def create_drama(context: CatalogContext, params: dict[str, Any]) -> JsonDict:
    title = str(params.get("title") or "").strip()
    if not title:
        raise BadRequest("field_required", field="title")
    drama = Drama(
        title=title,
        description=text_or_none(params.get("description")),
        genre=text_or_none(params.get("genre")),
        style=str(params.get("style") or DEFAULT_STYLE),
        status="draft",
        total_episodes=1,
        total_duration=0,
    )
    async with context.transaction() as session:
        session.add(drama)
        await session.flush()
    return drama_to_json(drama, episodes=[], characters=[], scenes=[], props=[])


@routes.method("dramas.stats")
async def drama_stats(context: CatalogContext, params: dict[str, Any]) -> JsonDict:
    async with context.reading() as session:
        rows = await session.execute(
            select(Drama.status, func.count())
            .where(Drama.live())
            .group_by(Drama.status)
            .order_by(Drama.status)
        )
        by_status = [{"Status": status, "Count": int(count)} for status, count in rows]
    return {"total": sum(item["Count"] for item in by_status), "by_status": by_status}


@routes.method("dramas.update")
async def update_drama(context: CatalogContext, params: dict[str, Any]) -> JsonDict:
    drama_id = id_param(params)
    status = params.get("status")
    if status and status not in STATUSES:
        raise BadRequest("validation", reason=f"status must be one of {', '.join(STATUSES)}")
    async with context.transaction() as session:
        drama = await get_live(session, Drama, drama_id, "drama")
        for field in ("title", "description", "genre", "style", "status"):
            value = params.get(field)
            if value:
                setattr(drama, field, str(value))
        if params.get("tags"):
            drama.tags = params["tags"]
        drama.updated_at = utcnow()
    return drama_to_json(drama, episodes=[], characters=[], scenes=[], props=[])


@routes.method("dramas.delete")
async def delete_drama(context: CatalogContext, params: dict[str, Any]) -> dict[str, str]:
    drama_id = id_param(params)
    async with context.transaction() as session:
        drama = await get_live(session, Drama, drama_id, "drama")
        drama.soft_delete()
    return message(context, "ok_deleted")


@routes.method("dramas.outline")
async def save_outline(context: CatalogContext, params: dict[str, Any]) -> dict[str, str]:
    drama_id = id_param(params)
    for field in ("title", "summary"):
        if not params.get(field):
            raise BadRequest("field_required", field=field)
    async with context.transaction() as session:
        drama = await get_live(session, Drama, drama_id, "drama")
        drama.title = str(params["title"])
        drama.description = str(params["summary"])
        if params.get("genre"):
            drama.genre = str(params["genre"])
        tags = params.get("tags")
        if tags:
            drama.tags = [str(tag) for tag in tags]
        drama.updated_at = utcnow()
    return message(context, "ok_saved")


@routes.method("dramas.progress")
async def save_progress(context: CatalogContext, params: dict[str, Any]) -> dict[str, str]:
    drama_id = id_param(params)
    step = params.get("current_step")
    if not step:
        raise BadRequest("field_required", field="current_step")
    async with context.transaction() as session:
        drama = await get_live(session, Drama, drama_id, "drama")
        meta = dict(drama.meta) if isinstance(drama.meta, dict) else {}
        meta["current_step"] = str(step)
        if params.get("step_data") is not None:
            meta["step_data"] = params["step_data"]
        drama.meta = meta
        drama.updated_at = utcnow()
    return message(context, "ok_saved")


@routes.method("dramas.characters")
async def drama_characters(context: CatalogContext, params: dict[str, Any]) -> list[JsonDict]:
    drama_id = id_param(params)
    async with context.reading() as session:
        await get_live(session, Drama, drama_id, "drama")
        if params.get("episode_id") not in (None, ""):
            episode_id = id_param(params, "episode_id", what="episode")
            episode = await session.scalar(
                select(Episode)
                .where(Episode.id == episode_id, Episode.drama_id == drama_id, Episode.live())
                .options(selectinload(Episode.characters))
            )
            if episode is None:
                raise NotFound("not_found", what="episode")
            characters = list(episode.characters)
        else:
            characters = list(
                await session.scalars(
                    select(Character)
                    .where(Character.drama_id == drama_id, Character.live())
                    .order_by(Character.sort_order, Character.id)
                )
            )
        statuses = await newest_statuses(
            session, ImageGeneration.character_id, [c.id for c in characters]
        )
    answer = []
    for character in characters:
        status = statuses.get(character.id)
        answer.append(
            character_to_json(
                character,
                image_generation_status=status.status if status else None,
                image_generation_error=status.error if status else None,
            )
        )
    return answer


@routes.method("dramas.props")
async def drama_props(context: CatalogContext, params: dict[str, Any]) -> list[JsonDict]:
    """Props of ``drama_id`` (the query parameter the reference reads), else of the path id."""
    key = "drama_id" if params.get("drama_id") not in (None, "") else "id"
    drama_id = strict_id_param(params, key)
    async with context.reading() as session:
        rows = await session.scalars(
            select(Prop).where(Prop.drama_id == drama_id, Prop.live()).order_by(Prop.id)
        )
        return [prop_to_json(prop) for prop in rows]
