"""The storyboard breakdown prompt (flow F15), asked for in batches of shots N..M.

A long script does not fit one reply, so the flow asks for shots ``first..last`` at a time,
passing the tail of what it already has; the model continues from there and says ``done``
once the script is covered. Reply shape: ``{"storyboards": [...], "done": bool}``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from drama_catalog.script.models import BreakdownShot, CharacterRef, SceneRef
from drama_catalog.script.prompt_base import (
    IMAGE_RATIO,
    Language,
    Prompt,
    json_only,
    pick,
    style_line,
)

SHOT_SHAPE = (
    '{"storyboards": [{"shot_number": 1, "title": "…", "shot_type": "…", "angle": "…", '
    '"movement": "…", "location": "…", "time": "…", "scene_id": 1, "characters": [1, 2], '
    '"action": "…", "dialogue": "…", "result": "…", "atmosphere": "…", "emotion": "…", '
    '"duration": 5, "bgm_prompt": "…", "sound_effect": "…", "is_primary": true}], '
    '"done": false}'
)

_RULES_ZH = """\
字段说明：
- shot_number：镜头序号（整数），从要求的起始号连续编号；
- title：3–6 个字的镜头标题；
- shot_type：景别，如 远景、全景、中景、近景、特写；
- angle：机位角度，如 平视、俯拍、仰拍、过肩；
- movement：运镜，如 固定、推、拉、摇、移、跟拍；
- location / time：本镜头所在地点与时间光线，写具体；
- scene_id：从场景列表中选最贴切的 id，没有合适的填 null；
- characters：画面中出现的角色 id 数组，只能使用角色列表中的 id；
- action：画面中发生的一个独立动作，写清谁、做什么、怎么做；
- dialogue：照抄剧本中的台词，格式“角色名：台词”，多人之间用空格隔开；内心独白写成
  “角色名（内心）：…”，旁白写成“旁白：…”；无台词填空字符串；
- result：动作结束时画面呈现的结果；
- atmosphere：光线、色调与环境声营造的氛围；
- emotion：情绪关键词；
- duration：秒数（整数，4–12）。只有台词约 4 秒，只有动作约 5 秒，两者兼有约 6 秒；台词越长、
  动作越复杂就相应加长；
- bgm_prompt：配乐的风格与情绪；sound_effect：音效；
- is_primary：是否为该段落的关键镜头。
拆分原则：一个镜头只承载一个动作或一句关键台词；用景别和运镜的变化控制节奏；不得遗漏剧本
内容，也不得添加剧本中没有的情节。"""

_RULES_EN = """\
Fields:
- shot_number: integer, numbered consecutively from the requested first number;
- title: a 3-6 word shot title;
- shot_type: framing, e.g. extreme wide, wide, medium, close-up, extreme close-up;
- angle: camera angle, e.g. eye level, high angle, low angle, over the shoulder;
- movement: camera move, e.g. static, push in, pull out, pan, dolly, tracking;
- location / time: where and when the shot happens, with concrete detail and light;
- scene_id: the id of the best-matching background from the scene list, or null;
- characters: array of ids of the characters visible in the shot, from the character list only;
- action: one self-contained action in the frame: who does what, and how;
- dialogue: lines copied from the script as "Name: line", several speakers separated by a
  space; inner monologue as "Name (thinking): …", narration as "Narrator: …"; "" when silent;
- result: what the frame shows once the action is over;
- atmosphere: light, colour and ambient sound that set the mood;
- emotion: an emotion keyword;
- duration: whole seconds, 4-12. About 4 for dialogue only, 5 for action only, 6 for both;
  longer lines and more complex actions take longer;
