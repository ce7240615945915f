"""Prompts that pull characters, props and backgrounds out of an outline or a script
(flows F8, F9, F11, F13). Each names the exact JSON it wants back; see :mod:`.parse`."""

from __future__ import annotations

from drama_catalog.script.prompt_base import (
    IMAGE_RATIO,
    PROP_RATIO,
    Language,
    Prompt,
    json_only,
    pick,
    style_line,
)

_CHARACTER_SHAPE = (
    '[{"name": "…", "role": "main|supporting|minor", "appearance": "…", '
    '"personality": "…", "description": "…", "voice_style": "…"}]'
)
_PROP_SHAPE = '[{"name": "…", "type": "…", "description": "…", "image_prompt": "…"}]'
_SCENE_SHAPE = '{"backgrounds": [{"location": "…", "time": "…", "atmosphere": "…", "prompt": "…"}]}'


def _character_system(style: str | None, language: Language) -> str:
    if language == "en":
        return "\n".join(
            [
                "You design the cast of a short drama. Read the material the user gives you and "
                "list the characters who carry the story, each described so that an illustrator "
                "can draw them without reading the script.",
                style_line(style, language) + f"; image ratio {IMAGE_RATIO}.",
                "For every character:",
                "- name: as written in the material; never invent characters it does not mention;",
                "- role: exactly one of main, supporting, minor;",
                "- appearance: 150-300 words on build, face, hair, clothing and accessories, in a "
                "way that fits the visual style; describe the person only, no surroundings;",
                "- personality: 100-200 words;",
                "- description: 100-200 words on background, position in the story and "
                "relationships with the other characters;",
                "- voice_style: one sentence on how the character sounds when speaking.",
                f"Answer with a JSON array shaped like {_CHARACTER_SHAPE}.",
                json_only(language),
            ]
        )
    return "\n".join(
        [
            "你负责为一部短剧设计角色。请通读用户提供的材料，列出推动故事的人物，并把每个人写到"
            "画师不看剧本也能画出来的程度。",
            style_line(style, language) + f"；画面比例 {IMAGE_RATIO}。",
            "每个角色需要：",
            "- name：与材料中的写法一致，材料里没有的人物不要虚构；",
            "- role：只能是 main（主角）、supporting（配角）、minor（次要角色）之一；",
            "- appearance：150–300 字，写体型、面容、发型、服装和配饰，贴合画面风格；只写人物本身，"
            "不写环境；",
            "- personality：100–200 字的性格刻画；",
            "- description：100–200 字，写身份背景、在故事中的位置以及与其他角色的关系；",
            "- voice_style：一句话描述说话时的嗓音与语气。",
            f"以 JSON 数组作答，结构如下：{_CHARACTER_SHAPE}",
            json_only(language),
        ]
    )


def character_generation_prompt(
    outline: str, *, count: int = 5, style: str | None, language: Language
) -> Prompt:
    """F8: design up to ``count`` characters from a drama outline."""
    user = pick(
        language,
        f"故事大纲：\n{outline.strip()}\n\n请根据大纲设计最多 {count} 个主要角色。",
        f"Story outline:\n{outline.strip()}\n\nDesign at most {count} main characters for it.",
    )
    return Prompt(_character_system(style, language), user)


def character_extraction_prompt(script: str, *, style: str | None, language: Language) -> Prompt:
    """F9: every character who appears in one episode's script."""
    user = pick(
        language,
        f"本集剧本：\n{script.strip()}\n\n请列出本集剧本中出现的所有角色。",
        f"Episode script:\n{script.strip()}\n\nList every character who appears in it.",
    )
    return Prompt(_character_system(style, language), user)


def prop_extraction_prompt(script: str, *, style: str | None, language: Language) -> Prompt:
    """F11: props that matter to the plot or catch the eye; ``image_prompt`` in English."""
    if language == "en":
        system = "\n".join(
            [
                "You are the prop master of a short drama. From the script the user gives you, "
                "pick out the objects that matter to the plot or are visually distinctive enough "
                "to deserve their own reference image. Leave out ordinary background items.",
                style_line(style, language) + f"; prop images are square ({PROP_RATIO}).",
                "For every prop:",
                "- name: a short name;",
                "- type: a category such as Weapon, Key Item, Daily Item, Vehicle, Device;",
                "- description: what it looks like, who owns or uses it and why it matters;",
                "- image_prompt: an English prompt for a single-object image: the object alone, "
                "centred, clean plain background, material and colour details, no people.",
                f"Answer with a JSON array shaped like {_PROP_SHAPE}; answer [] if there are none.",
                json_only(language),
            ]
        )
    else:
        system = "\n".join(
            [
                "你是短剧的道具师。请从用户给出的剧本中挑出对剧情有作用或外观有辨识度、值得单独出一张"
                "参考图的物件，普通的背景杂物不要列。",
                style_line(style, language) + f"；道具图为方图（{PROP_RATIO}）。",
                "每个道具需要：",
                "- name：简短名称；",
                "- type：类别，例如 武器、关键道具、日常用品、交通工具、装置；",
                "- description：外观、归谁所有或由谁使用、在剧情中的作用；",
                "- image_prompt：用英文写的单物件图像提示词：物件单独居中、干净的纯色背景、"
                "材质与颜色"
                "细节、画面中没有人物。",
                f"以 JSON 数组作答，结构如下：{_PROP_SHAPE}；没有合适的道具时输出 []。",
                json_only(language),
            ]
        )
    user = pick(language, f"剧本：\n{script.strip()}", f"Script:\n{script.strip()}")
    return Prompt(system, user)


def scene_extraction_prompt(script: str, *, style: str | None, language: Language) -> Prompt:
    """F13: every distinct location + time of day, each with an empty-background prompt."""
    if language == "en":
        system = "\n".join(
            [
                "You are the production designer of a short drama. List every distinct "
                "background the script needs: one entry per combination of location and time "
                "of day. The same place at night and by day are two entries; the same place "
                "at the same time is one entry even if it appears several times.",
                style_line(style, language) + f"; image ratio {IMAGE_RATIO}.",
                "For every background:",
                '- location: a concise place name (e.g. "rooftop of an old office block");',
                '- time: time of day and light (e.g. "late night, neon glow");',
                "- atmosphere: mood, colours and light in a few words;",
                "- prompt: an English image prompt for the EMPTY set: architecture, furniture, "
                "light, weather and colours, wide view; no people, no silhouettes, no text.",
                f"Answer with a JSON object shaped like {_SCENE_SHAPE}.",
                json_only(language),
            ]
        )
    else:
        system = "\n".join(
            [
                "你是短剧的美术指导。请列出剧本需要的所有背景：地点与时间的每一种组合各占一条。同一地点"
                "的白天和夜晚算两条；同一地点同一时间即使多次出现也只算一条。",
                style_line(style, language) + f"；画面比例 {IMAGE_RATIO}。",
                "每个背景需要：",
                "- location：简洁的地点名称（如“老写字楼的天台”）；",
                "- time：时间与光线（如“深夜，霓虹映照”）；",
                "- atmosphere：几个词概括氛围、色彩和光线；",
                "- prompt：用中文写的空景图像提示词：建筑、陈设、光线、天气和色彩，远景构图；"
                "画面中不能有人物、人影或文字。",
                f"以 JSON 对象作答，结构如下：{_SCENE_SHAPE}",
                json_only(language),
            ]
        )
    user = pick(language, f"剧本：\n{script.strip()}", f"Script:\n{script.strip()}")
    return Prompt(system, user)
