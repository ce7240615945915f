"""Speaker cues and labelled lines: who says a line, how, and lines that are not speech.

Cues: ``名字：台词`` (also ``林晓OS：``, ``林晓、周远：`` said together, ``【林晓】台词``),
``NAME: line`` (with a full-width colon too), the stage-play ``MARTHA. Line``, a parenthetical
before or after the colon, and a name alone on its line with the speech below. Labels:
``音效：``/``SFX:`` lines are sounds, ``镜头3：特写 …``/``CLOSE ON:`` lines camera directions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from drama_catalog.script.beats import Beat
from drama_catalog.script.headings import EN_TIMES
from drama_catalog.script.script_text import has_cjk

_VOICE = r"(OS|VO|V\.O\.|O\.S\.)"
_ZH_NAME = r"(?:[\u4e00-\u9fff]{1,4}\s)?[\u4e00-\u9fff·][\u4e00-\u9fff·0-9A-Za-z]{0,7}?"
_ZH_SPEAKER = re.compile(
    rf"^({_ZH_NAME}(?:\s*[、/&]\s*{_ZH_NAME}){{0,4}})\s*{_VOICE}?\s*"
    r"(?:[（(]([^）)]{0,30})[）)])?\s*[：:]\s*(.*)$"
)
_EN_SPEAKER = re.compile(
    r"^([A-Z][A-Za-z'.\-]*(?: [A-Z][A-Za-z'.\-]*){0,2})\s*(?:[（(]([^)）]{0,40})[)）])?\s*[:：]"
    r"\s*(.*)$"
)
_STAGE_SPEAKER = re.compile(
    r"^([A-Z][A-Z'\-]+(?: [A-Z][A-Z'\-]+){0,2})\.\s+(?:\(([^)]{0,40})\)\s*)?(.+)$"
)
_BRACKET_SPEAKER = re.compile(
    r"^【([\u4e00-\u9fff·A-Za-z、/]{1,12})】\s*(?:[（(]([^）)]{0,30})[）)])?\s*(.*)$"
)
_EN_CUE_LINE = re.compile(
    r"^([A-Z][A-Z'.\-]*(?: [A-Z0-9][A-Z0-9'.\-]*){0,2})(?:\s*\(([^)]{0,40})\))?\s*\^?$"
)
_LONE_NAME = re.compile(r"^(?:[A-Z][a-z]+(?: [A-Z][a-z]+)?|[\u4e00-\u9fff·]{1,6})\s*\^?$")
PAREN_LINE = re.compile(r"^[（(]([^）)]*)[）)]$")
_LONE_WORDS = frozenset(
    {"Silence", "Darkness", "Nothing", "Blackout", "Black", "Meanwhile", "Suddenly", "Later"}
    | {"黑屏", "沉默", "寂静", "安静", "片刻", "无声", "良久"}
)
_SPACED_ZH_NAME = re.compile(r"^([\u4e00-\u9fff](?: +[\u4e00-\u9fff]){1,3}) *(?=[：:（(])")
_LEADING_PAREN = re.compile(r"^[（(]([^）)]{1,30})[）)]\s*")
_INLINE_PAREN = re.compile(r"[（(]([^）)]{1,30})[）)]")
_IGNORED_NOTES = re.compile(
    r"^(?:CONT'?D|CONTINUED|CONT\.|beat|a beat|then|pause|a moment|停顿|片刻)$", re.I
)
_SPEAKER_SEPARATOR = re.compile(r"\s*[、/&]\s*")
_LABEL = re.compile(r"^([A-Za-z\u4e00-\u9fff][A-Za-z\u4e00-\u9fff ]{0,15}?)\s*\d*\s*[：:]\s*(.*)$")
_SOUND_LABELS = frozenset(
    {"音效", "声音", "配乐", "音乐", "背景音乐", "bgm", "sfx", "sound", "sound effect", "music"}
)
_CAMERA_LABELS = frozenset(
    {
        "镜头",
        "画面",
        "空镜",
        "特写",
        "大特写",
        "近景",
        "中景",
        "远景",
        "全景",
        "close up",
        "close on",
        "closeup",
        "angle on",
        "pov",
        "wide",
        "wide shot",
        "insert",
        "establishing",
    }
)
SHOT_SIZES = ("大特写", "特写", "近景", "中景", "全景", "远景")
_LABEL_SIZES = {
    **{size: size for size in SHOT_SIZES},
    "空镜": "远景",
    "close up": "特写",
    "closeup": "特写",
    "close on": "特写",
    "wide": "远景",
    "wide shot": "远景",
    "establishing": "远景",
}
NARRATORS = frozenset({"旁白", "画外音", "narrator", "narration", "v.o.", "voice over"})
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
        "转场",
        "闪回",
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
        "montage",
        "intercut",
        "flashback",
        "end flashback",
        "series of shots",
        "back to scene",
        "later",
        "ok",
    }
    | _SOUND_LABELS
    | _CAMERA_LABELS
)
_SPEECH_VERB = re.compile(r"(?:说道|问道|笑道|喊道|说|问|道|喊|答)$")
_PRONOUNS = frozenset({"他", "她", "我", "你", "它", "他们", "她们", "我们", "你们"})
_EN_PRONOUNS = frozenset({"HE", "SHE", "IT", "THEY", "WE", "I", "YOU", "EVERYONE", "ALL"})
QUOTES = "\"'“”‘’「」『』"


@dataclass(frozen=True)
class LabelledLine:
    """A sound or camera line: its kind, the shot size it names, and its text."""

    kind: str
    framing: str
    text: str


def speaker_name(raw: str) -> str | None:
    name = raw.strip()
    if has_cjk(name):
        name = name.split()[-1]
        name = _SPEECH_VERB.sub("", name) or name
        if name in _PRONOUNS:
            return None
    elif name.isupper():
        name = name.title()
    if name.lower() in _NOT_SPEAKERS or name.lower().rstrip(".") in _NOT_SPEAKERS:
        return None
    return name


def delivery_note(raw: str) -> str:
    note = raw.strip()
    return "" if _IGNORED_NOTES.match(note) else note


def labelled_line(line: str) -> LabelledLine | None:
    """``音效：上课铃响`` (sound) or ``镜头3：特写，林晓握紧拳头`` (camera), else ``None``."""
    match = _LABEL.match(line)
    label = match.group(1).strip().lower() if match else ""
    if match is None or (label not in _SOUND_LABELS and label not in _CAMERA_LABELS):
        return None
    text = match.group(2).strip()
    if label in _SOUND_LABELS:
        return LabelledLine("sound", "", text)
    size = _LABEL_SIZES.get(label) or next((s for s in SHOT_SIZES if text.startswith(s)), "")
    if size and text.startswith(size):
        text = text[len(size) :].lstrip("，,：: ")
    return LabelledLine("camera", size, text)


def _zh_or_en_cue(line: str) -> tuple[str, str, str, str] | None:
    """``(speakers, voice, note, text)`` of a cue line."""
    zh = _ZH_SPEAKER.match(line)
    if zh:
        return zh.group(1), zh.group(2) or "", zh.group(3) or "", zh.group(4)
    stage = _STAGE_SPEAKER.match(line)
    if stage and (stage.group(1) in _EN_PRONOUNS or not re.search(r"[a-z]", stage.group(3))):
        stage = None
    other = _EN_SPEAKER.match(line) or stage or _BRACKET_SPEAKER.match(line)
    if other:
        return other.group(1), "", other.group(2) or "", other.group(3)
    return None


def without_asides(text: str, note: str) -> tuple[str, str]:
    """A Chinese line without the stage directions inside it (``好。（按下按钮）您好``), which
    join its delivery ``note`` instead of being read out."""
    if not has_cjk(text):
        return text, note
    asides = [delivery_note(aside) for aside in _INLINE_PAREN.findall(text)]
    return _INLINE_PAREN.sub("", text), "，".join(part for part in (note, *asides) if part)


def parse_cue(line: str) -> Beat | None:
    """A dialogue (or narration) beat when ``line`` starts with a speaker cue. A cue with only
    a parenthetical (``众人：（哄笑）``) is that character's action."""
    line = _SPACED_ZH_NAME.sub(lambda m: m.group(1).replace(" ", ""), line)
    cue = _zh_or_en_cue(line)
    if cue is None:
        return None
    raw, voice, note, text = cue[0], cue[1], delivery_note(cue[2]), cue[3].strip()
    leading = _LEADING_PAREN.match(text)
    if leading:
        note, text = note or leading.group(1).strip(), text[leading.end() :]
    text, note = without_asides(text, note)
    note = " ".join(part for part in (voice, note) if part)
    text = text.strip(QUOTES).strip()
    if raw.strip().lower() in NARRATORS:
        return Beat("narration", text, note=note)
    names = [speaker_name(part) for part in _SPEAKER_SEPARATOR.split(raw) if part]
    if not names or any(name is None for name in names):
        return None
    speakers = [name for name in names if name is not None]
    if not text and note and line.rstrip().endswith(("）", ")")):
        joined = "、".join(speakers) if has_cjk(raw) else " and ".join(speakers)
        return Beat("action", f"{joined}{note}" if has_cjk(note) else f"{joined} ({note})")
    return Beat("dialogue", text, speaker=speakers[0], note=note, others=speakers[1:])