- bgm_prompt: style and mood of the music; sound_effect: sound effects;
- is_primary: whether this is the key shot of its passage.
Principles: one action or one key line per shot; vary framing and camera moves to pace the
story; leave nothing of the script out and add no plot the script does not contain."""


def _characters_block(characters: Sequence[CharacterRef], language: Language) -> str:
    if not characters:
        return pick(
            language,
            "角色列表：（无，characters 一律填 []）",
            "Characters: (none; always use [] for characters)",
        )
    rows = json.dumps([{"id": c.id, "name": c.name} for c in characters], ensure_ascii=False)
    return pick(
        language, f"角色列表（只能使用这些 id）：{rows}", f"Characters (use only these ids): {rows}"
    )


def _scenes_block(scenes: Sequence[SceneRef], language: Language) -> str:
    if not scenes:
        return pick(
            language,
            "场景列表：（无，scene_id 一律填 null）",
            "Scenes: (none; always use null for scene_id)",
        )
    rows = json.dumps(
        [{"id": s.id, "location": s.location, "time": s.time} for s in scenes],
        ensure_ascii=False,
    )
    return pick(
        language,
        f"场景列表（选最贴切的 id，没有则填 null）：{rows}",
        f"Scenes (pick the best-matching id, else null): {rows}",
    )


def _previous_block(previous: Sequence[BreakdownShot], language: Language) -> str:
    if not previous:
        return pick(
            language,
            "这是第一批，请从剧本开头拆起。",
            "This is the first batch: start at the beginning of the script.",
        )
    lines = [
        f"#{s.shot_number} {s.title} | {s.action} | {s.dialogue}".rstrip(" |") for s in previous
    ]
    return pick(
        language,
        "前面已经拆好的最后几个镜头如下，请紧接着它们之后的剧本内容继续，不要重复：\n",
        "The last shots already broken down are below; continue with the script right after "
        "them and do not repeat them:\n",
    ) + "\n".join(lines)


def storyboard_batch_prompt(
    script: str,
    *,
    first_shot: int,
    last_shot: int,
    characters: Sequence[CharacterRef],
    scenes: Sequence[SceneRef],
    previous: Sequence[BreakdownShot] = (),
    style: str | None,
    language: Language,
) -> Prompt:
    """Ask for shots ``first_shot..last_shot`` of the breakdown of ``script``.

    ``previous`` are the last shots of the earlier batches (a few are enough for continuity).
    """
    count = last_shot - first_shot + 1
    if language == "en":
        system = "\n".join(
            [
                "You are a storyboard artist for short dramas. You break a script down into "
                "shots that a director can film one by one.",
                style_line(style, language) + f"; frame ratio {IMAGE_RATIO}.",
                _RULES_EN,
                f'Answer with a JSON object shaped like {SHOT_SHAPE}. Set "done" to true when '
                "your shots reach the end of the script.",
                json_only(language),
            ]
        )
        task = (
            f"Write shots {first_shot} to {last_shot} (at most {count} shots). If the script "
            'ends earlier, stop there and set "done": true.'
        )
        user = "\n\n".join(
            [
                f"Script:\n{script.strip()}",
                _characters_block(characters, language),
                _scenes_block(scenes, language),
                _previous_block(previous, language),
                task,
            ]
        )
    else:
        system = "\n".join(
            [
                "你是短剧的分镜师，负责把剧本拆成导演可以逐个拍摄的镜头。",
                style_line(style, language) + f"；画面比例 {IMAGE_RATIO}。",
                _RULES_ZH,
                f"以 JSON 对象作答，结构如下：{SHOT_SHAPE}。"
                '镜头覆盖到剧本结尾时把 "done" 设为 true。',
                json_only(language),
            ]
        )
        task = (
            f"请输出第 {first_shot} 到第 {last_shot} 个镜头（最多 {count} 个）。剧本提前结束就"
            '在结尾处停下，并把 "done" 设为 true。'
        )
        user = "\n\n".join(
            [
                f"剧本：\n{script.strip()}",
                _characters_block(characters, language),
                _scenes_block(scenes, language),
                _previous_block(previous, language),
                task,
            ]
        )
    return Prompt(system, user)
