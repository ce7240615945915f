"""Lines that structure a script rather than tell it: scene headings, chapter headings, section
breaks, transitions and end markers.

Scene headings understood: ``INT. X - NIGHT``, ``EXT.``, ``SCENE 3: …`` (also after Markdown
``#``), ``第N场 …``, ``【场景】…``, ``场景一：…``, a line that is only ``【place time】``, and
numbered headings ``1. 医院走廊 日 内`` / ``1-2 客厅 夜`` whose words name a time or 内/外.
"""

from __future__ import annotations

import re

from drama_catalog.script.prose_places import guess_place
from drama_catalog.script.script_text import ZH_TIMES, has_cjk

_ZH_NUMERAL = "0-9一二三四五六七八九十百零〇两"
_EN_HEADING = re.compile(
    r"^(?:\d+[A-Z]?[.)]?\s+)?(?:INT\.?/EXT\.?|EXT\.?/INT\.?|I/E\.?|INT\.|EXT\.|INT |EXT )\s*(.+)$"
)
_SCENE_NUMBER_AFTER = re.compile(r"\s+\d+[A-Z]?\.?$")
_EN_SCENE = re.compile(r"^SCENE\s+\d+\s*[:.\-–—]?\s*(.*)$", re.I)
_ZH_HEADINGS = (
    re.compile(rf"^第\s*[{_ZH_NUMERAL}]+\s*场\s*[：:.、\s]*(.*)$"),
    re.compile(r"^【\s*场景\s*】\s*[：:]?\s*(.+)$"),
    re.compile(rf"^【\s*场景\s*[{_ZH_NUMERAL}]*\s*[：:]\s*([^】]+)】$"),
    re.compile(rf"^场景\s*[{_ZH_NUMERAL}]*\s*[：:]\s*(.+)$"),
    re.compile(r"^【([^】：:]{2,30})】$"),
)
_BRACKETED_ONLY = _ZH_HEADINGS[-1]
_MARKERS = re.compile(
    r"^(?:闪回|闪回结束|回忆|回忆结束|梦境|梦境结束|现实|插叙|插叙结束|flashback|end flashback"
    r"|back to present|dream sequence|end dream)$",
    re.I,
)
_LABELS_IN_HEADING = re.compile(r"(?:时间|地点)\s*[：:]|\s*(?:人物|出场人物)\s*[：:].*$")
_NUMBERED = re.compile(r"^\d+(?:\s*[-－—.]\s*\d+)?\s*[.、)）]?\s*(\S.*)$")
_INTERIOR = frozenset({"内", "外", "内景", "外景", "内/外", "外/内"})
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s*")
_FORCED_HEADING = re.compile(r"^\.(?=[A-Z\u4e00-\u9fff])(.+)$")
_CHAPTERS = (
    re.compile(rf"^第\s*[{_ZH_NUMERAL}千]+\s*[章节回幕集卷]\s*[：:.、\s]*(.*)$"),
    re.compile(r"^(?:chapter|part|episode|act)\s+[\w-]+\s*[:.\-–—]?\s*(.*)$", re.I),
    re.compile(r"^(?:SCENE|Scene)\s+[A-Z]{1,2}()$"),
    re.compile(r"^#{1,6}\s*(.*)$"),
)
_SECTION_BREAK = re.compile(r"^(?:[*＊·•~=\-—]\s*){3,}$")
_TRANSITION = re.compile(
    r"^(?:(?:SMASH |MATCH |JUMP )?CUT(?: TO)?|DISSOLVE(?: TO)?|WIPE(?: TO)?|FADE (?:IN|OUT)"
    r"|FADE TO(?: BLACK)?|BACK TO(?: SCENE)?|INTERCUT|COLD OPEN|TEASER|PROLOGUE|THE END|END"
    r"|END OF (?:EPISODE|ACT \w+)|TO BE CONTINUED|切至|切到|转至|淡入|淡出|黑场"
    r"|序幕|楔子|开场|全剧终|剧终|未完待续|(?:第[^\s]{1,4}集)?完|(?:转场|TRANSITION)(?:\s*[:：].*)?)"
    r"\s*[:：.。!！]?$",
    re.I,
)
_DECORATION = re.compile(r"^[\s\-—–=~*＊·•（()）【】\[\]]+|[\s\-—–=~*＊·•（()）【】\[\]]+$")
EN_TIMES = frozenset(
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
        "MOMENTS LATER",
        "SAME",
        "SAME TIME",
    }
)
_ZH_SEPARATOR = r"[\s,，/|·\-–—]"


