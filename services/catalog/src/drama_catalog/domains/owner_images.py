"""Catalog methods that start an image for its owner: a character (single and batch), a scene
and a prop (api.md §2.6, §2.7, §2.11; flows F19-F21)."""

from __future__ import annotations

from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from drama_catalog.context import CatalogContext
from drama_catalog.domains.common import get_live, id_param, strict_id_param
from drama_catalog.domains.generation_support import optional_id
from drama_catalog.generation.images import ImageOrder, start_image
from drama_catalog.generation.owners import PROP_TASK
from drama_catalog.generation.prompts import character_prompt, language_of, scene_prompt
from drama_catalog.models import AsyncTask, Character, Drama, Prop, Scene
from drama_catalog.routing import Routes
from drama_catalog.serialize import image_generation_to_json
from drama_common.errors import AppError, BadRequest, Forbidden, NotFound

log = structlog.get_logger()
routes = Routes()
Json = dict[str, Any]
PORTRAIT_SIZE = "2560x1440"
PROP_SIZE = "1024x1024"


def _say(context: CatalogContext, zh: str, en: str) -> str:
    return en if context.language == "en" else zh


async def _drama_or_forbidden(session: AsyncSession, drama_id: int) -> Drama:
    drama = await session.get(Drama, drama_id)
    if drama is None or drama.deleted_at is not None:
        raise Forbidden("forbidden", reason="drama not found")
    return drama


async def _start_character(
    session: AsyncSession, context: CatalogContext, character_id: int, model: str | None
) -> Json:
    character = await get_live(session, Character, character_id, "character")
    drama = await _drama_or_forbidden(session, character.drama_id)
    record = await start_image(
        session,
        context,
        drama,
        ImageOrder(
            prompt=character_prompt(character, drama.style),
            image_type="character",
            character_id=character.id,
            model=model,
            size=PORTRAIT_SIZE,
            quality="standard",
            title=character.name,
        ),
    )
    return image_generation_to_json(record)


@routes.method("characters.generate_image")
async def generate_character_image(context: CatalogContext, params: Json) -> Json:
    character_id = id_param(params, what="character")
    async with context.transaction() as session:
        image = await _start_character(
            session, context, character_id, str(params.get("model") or "") or None
        )
    return {
        "message": _say(context, "角色图片生成已开始", "character image generation started"),
        "image_generation": image,
    }


@routes.method("characters.batch_generate_images")
async def batch_generate_character_images(context: CatalogContext, params: Json) -> Json:
    ids = [str(i) for i in params.get("character_ids") or []]
    model = str(params.get("model") or "") or None
    for raw in ids:
        character_id = optional_id(raw)
        if character_id is None:
            log.warning("characters.batch_image_skipped", character_id=raw[:40])
            continue
        try:
            async with context.transaction() as session:
                await _start_character(session, context, character_id, model)
        except AppError as error:
            log.warning(
                "characters.batch_image_failed", character_id=character_id, reason=error.message_key
            )
    return {
        "message": _say(context, "批量生成任务已提交", "batch image generation submitted"),
        "count": len(ids),
    }


@routes.method("scenes.generate_image")
async def generate_scene_image(context: CatalogContext, params: Json) -> Json:
    scene_id = optional_id(params.get("scene_id"))
    if scene_id is None:
        raise NotFound("not_found", what="scene")
    async with context.transaction() as session:
        scene = await get_live(session, Scene, scene_id, "scene")
        drama = await _drama_or_forbidden(session, scene.drama_id)
        prompt = str(params.get("prompt") or "").strip() or scene_prompt(
            scene, language_of(context.language)
        )
        record = await start_image(
            session,
            context,
            drama,
            ImageOrder(
                prompt=prompt,
                image_type="scene",
                scene_id=scene.id,
                model=str(params.get("model") or "") or None,
                size=PORTRAIT_SIZE,
                quality="standard",
                title=scene.location,
            ),
        )
        image = image_generation_to_json(record)
    return {
        "message": _say(context, "场景图片生成已开始", "Scene image generation started"),
        "image_generation": image,
    }


@routes.method("props.generate")
async def generate_prop_image(context: CatalogContext, params: Json) -> Json:
    prop_id = strict_id_param(params)
    async with context.transaction() as session:
        prop = await get_live(session, Prop, prop_id, "prop")
        if not (prop.prompt or "").strip():
            raise BadRequest(detail=_say(context, "道具没有图片提示词", "the prop has no prompt"))
        drama = await _drama_or_forbidden(session, prop.drama_id)
        task = AsyncTask(
            type=PROP_TASK,
            status="pending",
            progress=0,
            message=_say(context, "正在生成图片...", "generating the image..."),
            resource_id=str(prop.id),
        )
        session.add(task)
        await start_image(
            session,
            context,
            drama,
            ImageOrder(
                prompt=prop.prompt or "",
                image_type="prop",
                prop_id=prop.id,
                size=PROP_SIZE,
                title=prop.name,
            ),
        )
        await session.flush()
        task_id = task.id
    return {
        "task_id": task_id,
        "message": _say(context, "道具图片生成任务已提交", "prop image generation submitted"),
    }
