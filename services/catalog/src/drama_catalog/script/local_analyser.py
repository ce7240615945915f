"""The offline ``local`` text provider: a deterministic analysis of a screenplay-like script.

It finds the characters (roles by line count), the scenes (location + time of day), common
props named in action lines, and a storyboard with one shot per dialogue line and per action
passage. Shots refer to characters and scenes by 1-based position in ``characters`` and
``scenes`` (the flow maps them to stored ids).
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass

from drama_catalog.script.beats import Beat, SceneBlock
from drama_catalog.script.layout import read_script
from drama_catalog.script.local_cast import addressed, gather_cast, mentions, to_character
from drama_catalog.script.local_props import find_props, prop_image_prompt
from drama_catalog.script.models import (
    BreakdownShot,
    ExtractedCharacter,
    ExtractedProp,
    ExtractedScene,
)
from drama_catalog.script.prompt_base import Language, pick
from drama_catalog.script.script_text import has_cjk, readable
from drama_catalog.script.shot_prompts import (
    scene_prompt,
    shot_description,
    shot_image_prompt,
    shot_video_prompt,
)

MIN_SECONDS, MAX_SECONDS = 2, 10
_OFF_SCREEN = frozenset({"OS", "VO", "V.O.", "O.S.", "O.C.", "画外音", "内心独白", "心声", "独白"})
_MOTION = re.compile(
    r"跑|奔|追|冲|走来|走进|走向|跳|run|runs|running|chase|walks?|rush|jumps?|hurr", re.I
)
_NIGHT = re.compile(r"夜|晚|night|midnight|evening|dusk", re.I)
_RELATIVE_TIMES = frozenset({"continuous", "later", "moments later", "same", "same time", "同时"})
_DAWN = re.compile(r"晨|黎明|早|dawn|morning|sunrise", re.I)


class EmptyScriptError(ValueError):
    """The script has no text to analyse."""


class AnalysedShot(BreakdownShot):
    """A breakdown shot with the texts a stored storyboard derives from it."""

    description: str = ""
    image_prompt: str = ""
    video_prompt: str = ""


@dataclass
class ScriptAnalysis:
    characters: list[ExtractedCharacter]
    scenes: list[ExtractedScene]
    props: list[ExtractedProp]
    shots: list[AnalysedShot]

    @property
    def total_duration(self) -> int:
        return sum(shot.duration for shot in self.shots)


def estimate_seconds(dialogue: str, action: str) -> int:
    """Speaking at ~4 CJK characters or ~2.5 words a second, acting a little faster to
    read, plus a second of air; clamped to 2..10 s."""

    def amount(text: str, cjk_rate: float, word_rate: float) -> float:
        cjk = len(re.findall(r"[\u4e00-\u9fff]", text))
        words = len(re.findall(r"[A-Za-z0-9']+", text))
        return cjk / cjk_rate + words / word_rate

    seconds = 1 + amount(dialogue, 4.0, 2.5) + amount(action, 7.0, 3.5)
    return max(MIN_SECONDS, min(MAX_SECONDS, round(seconds)))


def _tidy(text: str) -> str:
    """All-caps English headings in sentence form ("GREG'S KITCHEN" → "Greg's Kitchen")."""
    return string.capwords(text) if text.isupper() and not has_cjk(text) else text


def _voice_and_mood(note: str) -> tuple[bool, str]:
    """Whether a line's note marks it as heard off screen (OS, V.O., 画外音…), and the rest of
    the note (its mood)."""
    parts = [p for p in re.split(r"[\s，,]+", note) if p]
    voice = [p for p in parts if p.upper() in _OFF_SCREEN]
    mood = "，".join(p for p in parts if p.upper() not in _OFF_SCREEN) if voice else note
    return bool(voice), mood


def _atmosphere(time: str, language: Language) -> str:
    if _NIGHT.search(time):
        return pick(
            language, "夜色昏暗，冷色调，光影对比强", "dark night, cool tones, strong contrast"
        )
    if _DAWN.search(time):
        return pick(
            language, "晨光柔和，薄雾，淡蓝与暖金交织", "soft early light, mist, pale blue and gold"
        )
    return pick(language, "自然光明亮，色彩温暖", "bright natural light, warm colours")


def _scenes(
    blocks: list[SceneBlock], language: Language, style: str | None
) -> tuple[list[ExtractedScene], list[int]]:
    """Distinct scenes, and the 1-based scene id of every block."""
    scenes: list[ExtractedScene] = []
    ids: list[int] = []
    previous_time = ""
    for block in blocks:
        location = _tidy(block.location) or pick(language, "故事发生地", "Story setting")
        time = _tidy(block.time).lower() if not has_cjk(block.time) else block.time
        if time in _RELATIVE_TIMES:
            time = previous_time
        time = previous_time = time or pick(language, "白天", "day")
        key = next(
            (i for i, s in enumerate(scenes, 1) if (s.location, s.time) == (location, time)), None
        )
        if key is None:
            scenes.append(
                ExtractedScene(
                    location=location,
                    time=time,
                    prompt=scene_prompt(location, time, style=style, language=language),
                    atmosphere=_atmosphere(time, language),
                )
            )
            key = len(scenes)
        ids.append(key)
    return scenes, ids


def _props(blocks: list[SceneBlock], names: list[str], language: Language) -> list[ExtractedProp]:
    props: dict[str, ExtractedProp] = {}
    for block in blocks:
        for beat in block.beats:
            seen = beat.text if beat.kind == "action" else beat.note
            chinese = has_cjk(seen)
            for kind, name in find_props(seen, chinese):
                if name in props:
                    continue
                owner = beat.speaker or next((n for n in names if mentions(n, seen)), "")
                description = pick(language, f"出现于：“{seen}”", f'Seen in: "{seen}"')
                if owner:
                    description += pick(language, f" 相关角色：{owner}", f" Linked to: {owner}")
                props[name] = ExtractedProp(
                    name=name,
                    type=pick(language, kind.type_zh, kind.type_en),
                    description=description,
                    image_prompt=prop_image_prompt(kind, "" if chinese else seen),
                )
    return list(props.values())


_SHOT_SIZES_EN = {
    "大特写": "extreme close-up",
    "特写": "close-up",
    "近景": "medium close-up",
    "中景": "medium shot",
    "全景": "full shot",
    "远景": "wide shot",
}


def _framing(beat: Beat, first: bool, cast_size: int, language: Language) -> tuple[str, str, str]:
    """``(shot_type, angle, movement)`` for a beat; a shot size the script names wins."""
    if beat.framing:
        size = pick(language, beat.framing, _SHOT_SIZES_EN.get(beat.framing, beat.framing))
        return size, pick(language, "平视", "eye level"), pick(language, "固定", "static")
    if beat.kind == "dialogue":
        close = len(beat.text) <= (16 if has_cjk(beat.text) else 40)
        shot = (
            pick(language, "特写", "close-up")
            if close
            else pick(language, "近景", "medium close-up")
        )
        return shot, pick(language, "平视", "eye level"), pick(language, "固定", "static")
    if first or beat.kind == "narration":
        return (
            pick(language, "远景", "wide shot"),
            pick(language, "平视", "eye level"),
            pick(language, "缓慢推进", "slow push in"),
        )
    shot = (
        pick(language, "全景", "full shot")
        if cast_size > 1
        else pick(language, "中景", "medium shot")
    )
    moving = _MOTION.search(beat.text) is not None
    return (
        shot,
        pick(language, "平视", "eye level"),
        (pick(language, "跟拍", "tracking") if moving else pick(language, "固定", "static")),
    )


def _shot(
    beat: Beat,
    number: int,
    first: bool,
    scene_id: int,
    scene: ExtractedScene,
    names: list[str],
    language: Language,
    style: str | None,
) -> AnalysedShot:
    speakers = {beat.speaker, *beat.others}
    seen_in = beat.note if beat.kind == "dialogue" else beat.text
    present = [
        i
        for i, n in enumerate(names, 1)
        if n in speakers
        or mentions(n, seen_in)
        or (beat.kind == "dialogue" and addressed(n, beat.text))
    ]
    shot_type, angle, movement = _framing(beat, first, len(present), language)
    off_screen, mood = _voice_and_mood(beat.note) if beat.kind != "action" else (False, beat.note)
    if beat.kind == "action":
        action, dialogue = beat.text, ""
    else:
        who = (
            pick(language, "、", " & ").join([beat.speaker, *beat.others])
            if beat.speaker
            else pick(language, "旁白", "Narrator")
        )
        colon = pick(language, "：", ": ")
        dialogue = f"{who}{colon}{beat.text}"
        tone = f"，{mood}" if language == "zh" and mood else (f", {mood}" if mood else "")
        speaking = (
            pick(language, f"{who}的画外音", f"{who}, heard off screen")
            if off_screen
            else pick(language, f"{who}开口说话", f"{who} speaks")
        )
        action = (
            speaking + tone if beat.speaker else pick(language, "画面缓缓展开", "the scene unfolds")
        )
    title_source = beat.text if beat.kind == "action" else dialogue
    title = title_source[:10] if has_cjk(title_source) else " ".join(title_source.split()[:5])
    shot = AnalysedShot(
        shot_number=number,
        title=title,
        shot_type=shot_type,
        angle=angle,
        movement=movement,
        location=scene.location,
        time=scene.time,
        action=action,
        dialogue=dialogue,
        atmosphere=scene.atmosphere,
        emotion=mood,
        sound_effect=beat.sound,
        duration=estimate_seconds(beat.text if beat.kind != "action" else "", action),
        characters=present,
        scene_id=scene_id,
        is_primary=first,
    )
    shot.description = shot_description(shot, language, shot.emotion)
    shot.image_prompt = shot_image_prompt(
        shot, style=style, language=language, emotion=shot.emotion
    )
    shot.video_prompt = shot_video_prompt(
        shot, style=style, language=language, emotion=shot.emotion
    )
    return shot


def analyse_script(text: str, language: Language, style: str | None = None) -> ScriptAnalysis:
    """Characters, scenes, props and shots of ``text``; raises :class:`EmptyScriptError`."""
    layout = read_script(text or "")
    blocks = layout.scenes
    if not blocks and readable(text or "").strip():
        raise EmptyScriptError(
            pick(language, "剧本中没有可分析的文字", "the script has no words to analyse")
        )
    if not blocks:
        raise EmptyScriptError(pick(language, "剧本内容为空，无法分析", "the script is empty"))
    cast = gather_cast(blocks, layout.names, layout.profiles)
    top = max((m.lines for m in cast), default=0)
    characters = [to_character(m, top, language) for m in cast]
    names = [m.name for m in cast]
    scenes, scene_ids = _scenes(blocks, language, style)
    shots: list[AnalysedShot] = []
    for block, scene_id in zip(blocks, scene_ids, strict=True):
        for index, beat in enumerate(block.beats):
            shots.append(
                _shot(
                    beat,
                    len(shots) + 1,
                    index == 0,
                    scene_id,
                    scenes[scene_id - 1],
                    names,
                    language,
                    style,
                )
            )
    return ScriptAnalysis(characters, scenes, _props(blocks, names, language), shots)