def cue_alone(line: str, lone_names: frozenset[str]) -> Beat | None:
    """A speaker's name alone on its line (``MARA``, ``MARA (V.O.)``, ``【林晓】``, or a
    mixed-case name the script uses that way more than once), the speech to follow."""
    if line in lone_names:
        return Beat("dialogue", "", speaker=line.rstrip(" ^"))
    bracket = _BRACKET_SPEAKER.match(line)
    if bracket and not bracket.group(3):
        name = speaker_name(bracket.group(1))
        note = delivery_note(bracket.group(2) or "")
        return Beat("dialogue", "", speaker=name, note=note) if name else None
    alone = _EN_CUE_LINE.match(line)
    if not alone or alone.group(1).upper() in EN_TIMES:
        return None
    name = speaker_name(alone.group(1))
    if name is None:
        return None
    return Beat("dialogue", "", speaker=name, note=delivery_note(alone.group(2) or ""))


def lone_cue_names(lines: list[str]) -> frozenset[str]:
    """Names written alone on a line above the speech, in mixed case (``Jack``) or Chinese
    (``老周``). Once a script writes some name that way twice, or once above a parenthetical,
    every such line of it is a cue."""
    counts: dict[str, int] = {}
    for line, following in zip(lines, [*lines[1:], ""], strict=True):
        bare = line.rstrip(" ^")
        if _LONE_NAME.match(line) and following and speaker_name(bare) and bare not in _LONE_WORDS:
            weight = 2 if PAREN_LINE.match(following) else 1
            counts[line] = counts.get(line, 0) + weight
    if not any(count >= 2 for count in counts.values()):
        return frozenset()
    return frozenset(counts)
