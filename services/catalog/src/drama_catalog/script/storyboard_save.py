"""Storing a storyboard breakdown: shots upserted by (episode, shot number).

A shot that already exists is updated in place; text the model left empty (``null``,
``"undefined"``, ``""``) keeps the stored value. A shot whose action is new (the script was
edited, so the number now holds another moment) is rewritten whole instead: its empty fields
are cleared and its cast replaced, so no line or sound of the old shot survives. After a
complete breakdown the shots it no longer has are soft-deleted and their images detached, and
the episode's duration (minutes) is updated.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from sqlalchemy import delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from drama_catalog.models import Episode, ImageGeneration, Storyboard, storyboard_characters
from drama_catalog.script.llm_json import clean_text
from drama_catalog.script.models import BreakdownShot
from drama_catalog.script.prompt_base import Language
from drama_catalog.script.shot_prompts import (
    shot_description,
    shot_image_prompt,
    shot_video_prompt,
)

NULLABLE_TEXT = (
    "title",
    "shot_type",
    "angle",
    "movement",
    "result",
    "atmosphere",
    "dialogue",
    "bgm_prompt",
    "sound_effect",
)
KEPT_TEXT = ("location", "time", "action")
DEFAULT_DURATION = 5


def _apply(row: Storyboard, shot: BreakdownShot, fresh: bool) -> None:
    for field in (*NULLABLE_TEXT, *KEPT_TEXT):
        text = clean_text(getattr(shot, field))
        if text:
            setattr(row, field, text)
        elif fresh:
            setattr(row, field, "" if field in KEPT_TEXT else None)
    if shot.duration > 0:
        row.duration = shot.duration
    elif fresh:
        row.duration = DEFAULT_DURATION
    if shot.scene_id is not None or fresh:
        row.scene_id = shot.scene_id


def _is_new_moment(row: Storyboard | None, shot: BreakdownShot) -> bool:
    """Whether ``shot`` is not the stored shot of its number: none is stored, or the
    breakdown gives it an action that differs from the stored one."""
    if row is None:
        return True
    action = clean_text(shot.action)
    return bool(action) and action != (row.action or "")


async def _replace_cast(session: AsyncSession, pairs: Sequence[tuple[int, list[int]]]) -> None:
    """Each given shot's characters become exactly the given ids."""
    if not pairs:
        return
    await session.execute(
        delete(storyboard_characters).where(
            storyboard_characters.c.storyboard_id.in_([shot_id for shot_id, _ in pairs])
        )
    )
    rows = [{"storyboard_id": shot_id, "character_id": c} for shot_id, ids in pairs for c in ids]
    if rows:
        await session.execute(insert(storyboard_characters), rows)


async def save_shots(
    session: AsyncSession,
    episode_id: int,
    shots: Sequence[BreakdownShot],
    *,
    style: str | None,
    language: Language,
    complete: bool,
) -> list[Storyboard]:
    """Upsert ``shots``; with ``complete``, retire the episode's other shots."""
    existing = {
        row.storyboard_number: row
        for row in await session.scalars(
            select(Storyboard).where(Storyboard.episode_id == episode_id, Storyboard.live())
        )
    }
    rows: list[Storyboard] = []
    rewritten: list[bool] = []
    for shot in shots:
        row = existing.get(shot.shot_number)
        fresh = _is_new_moment(row, shot)
        rewritten.append(fresh)
        if row is None:
            row = Storyboard(
                episode_id=episode_id, storyboard_number=shot.shot_number, status="pending"
            )
            session.add(row)
        _apply(row, shot, fresh)
        row.description = shot_description(row, language, shot.emotion)
        row.image_prompt = shot_image_prompt(
            row, style=style, language=language, emotion=shot.emotion
        )
        row.video_prompt = shot_video_prompt(
            row, style=style, language=language, emotion=shot.emotion
        )
        rows.append(row)
    await session.flush()
    await _replace_cast(
        session,
        [
            (row.id, shot.characters)
            for row, shot, whole in zip(rows, shots, rewritten, strict=True)
            if shot.characters or whole
        ],
    )
    if complete:
        numbers = {shot.shot_number for shot in shots}
        stale = [row for number, row in existing.items() if number not in numbers]
        for row in stale:
            row.soft_delete()
        if stale:
            await session.execute(
                update(ImageGeneration)
                .where(ImageGeneration.storyboard_id.in_([row.id for row in stale]))
                .values(storyboard_id=None)
            )
        total = sum(shot.duration for shot in shots)
        episode = await session.get(Episode, episode_id)
        if episode is not None:
            episode.duration = math.ceil(total / 60)
    return rows
