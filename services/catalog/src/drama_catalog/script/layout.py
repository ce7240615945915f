"""How a script is laid out, and its scenes read accordingly.

A script with scene headings is a screenplay. Without headings, a script most of whose lines are
speaker cues is a dialogue script (one scene, read line by line); anything else is prose.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from drama_catalog.script.prose import split_prose
from drama_catalog.script.prose_places import guess_place
from drama_catalog.script.screenplay import (
    SceneBlock,
    clean_line,
    cue_or_action,
    guess_time,
    has_cjk,
    parse_chapter,
    parse_cue,
    raw_lines,
    split_screenplay,
)

DIALOGUE_SHARE = 0.5


@dataclass
class ScriptLayout:
    """The scenes of a script, and names of characters known beyond its speakers."""

    scenes: list[SceneBlock]
    names: list[str] = field(default_factory=list)


def _dialogue_lines(text: str) -> list[str] | None:
    lines = [clean_line(raw) for raw in raw_lines(text) if raw and parse_chapter(raw) is None]
    lines = [line for line in lines if line]
    cues = sum(1 for line in lines if (cue := parse_cue(line)) is not None and cue.text)
    return lines if cues >= 2 and cues >= DIALOGUE_SHARE * len(lines) else None


def read_script(text: str) -> ScriptLayout:
    """The scenes of ``text`` as a screenplay, a dialogue script or prose."""
    scenes = split_screenplay(text)
    if scenes:
        return ScriptLayout(scenes)
    lines = _dialogue_lines(text)
    if lines is not None:
        chinese = has_cjk(text)
        scene = SceneBlock(location=guess_place(text, chinese), time=guess_time(text, chinese))
        scene.beats = cue_or_action(lines)
        return ScriptLayout([scene] if scene.beats else [])
    blocks, names = split_prose(text)
    return ScriptLayout(blocks, names)
