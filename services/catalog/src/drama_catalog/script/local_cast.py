"""Who is in a script, for the offline analyser: speakers, other names, roles, mentions."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from drama_catalog.script.beats import SceneBlock
from drama_catalog.script.models import ExtractedCharacter
from drama_catalog.script.prompt_base import Language, pick
from drama_catalog.script.prose_names import prose_names
from drama_catalog.script.script_text import has_cjk, name_pattern
from drama_catalog.script.speaker_names import profile_of, unify_speakers


@dataclass
class CastMember:
    """What the analyser learnt about one character."""

    name: str
    lines: int = 0
    scenes: set[int] = field(default_factory=set)
    first_line: str = ""
    notes: list[str] = field(default_factory=list)
    appearance: str = ""
    profile: str = ""


def mentions(name: str, text: str) -> bool:
    """Whether ``text`` names the character (whole word and any case for Latin names)."""
    return re.search(name_pattern(name), text, re.I) is not None


def addressed(name: str, line: str) -> bool:
    """Whether a spoken ``line`` calls the character by name ("林晓，你来了", "You're late,
    Mara."), not merely names them ("是刘总点的")."""
    called = name_pattern(name)
    opening = re.search(rf"(?:^|[。.！!？?…]\s*){called}\s*[，,！!？?。.…]", line, re.I)
    closing = re.search(rf"[，,]\s*{called}\s*(?:[！!？?。.…]|$)", line, re.I)
    return opening is not None or closing is not None


def _appearance(name: str, text: str) -> str:
    """The parenthetical right after a character's name in an action line."""
    pattern = re.escape(name) + r"\s*[（(]([^）)]{2,80})[）)]"
    match = re.search(pattern, text, 0 if has_cjk(name) else re.I)
    return match.group(1).strip() if match else ""


def gather_cast(
    scenes: list[SceneBlock], names: list[str], profiles: dict[str, str]
) -> list[CastMember]:
    """The characters: speakers in order of first line, with their lines counted, then the
    ``names`` known otherwise; with neither, recurring names found in the action. Speakers
    known by several forms of a name are renamed to the shortest (see ``speaker_names``)."""
    names = unify_speakers(scenes, names)
    cast: dict[str, CastMember] = {}
    for index, scene in enumerate(scenes):
        for beat in scene.beats:
            if beat.kind != "dialogue" or not beat.speaker:
                continue
            for speaker in (beat.speaker, *beat.others):
                member = cast.setdefault(speaker, CastMember(speaker))
                member.lines += 1
                member.scenes.add(index)
                member.first_line = member.first_line or beat.text
                if beat.note and beat.note not in member.notes:
                    member.notes.append(beat.note)
    if not cast and not names:
        action = "\n".join(beat.text for scene in scenes for beat in scene.beats)
        names = prose_names(action, has_cjk(action))
    for name in names:
        if name not in cast:
            cast[name] = CastMember(name)
    for member in cast.values():
        member.profile = profile_of(member.name, profiles)
        for index, scene in enumerate(scenes):
            for beat in scene.beats:
                if beat.kind != "dialogue" and mentions(member.name, beat.text):
                    member.scenes.add(index)
                    member.appearance = member.appearance or _appearance(member.name, beat.text)
    return list(cast.values())


def role_of(member: CastMember, top: int) -> str:
    """main / supporting / minor by share of the busiest character's line count."""
    if top == 0:
        return "main"
    share = member.lines / top
    if share >= 0.75:
        return "main"
    return "supporting" if share >= 0.3 else "minor"


def to_character(member: CastMember, top: int, language: Language) -> ExtractedCharacter:
    scenes = len(member.scenes)
    if member.lines:
        description = pick(
            language,
            f"{member.name}共有 {member.lines} 句台词，出现在 {scenes} 个场景中。"
            f"第一句台词：“{member.first_line}”",
            f"{member.name} has {member.lines} line(s) across {scenes} scene(s). "
            f'First words: "{member.first_line}"',
        )
    else:
        description = pick(
            language,
            f"{member.name}出现在 {scenes} 个场景中，没有台词。",
            f"{member.name} appears in {scenes} scene(s) without speaking.",
        )
    if member.profile:
        description = pick(language, f"{member.profile}。", f"{member.profile}. ") + description
    personality = ""
    if member.notes:
        personality = pick(
            language,
            "表演提示：" + "、".join(member.notes),
            "Delivery notes: " + "; ".join(member.notes),
        )
    return ExtractedCharacter(
        name=member.name,
        role=role_of(member, top),
        description=description,
        appearance=member.appearance,
        personality=personality,
    )
