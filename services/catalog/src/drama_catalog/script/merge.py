"""Writing what a model extracted into the catalog without duplicating what is there.

Characters and props merge by name, scenes by location and time (trimmed, case-insensitive)
with the drama's live rows; one episode's scene extraction replaces that episode's scenes. A
merged row keeps every non-empty field it has; only empty fields are filled, so a model's
``null`` / ``"undefined"`` / ``""`` never erases anything.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import insert, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from drama_catalog.models import Character, Prop, Scene, episode_characters
from drama_catalog.script.llm_json import clean_text
from drama_catalog.script.models import ExtractedCharacter, ExtractedProp, ExtractedScene
from drama_catalog.script.prompt_base import Language
from drama_catalog.script.shot_prompts import scene_prompt


def key_of(text: str | None) -> str:
    return (text or "").strip().lower()


def fill_empty(row: Any, values: dict[str, str]) -> None:
    """Set each field of ``row`` that is empty to the non-empty value given for it."""
    for field, value in values.items():
        text = clean_text(value)
        if text and not clean_text(getattr(row, field)):
            setattr(row, field, text)


async def merge_characters(
    session: AsyncSession, drama_id: int, found: Sequence[ExtractedCharacter]
) -> list[Character]:
    """The drama's characters named in ``found`` (existing ones completed, others created)."""
    rows = await session.scalars(
        select(Character).where(Character.drama_id == drama_id, Character.live())
    )
    by_name = {key_of(c.name): c for c in rows}
    result: list[Character] = []
    for item in found:
        name = clean_text(item.name)
        if not name:
            continue
        values = {
            "role": item.role,
            "description": item.description,
            "appearance": item.appearance,
            "personality": item.personality,
            "voice_style": item.voice_style,
        }
        row = by_name.get(key_of(name))
        if row is None:
            row = Character(
                drama_id=drama_id, name=name[:100], **{k: v or "" for k, v in values.items()}
            )
            session.add(row)
            by_name[key_of(name)] = row
        else:
            fill_empty(row, values)
        if row not in result:
            result.append(row)
    await session.flush()
    return result


async def link_to_episode(
    session: AsyncSession, episode_id: int, characters: Sequence[Character]
) -> None:
    """Add the characters to the episode's cast (links that exist are kept)."""
    linked = set(
        await session.scalars(
            select(episode_characters.c.character_id).where(
                episode_characters.c.episode_id == episode_id
            )
        )
    )
    rows = [
        {"episode_id": episode_id, "character_id": c.id} for c in characters if c.id not in linked
    ]
    if rows:
        await session.execute(insert(episode_characters), rows)


async def merge_props(
    session: AsyncSession, drama_id: int, found: Sequence[ExtractedProp]
) -> list[Prop]:
    """The props of ``found`` that were not in the drama yet (created); existing ones with the
    same name get their empty fields filled."""
    rows = await session.scalars(select(Prop).where(Prop.drama_id == drama_id, Prop.live()))
    by_name = {key_of(p.name): p for p in rows}
    created: list[Prop] = []
    for item in found:
        name = clean_text(item.name)
        if not name:
            continue
        values = {"type": item.type, "description": item.description, "prompt": item.image_prompt}
        row = by_name.get(key_of(name))
        if row is None:
            row = Prop(
                drama_id=drama_id, name=name[:100], **{k: clean_text(v) for k, v in values.items()}
            )
            session.add(row)
            by_name[key_of(name)] = row
            created.append(row)
        else:
            fill_empty(row, values)
    await session.flush()
    return created


async def merge_scenes(
    session: AsyncSession,
    drama_id: int,
    episode_id: int,
    found: Sequence[ExtractedScene],
    *,
    style: str | None,
    language: Language,
) -> list[Scene]:
    """The drama's scenes for ``found`` (same location and time reused, others created for
    the episode); a scene without a prompt gets an empty-background one."""
    rows = await session.scalars(select(Scene).where(Scene.drama_id == drama_id, Scene.live()))
    return await _place_scenes(session, list(rows), drama_id, episode_id, found, style, language)


async def replace_episode_scenes(
    session: AsyncSession,
    drama_id: int,
    episode_id: int,
    found: Sequence[ExtractedScene],
    *,
    style: str | None,
    language: Language,
) -> list[Scene]:
    """The episode's scenes become ``found``: its own scenes (and the drama's scenes of no
    episode) of the same location and time are kept with their ids and images, the rest of
    its scenes are soft-deleted, new ones are created for it."""
    rows = list(
        await session.scalars(
            select(Scene).where(
                Scene.drama_id == drama_id,
                Scene.live(),
                or_(Scene.episode_id == episode_id, Scene.episode_id.is_(None)),
            )
        )
    )
    kept = await _place_scenes(session, rows, drama_id, episode_id, found, style, language)
    for row in rows:
        if row.episode_id == episode_id and row not in kept:
            row.soft_delete()
    await session.flush()
    return kept


async def _place_scenes(
    session: AsyncSession,
    rows: list[Scene],
    drama_id: int,
    episode_id: int,
    found: Sequence[ExtractedScene],
    style: str | None,
    language: Language,
) -> list[Scene]:
    by_place = {(key_of(s.location), key_of(s.time)): s for s in rows}
    result: list[Scene] = []
    for item in found:
        location = clean_text(item.location)
        if not location:
            continue
        time = clean_text(item.time) or ""
        prompt = clean_text(item.prompt) or scene_prompt(
            location, time, style=style, language=language
        )
        row = by_place.get((key_of(location), key_of(time)))
        if row is None:
            row = Scene(
                drama_id=drama_id,
                episode_id=episode_id,
                location=location[:200],
                time=time[:100],
                prompt=prompt,
                storyboard_count=1,
                status="pending",
            )
            session.add(row)
            by_place[(key_of(location), key_of(time))] = row
        else:
            fill_empty(row, {"prompt": prompt})
            if row.episode_id is None:
                row.episode_id = episode_id
        if row not in result:
            result.append(row)
    await session.flush()
    return result


async def dedupe_props(session: AsyncSession, drama_id: int) -> int:
    """Soft-delete later props whose trimmed, lower-cased name repeats an earlier one."""
    rows = await session.scalars(
        select(Prop).where(Prop.drama_id == drama_id, Prop.live()).order_by(Prop.id)
    )
    return _dedupe(list(rows), lambda p: key_of(p.name))


async def dedupe_scenes(session: AsyncSession, drama_id: int) -> int:
    """Soft-delete later scenes repeating an earlier one's location and time."""
    rows = await session.scalars(
        select(Scene).where(Scene.drama_id == drama_id, Scene.live()).order_by(Scene.id)
    )
    return _dedupe(list(rows), lambda s: (key_of(s.location), key_of(s.time)))


def _dedupe(rows: list[Any], key: Any) -> int:
    seen: set[Any] = set()
    removed = 0
    for row in rows:
        if key(row) in seen:
            row.soft_delete()
            removed += 1
        else:
            seen.add(key(row))
    return removed
