"""From a parsed model reply (:func:`~drama_catalog.script.llm_json.parse_model_json`) to
typed results. Each accepts the bare array the prompts ask for, the usual object wrappers
(``{"characters": [...]}``, ``{"backgrounds": [...]}``, ``{"storyboards": [...]}``…) and a
single object; items without their key field (name, location) are skipped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from drama_catalog.script.llm_json import ModelReplyShapeError, clean_text
from drama_catalog.script.models import (
    BreakdownBatch,
    BreakdownShot,
    CharacterRef,
    ExtractedCharacter,
    ExtractedProp,
    ExtractedScene,
    FramePrompt,
    to_bool,
)

Item = TypeVar("Item", bound=BaseModel)


def _items(data: Any, wrappers: Sequence[str], key: str, what: str) -> list[dict[str, Any]]:
    """The list of objects in ``data``: bare, wrapped under one of ``wrappers``, or single."""
    if isinstance(data, dict):
        for wrapper in wrappers:
            inner = data.get(wrapper)
            if isinstance(inner, list):
                data = inner
                break
        else:
            if key in data:
                data = [data]
            elif len(data) == 1 and isinstance(next(iter(data.values())), list):
                data = next(iter(data.values()))
    if not isinstance(data, list):
        raise ModelReplyShapeError(
            f"expected a JSON array of {what}, got {type(data).__name__}", str(data)[:200]
        )
    return [item for item in data if isinstance(item, dict)]


def _lower_keys(item: dict[str, Any]) -> dict[str, Any]:
    return {str(k).strip().lower(): v for k, v in item.items()}


def _models(
    items: Iterable[dict[str, Any]], model: type[Item], key: str, unique: bool = True
) -> list[Item]:
    seen: set[str] = set()
    result: list[Item] = []
    for raw in items:
        item = _lower_keys(raw)
        name = clean_text(item.get(key))
        if not name or (unique and name in seen):
            continue
        try:
            result.append(model.model_validate(item))
        except ValidationError:
            continue
        seen.add(name)
    return result


def parse_characters(data: Any) -> list[ExtractedCharacter]:
    """Characters (F8/F9), unique by name."""
    items = _items(data, ("characters", "roles", "data"), "name", "characters")
    return _models(items, ExtractedCharacter, "name")


def parse_scenes(data: Any) -> list[ExtractedScene]:
    """Backgrounds (F13), unique by location and time."""
    items = _items(data, ("backgrounds", "scenes", "data"), "location", "scenes")
    scenes = _models(items, ExtractedScene, "location", unique=False)
    seen: set[tuple[str, str]] = set()
    unique: list[ExtractedScene] = []
    for scene in scenes:
        if (scene.location, scene.time) not in seen:
            seen.add((scene.location, scene.time))
            unique.append(scene)
    return unique


def parse_props(data: Any) -> list[ExtractedProp]:
    """Props (F11), unique by name; ``prompt`` is accepted for ``image_prompt``."""
    items = _items(data, ("props", "items", "data"), "name", "props")
    for item in items:
        if not clean_text(item.get("image_prompt")) and clean_text(item.get("prompt")):
            item["image_prompt"] = item["prompt"]
    return _models(items, ExtractedProp, "name")


def _cast_ids(value: Any, by_name: dict[str, int]) -> Any:
    """Character names the model used instead of ids, turned into ids."""
    values = value if isinstance(value, list) else [value]
    resolved: list[Any] = []
    for item in values:
        text = clean_text(item) if not isinstance(item, dict) else None
        if text is not None and not text.isdigit() and text.lower() in by_name:
            resolved.append(by_name[text.lower()])
        elif isinstance(item, dict) and "id" not in item and clean_text(item.get("name")):
            resolved.append(by_name.get(str(item["name"]).strip().lower()))
        else:
            resolved.append(item)
    return resolved


def parse_breakdown(
    data: Any,
    *,
    characters: Sequence[CharacterRef] = (),
    first_shot_number: int = 1,
) -> list[BreakdownShot]:
    """Storyboard shots (F15) in reply order.

    Names in ``characters`` are mapped to ids using ``characters``; a missing or zero
    ``shot_number`` gets the next number after the previous shot.
    """
    by_name = {c.name.strip().lower(): c.id for c in characters}
    items = _items(data, ("storyboards", "shots", "storyboard", "data"), "shot_number", "shots")
    shots: list[BreakdownShot] = []
    next_number = first_shot_number
    for raw in items:
        item = _lower_keys(raw)
        if "characters" in item:
            item["characters"] = _cast_ids(item["characters"], by_name)
        try:
            shot = BreakdownShot.model_validate(item)
        except ValidationError:
            continue
        if shot.shot_number <= 0:
            shot.shot_number = next_number
        next_number = shot.shot_number + 1
        shots.append(shot)
    return shots


def parse_breakdown_batch(
    data: Any,
    *,
    characters: Sequence[CharacterRef] = (),
    first_shot_number: int = 1,
    last_shot_number: int | None = None,
) -> BreakdownBatch:
    """One batch of a breakdown (see ``storyboard_batch_prompt``).

    ``done`` is the model's ``done`` flag; a batch with fewer shots than asked for also means
    the script is covered. Shots numbered beyond ``last_shot_number`` are dropped.
    """
    shots = parse_breakdown(data, characters=characters, first_shot_number=first_shot_number)
    if last_shot_number is not None:
        shots = [s for s in shots if s.shot_number <= last_shot_number]
    done = to_bool(data.get("done")) if isinstance(data, dict) else False
    if last_shot_number is not None:
        done = done or len(shots) < last_shot_number - first_shot_number + 1
    return BreakdownBatch(shots=shots, done=done or not shots)


def parse_frame_prompt(data: Any) -> FramePrompt:
    """A frame prompt (F17): an object with a non-empty ``prompt``."""
    if isinstance(data, list) and data and isinstance(data[0], dict):
        data = data[0]
    if not isinstance(data, dict):
        raise ModelReplyShapeError("expected a JSON object with a prompt", str(data)[:200])
    item = _lower_keys(data)
    if not clean_text(item.get("prompt")):
        raise ModelReplyShapeError("the frame prompt reply has no prompt", str(data)[:200])
    return FramePrompt.model_validate(item)
