"""Prose (a story with no scene headings) cut into scenes of dialogue and action beats.

Chapters (``第一章 …``, ``Chapter 2``, a Markdown heading, a ``* * *`` break) start scenes; a
scene's place and time are guessed from its title and text. Quoted speech becomes a dialogue
beat when its speaker can be told (see ``_attribute``); a quote whose speaker cannot be told stays
in the action, with the narration around it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from drama_catalog.script.beats import Beat, SceneBlock, action_beats
from drama_catalog.script.cues import parse_cue
from drama_catalog.script.headings import parse_chapter
from drama_catalog.script.prose_names import prose_names
from drama_catalog.script.prose_places import guess_place
from drama_catalog.script.prose_speech import (
    PRONOUNS,
    attribution_after,
    attribution_before,
)
from drama_catalog.script.script_text import guess_time, has_cjk, name_pattern

_QUOTE = re.compile(r"“([^”]*)”|「([^」]*)」|『([^』]*)』|\"([^\"]*)\"")
_PRONOUN_START = re.compile(r"^\s*(?:[他她我]|(?:he|she|I)\b)", re.I)
_WRITTEN = re.compile(
    r"(?:写着|写道|写的是|印着|刻着|显示|标着|上面是|题着|reads|read|says on|is written|"
    r"labelled|labeled|engraved)\s*[：:,]?\s*$"
)
_ONLY_PUNCTUATION = re.compile(r"^[\s，。！？、；：,.!?;:…—\-]*$")


@dataclass
class _Chapter:
    title: str
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class _Part:
    kind: str
    text: str
    speaker: str | None = None


@dataclass
class _Speakers:
    """The known names, and who spoke last, for resolving pronouns and bare quotes."""

    names: list[str]
    recent: list[str] = field(default_factory=list)
    guess_exchanges: bool = True

    def __post_init__(self) -> None:
        self.names = sorted(self.names, key=len, reverse=True)

    def first_named_in(self, text: str) -> str | None:
        """The known name that comes first in ``text`` (Latin names as whole words)."""
        found = [
            (match.start(), name)
            for name in self.names
            if (match := re.search(name_pattern(name), text)) is not None
        ]
        return min(found)[1] if found else None

    def other_of_exchange(self) -> str | None:
        if not self.guess_exchanges:
            return None
        if len(self.recent) >= 2:
            return self.recent[-2]
        if len(self.recent) == 1 and len(self.names) == 2:
            return next(name for name in self.names if name != self.recent[0])
        return None

    def spoke(self, name: str) -> None:
        if not self.recent or self.recent[-1] != name:
            self.recent.append(name)

    def acting_speaker(self, name: str | None) -> str | None:
        """The known character a cue names with an action after it (陆远笑了：…), if any."""
        if not name:
            return None
        return next((n for n in self.names if name != n and name.startswith(n)), None)

    def is_speaker(self, name: str | None) -> bool:
        """Whether a cue's name is a known character or reads as a name."""
        return name is None or name in self.names or is_name_like(name)

    def resolve(self, raw: str | None) -> str | None:
        """The character an attribution names, or ``None`` for a pronoun or a bare verb."""
        if not raw:
            return None
        known = next((name for name in self.names if raw.startswith(name)), None)
        return known or (raw if is_name_like(raw) else None)


def is_name_like(raw: str) -> bool:
    """Whether an attributed speaker reads as a name or role, not a pronoun or a clause."""
    if raw.lower() in PRONOUNS or raw.startswith(("他", "她", "我", "你", "它", "这", "那")):
        return False
    return 2 <= len(raw) <= 4 if has_cjk(raw) else raw[:1].isupper()


def _is_cue_line(line: str) -> bool:
    """A ``名字：台词`` line inside prose: its own paragraph, never joined to the next."""
    cue = parse_cue(line)
    return cue is not None and bool(cue.text) and (cue.speaker is None or is_name_like(cue.speaker))


