"""What the script readers produce: scenes, and the beats (dialogue, narration, action) in them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from drama_catalog.script.script_text import has_cjk, sentence_groups

BeatKind = Literal["dialogue", "narration", "action", "sound"]


@dataclass
class Beat:
    """One dialogue line, narration line or action passage (or, while a scene is read, a sound
    line waiting to be put on one).

    ``others`` are further speakers of a line said together; ``sound`` is a sound effect the
    script puts on this beat; ``framing`` is a shot size the script asks for ("特写")."""

    kind: BeatKind
    text: str
    speaker: str | None = None
    note: str = ""
    others: list[str] = field(default_factory=list)
    sound: str = ""
    framing: str = ""


@dataclass
class SceneBlock:
    """A scene: where and when, and its beats in order."""

    location: str
    time: str
    beats: list[Beat] = field(default_factory=list)


def action_beats(text: str) -> list[Beat]:
    """``text`` as action beats of whole sentences, short enough for one shot each."""
    limit = 60 if has_cjk(text) else 160
    return [Beat("action", group) for group in sentence_groups(text, limit)]
