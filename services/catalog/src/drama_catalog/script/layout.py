"""How a script is laid out, and its scenes read accordingly.

Title-page and cast-list lines are set aside first. A script with scene headings is then a
screenplay; without headings, a script most of whose lines are speaker cues is a dialogue
script (one scene, read line by line); anything else is prose.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from drama_catalog.script.beats import SceneBlock
from drama_catalog.script.cues import lone_cue_names, parse_cue
from drama_catalog.script.headings import is_transition, parse_chapter
from drama_catalog.script.prose import speech_in_action, split_prose
from drama_catalog.script.prose_places import guess_place
from drama_catalog.script.scene_lines import cue_or_action, line_style
from drama_catalog.script.screenplay import split_screenplay
from drama_catalog.script.script_notes import ScriptNotes, strip_notes
from drama_catalog.script.script_text import clean_line, guess_time, has_cjk, raw_lines

DIALOGUE_SHARE = 0.5


@dataclass
class ScriptLayout:
    """The scenes of a script, names of characters known beyond its speakers, and the profiles
    its cast list gave."""

    scenes: list[SceneBlock]
    names: list[str] = field(default_factory=list)
    profiles: dict[str, str] = field(default_factory=dict)


def _is_dialogue_script(lines: list[str]) -> bool:
    story = [line for line in lines if line and not is_transition(line)]
    story = [line for line in story if parse_chapter(line) is None]
    cues = sum(1 for line in story if (cue := parse_cue(line)) is not None and cue.text)
    return cues >= 2 and cues >= DIALOGUE_SHARE * len(story)


def read_script(text: str) -> ScriptLayout:
    """The scenes of ``text`` as a screenplay, a dialogue script or prose."""
    notes = ScriptNotes()
    lines = strip_notes([clean_line(line) for line in raw_lines(text)], notes)
    scenes = split_screenplay(lines)
    if not scenes and _is_dialogue_script(lines):
        story = " ".join(lines)
        chinese = has_cjk(story)
        scene = SceneBlock(location=guess_place(story, chinese), time=guess_time(story, chinese))
        scene.beats = cue_or_action(lines, line_style(lines, lone_cue_names(lines)))
        scenes = [scene] if scene.beats else []
    if scenes:
        speech_in_action(scenes)
        return ScriptLayout(scenes, notes.listed, notes.profiles)
    blocks, names = split_prose("\n".join(lines))
    listed = [name for name in notes.listed if name not in names]
    return ScriptLayout(blocks, names + listed, notes.profiles)
