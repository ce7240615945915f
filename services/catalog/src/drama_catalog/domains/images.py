"""Catalog methods: image generations (api.md §2.12, without backgrounds/extract)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select

from drama_catalog.context import CatalogContext
from drama_catalog.domains import owner_images
from drama_catalog.domains.common import (
    get_live,
    id_param,
    newest_first_page,
    page_of,
    strict_id_param,
)
from drama_catalog.domains.generation_support import (
    lenient_int,
    live_drama,
    live_drama_ref,
    live_episode,
    optional_id,
    order_from,
)
from drama_catalog.generation.images import ImageOrder, start_image
from drama_catalog.generation.prompts import language_of, scene_prompt
from drama_catalog.models import Drama, ImageGeneration, Scene, Storyboard, utcnow
from drama_catalog.routing import Routes
from drama_catalog.serialize import image_generation_to_json, scene_to_json
from drama_common.errors import NotFound

routes = Routes()
routes.include(owner_images.routes)
Json = dict[str, Any]
ID_FIELDS = ("storyboard_id", "scene_id", "character_id", "prop_id")


@routes.method("images.list")
async def list_images(context: CatalogContext, params: Json) -> Json:
    page = page_of(params)
    query = select(ImageGeneration)
    if params.get("drama_id") not in (None, ""):
        query = query.where(ImageGeneration.drama_id == (lenient_int(params["drama_id"]) or 0))
    for key in ("scene_id", "storyboard_id"):
        number = lenient_int(params.get(key))
        if number is not None:
            query = query.where(getattr(ImageGeneration, key) == number)
    for key in ("frame_type", "status"):
        if params.get(key):
            query = query.where(getattr(ImageGeneration, key) == str(params[key]))
    async with context.reading() as session:
        return await newest_first_page(
            session, query, ImageGeneration, page, image_generation_to_json
        )


@routes.method("images.create")
async def create_image(context: CatalogContext, params: Json) -> Json:
    ids = {key: optional_id(params.get(key)) for key in ID_FIELDS}
    async with context.transaction() as session:
        drama = await live_drama_ref(session, params.get("drama_id"))
        order = order_from(
            ImageOrder, params, **ids, reference_images=list(params.get("reference_images") or [])
        )
        record = await start_image(session, context, drama, order)
        return image_generation_to_json(record)


@routes.method("images.get")
async def get_image(context: CatalogContext, params: Json) -> Json:
    async with context.reading() as session:
        image = await session.get(ImageGeneration, strict_id_param(params))
        if image is None:
            raise NotFound("not_found", what="image")
        return image_generation_to_json(image)


@routes.method("images.delete")
async def delete_image(context: CatalogContext, params: Json) -> None:
    image_id = strict_id_param(params)
    async with context.transaction() as session:
        gone = await session.execute(delete(ImageGeneration).where(ImageGeneration.id == image_id))
        if not gone.rowcount:  # type: ignore[attr-defined]
            raise NotFound("not_found", what="image")


@routes.method("images.scene")
async def generate_for_scene(context: CatalogContext, params: Json) -> list[Json]:
    scene_id = id_param(params, "scene_id", what="scene")
    async with context.transaction() as session:
        scene = await get_live(session, Scene, scene_id, "scene")
        drama = await get_live(session, Drama, scene.drama_id, "drama")
        prompt = scene_prompt(scene, language_of(context.language))
        record = await start_image(
            session,
            context,
            drama,
            ImageOrder(prompt=prompt, image_type="scene", scene_id=scene.id, title=scene.location),
        )
        return [image_generation_to_json(record)]


@routes.method("images.upload")
async def register_upload(context: CatalogContext, params: Json) -> Json:
    async with context.transaction() as session:
        shot = await get_live(
            session, Storyboard, id_param(params, "storyboard_id", what="storyboard"), "storyboard"
        )
        drama = await live_drama(session, params.get("drama_id"))
        default = "user uploaded image" if context.language == "en" else "用户上传图片"
        record = ImageGeneration(
            storyboard_id=shot.id,
            drama_id=drama.id,
            image_type="storyboard",
            frame_type=str(params.get("frame_type") or ""),
            provider="upload",
            model="upload",
            prompt=str(params.get("prompt") or default),
            image_url=str(params["image_url"]),
            status="completed",
            completed_at=utcnow(),
        )
        session.add(record)
        await session.flush()
        await session.refresh(record)
        return image_generation_to_json(record)


@routes.method("images.backgrounds")
async def backgrounds(context: CatalogContext, params: Json) -> list[Json]:
    async with context.reading() as session:
        episode = await live_episode(session, params.get("episode_id"))
        scenes = await session.scalars(
            select(Scene)
            .where(Scene.drama_id == episode.drama_id, Scene.live())
            .order_by(Scene.location, Scene.time, Scene.id)
        )
        return [scene_to_json(s) for s in scenes.all()]


@routes.method("images.episode_batch")
async def episode_batch(context: CatalogContext, params: Json) -> list[Json] | None:
    async with context.transaction() as session:
        episode = await live_episode(session, params.get("episode_id"))
        drama = await get_live(session, Drama, episode.drama_id, "drama")
        shots = await session.scalars(
            select(Storyboard)
            .where(Storyboard.episode_id == episode.id, Storyboard.live())
            .order_by(Storyboard.storyboard_number, Storyboard.id)
        )
        started: list[ImageGeneration] = []
        for shot in shots.all():
            if not (shot.image_prompt or "").strip():
                continue
            shot.status = "generating"
            started.append(
                await start_image(
                    session,
                    context,
                    drama,
                    ImageOrder(
                        prompt=shot.image_prompt or "",
                        storyboard_id=shot.id,
                        title=shot.title or "",
                    ),
                )
            )
        return [image_generation_to_json(r) for r in started] or None