def _split_en_place(rest: str) -> tuple[str, str]:
    rest = _SCENE_NUMBER_AFTER.sub("", rest.strip()).rstrip(".")
    sentences = [p.strip() for p in re.split(r"[.,;]\s+", rest) if p.strip()]
    if len(sentences) >= 2 and sentences[-1].upper() in EN_TIMES:
        return ", ".join(sentences[:-1]), sentences[-1]
    parts = [p.strip() for p in re.split(r"\s+[-–—]+\s+|\s*--\s*", rest) if p.strip()]
    if len(parts) >= 2:
        return " - ".join(parts[:-1]), parts[-1]
    words = rest.strip()
    for time in sorted(EN_TIMES, key=len, reverse=True):
        if words.upper().endswith(" " + time):
            return words[: -len(time)].strip(" -,"), words[-len(time) :]
    return words, ""


def _split_zh_place(rest: str) -> tuple[str, str]:
    rest = re.sub(rf"(?:^|{_ZH_SEPARATOR})(内景|外景|内|外)(?=$|{_ZH_SEPARATOR})", " ", rest)
    tokens = [t for t in re.split(rf"{_ZH_SEPARATOR}+", rest) if t]
    place: list[str] = []
    times: list[str] = []
    for token in tokens:
        (times if token in ZH_TIMES else place).append(token)
    if not times and place:
        last = place[-1]
        for time in ZH_TIMES:
            if last.endswith(time) and len(last) > len(time):
                whole = len(last) - len(time) == 1 and len(place) > 1
                place[-1:], times = ([], [last]) if whole else ([last[: -len(time)]], [time])
                break
    return " ".join(place), " ".join(times)


def _numbered_heading(line: str) -> tuple[str, str] | None:
    """``1. 医院走廊 日 内``: a number, then words of which one is a time or 内/外."""
    match = _NUMBERED.match(line)
    if not match or not has_cjk(match.group(1)):
        return None
    words = re.split(rf"{_ZH_SEPARATOR}+", match.group(1).strip())
    if len(words) < 2 or len(words) > 5 or not any(w in ZH_TIMES or w in _INTERIOR for w in words):
        return None
    return _split_zh_place(match.group(1))


def _names_a_setting(words: str) -> bool:
    """Whether a bracketed line (``【客厅 夜】``) names a place and time, not a speaker
    (``【林晓】``) or a marker (``【闪回】``)."""
    tokens = re.split(rf"{_ZH_SEPARATOR}+", words.strip())
    if any(token in ZH_TIMES or token in _INTERIOR for token in tokens):
        return True
    if _MARKERS.match(words):
        return False
    return len(tokens) == 1 and (len(words) > 4 or bool(guess_place(words, chinese=True)))


def parse_heading(line: str) -> tuple[str, str] | None:
    """``(location, time)`` when ``line`` is a scene heading (``.PLACE - TIME`` forced, as in
    Fountain)."""
    line = _MARKDOWN_HEADING.sub("", line)
    forced = _FORCED_HEADING.match(line)
    if forced:
        return _split_en_place(forced.group(1))
    match = _EN_HEADING.match(line) or _EN_SCENE.match(line)
    if match:
        return _split_en_place(match.group(1))
    for pattern in _ZH_HEADINGS:
        match = pattern.match(line)
        if match and pattern is _BRACKETED_ONLY and not _names_a_setting(match.group(1)):
            return None
        if match:
            rest = _LABELS_IN_HEADING.sub(" ", match.group(1)).strip()
            if not rest or rest in {"旁白", "画外音"}:
                return None if not pattern.pattern.startswith("^第") else ("", "")
            return _split_zh_place(rest) if has_cjk(rest) else _split_en_place(rest)
    return _numbered_heading(line)


def parse_chapter(line: str) -> str | None:
    """The title of a chapter heading or section break ("" for a bare break), else ``None``."""
    if _SECTION_BREAK.match(line):
        return ""
    for pattern in _CHAPTERS:
        match = pattern.match(line)
        if match:
            return match.group(1).strip(" #*")
    return None


def is_transition(line: str) -> bool:
    """``CUT TO:``, ``FADE OUT.``, ``——第一集完——``, ``THE END``: not part of any shot."""
    bare = _DECORATION.sub("", line)
    return _TRANSITION.match(bare) is not None or _MARKERS.match(bare) is not None
