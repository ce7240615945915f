"""Texts derived from a shot without a model: its summary, still-image and video prompts.

Formats follow the stored fields of api.md §2.16: the image prompt is comma-joined, the
video prompt is ``". "``-joined labelled parts ending with the ratio marker.
"""

from __future__ import annotations

import re
from typing import Protocol

from drama_catalog.script.prompt_base import IMAGE_RATIO, Language, pick, style_phrase

VIDEO_RATIO_MARKER = f"=VideoRatio: {IMAGE_RATIO}"

_PROGRESSION = re.compile(
    r"然后|随后|接着|紧接着|之后|接下来|于是|突然|忽然|猛地|渐渐|慢慢|开始|继续|转身|"
    r"\b(?:then|suddenly|afterwards|after that|finally|slowly|begins? to|starts? to)\b",
    re.I,
)
_TRIM = " ，。、；,.;!?！？…"


class ShotFields(Protocol):
    """What the derived texts read from a shot (a breakdown shot or a stored row)."""

    @property
    def location(self) -> str | None: ...
    @property
    def time(self) -> str | None: ...
    @property
    def shot_type(self) -> str | None: ...
    @property
    def angle(self) -> str | None: ...
    @property
    def movement(self) -> str | None: ...
    @property
    def action(self) -> str | None: ...
    @property
    def dialogue(self) -> str | None: ...
    @property
    def result(self) -> str | None: ...
    @property
    def atmosphere(self) -> str | None: ...
    @property
    def bgm_prompt(self) -> str | None: ...
    @property
    def sound_effect(self) -> str | None: ...


def _value(shot: ShotFields, field: str) -> str:
    return (getattr(shot, field, None) or "").strip()


def opening_pose(action: str) -> str:
    """The start of ``action`` before its first progression word (the still first frame)."""
    match = _PROGRESSION.search(action)
    head = action[: match.start()] if match and match.start() > 0 else action
    return head.strip(_TRIM)


def shot_description(shot: ShotFields, language: Language, emotion: str = "") -> str:
    """A six-line labelled summary: shot type, movement, action, dialogue, result, emotion."""
    labels = (
        ("shot_type", pick(language, "镜头", "Shot")),
        ("movement", pick(language, "运镜", "Camera")),
        ("action", pick(language, "动作", "Action")),
        ("dialogue", pick(language, "对白", "Dialogue")),
        ("result", pick(language, "结果", "Result")),
    )
    lines = [f"【{label}】{_value(shot, field)}" for field, label in labels]
    lines.append(f"【{pick(language, '情绪', 'Emotion')}】{emotion.strip()}")
    return "\n".join(lines)


def shot_image_prompt(
    shot: ShotFields, *, style: str | None, language: Language, emotion: str = ""
) -> str:
    """The still-image prompt of the shot's first frame."""
    parts: list[str] = []
    location, time = _value(shot, "location"), _value(shot, "time")
    if location:
        parts.append(f"{location}, {time}" if time else location)
    pose = opening_pose(_value(shot, "action"))
    if pose:
        parts.append(pose)
    for text in (_value(shot, "shot_type"), emotion.strip()):
        if text:
            parts.append(text)
    parts.append(style_phrase(style, language) or "anime style")
    parts.append("first frame")
    return ", ".join(parts)


def shot_video_prompt(
    shot: ShotFields, *, style: str | None, language: Language, emotion: str = ""
) -> str:
    """The video prompt: labelled non-empty parts, the style, then the ratio marker."""
    location, time = _value(shot, "location"), _value(shot, "time")
    scene = f"{location}, {time}" if location and time else location or time
    labelled = (
        ("Action", _value(shot, "action")),
        ("Dialogue", _value(shot, "dialogue")),
        ("Camera movement", _value(shot, "movement")),
        ("Shot type", _value(shot, "shot_type")),
        ("Camera angle", _value(shot, "angle")),
        ("Scene", scene),
        ("Atmosphere", _value(shot, "atmosphere")),
        ("Mood", emotion.strip()),
        ("Result", _value(shot, "result")),
        ("BGM", _value(shot, "bgm_prompt")),
        ("Sound effects", _value(shot, "sound_effect")),
        ("Style", style_phrase(style, language)),
    )
    parts = [f"{label}: {text.rstrip('.。')}" for label, text in labelled if text]
    parts.append(VIDEO_RATIO_MARKER)
    return ". ".join(parts)


def scene_prompt(location: str, time: str, *, style: str | None, language: Language) -> str:
    """An image prompt for an empty background (used when a model gave none)."""
    phrase = style_phrase(style, language)
    if language == "en":
        text = f"{location}, {time}, empty background, no people, wide establishing view"
    else:
        text = f"{location}，{time}，空无一人的背景，远景全貌"
    return f"{text}, {phrase}" if phrase else text
