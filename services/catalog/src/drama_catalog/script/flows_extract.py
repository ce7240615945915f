"""Prop and scene (background) extraction: one episode (F11, F13) and a drama's episodes
(F12, F14). Rows merge with the drama's existing ones, so a re-run adds no duplicates."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import structlog

from drama_catalog.script.flow_support import FlowFailure, FlowRun, TextModel, ask_json, text_model
from drama_catalog.script.local_analyser import EmptyScriptError, ScriptAnalysis, analyse_script
from drama_catalog.script.merge import (
    dedupe_props,
    dedupe_scenes,
    merge_props,
    merge_scenes,
    replace_episode_scenes,
)
from drama_catalog.script.models import ExtractedProp, ExtractedScene
from drama_catalog.script.parse import parse_props, parse_scenes
from drama_catalog.script.prompt_extraction import prop_extraction_prompt, scene_extraction_prompt
from drama_catalog.script.sources import (
    EpisodeSource,
    drama_episodes,
    episode_ids,
    episode_source,
)
from drama_catalog.serialize import prop_to_json, scene_to_json

log = structlog.get_logger()
PROP_MAX_TOKENS = 2000


def _analysis(run: FlowRun, source: EpisodeSource, style: str | None) -> ScriptAnalysis:
    try:
        return analyse_script(source.script, run.language, style)
    except EmptyScriptError as error:
        raise FlowFailure(str(error)) from None


async def _props_of(run: FlowRun, model: TextModel, source: EpisodeSource) -> list[ExtractedProp]:
    if model.is_local:
        return _analysis(run, source, source.style).props
    prompt = prop_extraction_prompt(source.script, style=source.style, language=run.language)
    return await ask_json(
        run, model, prompt, parse_props, temperature=None, max_tokens=PROP_MAX_TOKENS
    )


async def _scenes_of(
    run: FlowRun, model: TextModel, source: EpisodeSource, style: str | None
) -> list[ExtractedScene]:
    if model.is_local:
        return _analysis(run, source, style).scenes
    prompt = scene_extraction_prompt(source.script, style=style, language=run.language)
    return await ask_json(run, model, prompt, parse_scenes, temperature=0.7)


async def extract_props(run: FlowRun) -> None:
    """F11: the props of one episode; the result lists the newly created ones."""
    await run.progress(0, run.say("正在分析剧本...", "Reading the script..."))
    source = await episode_source(run, run.int_param("episode_id"))
    model = await text_model(run.context)
    await run.progress(50, run.say("正在提取道具...", "Extracting the props..."))
    found = await _props_of(run, model, source)
    async with run.context.transaction() as session:
        created = await merge_props(session, source.drama_id, found)
        await run.complete(session, [prop_to_json(p) for p in created] or None)


async def extract_scenes(run: FlowRun) -> None:
    """F13: the backgrounds of one episode."""
    await run.progress(0, run.say("正在提取场景信息...", "Extracting the scenes..."))
    source = await episode_source(run, run.int_param("episode_id"))
    style = run.text_param("style") or source.style
    model = await text_model(run.context, run.text_param("model"))
    found = await _scenes_of(run, model, source, style)
    async with run.context.transaction() as session:
        rows = await replace_episode_scenes(
            session, source.drama_id, source.episode_id, found, style=style, language=run.language
        )
        scenes = [scene_to_json(row) for row in rows]
        await run.complete(
            session,
            {
                "scenes": scenes,
                "count": len(scenes),
                "episode_id": str(source.episode_id),
                "drama_id": source.drama_id,
            },
        )


Step = Callable[[TextModel, EpisodeSource], Awaitable[int]]


async def _each_episode(run: FlowRun, step: Step) -> tuple[int, int]:
    """Run ``step`` on every selected episode (failures skipped): (found, episodes)."""
    episodes = await drama_episodes(
        run, run.int_param("drama_id"), episode_ids(run.params.get("episode_ids"))
    )
    if not episodes:
        raise FlowFailure(run.say("没有包含剧本的剧集", "no selected episode has a script"))
    model = await text_model(run.context)
    total = 0
    for index, source in enumerate(episodes):
        await run.progress(
            index * 100 // (len(episodes) + 1),
            run.say(
                f"正在提取第 {index + 1}/{len(episodes)} 集...",
                f"Extracting episode {index + 1}/{len(episodes)}...",
            ),
        )
        try:
            total += await step(model, source)
        except FlowFailure as failure:
            log.warning(
                "script.episode_skipped", episode_id=source.episode_id, reason=failure.reason
            )
    return total, len(episodes)


async def batch_extract_props(run: FlowRun) -> None:
    """F12: F11 for each episode, then duplicates by name are removed."""

    async def step(model: TextModel, source: EpisodeSource) -> int:
        found = await _props_of(run, model, source)
        async with run.context.transaction() as session:
            return len(await merge_props(session, source.drama_id, found))

    total, count = await _each_episode(run, step)
    await run.progress(95, run.say("正在去重道具...", "Removing duplicate props..."))
    async with run.context.transaction() as session:
        removed = await dedupe_props(session, run.int_param("drama_id"))
        await run.complete(
            session, {"props": total, "episodes_count": count, "dedup_props": removed}
        )


async def batch_extract_scenes(run: FlowRun) -> None:
    """F14: F13 for each episode, then duplicates by location and time are removed."""

    async def step(model: TextModel, source: EpisodeSource) -> int:
        found = await _scenes_of(run, model, source, source.style)
        async with run.context.transaction() as session:
            rows = await merge_scenes(
                session,
                source.drama_id,
                source.episode_id,
                found,
                style=source.style,
                language=run.language,
            )
            return len(rows)

    total, count = await _each_episode(run, step)
    await run.progress(95, run.say("正在去重场景...", "Removing duplicate scenes..."))
    async with run.context.transaction() as session:
        removed = await dedupe_scenes(session, run.int_param("drama_id"))
        await run.complete(
            session, {"scenes": total, "episodes_count": count, "dedup_scenes": removed}
        )
