"""The lines of one scene read into beats: speech under its cue, stage directions, action.

Speech under a name written alone on its line runs to the next blank line when the script
separates its blocks with blank lines (the screenplay layout), so lines wrapped by a PDF stay
one speech. Elsewhere a line continues the one before it only when that one breaks off mid
sentence (it ends with a comma, or an English line carries on in lower case). A parenthetical
under a cue is that speech's delivery note (a short one within the speech too); anywhere else
it is a stage direction, in its place. A sound line goes on the beat before it; a camera line
becomes an action beat with the shot size it names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from drama_catalog.script.beats import Beat, action_beats
from drama_catalog.script.cues import (
    PAREN_LINE,
    QUOTES,
    LabelledLine,
    cue_alone,
    delivery_note,
    labelled_line,
    parse_cue,
    without_asides,
)
from drama_catalog.script.headings import is_transition, parse_chapter
from drama_catalog.script.script_text import has_cjk

_OPEN_PAREN = re.compile(r"^[（(][^）)]*$")
_NAME = r"(?:(?:Mr|Mrs|Ms|Dr)\.\s)?[A-Z][a-z]+"
_CAST_IN_PARENS = re.compile(rf"^{_NAME}(?:,\s*{_NAME})+$")
_BREAKS_OFF = re.compile(r"[，,、；;：:]$")
_LATIN_END = re.compile(r"[A-Za-z0-9']$")


@dataclass(frozen=True)
class LineStyle:
    """How a script lays out its lines: names it writes alone above speech, and whether blank
    lines separate its blocks."""

    lone_names: frozenset[str] = frozenset()
    blocks: bool = False


def line_style(lines: list[str], lone_names: frozenset[str]) -> LineStyle:
    """The style of ``lines``: blocks when at least one line in five is blank."""
    blank = sum(1 for line in lines if not line)
    return LineStyle(lone_names, blocks=blank * 4 >= len(lines) - blank > 0)


def _is_delivery_note(text: str) -> bool:
    """A short parenthetical ("低声", "whispering") rather than a stage direction (a long one,
    a sentence, or several words in capitals: "(KNOCK AT THE DOOR)")."""
    text = text.strip()
    limit = 12 if has_cjk(text) else 30
    shouted = text.isupper() and len(text.split()) > 1
    return len(text) <= limit and not shouted and not re.search(r"[。！？.!?]$", text)


def _joined_parentheticals(lines: list[str]) -> list[str]:
    """Lines with a parenthetical wrapped over several lines put back on one."""
    joined: list[str] = []
    for line in lines:
        if joined and _OPEN_PAREN.match(joined[-1]) and line:
            joined[-1] = _join(joined[-1], line)
        else:
            joined.append(line)
    return joined


def _join(first: str, second: str) -> str:
    return first + ("" if has_cjk(first[-1:] + second[:1]) else " ") + second


def _continues(previous: str, line: str, in_block: bool) -> bool:
    """Whether ``line`` carries on the sentence ``previous`` broke off."""
    if _BREAKS_OFF.search(previous):
        return True
    latin = _LATIN_END.search(previous) is not None
    return latin and (in_block or line[:1].islower())


def _camera_beats(label: LabelledLine) -> list[Beat]:
    beats = action_beats(label.text)
    for beat in beats:
        beat.framing = label.framing
    return beats


def _unspoken(beat: Beat) -> list[Beat]:
    """A cue that never got its speech: the name (and note) as action, e.g. an entrance."""
    name = beat.speaker or ""
    text = f"{name}{beat.note}" if has_cjk(name + beat.note) else f"{name} ({beat.note})"
    return action_beats(text if beat.note else name)


class _Reader:
    """Beats of one scene, built line by line."""

    def __init__(self, style: LineStyle) -> None:
        self.style = style
        self.beats: list[Beat] = []
        self.speech_open = False
        self.in_block = False

    @property
    def last(self) -> Beat | None:
        return self.beats[-1] if self.beats else None

    def waiting_cue(self) -> Beat | None:
        last = self.last
        return last if last is not None and last.kind == "dialogue" and not last.text else None

    def close_cue(self) -> None:
        waiting = self.waiting_cue()
        if waiting is not None:
            self.beats.pop()
            self.beats.extend(_unspoken(waiting))

    def parenthetical(self, text: str) -> None:
        waiting = self.waiting_cue()
        speaking = self.last if self.speech_open else None
        if waiting is not None:
            waiting.note = waiting.note or delivery_note(text)
        elif speaking is not None and _is_delivery_note(text):
            note = delivery_note(text)
            speaking.note = "，".join(part for part in (speaking.note, note) if part)
        else:
            self.close_cue()
            self.speech_open = False
            self.beats.extend(action_beats(text.strip()))

    def cue(self, beat: Beat) -> None:
        self.close_cue()
        self.beats.append(beat)
        self.speech_open = False

    def text(self, line: str) -> None:
        last = self.last
        waiting = self.waiting_cue()
        if waiting is not None:
            text, waiting.note = without_asides(line, waiting.note)
            waiting.text = text.strip(QUOTES)
            self.speech_open = self.style.blocks
            return
        speaking = last is not None and last.kind != "action" and bool(last.text)
        if (
            last is not None
            and speaking
            and (self.speech_open or _continues(last.text, line, in_block=False))
        ):
            text, last.note = without_asides(line, last.note)
            last.text = _join(last.text, text.strip(QUOTES))
            return
        acting = last is not None and last.kind == "action" and not last.framing
        if (
            last is not None
            and acting
            and self.in_block
            and (_continues(last.text, line, in_block=self.style.blocks))
        ):
            self.beats.pop()
            self.beats.extend(action_beats(_join(last.text, line)))
            return
        self.speech_open = False
        self.beats.extend(action_beats(line))

    def read(self, line: str) -> None:
        if not line:
            self.speech_open = self.in_block = False
            return
        if is_transition(line) or parse_chapter(line) is not None:
            return
        label = labelled_line(line)
        paren = PAREN_LINE.match(line)
        cue = cue_alone(line, self.style.lone_names) or parse_cue(line)
        if label is not None and label.kind == "sound":
            self.beats.append(Beat("sound", label.text))
        elif label is not None:
            self.close_cue()
            self.beats.extend(_camera_beats(label))
        elif paren and _CAST_IN_PARENS.match(paren.group(1)):
            pass
        elif paren:
            self.parenthetical(paren.group(1))
        elif cue is not None:
            self.cue(cue)
        else:
            self.text(line)
        self.in_block = True


def cue_or_action(lines: list[str], style: LineStyle | None = None) -> list[Beat]:
    """Beats of the lines of one scene (blank lines kept: they end speeches and blocks)."""
    reader = _Reader(style or LineStyle())
    for line in _joined_parentheticals(lines):
        reader.read(line)
    reader.close_cue()
    beats = reader.beats
    sounds = [beat for beat in beats if beat.kind == "sound"]
    kept = [beat for beat in beats if beat.kind != "sound" and beat.text]
    for sound in sounds:
        target = next((b for b in reversed(kept) if beats.index(b) < beats.index(sound)), None)
        target = target or (kept[0] if kept else None)
        if target is None:
            kept.append(Beat("action", sound.text, sound=sound.text))
        else:
            joiner = "；" if has_cjk(target.sound + sound.text) else "; "
            target.sound = joiner.join(s for s in (target.sound, sound.text) if s)
    return kept
