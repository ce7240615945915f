"""Image and video prompts built from a drama's style and a character, scene, prop or shot."""

from __future__ import annotations

from typing import Literal

from drama_catalog.models import Character, Prop, Scene, Storyboard
from drama_catalog.script.prompt_base import pick, style_phrase

Language = Literal["zh", "en"]
REALISTIC = "realistic"


def language_of(value: str) -> Language:
    return "en" if value == "en" else "zh"


def styled_image_prompt(
    prompt: str, style: str | None, language: Language, ratio: str = "16:9", references: int = 0
) -> str:
    """The prompt an image provider receives: style lead, the request, framing hints."""
    parts: list[str] = []
    phrase = style_phrase(style, language) if (style or "") != REALISTIC else ""
    if phrase:
        parts.append(pick(language, f"画面风格：{phrase}。", f"Art direction: {phrase}."))
    parts.append(prompt.strip())
    parts.append(pick(language, f"画幅比例 {ratio}。", f"Aspect ratio {ratio}."))
    if references:
        parts.append(
            pick(
                language,
                "人物外貌、服装与场景细节须与参考图保持一致。",
                "Keep faces, costumes and set details consistent with the reference images.",
            )
        )
    return "\n\n".join(parts)


def with_style_key(prompt: str, style: str | None) -> str:
    """``prompt, <style>`` unless the style is empty or realistic (the character rule)."""
    key = (style or "").strip()
    if not key or key == REALISTIC:
        return prompt
    return f"{prompt}, {key}"


def character_prompt(character: Character, style: str | None) -> str:
    base = (character.appearance or "").strip() or (character.description or "").strip()
    return with_style_key(base or character.name, style)


def scene_prompt(scene: Scene, language: Language) -> str:
    if (scene.prompt or "").strip():
        return scene.prompt.strip()
    return pick(
        language, f"{scene.location}场景，{scene.time}", f"{scene.location} scene, {scene.time}"
    )


def prop_prompt(prop: Prop, language: Language) -> str:
    base = (prop.prompt or "").strip() or (prop.description or "").strip() or prop.name
    return pick(
        language,
        f"{base}，单独道具特写，干净背景",
        f"{base}, a single prop in close-up on a clean background",
    )


def shot_image_prompt(shot: Storyboard, language: Language) -> str:
    """A shot's frame: its image prompt, else what its fields describe."""
    if shot.image_prompt and shot.image_prompt.strip():
        return shot.image_prompt.strip()
    pieces = [shot.location, shot.time, shot.shot_type, shot.action, shot.atmosphere]
    text = pick(language, "，", ", ").join(p.strip() for p in pieces if p and p.strip())
    return text or (shot.title or shot.description or f"shot {shot.storyboard_number}")


def shot_video_prompt(shot: Storyboard, language: Language) -> str:
    """A shot's motion: its video prompt, else action, movement and result."""
    if shot.video_prompt and shot.video_prompt.strip():
        return shot.video_prompt.strip()
    pieces = [shot.action, shot.movement, shot.result, shot.dialogue]
    text = pick(language, "；", "; ").join(p.strip() for p in pieces if p and p.strip())
    return text or shot_image_prompt(shot, language)


def video_prompt(prompt: str, language: Language, reference_mode: str) -> str:
    """The prompt a video provider receives: motion guidance, then the request."""
    if reference_mode == "first_last":
        lead = pick(
            language,
            "从首帧自然过渡到尾帧，动作连贯，主体与场景保持一致。",
            "Move naturally from the first frame to the last; keep subjects and set consistent.",
        )
    else:
        lead = pick(
            language,
            "让画面自然动起来，遵循真实物理，不添加新元素。",
            "Animate the frame naturally with believable physics; add no new elements.",
        )
    return f"{lead}\n\n{prompt.strip()}"
