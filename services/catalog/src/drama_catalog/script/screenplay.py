"""Reading screenplay-like text (Chinese or English) into scenes of dialogue and action beats.

Understood, besides the headings of ``headings`` and the cues and labels of ``cues``: lone
parentheticals (a short one is a delivery note, a long one a stage direction) and action lines.
Text before the first heading is kept as an opening scene unless it is only a title page.
"""

from __future__ import annotations

import re

from drama_catalog.script.beats import Beat, SceneBlock, action_beats
from drama_catalog.script.cues import (
    QUOTES,
    LabelledLine,
    cue_alone,
    delivery_note,
    labelled_line,
    lone_cue_names,
    parse_cue,
    without_asides,
)
from drama_catalog.script.headings import is_transition, parse_chapter, parse_heading
from drama_catalog.script.prose_places import guess_place
from drama_catalog.script.script_notes import scene_note
from drama_catalog.script.script_text import guess_time, has_cjk

_PAREN_LINE = re.compile(r"^[（(]([^）)]*)[）)]$")
_CAST_IN_PARENS = re.compile(r"^[A-Z][a-z]+(?:,\s*[A-Z][a-z]+)+$")


def _is_delivery_note(text: str) -> bool:
    """A short parenthetical ("低声", "whispering") rather than a stage direction (a long one,
    a sentence, or several words in capitals: "(KNOCK AT THE DOOR)")."""
    text = text.strip()
    limit = 12 if has_cjk(text) else 30
    shouted = text.isupper() and len(text.split()) > 1
    return len(text) <= limit and not shouted and not re.search(r"[。！？.!?]$", text)


def _camera_beats(label: LabelledLine) -> list[Beat]:
    beats = action_beats(label.text)
    for beat in beats:
        beat.framing = label.framing
    return beats


def cue_or_action(lines: list[str], lone_names: frozenset[str] = frozenset()) -> list[Beat]:
    """Beats of consecutive lines inside one scene (screenplay mode: one action per line). A
    sound line goes on the beat before it (the first beat when none is), a camera line becomes
    an action beat with the shot size it names."""
    beats = _line_beats(lines, lone_names)
    sounds = [beat for beat in beats if beat.kind == "sound"]
    kept = [beat for beat in beats if beat.kind != "sound" and beat.text]
    for sound in sounds:
        target = next((b for b in reversed(kept) if beats.index(b) < beats.index(sound)), None)
        target = target or (kept[0] if kept else None)
        if target is None:
            kept.append(Beat("action", sound.text, sound=sound.text))
        else:
            target.sound = "；".join(s for s in (target.sound, sound.text) if s)
    return kept


def _line_beats(lines: list[str], lone_names: frozenset[str]) -> list[Beat]:
    beats: list[Beat] = []
    pending_note = ""
    for line in lines:
        if is_transition(line) or parse_chapter(line) is not None:
            continue
        label = labelled_line(line)
        if label is not None and label.kind == "sound":
            beats.append(Beat("sound", label.text))
            continue
        if label is not None:
            beats.extend(_camera_beats(label))
            continue
        paren = _PAREN_LINE.match(line)
        if paren and _CAST_IN_PARENS.match(paren.group(1)):
            continue
        if paren and not _is_delivery_note(paren.group(1)):
            beats.extend(action_beats(paren.group(1).strip()))
            continue
        if paren:
            if beats and beats[-1].kind == "dialogue" and not beats[-1].text:
                beats[-1].note = beats[-1].note or delivery_note(paren.group(1))
            else:
                pending_note = delivery_note(paren.group(1))
            continue
        alone = cue_alone(line, lone_names)
        if alone is not None:
            beats.extend(action_beats(pending_note) if pending_note else [])
            pending_note = ""
            beats.append(alone)
            continue
        cue = parse_cue(line)
        if cue is not None:
            cue.note = cue.note or pending_note
            pending_note = ""
            beats.append(cue)
            continue
        if beats and beats[-1].kind != "action" and not beats[-1].text:
            text, beats[-1].note = without_asides(line, beats[-1].note)
            beats[-1].text = text.strip(QUOTES)
            continue
        if pending_note:
            beats.extend(action_beats(pending_note))
            pending_note = ""
        beats.extend(action_beats(line))
    return beats


def _opening(lines: list[str], first: SceneBlock, lone_names: frozenset[str]) -> SceneBlock | None:
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
    scene.beats = cue_or_action(story, lone_names)
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
    lone_names = lone_cue_names(lines)
    for line in lines:
        heading = parse_heading(line) if line else None
        if heading is not None:
            if scenes:
                scenes[-1].beats.extend(cue_or_action(body, lone_names))
            scenes.append(SceneBlock(location=heading[0], time=heading[1]))
            body = []
        elif not scenes:
            preamble.append(line)
        elif line and not _apply_note(scenes[-1], line):
            body.append(line)
    if not scenes:
        return []
    scenes[-1].beats.extend(cue_or_action(body, lone_names))
    opening = _opening(preamble, scenes[0], lone_names)
    if opening is not None:
        scenes.insert(0, opening)
    return [s for s in scenes if s.beats]
