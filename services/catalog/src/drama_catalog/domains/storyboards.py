"""Catalog methods: storyboards (shots) — create, update, delete, set props (api.md §2.16,
flows.md F16). The AI breakdown and frame prompts live with the script domains."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from drama_catalog.context import CatalogContext
from drama_catalog.domains.common import get_live, id_param, strict_id_param
from drama_catalog.domains.replies import message, optional_id, required_id
from drama_catalog.models import (
    Character,
    Drama,
    Episode,
    Prop,
    Storyboard,
    storyboard_characters,
    storyboard_props,
)
from drama_catalog.routing import Routes
from drama_catalog.script.prompt_base import Language
from drama_catalog.script.shot_prompts import shot_image_prompt, shot_video_prompt
from drama_catalog.serialize import JsonDict, storyboard_to_json
from drama_common.errors import NotFound

routes = Routes()
TEXT_FIELDS = (
    "title",
    "location",
    "time",
    "shot_type",
    "angle",
    "movement",
    "action",
    "result",
    "atmosphere",
    "dialogue",
    "bgm_prompt",
    "sound_effect",
    "description",
)
DEFAULT_DURATION = 5


def _language(context: CatalogContext) -> Language:
    return "en" if context.language == "en" else "zh"


async def _style_of(session: AsyncSession, episode_id: int) -> str | None:
    return await session.scalar(
        select(Drama.style)
        .join(Episode, Episode.drama_id == Drama.id)
        .where(Episode.id == episode_id)
    )


def _ids(values: Any) -> list[int]:
    if not isinstance(values, list):
        return []
    ids = [optional_id({"id": value}, "id") for value in values]
    return list(dict.fromkeys(row_id for row_id in ids if row_id))


async def _replace_links(
    session: AsyncSession, shot_id: int, link: Any, column: str, model: Any, ids: list[int]
) -> None:
    """Make the shot's links in ``link`` exactly the live rows of ``model`` among ``ids``."""
    await session.execute(delete(link).where(link.c.storyboard_id == shot_id))
    if not ids:
        return
    found = list(await session.scalars(select(model.id).where(model.id.in_(ids), model.live())))
    if found:
        await session.execute(
            insert(link), [{"storyboard_id": shot_id, column: row_id} for row_id in found]
        )


async def _free_number(session: AsyncSession, episode_id: int, wanted: int) -> int:
    """``wanted`` when no live shot of the episode has it, else the next number after the
    last one (the editor appends with ``count + 1``, which collides after a deletion)."""
    numbers = select(Storyboard.storyboard_number).where(
        Storyboard.episode_id == episode_id, Storyboard.live()
    )
    if wanted > 0:
        taken = await session.scalar(numbers.where(Storyboard.storyboard_number == wanted))
        if taken is None:
            return wanted
    last = await session.scalar(select(func.max(numbers.subquery().c.storyboard_number)))
    return int(last or 0) + 1


@routes.method("storyboards.create")
async def create_storyboard(context: CatalogContext, params: dict[str, Any]) -> JsonDict:
    episode_id = required_id(params, "episode_id")
    shot = Storyboard(episode_id=episode_id, scene_id=optional_id(params, "scene_id"))
    for field in TEXT_FIELDS:
        value = params.get(field)
        setattr(shot, field, str(value) if value is not None else None)
    shot.description = shot.description or ""
    shot.duration = int(params.get("duration") or 0) or DEFAULT_DURATION
    shot.status = "pending"
    async with context.transaction() as session:
        await get_live(session, Episode, episode_id, "episode")
        style = await _style_of(session, episode_id)
        shot.storyboard_number = await _free_number(
            session, episode_id, int(params.get("storyboard_number") or 0)
        )
        language = _language(context)
        shot.image_prompt = shot_image_prompt(shot, style=style, language=language)
        shot.video_prompt = shot_video_prompt(shot, style=style, language=language)
        session.add(shot)
        await session.flush()
        await _replace_links(
            session,
            shot.id,
            storyboard_characters,
            "character_id",
            Character,
            _ids(params.get("characters")),
        )
        shot = (
            await session.scalar(
                select(Storyboard)
                .where(Storyboard.id == shot.id)
                .options(selectinload(Storyboard.characters))
                .execution_options(populate_existing=True)
            )
            or shot
        )
    return storyboard_to_json(shot)


@routes.method("storyboards.update")
async def update_storyboard(context: CatalogContext, params: dict[str, Any]) -> dict[str, str]:
    """Non-empty strings of the known text fields, a numeric ``duration``, ``scene_id`` (a
    number, a numeric string or null) and ``character_ids``; ``video_prompt`` is derived
    again from the result."""
    shot_id = id_param(params, what="storyboard")
    async with context.transaction() as session:
        shot = await get_live(session, Storyboard, shot_id, "storyboard")
        for field in TEXT_FIELDS:
            value = params.get(field)
            if isinstance(value, str) and value:
                setattr(shot, field, value)
        duration = params.get("duration")
        if isinstance(duration, int | float) and not isinstance(duration, bool):
            shot.duration = int(duration)
        if "scene_id" in params:
            shot.scene_id = optional_id(params, "scene_id")
        if isinstance(params.get("character_ids"), list):
            await _replace_links(
                session,
                shot.id,
                storyboard_characters,
                "character_id",
                Character,
                _ids(params["character_ids"]),
            )
        style = await _style_of(session, shot.episode_id)
        shot.video_prompt = shot_video_prompt(shot, style=style, language=_language(context))
    return message(context, "ok_updated")


@routes.method("storyboards.delete")
async def delete_storyboard(context: CatalogContext, params: dict[str, Any]) -> None:
    shot_id = strict_id_param(params)
    async with context.transaction() as session:
        shot = await get_live(session, Storyboard, shot_id, "storyboard")
        shot.soft_delete()


@routes.method("storyboards.props")
async def set_props(context: CatalogContext, params: dict[str, Any]) -> None:
    shot_id = strict_id_param(params)
    async with context.transaction() as session:
        shot = await session.get(Storyboard, shot_id)
        if shot is None or shot.is_deleted:
            raise NotFound("not_found", what="storyboard")
        await _replace_links(
            session, shot_id, storyboard_props, "prop_id", Prop, _ids(params.get("prop_ids"))
        )