def _chapters(text: str) -> list[_Chapter]:
    chapters = [_Chapter("")]
    paragraph: list[str] = []
    lines = [line.strip() for line in text.replace("\r\n", "\n").split("\n")]
    single_block = len([block for block in re.split(r"\n\s*\n", text) if block.strip()]) == 1

    def flush() -> None:
        if paragraph:
            chapters[-1].paragraphs.append(" ".join(paragraph))
            paragraph.clear()

    for line in lines:
        title = parse_chapter(line) if line else None
        if title is not None:
            flush()
            chapters.append(_Chapter(title))
        elif not line:
            flush()
        elif _is_cue_line(line):
            flush()
            paragraph.append(line)
            flush()
        else:
            paragraph.append(line)
            if single_block:
                flush()
    flush()
    chapters = [chapter for chapter in chapters if chapter.paragraphs]
    first = chapters[0] if chapters else None
    if first is not None and not first.title and len(first.paragraphs) > 1:
        opening = first.paragraphs[0]
        if len(opening) <= 40 and not re.search(r"[。！？.!?，,：:“”\"]", opening):
            first.title = first.paragraphs.pop(0)
    return chapters


def _flatten(paragraph: str, chinese: bool) -> str:
    return "".join(paragraph.split()) if chinese else " ".join(paragraph.split())


def _parts(paragraph: str) -> list[_Part]:
    parts: list[_Part] = []
    position = 0
    for match in _QUOTE.finditer(paragraph):
        if match.start() > position:
            parts.append(_Part("narration", paragraph[position : match.start()]))
        spoken = next(group for group in match.groups() if group is not None)
        parts.append(_Part("quote", spoken.strip()))
        position = match.end()
    if position < len(paragraph):
        parts.append(_Part("narration", paragraph[position:]))
    return parts


def _is_a_term(quoted: str, following: str) -> bool:
    """A short quote without punctuation run into the sentence (只剩下“清风”两个字): a name or
    term, not speech."""
    return (
        len(quoted) <= 8
        and not re.search(r"[。！？!?…，,.]", quoted)
        and re.match(r"[\u4e00-\u9fffA-Za-z]", following) is not None
    )


def _last_sentence(text: str) -> str:
    """The sentence ``text`` ends with (the one leading into a quote)."""
    return re.split(r"(?<=[。！？!?…])|(?<=[.!?])\s+", text.rstrip())[-1]


def _attribute(parts: list[_Part], chinese: bool, speakers: _Speakers) -> None:
    """Give each quote its speaker, taking attribution clauses out of the narration. Without a
    name next to it, a quote belongs to the first character named in the sentence leading
    into it, else since the previous quote, else to whoever spoke last in the paragraph, else
    to the first character named right after it. Only a quote standing alone in its paragraph, or
    attributed to a pronoun, is given to the other side of a two-person exchange; one led in
    by a colon without a verb of speech (``第一页写着：“……”``) is written text and stays in the
    action."""
    alone = all(p.kind == "quote" or _ONLY_PUNCTUATION.match(p.text) for p in parts)
    since_last_quote = ""
    in_paragraph: str | None = None
    for index, part in enumerate(parts):
        if part.kind != "quote":
            since_last_quote += part.text
            continue
        before = parts[index - 1] if index and parts[index - 1].kind == "narration" else None
        after = parts[index + 1] if index + 1 < len(parts) else None
        after = after if after is not None and after.kind == "narration" else None
        lead = attribution_before(before.text, chinese) if before is not None else None
        tail = attribution_after(after.text, chinese) if after is not None and not lead else None
        found = lead or tail
        leading_in = before.text if before is not None else ""
        following = after.text if after is not None else ""
        guess_exchange = alone or found is not None or _PRONOUN_START.match(following) is not None
        if (not lead and _WRITTEN.search(leading_in)) or _is_a_term(part.text, following):
            part.speaker = None
        else:
            part.speaker = (
                speakers.resolve(found.speaker if found is not None else None)
                or speakers.first_named_in(_last_sentence(since_last_quote))
                or speakers.first_named_in(since_last_quote)
                or in_paragraph
                or speakers.first_named_in(following)
                or (speakers.other_of_exchange() if guess_exchange else None)
            )
        if part.speaker and before is not None and lead is not None:
            before.text = before.text[: len(before.text) - lead.length]
        if part.speaker and after is not None and tail is not None:
            after.text = after.text[tail.length :]
        if part.speaker:
            speakers.spoke(part.speaker)
            in_paragraph = part.speaker
        since_last_quote = ""


