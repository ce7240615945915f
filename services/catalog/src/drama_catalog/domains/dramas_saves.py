"""Catalog methods that save a drama's episode list and cast (api.md §2.1, flows.md F4/F5).

Episodes are saved in place, matched by ``episode_number``: a matched episode keeps its id,
status, video and everything attached to it (shots, scenes, cast links); numbers missing from
the list are soft-deleted and new numbers are created.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from drama_catalog.context import CatalogContext
from drama_catalog.domains.common import get_live, id_param
from drama_catalog.domains.replies import message, optional_id
from drama_catalog.models import Character, Drama, Episode, episode_characters, utcnow
from drama_catalog.routing import Routes
from drama_common.errors import BadRequest, NotFound

routes = Routes()

EPISODE_TEXT_FIELDS = ("description", "script_content")
CHARACTER_FIELDS = ("role", "description", "personality", "appearance", "image_url", "local_path")


def _items(params: dict[str, Any], key: str) -> list[dict[str, Any]]:
    items = params.get(key)
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise BadRequest("field_required", field=key)
    return items


def _episode_numbers(items: list[dict[str, Any]]) -> list[int]:
    numbers: list[int] = []
    for item in items:
        number = int(item.get("episode_number") or 0)
        if number in numbers:
            raise BadRequest("duplicate_episode", number=number)
        numbers.append(number)
    return numbers


def _apply_episode(episode: Episode, item: dict[str, Any]) -> None:
    if "title" in item:
        episode.title = str(item["title"] or "")
    for field in EPISODE_TEXT_FIELDS:
        if field in item:
            setattr(episode, field, item[field])
    if item.get("duration") is not None:
        episode.duration = int(item["duration"])


@routes.method("dramas.episodes.save")
async def save_episodes(context: CatalogContext, params: dict[str, Any]) -> dict[str, str]:
    drama_id = id_param(params)
    items = _items(params, "episodes")
    numbers = _episode_numbers(items)
    async with context.transaction() as session:
        drama = await get_live(session, Drama, drama_id, "drama")
        rows = await session.scalars(
            select(Episode).where(Episode.drama_id == drama_id, Episode.live())
        )
        existing = {episode.episode_number: episode for episode in rows}
        for number, item in zip(numbers, items, strict=True):
            episode = existing.pop(number, None)
            if episode is None:
                episode = Episode(
                    drama_id=drama_id, episode_number=number, title="", status="draft"
                )
                session.add(episode)
            _apply_episode(episode, item)
        for gone in existing.values():
            gone.soft_delete()
        drama.updated_at = utcnow()
    return message(context, "ok_saved")


def _apply_character(character: Character, item: dict[str, Any]) -> None:
    if item.get("name"):
        character.name = str(item["name"])
    for field in CHARACTER_FIELDS:
        if field in item:
            setattr(character, field, item[field])


async def _link(session: AsyncSession, episode_id: int, character_ids: list[int]) -> None:
    linked = set(
        await session.scalars(
            select(episode_characters.c.character_id).where(
                episode_characters.c.episode_id == episode_id
            )
        )
    )
    missing = [cid for cid in dict.fromkeys(character_ids) if cid not in linked]
    if missing:
        await session.execute(
            insert(episode_characters),
            [{"episode_id": episode_id, "character_id": cid} for cid in missing],
        )


@routes.method("dramas.characters.save")
async def save_characters(context: CatalogContext, params: dict[str, Any]) -> dict[str, str]:
    """Upsert the given characters: by id in this drama, else reuse by name, else create."""
    drama_id = id_param(params)
    items = _items(params, "characters")
    episode_id = optional_id(params, "episode_id")
    async with context.transaction() as session:
        drama = await get_live(session, Drama, drama_id, "drama")
        if episode_id is not None:
            episode = await session.scalar(
                select(Episode.id).where(
                    Episode.id == episode_id, Episode.drama_id == drama_id, Episode.live()
                )
            )
            if episode is None:
                raise NotFound("not_found", what="episode")
        cast = list(
            await session.scalars(
                select(Character).where(Character.drama_id == drama_id, Character.live())
            )
        )
        by_id = {character.id: character for character in cast}
        by_name: dict[str, Character] = {}
        for character in cast:
            by_name.setdefault(character.name, character)
        chosen: list[Character] = []
        for item in items:
            name = str(item.get("name") or "")
            found = by_id.get(optional_id(item, "id") or 0)
            if found is not None:
                _apply_character(found, item)
            elif name in by_name:
                found = by_name[name]
            else:
                found = Character(drama_id=drama_id, name=name)
                _apply_character(found, item)
                session.add(found)
                by_name[name] = found
            chosen.append(found)
        await session.flush()
        if episode_id is not None:
            await _link(session, episode_id, [character.id for character in chosen])
        drama.updated_at = utcnow()
    return message(context, "ok_saved")
