"""Answer shapes of story content (api.md §1.12): Drama, Episode, Character, Scene, Prop,
Storyboard and FramePrompt.

Relation arrays are taken from the keyword argument when given (already serialized, e.g. with
computed fields), else from the relationship when it was loaded, and are omitted when empty.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Row

from drama_catalog.models import Character, Drama, Episode, FramePrompt, Prop, Scene, Storyboard
from drama_catalog.serialize.common import (
    JsonDict,
    drama_placeholder,
    episode_placeholder,
    loaded,
    put_optional,
    required_timestamp,
    storage_path,
)

Rows = Sequence[JsonDict] | None


def _relation(
    target: JsonDict, key: str, given: Rows, owner: object, serialize: Callable[[Any], JsonDict]
) -> None:
    """``given`` when given, else the owner's loaded relationship ``key`` serialized (the
    relationship is only read when nothing was given)."""
    if given is not None:
        put_optional(target, key, list(given))
        return
    rows = loaded(owner, key)
    put_optional(target, key, rows and [serialize(row) for row in rows])


def drama_to_json(
    drama: Drama | Row[*tuple[Any, ...]],
    *,
    episodes: Rows = None,
    characters: Rows = None,
    scenes: Rows = None,
    props: Rows = None,
) -> JsonDict:
    """A drama loaded as an entity, or a plain row of the drama columns (the metadata column
    labelled ``meta``, as the entity names it)."""
    data: JsonDict = {
        "id": drama.id,
        "title": drama.title,
        "description": drama.description,
        "genre": drama.genre,
        "style": drama.style or "",
        "total_episodes": drama.total_episodes,
        "total_duration": drama.total_duration,
        "status": drama.status,
        "thumbnail": drama.thumbnail,
        "tags": drama.tags,
        "metadata": drama.meta,
        "created_at": required_timestamp(drama.created_at),
        "updated_at": required_timestamp(drama.updated_at),
    }
    _relation(data, "episodes", episodes, drama, episode_to_json)
    _relation(data, "characters", characters, drama, character_to_json)
    _relation(data, "scenes", scenes, drama, scene_to_json)
    _relation(data, "props", props, drama, prop_to_json)
    return data


def episode_to_json(
    episode: Episode,
    *,
    duration: int | None = None,
    storyboards: Rows = None,
    characters: Rows = None,
    scenes: Rows = None,
) -> JsonDict:
    """``duration`` replaces the stored value (drama answers report minutes)."""
    data: JsonDict = {
        "id": episode.id,
        "drama_id": episode.drama_id,
        "episode_number": episode.episode_number,
        "title": episode.title,
        "script_content": episode.script_content,
        "description": episode.description,
        "duration": episode.duration if duration is None else duration,
        "status": episode.status,
        "video_url": episode.video_url,
        "thumbnail": episode.thumbnail,
        "created_at": required_timestamp(episode.created_at),
        "updated_at": required_timestamp(episode.updated_at),
        "drama": drama_placeholder(),
    }
    _relation(data, "storyboards", storyboards, episode, storyboard_to_json)
    _relation(data, "characters", characters, episode, character_to_json)
    _relation(data, "scenes", scenes, episode, scene_to_json)
    return data


def character_to_json(
    character: Character,
    *,
    image_generation_status: str | None = None,
    image_generation_error: str | None = None,
) -> JsonDict:
    data: JsonDict = {
        "id": character.id,
        "drama_id": character.drama_id,
        "name": character.name,
        "role": character.role,
        "description": character.description,
        "appearance": character.appearance,
        "personality": character.personality,
        "voice_style": character.voice_style,
        "image_url": character.image_url,
    }
    put_optional(data, "local_path", storage_path(character.local_path))
    data.update(
        {
            "reference_images": character.reference_images,
            "seed_value": character.seed_value,
            "sort_order": character.sort_order,
            "created_at": required_timestamp(character.created_at),
            "updated_at": required_timestamp(character.updated_at),
        }
    )
    put_optional(data, "image_generation_status", image_generation_status)
    put_optional(data, "image_generation_error", image_generation_error)
    return data


def scene_to_json(
    scene: Scene,
    *,
    image_generation_status: str | None = None,
    image_generation_error: str | None = None,
) -> JsonDict:
    data: JsonDict = {
        "id": scene.id,
        "drama_id": scene.drama_id,
        "episode_id": scene.episode_id,
        "location": scene.location,
        "time": scene.time,
        "prompt": scene.prompt,
        "storyboard_count": scene.storyboard_count,
        "image_url": scene.image_url,
        "local_path": storage_path(scene.local_path),
        "status": scene.status,
        "created_at": required_timestamp(scene.created_at),
        "updated_at": required_timestamp(scene.updated_at),
    }
    put_optional(data, "image_generation_status", image_generation_status)
    put_optional(data, "image_generation_error", image_generation_error)
    return data


def prop_to_json(prop: Prop) -> JsonDict:
    data: JsonDict = {
        "id": prop.id,
        "drama_id": prop.drama_id,
        "name": prop.name,
        "type": prop.type,
        "description": prop.description,
        "prompt": prop.prompt,
        "image_url": prop.image_url,
    }
    put_optional(data, "local_path", storage_path(prop.local_path))
    data.update(
        {
            "reference_images": prop.reference_images,
            "created_at": required_timestamp(prop.created_at),
            "updated_at": required_timestamp(prop.updated_at),
            "drama": drama_placeholder(),
        }
    )
    return data


_SHOT_TEXT_FIELDS = (
    "title",
    "location",
    "time",
    "shot_type",
    "angle",
    "movement",
    "action",
    "result",
    "atmosphere",
    "image_prompt",
    "video_prompt",
    "bgm_prompt",
    "sound_effect",
    "dialogue",
    "description",
)


def storyboard_to_json(
    storyboard: Storyboard,
    *,
    background: JsonDict | None = None,
    characters: Rows = None,
    props: Rows = None,
) -> JsonDict:
    data: JsonDict = {
        "id": storyboard.id,
        "episode_id": storyboard.episode_id,
        "scene_id": storyboard.scene_id,
        "storyboard_number": storyboard.storyboard_number,
    }
    for field in _SHOT_TEXT_FIELDS:
        data[field] = getattr(storyboard, field)
    data.update(
        {
            "duration": storyboard.duration,
            "composed_image": storyboard.composed_image,
            "video_url": storyboard.video_url,
            "status": storyboard.status,
            "created_at": required_timestamp(storyboard.created_at),
            "updated_at": required_timestamp(storyboard.updated_at),
            "episode": episode_placeholder(),
        }
    )
    scene = loaded(storyboard, "background")
    if background is None and scene is not None:
        background = scene_to_json(scene)
    put_optional(data, "background", background)
    _relation(data, "characters", characters, storyboard, character_to_json)
    _relation(data, "props", props, storyboard, prop_to_json)
    return data


def frame_prompt_to_json(frame: FramePrompt) -> JsonDict:
    data: JsonDict = {
        "id": frame.id,
        "storyboard_id": frame.storyboard_id,
        "frame_type": frame.frame_type,
        "prompt": frame.prompt,
    }
    put_optional(data, "description", frame.description)
    put_optional(data, "layout", frame.layout)
    data["created_at"] = required_timestamp(frame.created_at)
    data["updated_at"] = required_timestamp(frame.updated_at)
    return data
