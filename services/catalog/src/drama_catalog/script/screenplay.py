"""Reading screenplay-like text (Chinese or English) into scenes of dialogue and action beats.

Understood, besides the headings of ``headings``: speaker cues (``NAME: line``, ``名字：台词``,
with a parenthetical before or after the colon, or a capitalised name alone on its line above
the speech), lone parentheticals (a short one is a delivery note, a long one a stage direction),
and action lines. Text before the first heading is kept as an opening scene unless it is only a
title page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from drama_catalog.script.headings import EN_TIMES, is_transition, parse_chapter, parse_heading
from drama_catalog.script.prose_places import guess_place
from drama_catalog.script.script_notes import scene_note
from drama_catalog.script.script_text import guess_time, has_cjk, sentence_groups

BeatKind = Literal["dialogue", "narration", "action"]

_ZH_SPEAKER = re.compile(
    r"^([\u4e00-\u9fff·]{1,8}?)\s*(?:[（(]([^）)]{0,30})[）)])?\s*[：:]\s*(.*)$"
)
_EN_SPEAKER = re.compile(
    r"^([A-Z][A-Za-z'.\-]*(?: [A-Z][A-Za-z'.\-]*){0,2})\s*(?:[（(]([^)）]{0,40})[)）])?\s*[:：]"
    r"\s*(.*)$"
)
_EN_CUE_LINE = re.compile(r"^([A-Z][A-Z'.\-]*(?: [A-Z][A-Z'.\-]*){0,2})(?:\s*\(([^)]{0,40})\))?$")
_SPACED_ZH_NAME = re.compile(r"^([\u4e00-\u9fff](?: +[\u4e00-\u9fff]){1,3}) *(?=[：:（(])")
_PAREN_LINE = re.compile(r"^[（(]([^）)]*)[）)]$")
_LEADING_PAREN = re.compile(r"^[（(]([^）)]{1,30})[）)]\s*")
_IGNORED_NOTES = re.compile(r"^(?:CONT'?D|CONTINUED|CONT\.)$", re.I)
_NARRATORS = frozenset({"旁白", "画外音", "narrator", "narration", "v.o.", "voice over"})
_NOT_SPEAKERS = frozenset(
    {
        "时间",
        "地点",
        "人物",
        "场景",
        "备注",
        "注",
        "提示",
        "字幕",
        "内景",
        "外景",
        "time",
        "location",
        "place",
        "note",
        "notes",
        "scene",
        "title",
        "cast",
        "characters",
        "int",
        "ext",
        "fade in",
        "fade out",
        "fade to black",
        "cut to",
        "summary",
        "the end",
        "continued",
        "super",
        "insert",
        "montage",
        "intercut",
        "flashback",
        "end flashback",
        "series of shots",
        "back to scene",
        "later",
    }
)
_SPEECH_VERB = re.compile(r"(?:说道|问道|笑道|喊道|说|问|道|喊|答)$")
_PRONOUNS = frozenset({"他", "她", "我", "你", "它", "他们", "她们", "我们", "你们"})
_QUOTES = "\"'“”‘’「」『』"


@dataclass
class Beat:
    """One dialogue line, narration line or action passage."""

    kind: BeatKind
    text: str
    speaker: str | None = None
    note: str = ""


@dataclass
class SceneBlock:
    """A scene: where and when, and its beats in order."""

    location: str
    time: str
    beats: list[Beat] = field(default_factory=list)


def _speaker_name(raw: str) -> str | None:
    name = raw.strip()
    if has_cjk(name):
        name = _SPEECH_VERB.sub("", name) or name
        if name in _PRONOUNS:
            return None
    elif name.isupper():
        name = name.title()
    if name.lower() in _NOT_SPEAKERS or name.lower().rstrip(".") in _NOT_SPEAKERS:
        return None
    return name


def _note(raw: str) -> str:
    note = raw.strip()
    return "" if _IGNORED_NOTES.match(note) else note


def parse_cue(line: str) -> Beat | None:
    """A dialogue (or narration) beat when ``line`` starts with a speaker cue."""
    line = _SPACED_ZH_NAME.sub(lambda m: m.group(1).replace(" ", ""), line)
    match = _ZH_SPEAKER.match(line) or _EN_SPEAKER.match(line)
    if not match:
        return None
    raw, note, text = match.group(1), _note(match.group(2) or ""), match.group(3).strip()
    leading = _LEADING_PAREN.match(text)
    if leading:
        note, text = note or leading.group(1).strip(), text[leading.end() :]
    text = text.strip(_QUOTES).strip()
    if raw.strip().lower() in _NARRATORS:
        return Beat("narration", text, note=note)
    name = _speaker_name(raw)
    if name is None:
        return None
    return Beat("dialogue", text, speaker=name, note=note)


def action_beats(text: str) -> list[Beat]:
    limit = 60 if has_cjk(text) else 160
    return [Beat("action", group) for group in sentence_groups(text, limit)]


def _is_delivery_note(text: str) -> bool:
    """A short parenthetical ("低声", "whispering") rather than a stage direction."""
    text = text.strip()
    limit = 12 if has_cjk(text) else 30
    return len(text) <= limit and not re.search(r"[。！？.!?]$", text)


def _cue_alone(line: str) -> Beat | None:
    """A speaker's name alone on its line (``MARA``, ``MARA (V.O.)``), the speech to follow."""
    alone = _EN_CUE_LINE.match(line)
    if not alone or alone.group(1).upper() in EN_TIMES:
        return None
    name = _speaker_name(alone.group(1))
    if name is None:
        return None
    return Beat("dialogue", "", speaker=name, note=_note(alone.group(2) or ""))