def _paragraph_beats(paragraph: str, chinese: bool, speakers: _Speakers) -> list[Beat]:
    flat = _flatten(paragraph, chinese)
    cue = parse_cue(flat)
    acting = speakers.acting_speaker(cue.speaker) if cue is not None else None
    if cue is not None and cue.text and acting is not None:
        speakers.spoke(acting)
        acted = action_beats(cue.speaker or "")
        return [*acted, Beat("dialogue", cue.text, speaker=acting, note=cue.note)]
    if cue is not None and cue.text and speakers.is_speaker(cue.speaker):
        if cue.speaker:
            speakers.spoke(cue.speaker)
        return [cue]
    parts = _parts(flat)
    _attribute(parts, chinese, speakers)
    beats: list[Beat] = []
    action = ""
    for part in parts:
        if part.kind == "quote" and part.speaker and part.text:
            spoken = part.text.rstrip(",，")
            previous = beats[-1] if beats else None
            if _ONLY_PUNCTUATION.match(action) and previous and previous.speaker == part.speaker:
                ended = re.search(r"[。！？!?….]$", previous.text) is not None
                joiner = ("" if ended else "，") if chinese else (" " if ended else ", ")
                previous.text = previous.text.rstrip(",，") + joiner + spoken
            else:
                beats.extend(_narration_beats(action))
                beats.append(Beat("dialogue", spoken, speaker=part.speaker))
            action = ""
        elif part.kind == "quote":
            action += f"“{part.text}”" if chinese else f'"{part.text}"'
        else:
            action += part.text
    return beats + _narration_beats(action)


def _narration_beats(text: str) -> list[Beat]:
    text = " ".join(text.split()).lstrip(" ，,。.！!？?；;：:").rstrip(" ，,：:")
    return [] if _ONLY_PUNCTUATION.match(text) else action_beats(text)


def _quoted_speakers(chapters: list[_Chapter], chinese: bool) -> list[str]:
    names: list[str] = []
    for chapter in chapters:
        for paragraph in chapter.paragraphs:
            parts = _parts(_flatten(paragraph, chinese))
            for index, part in enumerate(parts):
                if part.kind != "narration":
                    continue
                found = [
                    attribution_before(part.text, chinese) if index + 1 < len(parts) else None,
                    attribution_after(part.text, chinese) if index else None,
                ]
                for attribution in found:
                    speaker = attribution.speaker if attribution else ""
                    if speaker and is_name_like(speaker) and speaker not in names:
                        names.append(speaker)
    return names


def split_prose(text: str) -> tuple[list[SceneBlock], list[str]]:
    """The scenes of a story told in prose, and the names of its likely characters."""
    chinese = has_cjk(text)
    chapters = _chapters(text)
    story = "\n".join(p for chapter in chapters for p in chapter.paragraphs)
    names = prose_names(story, chinese)
    names += [name for name in _quoted_speakers(chapters, chinese) if name not in names]
    speakers = _Speakers(names)
    blocks: list[SceneBlock] = []
    for chapter in chapters:
        body = _QUOTE.sub(" ", " ".join(chapter.paragraphs))
        block = SceneBlock(
            location=guess_place(chapter.title, chinese) or guess_place(body, chinese),
            time=guess_time(f"{chapter.title} {body}", chinese),
        )
        speakers.recent.clear()
        for paragraph in chapter.paragraphs:
            block.beats.extend(_paragraph_beats(paragraph, chinese, speakers))
        if block.beats:
            blocks.append(block)
    return blocks, names


def speech_in_action(scenes: list[SceneBlock]) -> None:
    """Split action lines that carry quoted speech (``"Mom!" Leo says.``) into action and
    dialogue beats, where the speech is a named character's; other quotes stay action."""
    action = " ".join(b.text for s in scenes for b in s.beats if b.kind == "action")
    spoken = [name for s in scenes for b in s.beats for name in ([b.speaker] if b.speaker else [])]
    names = list(dict.fromkeys(spoken + prose_names(action, chinese=has_cjk(action))))
    speakers = _Speakers(names, guess_exchanges=False)
    for scene in scenes:
        beats: list[Beat] = []
        for beat in scene.beats:
            if beat.kind == "action" and _QUOTE.search(beat.text):
                beats.extend(_paragraph_beats(beat.text, has_cjk(beat.text), speakers))
            else:
                beats.append(beat)
        scene.beats = beats
