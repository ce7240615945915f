"""Catalog methods that start a language-model flow (api.md §2.1 batch extractions, §2.4,
§2.9, §2.12 background extraction, §2.16 frame prompts; flows F8-F17).

Each checks what the flow needs, then writes the async task and its script job (outbox) in
one transaction and answers with the task id; the flow itself runs in
:mod:`drama_catalog.script.jobs`.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from drama_catalog.context import CatalogContext, enqueue
from drama_catalog.domains.common import get_live, id_param, strict_id_param
from drama_catalog.models import AsyncTask, Drama, Episode, Storyboard
from drama_catalog.models.generation import new_task_id
from drama_catalog.routing import Routes
from drama_common.errors import BadRequest, NotFound
from drama_common.messages import subjects
from drama_common.messages.jobs import ScriptJob

routes = Routes()
Json = dict[str, Any]
CREATED = ("任务已创建", "task created")
SUBMITTED = ("任务已提交，正在后台处理", "task submitted, running in the background")
NO_SCRIPT = ("该剧集没有剧本内容", "the episode has no script content")


def _say(context: CatalogContext, pair: tuple[str, str]) -> str:
    return pair[1] if context.language == "en" else pair[0]


def _text(params: Json, key: str) -> str:
    value = params.get(key)
    return value.strip() if isinstance(value, str) else ""


def _number(params: Json, key: str) -> int | float | None:
    value = params.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return value


async def _start(session: AsyncSession, task_type: str, resource_id: object, params: Json) -> str:
    """Write the pending task and its job; the job is published once this commits."""
    task = AsyncTask(
        id=new_task_id(),
        type=task_type,
        status="pending",
        progress=0,
        resource_id=str(resource_id)[:36],
    )
    session.add(task)
    enqueue(
        session,
        subjects.SCRIPT_JOBS,
        ScriptJob(task_id=task.id, flow=task_type, params=params, correlation_id=task.id),
    )
    return task.id


async def _episode_with_script(
    context: CatalogContext,
    session: AsyncSession,
    episode_id: int,
    *,
    allow_description: bool = False,
) -> Episode:
    episode = await get_live(session, Episode, episode_id, "episode")
    await get_live(session, Drama, episode.drama_id, "drama")
    script = (episode.script_content or "").strip()
    if not script and allow_description:
        script = (episode.description or "").strip()
    if not script:
        raise BadRequest(detail=_say(context, NO_SCRIPT))
    return episode


@routes.method("generation.characters")
async def generate_characters(context: CatalogContext, params: Json) -> Json:
    drama_id = id_param(params, "drama_id", what="drama")
    job: Json = {
        "drama_id": drama_id,
        "outline": _text(params, "outline"),
        "model": _text(params, "model"),
    }
    for key in ("episode_id", "count", "temperature"):
        value = _number(params, key)
        if value is not None:
            job[key] = value
    async with context.transaction() as session:
        await get_live(session, Drama, drama_id, "drama")
        task_id = await _start(session, "character_generation", params.get("drama_id"), job)
    return {"task_id": task_id, "status": "pending", "message": _say(context, CREATED)}


async def _batch(context: CatalogContext, params: Json, task_type: str) -> Json:
    drama_id = strict_id_param(params, "id")
    wanted = [int(v) for v in params.get("episode_ids") or [] if isinstance(v, int)]
    async with context.transaction() as session:
        await get_live(session, Drama, drama_id, "drama")
        query = (
            select(func.count())
            .select_from(Episode)
            .where(
                Episode.drama_id == drama_id,
                Episode.live(),
                func.length(func.trim(func.coalesce(Episode.script_content, ""))) > 0,
            )
        )
        if wanted:
            query = query.where(Episode.id.in_(wanted))
        if not await session.scalar(query):
            raise BadRequest(
                detail=_say(
                    context,
                    ("所选剧集都没有剧本内容", "none of the selected episodes has a script"),
                )
            )
        task_id = await _start(
            session, task_type, drama_id, {"drama_id": drama_id, "episode_ids": wanted}
        )
    return {"task_id": task_id, "message": _say(context, SUBMITTED)}


@routes.method("dramas.characters.batch_extract")
async def batch_extract_characters(context: CatalogContext, params: Json) -> Json:
    return await _batch(context, params, "batch_character_extraction")


@routes.method("dramas.props.batch_extract")
async def batch_extract_props(context: CatalogContext, params: Json) -> Json:
    return await _batch(context, params, "batch_prop_extraction")


@routes.method("dramas.scenes.batch_extract")
async def batch_extract_scenes(context: CatalogContext, params: Json) -> Json:
    return await _batch(context, params, "batch_background_extraction")


@routes.method("episodes.storyboards.generate")
async def generate_storyboard(context: CatalogContext, params: Json) -> Json:
    episode_id = id_param(params, "episode_id", what="episode")
    async with context.transaction() as session:
        await _episode_with_script(context, session, episode_id, allow_description=True)
        task_id = await _start(
            session,
            "storyboard_generation",
            episode_id,
            {"episode_id": episode_id, "model": _text(params, "model")},
        )
    return {"task_id": task_id, "status": "pending", "message": _say(context, CREATED)}


@routes.method("episodes.props.extract")
async def extract_props(context: CatalogContext, params: Json) -> Json:
    episode_id = strict_id_param(params, "episode_id")
    async with context.transaction() as session:
        await get_live(session, Episode, episode_id, "episode")
        task_id = await _start(session, "prop_extraction", episode_id, {"episode_id": episode_id})
    return {"task_id": task_id}


@routes.method("episodes.characters.extract")
async def extract_characters(context: CatalogContext, params: Json) -> Json:
    episode_id = strict_id_param(params, "episode_id")
    async with context.transaction() as session:
        episode = await _episode_with_script(context, session, episode_id)
        task_id = await _start(
            session, "character_extraction", episode.drama_id, {"episode_id": episode_id}
        )
    return {"task_id": task_id, "message": _say(context, SUBMITTED)}


@routes.method("images.backgrounds.extract")
async def extract_backgrounds(context: CatalogContext, params: Json) -> Json:
    episode_id = id_param(params, "episode_id", what="episode")
    async with context.transaction() as session:
        await _episode_with_script(context, session, episode_id)
        task_id = await _start(
            session,
            "background_extraction",
            episode_id,
            {
                "episode_id": episode_id,
                "model": _text(params, "model"),
                "style": _text(params, "style"),
            },
        )
    return {"task_id": task_id, "status": "pending", "message": _say(context, CREATED)}


@routes.method("storyboards.frame_prompt")
async def frame_prompt(context: CatalogContext, params: Json) -> Json:
    storyboard_id = id_param(params, "id", what="storyboard")
    job: Json = {
        "storyboard_id": storyboard_id,
        "frame_type": _text(params, "frame_type"),
        "model": _text(params, "model"),
    }
    panel_count = _number(params, "panel_count")
    if panel_count is not None:
        if panel_count < 0:
            raise BadRequest("validation", reason="panel_count >= 0")
        job["panel_count"] = int(panel_count)
    async with context.transaction() as session:
        shot = await get_live(session, Storyboard, storyboard_id, "storyboard")
        if await session.get(Episode, shot.episode_id) is None:
            raise NotFound("not_found", what="episode")
        task_id = await _start(session, "frame_prompt_generation", storyboard_id, job)
    return {"task_id": task_id, "status": "pending", "message": _say(context, CREATED)}
