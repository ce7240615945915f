"""Frame prompts of a shot (F17): first, key, last, a panel strip or a 3x3 action grid.

A frame the model cannot write (provider error, unreadable reply) gets a prompt assembled
from the shot itself, so the task completes; only an unknown frame type fails it.
"""

from __future__ import annotations

from typing import Any

import structlog
from sqlalchemy import delete, select
from sqlalchemy.orm import selectinload

from drama_catalog.models import Drama, Episode, FramePrompt, Scene, Storyboard
from drama_catalog.script.flow_support import FlowFailure, FlowRun, TextModel, ask_json, text_model
from drama_catalog.script.models import FrameKind
from drama_catalog.script.models import FramePrompt as FrameText
from drama_catalog.script.parse import parse_frame_prompt
from drama_catalog.script.prompt_frames import (
    ShotContext,
    fallback_frame_prompt,
    frame_prompt,
    join_panel_prompts,
    panel_frame_kinds,
    panel_layout,
)
from drama_common.errors import ProviderError

log = structlog.get_logger()
SINGLE: tuple[FrameKind, ...] = ("first", "key", "last")
DEFAULT_PANELS = 3
MAX_PANELS = 9


async def _shot_context(run: FlowRun, storyboard_id: int) -> tuple[ShotContext, str | None]:
    async with run.context.reading() as session:
        shot = await session.scalar(
            select(Storyboard)
            .where(Storyboard.id == storyboard_id, Storyboard.live())
            .options(selectinload(Storyboard.characters))
        )
        if shot is None:
            raise FlowFailure(run.say("分镜信息不存在", "the storyboard no longer exists"))
        scene = await session.get(Scene, shot.scene_id) if shot.scene_id else None
        style = await session.scalar(
            select(Drama.style)
            .join(Episode, Episode.drama_id == Drama.id)
            .where(Episode.id == shot.episode_id)
        )
        live_scene = scene is not None and not scene.is_deleted
        context = ShotContext(
            description=shot.description or "",
            location=(scene.location if live_scene and scene else shot.location) or "",
            time=(scene.time if live_scene and scene else shot.time) or "",
            characters=[c.name for c in shot.characters],
            action=shot.action or "",
            result=shot.result or "",
            dialogue=shot.dialogue or "",
            atmosphere=shot.atmosphere or "",
            shot_type=shot.shot_type or "",
            angle=shot.angle or "",
            movement=shot.movement or "",
        )
        return context, style


async def _one_frame(
    run: FlowRun, model: TextModel, kind: FrameKind, context: ShotContext, style: str | None
) -> FrameText:
    if not model.is_local:
        prompt = frame_prompt(kind, context, style=style, language=run.language)
        try:
            return await ask_json(run, model, prompt, parse_frame_prompt, temperature=None)
        except FlowFailure as failure:
            log.warning("script.frame_fallback", kind=kind, reason=failure.reason)
        except ProviderError as error:
            log.warning("script.frame_fallback", kind=kind, reason=error.message)
    return fallback_frame_prompt(kind, context, style=style, language=run.language)


def _frame_json(frame: FrameText) -> dict[str, str]:
    return {"prompt": frame.prompt, "description": frame.description}


async def generate_frame_prompt(run: FlowRun) -> None:
    """F17: write the prompt(s) of one frame type and store them (one row per type)."""
    await run.progress(0, run.say("正在生成帧提示词...", "Writing the frame prompt..."))
    storyboard_id = run.int_param("storyboard_id")
    frame_type = run.text_param("frame_type")
    context, style = await _shot_context(run, storyboard_id)
    if frame_type not in (*SINGLE, "panel", "action"):
        raise FlowFailure(
            run.say(f"不支持的帧类型：{frame_type}", f"unsupported frame type: {frame_type}")
        )
    model = await text_model(run.context, run.text_param("model"))
    response: dict[str, Any] = {"frame_type": frame_type}
    layout: str | None = None
    if frame_type in SINGLE:
        kind: FrameKind = frame_type
        frame = await _one_frame(run, model, kind, context, style)
        response["single_frame"] = _frame_json(frame)
        prompt, description = frame.prompt, frame.description
    elif frame_type == "panel":
        count = min(run.int_param("panel_count") or DEFAULT_PANELS, MAX_PANELS)
        frames = [await _one_frame(run, model, k, context, style) for k in panel_frame_kinds(count)]
        layout = panel_layout(count)
        response["multi_frame"] = {"layout": layout, "frames": [_frame_json(f) for f in frames]}
        prompt = join_panel_prompts(frames)
        description = run.say(f"{count} 格分镜", f"{count}-panel strip")
    else:
        frame = await _one_frame(run, model, "action", context, style)
        layout = "grid_3x3"
        response["multi_frame"] = {"layout": layout, "frames": [_frame_json(frame)]}
        prompt, description = frame.prompt, frame.description
    async with run.context.transaction() as session:
        await session.execute(
            delete(FramePrompt).where(
                FramePrompt.storyboard_id == storyboard_id, FramePrompt.frame_type == frame_type
            )
        )
        session.add(
            FramePrompt(
                storyboard_id=storyboard_id,
                frame_type=frame_type,
                prompt=prompt,
                description=description or None,
                layout=layout,
            )
        )
        await run.complete(
            session,
            {"response": response, "storyboard_id": str(storyboard_id), "frame_type": frame_type},
        )
