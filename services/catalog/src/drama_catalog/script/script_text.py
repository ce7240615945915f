"""Plain-text helpers shared by the script readers: lines, sentences, language, time of day."""

from __future__ import annotations

import re

ZH_TIMES = (
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
    "晨",
    "早",
    "午",
    "晚",
)
_EN_TIME_WORDS = ("midnight", "night", "dawn", "dusk", "evening", "morning", "afternoon", "noon")
_FULL_WIDTH_ALNUM = {code: code - 0xFEE0 for code in range(0xFF10, 0xFF5B) if chr(code).isalnum()}
_MARKUP = re.compile(r"\*+|__|^\s*>\s?|^[△▲●■◆]\s*")
_ABBREVIATION = r"(?<!\bMr\.)(?<!\bMrs\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bSt\.)(?<!\bJr\.)(?<!\bSr\.)"
_SENTENCE = re.compile(
    r"(?<=[。！？…])(?![”」』’…。！？])"
    r"|(?<=[。！？…][”」』’])"
    r"|(?<=[!?])(?=[\u4e00-\u9fff])"
    r"|" + _ABBREVIATION + r"(?<=[.!?])\s+"
)


_CONTROL = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def readable(text: str) -> str:
    """``text`` without control characters and terminal escape sequences (newlines and tabs
    stay), so that none reaches a prompt."""
    return _CONTROL.sub("", text)


def has_cjk(text: str) -> bool:
    return re.search(r"[\u4e00-\u9fff]", text) is not None


def name_pattern(name: str) -> str:
    """A pattern finding ``name`` in text: as written for a Chinese name, as a whole word for a
    Latin one."""
    return re.escape(name) if has_cjk(name) else rf"\b{re.escape(name)}\b"


_ANNOTATIONS = (
    (re.compile(r"/\*.*?\*/", re.S), ""),
    (re.compile(r"\[\[.*?\]\]", re.S), ""),
    (re.compile(r"^[ \t]*=(?!=)[^\n]*$", re.M), ""),
    (re.compile(r"^[ \t]*>\s*(.*?)\s*<[ \t]*$", re.M), r"\1"),
)


def without_annotations(text: str) -> str:
    """``text`` without the writer's notes: Fountain's boneyard (``/* … */``), notes
    (``[[ … ]]``) and synopses (``= …``), and with centred text (``> THE END <``) uncentred."""
    for pattern, replacement in _ANNOTATIONS:
        text = pattern.sub(replacement, text)
    return text


def raw_lines(text: str) -> list[str]:
    """The lines of ``text`` whatever its line endings, stripped of (full-width) spaces and of
    writer's notes, with full-width digits and Latin letters made plain ("场景１" → "场景1")."""
    text = without_annotations(readable(text))
    text = text.replace("\u3000", " ").translate(_FULL_WIDTH_ALNUM)
    return [line.strip() for line in re.split(r"\r\n|\r|\n", text)]


def clean_line(line: str) -> str:
    """A line without Markdown emphasis or quoting marks, nor a leading ``△`` action mark (a
    ``***`` break is left as it is)."""
    if re.fullmatch(r"[*_\s]+", line):
        return line.strip()
    return _MARKUP.sub("", line).strip()


def sentence_groups(text: str, limit: int) -> list[str]:
    """``text`` cut into runs of whole sentences of at most about ``limit`` characters; a quote
    stays with the sentence it closes, and "Mr." does not end a sentence."""
    sentences = [s.strip() for s in _SENTENCE.split(text) if s and s.strip()]
    groups: list[str] = []
    for sentence in sentences:
        joiner = "" if has_cjk(sentence) or (groups and has_cjk(groups[-1])) else " "
        if groups and len(groups[-1]) + len(sentence) <= limit:
            groups[-1] = groups[-1] + joiner + sentence
        else:
            groups.append(sentence)
    return groups


def guess_time(text: str, chinese: bool) -> str:
    """The first time of day named in ``text``, else day (or night when 夜 appears)."""
    if chinese:
        found = [(text.find(t), t) for t in ZH_TIMES if len(t) > 1 and t in text]
        if found:
            return min(found)[1]
        return "夜晚" if "夜" in text else "白天"
    lowered = text.lower()
    found_en = [
        (match.start(), word)
        for word in _EN_TIME_WORDS
        if (match := re.search(rf"\b{word}\b", lowered)) is not None
    ]
    return min(found_en)[1] if found_en else "day"
