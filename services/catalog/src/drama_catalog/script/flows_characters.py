"""Character flows: generation from an outline (F8), extraction from one episode (F9) and
from several episodes (F10). Characters merge by name with the drama's existing ones."""

from __future__ import annotations

from typing import Any

import structlog

from drama_catalog.models import Drama, Episode
from drama_catalog.script.flow_support import FlowFailure, FlowRun, TextModel, ask_json, text_model
from drama_catalog.script.local_analyser import EmptyScriptError, analyse_script
from drama_catalog.script.merge import link_to_episode, merge_characters
from drama_catalog.script.models import ExtractedCharacter
from drama_catalog.script.parse import parse_characters
from drama_catalog.script.prompt_extraction import (
    character_extraction_prompt,
    character_generation_prompt,
)
from drama_catalog.script.sources import (
    EpisodeSource,
    drama_episodes,
    episode_ids,
    episode_source,
    live_drama,
)
from drama_catalog.serialize import character_to_json

log = structlog.get_logger()
DEFAULT_COUNT = 5
DEFAULT_TEMPERATURE = 0.7


def local_characters(run: FlowRun, text: str, style: str | None) -> list[ExtractedCharacter]:
    try:
        return analyse_script(text, run.language, style).characters
    except EmptyScriptError as error:
        raise FlowFailure(str(error)) from None


def _outline_of(run: FlowRun, drama: Drama) -> str:
    lines = [run.say(f"标题：{drama.title}", f"Title: {drama.title}")]
    if drama.description:
        lines.append(run.say(f"简介：{drama.description}", f"Summary: {drama.description}"))
    if drama.genre:
        lines.append(run.say(f"类型：{drama.genre}", f"Genre: {drama.genre}"))
    return "\n".join(lines)


def _temperature(value: Any) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return DEFAULT_TEMPERATURE
    return number if number > 0 else DEFAULT_TEMPERATURE


async def generate_characters(run: FlowRun) -> None:
    """F8: design characters from the request's outline (or the drama's title and summary)."""
    await run.progress(0, run.say("正在生成角色...", "Generating characters..."))
    drama = await live_drama(run, run.int_param("drama_id"))
    outline = run.text_param("outline") or _outline_of(run, drama)
    count = run.int_param("count") or DEFAULT_COUNT
    model = await text_model(run.context, run.text_param("model"))
    if model.is_local:
        found = local_characters(run, outline, drama.style)
    else:
        prompt = character_generation_prompt(
            outline, count=count, style=drama.style, language=run.language
        )
        found = await ask_json(
            run,
            model,
            prompt,
            parse_characters,
            temperature=_temperature(run.params.get("temperature")),
        )
    episode_id = run.int_param("episode_id")
    async with run.context.transaction() as session:
        rows = await merge_characters(session, drama.id, found[:count])
        episode = await session.get(Episode, episode_id) if episode_id else None
        if episode is not None and not episode.is_deleted and episode.drama_id == drama.id:
            await link_to_episode(session, episode.id, rows)
        characters = [character_to_json(row) for row in rows]
        await run.complete(session, {"characters": characters, "count": len(characters)})


async def _extract(
    run: FlowRun, model: TextModel, source: EpisodeSource
) -> list[ExtractedCharacter]:
    if model.is_local:
        return local_characters(run, source.script, source.style)
    prompt = character_extraction_prompt(source.script, style=source.style, language=run.language)
    return await ask_json(run, model, prompt, parse_characters, temperature=None)


async def extract_characters(run: FlowRun) -> None:
    """F9: the characters of one episode, linked to it."""
    await run.progress(0, run.say("正在分析剧本...", "Reading the script..."))
    source = await episode_source(run, run.int_param("episode_id"))
    model = await text_model(run.context)
    await run.progress(50, run.say("正在整理角色数据...", "Collecting the characters..."))
    found = await _extract(run, model, source)
    async with run.context.transaction() as session:
        rows = await merge_characters(session, source.drama_id, found)
        await link_to_episode(session, source.episode_id, rows)
        characters = [character_to_json(row) for row in rows]
        await run.complete(session, {"characters": characters, "count": len(characters)})


async def batch_extract_characters(run: FlowRun) -> None:
    """F10: F9 for each episode with a script; an episode that fails is skipped."""
    episodes = await drama_episodes(
        run, run.int_param("drama_id"), episode_ids(run.params.get("episode_ids"))
    )
    if not episodes:
        raise FlowFailure(run.say("没有包含剧本的剧集", "no selected episode has a script"))
    model = await text_model(run.context)
    total = 0
    for index, source in enumerate(episodes):
        await run.progress(
            index * 100 // len(episodes),
            run.say(
                f"正在提取第 {index + 1}/{len(episodes)} 集...",
                f"Extracting episode {index + 1}/{len(episodes)}...",
            ),
        )
        try:
            found = await _extract(run, model, source)
        except FlowFailure as failure:
            log.warning(
                "script.episode_skipped", episode_id=source.episode_id, reason=failure.reason
            )
            continue
        async with run.context.transaction() as session:
            rows = await merge_characters(session, source.drama_id, found)
            await link_to_episode(session, source.episode_id, rows)
        total += len(rows)
    async with run.context.transaction() as session:
        await run.complete(session, {"characters": total, "episodes_count": len(episodes)})
