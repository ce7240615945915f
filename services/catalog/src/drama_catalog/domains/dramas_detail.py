"""Catalog method ``dramas.get``: one drama with everything the editor shows (api.md §2.1).

The whole tree is read with a fixed number of queries (one per relation level plus two for
the image statuses), however many episodes, shots or characters the drama has. The first query
also tells which of the drama's collections hold rows, and only those are loaded: an empty
drama costs one query.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.interfaces import LoaderOption

from drama_catalog.context import CatalogContext
from drama_catalog.domains.common import id_param
from drama_catalog.domains.dramas import duration_minutes, shot_in_episode
from drama_catalog.domains.image_status import ImageStatus, detail_statuses
from drama_catalog.models import (
    Character,
    Drama,
    Episode,
    ImageGeneration,
    Prop,
    Scene,
    Storyboard,
)
from drama_catalog.routing import Routes
from drama_catalog.serialize import (
    JsonDict,
    character_to_json,
    drama_to_json,
    episode_to_json,
    prop_to_json,
    scene_to_json,
)
from drama_common.errors import NotFound

routes = Routes()

_TREE: tuple[tuple[str, type[Character | Prop | Scene | Episode], LoaderOption], ...] = (
    ("characters", Character, selectinload(Drama.characters)),
    ("props", Prop, selectinload(Drama.props)),
    ("scenes", Scene, selectinload(Drama.scenes)),
    (
        "episodes",
        Episode,
        selectinload(Drama.episodes).options(
            selectinload(Episode.characters),
            selectinload(Episode.storyboards).options(
                selectinload(Storyboard.props),
                selectinload(Storyboard.characters),
                selectinload(Storyboard.background),
            ),
        ),
    ),
)
"""Each top-level collection of a drama: its name, its row type (to ask whether it holds live
rows) and how it is loaded."""


async def _load_tree(session: AsyncSession, drama_id: int) -> Drama | None:
    """The drama with its collections; a collection with no live rows is set empty unread."""
    holds = [
        exists().where(model.drama_id == drama_id, model.live()).label(name)
        for name, model, _ in _TREE
    ]
    row = (
        await session.execute(select(Drama, *holds).where(Drama.id == drama_id, Drama.live()))
    ).first()
    if row is None:
        return None
    drama: Drama = row[0]
    held = dict(zip((name for name, _, _ in _TREE), row[1:], strict=True))
    loads = [load for name, _, load in _TREE if held[name]]
    if loads:
        refreshed = await session.scalar(
            select(Drama)
            .where(Drama.id == drama_id, Drama.live())
            .options(*loads)
            .execution_options(populate_existing=True)
        )
        if refreshed is None:
            return None
    for name, _, _ in _TREE:
        if not held[name]:
            set_committed_value(drama, name, [])
    return drama


def _character(character: Character, statuses: dict[int, ImageStatus]) -> JsonDict:
    status = statuses.get(character.id)
    return character_to_json(
        character,
        image_generation_status=status.status if status else None,
        image_generation_error=status.error if status else None,
    )


def _scene(scene: Scene, statuses: dict[int, ImageStatus]) -> JsonDict:
    status = statuses.get(scene.id)
    return scene_to_json(
        scene,
        image_generation_status=status.status if status else None,
        image_generation_error=status.error if status else None,
    )


@routes.method("dramas.get")
async def get_drama(context: CatalogContext, params: dict[str, Any]) -> JsonDict:
    drama_id = id_param(params)
    async with context.reading() as session:
        drama = await _load_tree(session, drama_id)
        if drama is None:
            raise NotFound("not_found", what="drama")
        character_ids = {c.id for c in drama.characters}
        for episode in drama.episodes:
            character_ids.update(c.id for c in episode.characters)
        characters = await detail_statuses(session, ImageGeneration.character_id, character_ids)
        scenes = await detail_statuses(
            session, ImageGeneration.scene_id, [s.id for s in drama.scenes]
        )

    episode_ids = {episode.id for episode in drama.episodes}
    scenes_of: dict[int, list[JsonDict]] = defaultdict(list)
    visible_scenes: list[JsonDict] = []
    for scene in drama.scenes:
        if scene.episode_id is not None and scene.episode_id not in episode_ids:
            continue
        data = _scene(scene, scenes)
        visible_scenes.append(data)
        if scene.episode_id is not None:
            scenes_of[scene.episode_id].append(data)

    episodes = [
        episode_to_json(
            episode,
            duration=duration_minutes(episode.storyboards),
            storyboards=[shot_in_episode(shot) for shot in episode.storyboards],
            characters=[_character(c, characters) for c in episode.characters],
            scenes=scenes_of.get(episode.id, []),
        )
        for episode in drama.episodes
    ]
    return drama_to_json(
        drama,
        episodes=episodes,
        characters=[_character(c, characters) for c in drama.characters],
        scenes=visible_scenes,
        props=[prop_to_json(prop) for prop in drama.props],
    )
