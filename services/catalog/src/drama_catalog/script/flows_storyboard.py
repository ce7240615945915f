"""Storyboard breakdown of an episode (F15), asked for in batches of shots.

The model is asked for shots ``first..last`` (``storyboard_batch_size`` at a time) with the
tail of what it already wrote, until it says the script is covered. Shots are numbered by
position, so an episode of 31 shots ends with shots 1..31 whatever the model numbered. A
batch that fails (cut off, malformed, refused) ends the breakdown: the batches before it
are saved and the task fails naming that batch.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from sqlalchemy import select

from drama_catalog.models import Character, Scene
from drama_catalog.script.flow_support import FlowFailure, FlowRun, TextModel, ask_json, text_model
from drama_catalog.script.local_analyser import EmptyScriptError, analyse_script
from drama_catalog.script.local_cast import mentions
from drama_catalog.script.models import BreakdownBatch, BreakdownShot, CharacterRef, SceneRef
from drama_catalog.script.parse import parse_breakdown_batch
from drama_catalog.script.prompt_storyboard import storyboard_batch_prompt
from drama_catalog.script.sources import EpisodeSource, episode_source
from drama_catalog.script.storyboard_save import save_shots

CONTEXT_SHOTS = 3


@dataclass
class Breakdown:
    shots: list[BreakdownShot]
    failure: str | None = None


async def _cast_and_sets(run: FlowRun, drama_id: int) -> tuple[list[CharacterRef], list[SceneRef]]:
    async with run.context.reading() as session:
        characters = await session.scalars(
            select(Character)
            .where(Character.drama_id == drama_id, Character.live())
            .order_by(Character.name, Character.id)
        )
        scenes = await session.scalars(
            select(Scene)
            .where(Scene.drama_id == drama_id, Scene.live())
            .order_by(Scene.location, Scene.time, Scene.id)
        )
        return (
            [CharacterRef(id=c.id, name=c.name) for c in characters],
            [
                SceneRef(id=s.id, location=s.location, time=s.time or "", episode_id=s.episode_id)
                for s in scenes
            ],
        )


def _local_breakdown(
    run: FlowRun, source: EpisodeSource, characters: list[CharacterRef], scenes: list[SceneRef]
) -> Breakdown:
    """The offline analyser's shots, its cast and scene positions mapped to stored ids (a
    scene of this episode before another episode's of the same place and time); a stored
    character the shot's action names is in it too (a line naming someone does not put them
    in the shot, as in the analyser)."""
    try:
        analysis = analyse_script(source.script, run.language, source.style)
    except EmptyScriptError as error:
        raise FlowFailure(str(error)) from None
    by_name = {c.name.strip().lower(): c.id for c in characters}
    own_last = sorted(scenes, key=lambda s: s.episode_id == source.episode_id)
    by_place = {(s.location.strip().lower(), s.time.strip().lower()): s.id for s in own_last}
    shots: list[BreakdownShot] = []
    for shot in analysis.shots:
        cast = [
            analysis.characters[i - 1].name.strip().lower()
            for i in shot.characters
            if 0 < i <= len(analysis.characters)
        ]
        scene = analysis.scenes[shot.scene_id - 1] if shot.scene_id else None
        data = shot.model_dump(include=set(BreakdownShot.model_fields))
        cast += [name for name in by_name if name not in cast and mentions(name, shot.action)]
        data["characters"] = [by_name[name] for name in cast if name in by_name]
        data["scene_id"] = (
            by_place.get((scene.location.strip().lower(), scene.time.strip().lower()))
            if scene
            else None
        )
        shots.append(BreakdownShot.model_validate(data))
    return Breakdown(shots)


async def _model_breakdown(
    run: FlowRun,
    model: TextModel,
    source: EpisodeSource,
    characters: list[CharacterRef],
    scenes: list[SceneRef],
) -> Breakdown:
    settings = run.context.settings
    size, limit = max(1, settings.storyboard_batch_size), max(1, settings.storyboard_max_shots)
    shots: list[BreakdownShot] = []
    batch = 0
    while len(shots) < limit:
        batch += 1
        first = len(shots) + 1
        last = min(first + size - 1, limit)
        await run.progress(
            min(10 + 5 * (batch - 1), 65),
            run.say(
                f"正在生成第 {batch} 批分镜（镜头 {first}–{last}）...",
                f"Writing batch {batch} of the storyboard (shots {first}-{last})...",
            ),
        )
        prompt = storyboard_batch_prompt(
            source.script,
            first_shot=first,
            last_shot=last,
            characters=characters,
            scenes=scenes,
            previous=shots[-CONTEXT_SHOTS:],
            style=source.style,
            language=run.language,
        )

        def read(data: object, first: int = first, last: int = last) -> BreakdownBatch:
            return parse_breakdown_batch(
                data, characters=characters, first_shot_number=first, last_shot_number=last
            )

        try:
            part = await ask_json(
                run, model, prompt, read, max_tokens=settings.storyboard_max_tokens
            )
        except FlowFailure as failure:
            return Breakdown(
                shots,
                run.say(
                    f"第 {batch} 批分镜（镜头 {first}–{last}）失败：{failure.reason}",
                    f"storyboard batch {batch} (shots {first}-{last}) failed: {failure.reason}",
                ),
            )
        for offset, shot in enumerate(part.shots):
            shot.shot_number = first + offset
        shots.extend(part.shots)
        if part.done:
            break
    return Breakdown(shots)


def _checked(
    shots: list[BreakdownShot], characters: list[CharacterRef], scenes: list[SceneRef]
) -> None:
    """Keep only character and scene ids that belong to the drama."""
    known_cast = {c.id for c in characters}
    known_scenes = {s.id for s in scenes}
    for shot in shots:
        shot.characters = [c for c in shot.characters if c in known_cast]
        if shot.scene_id not in known_scenes:
            shot.scene_id = None


async def generate_storyboard(run: FlowRun) -> None:
    """F15: break the episode's script down into shots and store them."""
    await run.progress(10, run.say("开始生成分镜头...", "Starting the storyboard..."))
    source = await episode_source(run, run.int_param("episode_id"), use_description=True)
    characters, scenes = await _cast_and_sets(run, source.drama_id)
    model = await text_model(run.context, run.text_param("model"))
    if model.is_local:
        breakdown = _local_breakdown(run, source, characters, scenes)
    else:
        breakdown = await _model_breakdown(run, model, source, characters, scenes)
    shots = breakdown.shots
    _checked(shots, characters, scenes)
    if not shots:
        raise FlowFailure(
            breakdown.failure
            or run.say(
                f"{model.label}: 模型没有返回任何分镜",
                f"{model.label}: the model returned no shots",
            )
        )
    await run.progress(70, run.say("正在保存分镜头...", "Saving the shots..."))
    complete = breakdown.failure is None
    async with run.context.transaction() as session:
        await save_shots(
            session,
            source.episode_id,
            shots,
            style=source.style,
            language=run.language,
            complete=complete,
        )
        if complete:
            total = sum(shot.duration for shot in shots)
            await run.complete(
                session,
                {
                    "storyboards": [shot.model_dump() for shot in shots],
                    "total": len(shots),
                    "total_duration": total,
                    "duration_minutes": math.ceil(total / 60),
                },
            )
    if breakdown.failure is not None:
        raise FlowFailure(
            breakdown.failure
            + run.say(
                f"（已保存前 {len(shots)} 个镜头）", f" (the first {len(shots)} shots were saved)"
            )
        )