def cue_or_action(lines: list[str]) -> list[Beat]:
    """Beats of consecutive lines inside one scene (screenplay mode: one action per line)."""
    beats: list[Beat] = []
    pending_note = ""
    for line in lines:
        if is_transition(line) or parse_chapter(line) is not None:
            continue
        paren = _PAREN_LINE.match(line)
        if paren and not _is_delivery_note(paren.group(1)):
            beats.extend(action_beats(paren.group(1).strip()))
            continue
        if paren:
            if beats and beats[-1].kind == "dialogue" and not beats[-1].text:
                beats[-1].note = beats[-1].note or _note(paren.group(1))
            else:
                pending_note = _note(paren.group(1))
            continue
        alone = _cue_alone(line)
        if alone is not None:
            beats.append(alone)
            continue
        cue = parse_cue(line)
        if cue is not None:
            cue.note = cue.note or pending_note
            pending_note = ""
            beats.append(cue)
            continue
        if beats and beats[-1].kind != "action" and not beats[-1].text:
            beats[-1].text = line.strip(_QUOTES)
            continue
        if pending_note:
            beats.extend(action_beats(pending_note))
            pending_note = ""
        beats.extend(action_beats(line))
    return [b for b in beats if b.text]


def _opening(lines: list[str], first: SceneBlock) -> SceneBlock | None:
    """The text before the first heading as a scene, unless it is only a title line; set where
    its words name a place, else where the first scene is."""
    story = [line for line in lines if line]
    if len(story) == 1 and not re.search(r"[。！？.!?：:]", story[0]) and len(story[0]) <= 40:
        return None
    text = " ".join(story)
    chinese = has_cjk(text)
    place = guess_place(text, chinese)
    scene = SceneBlock(
        location=place or first.location,
        time=guess_time(text, chinese) if place else first.time,
    )
    scene.beats = cue_or_action(story)
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
    for line in lines:
        heading = parse_heading(line) if line else None
        if heading is not None:
            if scenes:
                scenes[-1].beats.extend(cue_or_action(body))
            scenes.append(SceneBlock(location=heading[0], time=heading[1]))
            body = []
        elif not scenes:
            preamble.append(line)
        elif line and not _apply_note(scenes[-1], line):
            body.append(line)
    if not scenes:
        return []
    scenes[-1].beats.extend(cue_or_action(body))
    opening = _opening(preamble, scenes[0])
    if opening is not None:
        scenes.insert(0, opening)
    return [s for s in scenes if s.beats]
