"""Typed results of the script flows, tolerant of what language models actually send.

Text fields accept numbers and treat ``null`` / ``"null"`` / ``"undefined"`` / ``""`` as
empty; integers accept ``"5"``, ``5.0``, ``"5s"`` and ``"5秒"``; id lists accept a single id,
numeric strings, and skip what is not an id.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from drama_catalog.script.llm_json import clean_text

_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def to_text(value: Any) -> str:
    """A model value as text; absent values become ``""``."""
    if isinstance(value, list):
        return "，".join(t for t in (clean_text(v) for v in value) if t)
    return clean_text(value) or ""


def to_int_or_none(value: Any) -> int | None:
    """The first number in ``value`` rounded to an integer, else ``None``."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return round(value)
    text = clean_text(value)
    match = _NUMBER.search(text) if text else None
    return round(float(match.group())) if match else None


def to_int(value: Any) -> int:
    number = to_int_or_none(value)
    return number if number is not None else 0


def to_ids(value: Any) -> list[int]:
    """A list of positive integer ids, in order, without duplicates."""
    items = value if isinstance(value, list) else [value]
    ids: list[int] = []
    for item in items:
        if isinstance(item, dict):
            item = item.get("id")
        if isinstance(item, str):
            item = item.strip()
            if not (item.isascii() and item.isdigit()):
                continue
        number = to_int_or_none(item)
        if number is not None and number > 0 and number not in ids:
            ids.append(number)
    return ids


def to_bool(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in {"true", "yes", "1", "是"}
    return bool(value)


Text = Annotated[str, BeforeValidator(to_text)]
Int = Annotated[int, BeforeValidator(to_int)]
OptionalId = Annotated[int | None, BeforeValidator(lambda v: to_int_or_none(v) or None)]
Ids = Annotated[list[int], BeforeValidator(to_ids)]
Bool = Annotated[bool, BeforeValidator(to_bool)]

FrameKind = Literal["first", "key", "last", "action"]
FrameType = Literal["first", "key", "last", "panel", "action"]


class _Tolerant(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)


class ExtractedCharacter(_Tolerant):
    """A character as generated (F8) or extracted from a script (F9)."""

    name: Text
    role: Text = ""
    description: Text = ""
    appearance: Text = ""
    personality: Text = ""
    voice_style: Text = ""


class ExtractedScene(_Tolerant):
    """A background: one distinct location and time of day (F13)."""

    location: Text
    time: Text = ""
    prompt: Text = ""
    atmosphere: Text = ""


class ExtractedProp(_Tolerant):
    """A plot-relevant or visually distinctive object (F11); ``image_prompt`` is English."""

    name: Text
    type: Text = ""
    description: Text = ""
    image_prompt: Text = ""


class BreakdownShot(_Tolerant):
    """One shot of a storyboard breakdown (F15); ``characters`` are character ids."""

    shot_number: Int = 0
    title: Text = ""
    shot_type: Text = ""
    angle: Text = ""
    movement: Text = ""
    location: Text = ""
    time: Text = ""
    action: Text = ""
    dialogue: Text = ""
    result: Text = ""
    atmosphere: Text = ""
    emotion: Text = ""
    duration: Int = 0
    bgm_prompt: Text = ""
    sound_effect: Text = ""
    characters: Ids = Field(default_factory=list)
    scene_id: OptionalId = None
    is_primary: Bool = False


class BreakdownBatch(_Tolerant):
    """One batch of a breakdown: its shots, and whether the script is fully covered."""

    shots: list[BreakdownShot]
    done: bool


class FramePrompt(_Tolerant):
    """An image prompt for one frame of a shot, with a short description."""

    prompt: Text
    description: Text = ""


class CharacterRef(BaseModel):
    """A character the storyboard prompt may cast, by id."""

    id: int
    name: str


class SceneRef(BaseModel):
    """A background the storyboard prompt may pick, by id."""

    id: int
    location: str
    time: str = ""
    episode_id: int | None = None
