"""Lines that describe a script rather than tell it: title pages, cast lists, scene notes.

``剧名：…``, ``编剧：…``, ``Title: …`` and ``《…》`` are dropped; a cast list (``人物表：`` or
``Cast:`` followed by ``名字——简介`` lines) gives character profiles; ``人物：甲、乙`` names who
is in a scene; ``时间：…`` and ``地点：…`` describe the scene they follow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_META_KEYS = frozenset(
    {
        "剧名",
        "片名",
        "标题",
        "剧本名",
        "编剧",
        "导演",
        "作者",
        "原著",
        "集数",
        "类型",
        "题材",
        "时长",
        "简介",
        "梗概",
        "故事梗概",
        "剧情简介",
        "主题",
        "备注",
        "title",
        "credit",
        "author",
        "authors",
        "written by",
        "source",
        "draft date",
        "date",
        "contact",
        "genre",
        "logline",
        "synopsis",
        "notes",
        "note",
    }
)
_CAST_KEYS = frozenset(
    {
        "人物表",
        "人物介绍",
        "主要人物",
        "人物小传",
        "角色表",
        "角色介绍",
        "出场人物",
        "人物",
        "角色",
        "cast",
        "characters",
        "cast of characters",
    }
)
_SCENE_KEYS = {
    "时间": "time",
    "地点": "place",
    "time": "time",
    "location": "place",
    "place": "place",
}
_KEY_VALUE = re.compile(r"^([^：:]{1,20}?)\s*[：:]\s*(.*)$")
_CAST_ENTRY = re.compile(
    r"^([\u4e00-\u9fff·]{1,6}|[A-Z][A-Za-z.'\-]*(?: [A-Z][A-Za-z.'\-]*){0,2})\s*"
    r"(?:——|—|--|–|-|：|:|，|,|（|\()\s*(.+?)[）)]?$"
)
_NAME_LIST = re.compile(r"[、，,/;；\s]+")
_BOOK_TITLE = re.compile(r"^《[^》]+》$")


@dataclass
class ScriptNotes:
    """What the descriptive lines said: profiles by name, and names listed for scenes."""

    profiles: dict[str, str] = field(default_factory=dict)
    listed: list[str] = field(default_factory=list)


@dataclass
class SceneNote:
    """A ``时间：`` or ``地点：`` line: which field it sets, and to what."""

    field: str
    value: str


def scene_note(line: str) -> SceneNote | None:
    match = _KEY_VALUE.match(line)
    if not match or match.group(1).strip().lower() not in _SCENE_KEYS:
        return None
    return SceneNote(_SCENE_KEYS[match.group(1).strip().lower()], match.group(2).strip())


def strip_notes(lines: list[str], notes: ScriptNotes) -> list[str]:
    """``lines`` without title-page and cast-list lines, recording what they said in ``notes``.
    Blank lines are kept (they end a cast list)."""
    kept: list[str] = []
    in_cast_list = False
    for line in lines:
        if not line:
            in_cast_list = False
            kept.append(line)
            continue
        if line.strip().lower().rstrip("：:") in _CAST_KEYS:
            in_cast_list = True
            continue
        match = _KEY_VALUE.match(line)
        key = match.group(1).strip().lower() if match else ""
        if match and key in _CAST_KEYS:
            names = [n for n in _NAME_LIST.split(match.group(2).strip()) if n]
            notes.listed.extend(n for n in names if n not in notes.listed)
            in_cast_list = not names
            continue
        if (match and key in _META_KEYS) or _BOOK_TITLE.match(line):
            continue
        entry = _CAST_ENTRY.match(line) if in_cast_list else None
        if entry:
            notes.profiles[entry.group(1).strip()] = entry.group(2).strip()
            continue
        in_cast_list = False
        kept.append(line)
    return kept
