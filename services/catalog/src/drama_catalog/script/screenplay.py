"""Reading screenplay-like text (Chinese or English) into scenes of dialogue and action beats.

Understood: scene headings (``INT. X - NIGHT``, ``EXT.``, ``SCENE 3: …``, ``第N场 …``,
``【场景】…``, ``场景：…``, a line that is only ``【…】``), speaker cues (``NAME: line``,
``名字：台词``, with an optional parenthetical before the colon), lone parentheticals, and
action lines; Markdown emphasis and heading marks around them are ignored. Chapter headings
(``第一章``, ``Chapter 2``) and section breaks are recognised so that they are not taken as action.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

BeatKind = Literal["dialogue", "narration", "action"]

_EN_HEADING = re.compile(
    r"^(?:\d+[.)]?\s+)?(?:INT\.?/EXT\.?|EXT\.?/INT\.?|I/E\.?|INT\.|EXT\.|INT |EXT )\s*(.+)$"
)
_EN_SCENE = re.compile(r"^SCENE\s+\d+\s*[:.\-–—]?\s*(.*)$", re.I)
_ZH_HEADINGS = (
    re.compile(r"^第\s*[0-9０-９一二三四五六七八九十百零〇]+\s*场\s*[：:.、\s]*(.*)$"),
    re.compile(r"^【\s*场景\s*】\s*[：:]?\s*(.+)$"),
    re.compile(r"^场景\s*[0-9一二三四五六七八九十]*\s*[：:]\s*(.+)$"),
    re.compile(r"^【([^】]{2,30})】$"),
)
_ZH_SPEAKER = re.compile(
    r"^([\u4e00-\u9fff·]{1,8}?)\s*(?:[（(]([^）)]{0,30})[）)])?\s*[：:]\s*(.*)$"
)
_EN_SPEAKER = re.compile(
    r"^([A-Z][A-Za-z'.\-]*(?: [A-Z][A-Za-z'.\-]*){0,2})\s*(?:\(([^)]{0,40})\))?\s*:\s*(.*)$"
)
_EN_CUE_LINE = re.compile(r"^([A-Z][A-Z'.\-]*(?: [A-Z][A-Z'.\-]*){0,2})(?:\s*\(([^)]{0,40})\))?$")
_PAREN_LINE = re.compile(r"^[（(]([^）)]*)[）)]$")
_CHAPTERS = (
    re.compile(
        r"^第\s*[0-9０-９一二三四五六七八九十百千零〇两]+\s*[章节回幕集卷]\s*[：:.、\s]*(.*)$"
    ),
    re.compile(r"^(?:chapter|part)\s+[\w-]+\s*[:.\-–—]?\s*(.*)$", re.I),
    re.compile(r"^#{1,6}\s*(.*)$"),
)
_TRANSITION = re.compile(
    r"^(?:(?:SMASH |MATCH |JUMP )?CUT(?: TO)?|DISSOLVE(?: TO)?|WIPE(?: TO)?|FADE (?:IN|OUT)"
    r"|FADE TO(?: BLACK)?|切至|切到|转场|转至|淡入|淡出|黑场|闪回结束)\s*[:：.。]?$",
    re.I,
)
_MARKUP = re.compile(r"\*\*|__|^\s*>\s?")
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s*")
_SECTION_BREAK = re.compile(r"^(?:[*＊·•~=\-—]\s*){3,}$")
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
        "cut to",
        "summary",
        "the end",
        "continued",
    }
)
_SPEECH_VERB = re.compile(r"(?:说道|问道|笑道|喊道|说|问|道|喊|答)$")
_PRONOUNS = frozenset({"他", "她", "我", "你", "它", "他们", "她们", "我们", "你们"})
_ZH_TIMES = (
    "深夜",
    "午夜",
    "凌晨",
    "黎明",
    "清晨",
    "早晨",
    "早上",
    "上午",
    "中午",
    "午后",
    "下午",
    "傍晚",
    "黄昏",
    "日落",
    "晚上",
    "夜晚",
    "夜间",
    "白天",
    "日",
    "夜",
)
_EN_TIMES = frozenset(
    {
        "NIGHT",
        "DAY",
        "DAWN",
        "DUSK",
        "MORNING",
        "EVENING",
        "AFTERNOON",
        "NOON",
        "MIDNIGHT",
        "SUNSET",
        "SUNRISE",
        "LATER",
        "CONTINUOUS",
        "LATE NIGHT",
        "EARLY MORNING",
    }
)
_QUOTES = "\"'“”‘’「」『』"
_SENTENCE = re.compile(r"(?<=[。！？!?…])|(?<=[.!?])\s+")


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


def has_cjk(text: str) -> bool:
    return re.search(r"[\u4e00-\u9fff]", text) is not None


def _split_en_place(rest: str) -> tuple[str, str]:
    parts = [p.strip() for p in re.split(r"\s+[-–—]+\s+|\s*--\s*", rest) if p.strip()]
    if len(parts) >= 2:
        return " - ".join(parts[:-1]), parts[-1]
    words = rest.strip()
    for time in sorted(_EN_TIMES, key=len, reverse=True):
        if words.upper().endswith(" " + time):
            return words[: -len(time)].strip(" -,"), words[-len(time) :]
    return words, ""


def _split_zh_place(rest: str) -> tuple[str, str]:
    rest = re.sub(r"(?:^|[\s,，/|·\-–—])(内景|外景|内|外)(?=$|[\s,，/|·\-–—])", " ", rest)
    tokens = [t for t in re.split(r"[\s,，/|·\-–—]+", rest) if t]
    place: list[str] = []
    times: list[str] = []
    for token in tokens:
        (times if token in _ZH_TIMES else place).append(token)
    if not times and place:
        last = place[-1]
        for time in _ZH_TIMES:
            if last.endswith(time) and len(last) > len(time):
                place[-1], times = last[: -len(time)], [time]
                break
    return " ".join(place), " ".join(times)


def parse_heading(line: str) -> tuple[str, str] | None:
    """``(location, time)`` when ``line`` is a scene heading."""
    match = _EN_HEADING.match(line) or _EN_SCENE.match(line)
    if match:
        return _split_en_place(match.group(1))
    for pattern in _ZH_HEADINGS:
        match = pattern.match(line)
        if match:
            rest = match.group(1).strip()
            if rest in _NARRATORS or not rest:
                return None if not pattern.pattern.startswith("^第") else ("", "")
            return _split_zh_place(rest) if has_cjk(rest) else _split_en_place(rest)
    return None


def parse_chapter(line: str) -> str | None:
    """The title of a chapter heading or section break ("" for a bare break), else ``None``."""
    if _SECTION_BREAK.match(line):
        return ""
    for pattern in _CHAPTERS:
        match = pattern.match(line)
        if match:
            return match.group(1).strip(" #*")
    return None


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


def parse_cue(line: str) -> Beat | None:
    """A dialogue (or narration) beat when ``line`` starts with a speaker cue."""
    match = _ZH_SPEAKER.match(line) or _EN_SPEAKER.match(line)
    if not match:
        return None
    raw, note, text = match.group(1), (match.group(2) or "").strip(), match.group(3).strip()
    text = text.strip(_QUOTES).strip()
    if raw.strip().lower() in _NARRATORS or note.lower() in _NARRATORS:
        return Beat("narration", text, note=note)
    name = _speaker_name(raw)
    if name is None:
        return None
    return Beat("dialogue", text, speaker=name, note=note)


def sentence_groups(text: str, limit: int) -> list[str]:
    """``text`` cut into runs of whole sentences of at most about ``limit`` characters."""
    sentences = [s.strip() for s in _SENTENCE.split(text) if s and s.strip()]
    groups: list[str] = []
    for sentence in sentences:
        joiner = "" if has_cjk(sentence) or (groups and has_cjk(groups[-1])) else " "
        if groups and len(groups[-1]) + len(sentence) <= limit:
            groups[-1] = groups[-1] + joiner + sentence
        else:
            groups.append(sentence)
    return groups


def action_beats(text: str) -> list[Beat]:
    limit = 60 if has_cjk(text) else 160
    return [Beat("action", group) for group in sentence_groups(text, limit)]


def _is_delivery_note(text: str) -> bool:
    """A short parenthetical ("低声", "whispering") rather than a stage direction."""
    text = text.strip()
    limit = 12 if has_cjk(text) else 30
    return len(text) <= limit and not re.search(r"[。！？.!?]$", text)


def cue_or_action(lines: list[str]) -> list[Beat]:
    """Beats of consecutive lines inside one scene (screenplay mode: one action per line)."""
    beats: list[Beat] = []
    pending_note = ""
    for line in lines:
        if _TRANSITION.match(line):
            continue
        paren = _PAREN_LINE.match(line)
        if paren and not _is_delivery_note(paren.group(1)):
            beats.extend(action_beats(paren.group(1).strip()))
            continue
        if paren:
            if beats and beats[-1].kind == "dialogue" and not beats[-1].text:
                beats[-1].note = beats[-1].note or paren.group(1).strip()
            else:
                pending_note = paren.group(1).strip()
            continue
        alone = _EN_CUE_LINE.match(line)
        name = _speaker_name(alone.group(1)) if alone else None
        if alone and name and alone.group(1).upper() not in _EN_TIMES:
            beats.append(Beat("dialogue", "", speaker=name, note=(alone.group(2) or "").strip()))
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


def guess_time(text: str, chinese: bool) -> str:
    if chinese:
        found = next((t for t in _ZH_TIMES if len(t) > 1 and t in text), None)
        return found or ("夜晚" if "夜" in text else "白天")
    lowered = text.lower()
    for word in ("midnight", "night", "dawn", "dusk", "evening", "morning", "afternoon"):
        if re.search(rf"\b{word}\b", lowered):
            return word
    return "day"


def raw_lines(text: str) -> list[str]:
    """The lines of ``text`` whatever its line endings, stripped of (full-width) spaces."""
    return [line.strip() for line in re.split(r"\r\n|\r|\n", text.replace("\u3000", " "))]


def clean_line(line: str) -> str:
    """A line without Markdown emphasis or quoting marks."""
    return _MARKUP.sub("", line).strip()


def split_screenplay(text: str) -> list[SceneBlock]:
    """The scenes of ``text`` by its scene headings; none when it has no heading. Chapter
    headings and section breaks between scenes are not beats."""
    scenes: list[SceneBlock] = []
    body: list[str] = []
    for raw in raw_lines(text):
        line = clean_line(raw)
        heading = parse_heading(_MARKDOWN_HEADING.sub("", line)) if line else None
        if heading is not None:
            if scenes:
                scenes[-1].beats.extend(cue_or_action(body))
            scenes.append(SceneBlock(location=heading[0], time=heading[1]))
            body = []
        elif line and parse_chapter(raw) is None:
            body.append(line)
    if scenes:
        scenes[-1].beats.extend(cue_or_action(body))
    return [s for s in scenes if s.beats]
