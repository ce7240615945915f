"""What every prompt module shares: the language switch, the prompt pair, drama styles."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Language = Literal["zh", "en"]

IMAGE_RATIO = "16:9"
PROP_RATIO = "1:1"

_STYLES: dict[str, tuple[str, str]] = {
    "ghibli": (
        "吉卜力式手绘动画，柔和的水彩色调，温暖的自然光",
        "hand-drawn Ghibli-like animation, soft watercolour palette, warm natural light",
    ),
    "guoman": (
        "国风动漫，细腻的线条，东方传统配色",
        "Chinese anime style, delicate linework, traditional oriental palette",
    ),
    "wasteland": (
        "废土末世风格，粗粝质感，尘土与铁锈色调",
        "post-apocalyptic wasteland look, gritty textures, dust and rust tones",
    ),
    "nostalgia": (
        "怀旧胶片质感，褪色的暖黄色调，细微颗粒",
        "nostalgic film look, faded warm tones, fine grain",
    ),
    "pixel": (
        "像素艺术，清晰的像素块，复古游戏画面",
        "pixel art, crisp pixel blocks, retro video-game look",
    ),
    "voxel": (
        "体素风格，方块化的三维造型，柔和光照",
        "voxel art, blocky 3D shapes, soft lighting",
    ),
    "urban": (
        "现代都市风格，霓虹灯与玻璃幕墙，画面清晰锐利",
        "modern city style, neon lights and glass facades, crisp and sharp",
    ),
    "guoman3d": (
        "三维国风动画，精致建模，东方审美",
        "3D Chinese animation, polished models, oriental aesthetics",
    ),
    "chibi3d": (
        "Q 版三维卡通，圆润的比例，明快的色彩",
        "chibi 3D cartoon, rounded proportions, bright cheerful colours",
    ),
}


@dataclass(frozen=True)
class Prompt:
    """A system prompt (instructions, may be empty) and the user message (the material)."""

    system: str
    user: str


def pick(language: Language, zh: str, en: str) -> str:
    """``zh`` or ``en`` by the language setting."""
    return en if language == "en" else zh


def style_phrase(style: str | None, language: Language) -> str:
    """The visual description of a drama style key (``""`` for realistic or unknown keys)."""
    pair = _STYLES.get((style or "").strip().lower())
    if pair is None:
        return ""
    return pick(language, *pair)


def style_line(style: str | None, language: Language) -> str:
    """A "visual style: …" line for instructions; unknown keys are passed through as named."""
    phrase = style_phrase(style, language) or (style or "").strip()
    if not phrase:
        phrase = pick(language, "写实电影感", "realistic, cinematic")
    return pick(language, f"画面风格：{phrase}", f"Visual style: {phrase}")


def json_only(language: Language) -> str:
    """The closing instruction of every prompt that wants JSON back."""
    return pick(
        language,
        "只输出 JSON 本身：不要代码块标记，不要任何解释或前后缀文字。",
        "Output the JSON only: no code fences, no explanations, nothing before or after it.",
    )
