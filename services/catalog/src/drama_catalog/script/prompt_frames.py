"""Frame prompts of a shot (flow F17): first, key, last and action-grid frames, panels.

Every prompt asks for ``{"prompt": "…", "description": "…"}``; when the model fails, the
flow uses :func:`fallback_frame_prompt` so that a frame always gets a prompt.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, Field

from drama_catalog.script.models import FrameKind, FramePrompt
from drama_catalog.script.prompt_base import (
    IMAGE_RATIO,
    Language,
    Prompt,
    json_only,
    pick,
    style_line,
    style_phrase,
)

FRAME_SHAPE = '{"prompt": "…", "description": "…"}'

_MOMENTS: dict[FrameKind, tuple[str, str]] = {
    "first": (
        "动作开始之前的静止瞬间：人物的起始姿势、站位和表情，画面中还没有任何运动。",
        "the still instant before the action starts: the characters' starting pose, "
        "placement and expression, with no motion yet.",
    ),
    "key": (
        "动作最激烈的一瞬：情绪的顶点、张力最强的姿态，可以带有动态模糊。",
        "the most intense instant of the action: the emotional peak and the most charged "
        "pose; motion blur is allowed.",
    ),
    "last": (
        "动作结束之后归于平静的画面：动作的结果已经显现，人物处于最终的状态。",
        "the calm picture after the action is over: its result is visible and the "
        "characters rest in their final state.",
    ),
}

_GRID_ZH = (
    "为一张图写提示词：画面是 3×3 的九宫格，按从左到右、从上到下的顺序展示同一主体完成同一个"
    "动作的九个连续阶段——准备、蓄势、起动、加速、临界、爆发、释放、收势、静止。九格中的人物、"
    "服装、画风必须一致，只有动作在推进。"
)
_GRID_EN = (
    "Write the prompt for ONE image laid out as a 3x3 grid that shows, left to right and top "
    "to bottom, nine consecutive phases of the same subject performing the same action: "
    "getting ready, winding up, setting off, speeding up, the brink, the burst, the release, "
    "the follow-through and coming to rest. Subject, clothing and art style stay identical "
    "in all nine cells; only the motion advances."
)

_FALLBACK_SUFFIX: dict[FrameKind, str] = {
    "first": "first frame, static pose",
    "key": "key frame, peak of the action",
    "last": "last frame, settled final state",
    "action": "3x3 grid of nine action phases, consistent character, continuous motion",
}


class ShotContext(BaseModel):
    """What a frame prompt is told about its shot (names, not ids)."""

    description: str = ""
    location: str = ""
    time: str = ""
    characters: list[str] = Field(default_factory=list)
    action: str = ""
    result: str = ""
    dialogue: str = ""
    atmosphere: str = ""
    shot_type: str = ""
    angle: str = ""
    movement: str = ""

    def lines(self, language: Language) -> list[str]:
        """One labelled line per non-empty field."""
        scene = (
            "，".join(x for x in (self.location, self.time) if x)
            if language == "zh"
            else ", ".join(x for x in (self.location, self.time) if x)
        )
        fields = (
            (pick(language, "镜头描述", "Shot"), self.description),
            (pick(language, "场景", "Scene"), scene),
            (
                pick(language, "角色", "Characters"),
                pick(language, "、", ", ").join(self.characters),
            ),
            (pick(language, "动作", "Action"), self.action),
            (pick(language, "结果", "Result"), self.result),
            (pick(language, "对白", "Dialogue"), self.dialogue),
            (pick(language, "氛围", "Atmosphere"), self.atmosphere),
            (pick(language, "景别", "Framing"), self.shot_type),
            (pick(language, "角度", "Angle"), self.angle),
            (pick(language, "运镜", "Camera move"), self.movement),
        )
        separator = pick(language, "：", ": ")
        return [f"{label}{separator}{value}" for label, value in fields if value]


def _output_rules(language: Language) -> str:
    return pick(
        language,
        "prompt 用中文写成一段可直接用于图像生成的提示词：主体、姿态、表情、构图、光线、色彩和"
        f"风格；description 用一句中文概括这个画面。以 JSON 对象作答：{FRAME_SHAPE}",
        "prompt: one English paragraph ready for an image model: subject, pose, expression, "
        "composition, light, colour and style. description: one sentence summing up the "
        f"frame. Answer with a JSON object: {FRAME_SHAPE}",
    )


def frame_prompt(
    kind: FrameKind, context: ShotContext, *, style: str | None, language: Language
) -> Prompt:
    """The prompt for one frame of the shot described by ``context``."""
    if kind == "action":
        system = "\n".join(
            [
                pick(language, _GRID_ZH, _GRID_EN),
                pick(language, f"画面比例 {IMAGE_RATIO}。", f"Image ratio {IMAGE_RATIO}."),
                _output_rules(language),
                json_only(language),
            ]
        )
    else:
        moment = pick(language, *_MOMENTS[kind])
        system = "\n".join(
            [
                pick(
                    language,
                    f"你为短剧镜头撰写单帧画面的图像提示词。这一帧要表现{moment}",
                    f"You write image prompts for single frames of a short-drama shot. This frame "
                    f"shows {moment}",
                ),
                style_line(style, language)
                + pick(language, "；", "; ")
                + pick(language, f"画面比例 {IMAGE_RATIO}。", f"image ratio {IMAGE_RATIO}."),
                _output_rules(language),
                json_only(language),
            ]
        )
    names = {
        "first": ("首帧", "first-frame"),
        "key": ("关键帧", "key-frame"),
        "last": ("尾帧", "last-frame"),
        "action": ("动作序列", "action-grid"),
    }[kind]
    ask = pick(
        language, f"请为这个镜头写{names[0]}提示词。", f"Write the {names[1]} prompt for this shot."
    )
    user = "\n".join([*context.lines(language), "", ask])
    return Prompt(system, user)


def panel_frame_kinds(count: int) -> list[FrameKind]:
    """The frames of a ``count``-panel strip: first, key frames in between, last."""
    if count <= 1:
        return ["key"] if count == 1 else []
    middle: list[FrameKind] = ["key"] * (count - 2)
    return ["first", *middle, "last"]


def panel_layout(count: int) -> str:
    return f"horizontal_{count}"


def fallback_frame_prompt(
    kind: FrameKind, context: ShotContext, *, style: str | None, language: Language
) -> FramePrompt:
    """A prompt assembled from the shot alone, for when the model fails."""
    scene = ", ".join(x for x in (context.location, context.time) if x)
    parts = [
        scene,
        ", ".join(context.characters),
        context.action,
        context.atmosphere,
        style_phrase(style, language) or "anime style",
        _FALLBACK_SUFFIX[kind],
    ]
    description = pick(
        language,
        {
            "first": "镜头起始画面",
            "key": "动作高潮画面",
            "last": "镜头结束画面",
            "action": "九宫格动作分解",
        }[kind],
        {
            "first": "opening frame of the shot",
            "key": "peak of the action",
            "last": "closing frame of the shot",
            "action": "nine-phase action grid",
        }[kind],
    )
    return FramePrompt(prompt=", ".join(p for p in parts if p), description=description)


def join_panel_prompts(prompts: Sequence[FramePrompt]) -> str:
    """Panel prompts as stored in one ``frame_prompts`` row."""
    return "\n---\n".join(p.prompt for p in prompts)
