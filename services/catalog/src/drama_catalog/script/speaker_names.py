"""One name per character: ``DETECTIVE ROSS`` and ``ROSS``, ``护士小李`` and ``小李``, are one
person, known by the shorter name; ``陆远笑了：`` is 陆远 speaking with a smile."""

from __future__ import annotations

import re

from drama_catalog.script.beats import SceneBlock
from drama_catalog.script.script_text import has_cjk

_ACTION_TAIL = re.compile(r"[了着笑叹哭喊]")


def shorter_form(long: str, short: str) -> bool:
    """Whether ``short`` is ``long`` without a title or role in front."""
    if long == short or len(short) < 2:
        return False
    if has_cjk(long):
        return long.endswith(short)
    return long.split()[-1].lower() == short.lower() and len(long.split()) > 1


def _acting_form(cue: str, name: str) -> bool:
    """Whether a Chinese cue is a speaker's name with an action after it (``陆远笑了``)."""
    rest = cue[len(name) :] if cue.startswith(name) and len(name) >= 2 else ""
    return has_cjk(cue) and 1 <= len(rest) <= 4 and _ACTION_TAIL.search(rest) is not None


def _canonical(name: str, names: list[str]) -> str:
    shorter = [other for other in names if shorter_form(name, other)]
    return min(shorter, key=len) if shorter else name


def unify_speakers(scenes: list[SceneBlock], listed: list[str]) -> list[str]:
    """Rename every speaker to the shortest form of its name found among the speakers, and
    return the ``listed`` names that are not already speakers under some form."""
    speakers = list(
        dict.fromkeys(
            name
            for scene in scenes
            for beat in scene.beats
            for name in ([beat.speaker, *beat.others] if beat.speaker else [])
        )
    )
    for scene in scenes:
        for beat in scene.beats:
            if beat.speaker is None:
                continue
            actor = next((s for s in speakers if _acting_form(beat.speaker, s)), None)
            if actor is not None:
                beat.note = beat.note or beat.speaker[len(actor) :]
                beat.speaker = actor
            beat.speaker = _canonical(beat.speaker, speakers)
            beat.others = [_canonical(name, speakers) for name in beat.others]
    return [
        name
        for name in listed
        if not any(name == s or shorter_form(name, s) or shorter_form(s, name) for s in speakers)
    ]


def profile_of(name: str, profiles: dict[str, str]) -> str:
    """The cast-list profile of ``name``, listed under that name or a longer or shorter form."""
    for listed, profile in profiles.items():
        listed = listed if has_cjk(listed) else listed.title()
        if listed == name or shorter_form(listed, name) or shorter_form(name, listed):
            return profile
    return ""
