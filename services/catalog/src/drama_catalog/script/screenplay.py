"""Reading screenplay-like text (Chinese or English) into scenes of dialogue and action beats.

A script is cut into scenes at the headings of ``headings``; each scene's lines are read by
``scene_lines``. Text before the first heading is kept as an opening scene unless it is only a
title page.
"""

from __future__ import annotations

import re

from drama_catalog.script.beats import SceneBlock
from drama_catalog.script.cues import lone_cue_names
from drama_catalog.script.headings import parse_heading
from drama_catalog.script.prose_places import guess_place
from drama_catalog.script.scene_lines import LineStyle, cue_or_action, line_style
from drama_catalog.script.script_notes import scene_note
from drama_catalog.script.script_text import guess_time, has_cjk


def _opening(lines: list[str], first: SceneBlock, style: LineStyle) -> SceneBlock | None:
    """The text before the first heading as a scene, unless it is only a title line; set where
    its words name a place, else where the first scene is."""
    story = [line for line in lines if line]
    if all(len(line) <= 40 and not re.search(r"[。！？.!?：:]", line) for line in story):
        return None
    text = " ".join(story)
    chinese = has_cjk(text)
    place = guess_place(text, chinese)
    scene = SceneBlock(
        location=place or first.location,
        time=guess_time(text, chinese) if place else first.time,
    )
    scene.beats = cue_or_action(lines, style)
    return scene if scene.beats else None


def _apply_note(scene: SceneBlock, line: str) -> bool:
    """Whether ``line`` was a ``时间：`` / ``地点：`` note, filling what the heading left out."""
    note = scene_note(line)
    if note is None:
        return False
    if note.field == "time" and not scene.time:
        scene.time = note.value
    if note.field == "place" and not scene.location:
        scene.location = note.value
    return True


def split_screenplay(lines: list[str]) -> list[SceneBlock]:
    """The scenes of a script's lines by its scene headings; none when it has no heading."""
    scenes: list[SceneBlock] = []
    body: list[str] = []
    preamble: list[str] = []
    style = line_style(lines, lone_cue_names(lines))
    for line in lines:
        heading = parse_heading(line) if line else None
        if heading is not None:
            if scenes:
                scenes[-1].beats.extend(cue_or_action(body, style))
            scenes.append(SceneBlock(location=heading[0], time=heading[1]))
            body = []
        elif not scenes:
            preamble.append(line)
        elif not line or not _apply_note(scenes[-1], line):
            body.append(line)
    if not scenes:
        return []
    scenes[-1].beats.extend(cue_or_action(body, style))
    opening = _opening(preamble, scenes[0], style)
    if opening is not None:
        scenes.insert(0, opening)
    return [s for s in scenes if s.beats]
