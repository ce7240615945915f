"""Catalog methods: video generations (api.md §2.13, flows F24-F25)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from drama_catalog.context import CatalogContext
from drama_catalog.domains.common import (
    get_live,
    newest_first_page,
    page_of,
    strict_id_param,
)
from drama_catalog.domains.generation_support import (
    drama_of_shot,
    lenient_int,
    live_drama,
    live_episode,
    optional_id,
    order_from,
)
from drama_catalog.generation.videos import VideoOrder, start_video
from drama_catalog.models import ImageGeneration, Storyboard, VideoGeneration, utcnow
from drama_catalog.routing import Routes
from drama_catalog.serialize import video_generation_to_json
from drama_common.errors import BadRequest, NotFound

routes = Routes()
Json = dict[str, Any]


def _say(context: CatalogContext, zh: str, en: str) -> str:
    return en if context.language == "en" else zh


@routes.method("videos.list")
async def list_videos(context: CatalogContext, params: Json) -> Json:
    page = page_of(params)
    query = select(VideoGeneration).where(VideoGeneration.live())
    if params.get("drama_id") not in (None, ""):
        query = query.where(VideoGeneration.drama_id == (lenient_int(params["drama_id"]) or 0))
    storyboard_id = lenient_int(params.get("storyboard_id"))
    if storyboard_id is not None:
        query = query.where(VideoGeneration.storyboard_id == storyboard_id)
    if params.get("status"):
        query = query.where(VideoGeneration.status == str(params["status"]))
    async with context.reading() as session:
        return await newest_first_page(
            session, query, VideoGeneration, page, video_generation_to_json
        )


@routes.method("videos.create")
async def create_video(context: CatalogContext, params: Json) -> Json:
    storyboard_id = optional_id(params.get("storyboard_id"))
    image_gen_id = optional_id(params.get("image_gen_id"))
    async with context.transaction() as session:
        drama = await live_drama(session, params.get("drama_id"))
        if storyboard_id is not None:
            shot = await get_live(session, Storyboard, storyboard_id, "storyboard")
            if await drama_of_shot(session, shot) != drama.id:
                raise BadRequest(
                    detail=_say(context, "分镜不属于该剧本", "storyboard does not belong to drama")
                )
        if image_gen_id is not None and await session.get(ImageGeneration, image_gen_id) is None:
            raise NotFound("not_found", what="image")
        order = order_from(
            VideoOrder,
            params,
            storyboard_id=storyboard_id,
            image_gen_id=image_gen_id,
            reference_image_urls=list(params.get("reference_image_urls") or []),
        )
        record = await start_video(session, context, drama.id, order)
        await session.refresh(record)
        return video_generation_to_json(record)


@routes.method("videos.get")
async def get_video(context: CatalogContext, params: Json) -> Json:
    async with context.reading() as session:
        video = await get_live(session, VideoGeneration, strict_id_param(params), "video")
        return video_generation_to_json(video)


@routes.method("videos.delete")
async def delete_video(context: CatalogContext, params: Json) -> None:
    video_id = strict_id_param(params)
    async with context.transaction() as session:
        await session.execute(
            update(VideoGeneration)
            .where(VideoGeneration.id == video_id, VideoGeneration.live())
            .values(deleted_at=utcnow())
        )


async def _from_image(
    session: AsyncSession, context: CatalogContext, image: ImageGeneration
) -> VideoGeneration:
    if image.status != "completed" or not (image.image_url or image.local_path):
        raise BadRequest(detail=_say(context, "图片尚未生成完成", "image is not ready"))
    duration = None
    if image.storyboard_id is not None:
        shot = await session.get(Storyboard, image.storyboard_id)
        if shot is not None and shot.deleted_at is None:
            duration = shot.duration
    source = image.local_path or image.image_url
    record = await start_video(
        session,
        context,
        image.drama_id,
        VideoOrder(
            prompt=image.prompt,
            storyboard_id=image.storyboard_id,
            image_gen_id=image.id,
            image_url=source,
            duration=duration,
        ),
    )
    await session.refresh(record)
    return record


@routes.method("videos.from_image")
async def video_from_image(context: CatalogContext, params: Json) -> Json:
    image_id = strict_id_param(params)
    async with context.transaction() as session:
        image = await session.get(ImageGeneration, image_id)
        if image is None:
            raise NotFound("not_found", what="image")
        return video_generation_to_json(await _from_image(session, context, image))


@routes.method("videos.episode_batch")
async def episode_batch(context: CatalogContext, params: Json) -> list[Json] | None:
    async with context.transaction() as session:
        episode = await live_episode(session, params.get("episode_id"))
        shots = (
            await session.scalars(
                select(Storyboard.id)
                .where(
                    Storyboard.episode_id == episode.id,
                    Storyboard.live(),
                    Storyboard.image_prompt.is_not(None),
                )
                .order_by(Storyboard.storyboard_number, Storyboard.id)
            )
        ).all()
        newest: dict[int, ImageGeneration] = {}
        if shots:
            images = await session.scalars(
                select(ImageGeneration)
                .where(
                    ImageGeneration.storyboard_id.in_(shots), ImageGeneration.status == "completed"
                )
                .order_by(ImageGeneration.created_at.desc(), ImageGeneration.id.desc())
            )
            for image in images.all():
                if image.storyboard_id is not None:
                    newest.setdefault(image.storyboard_id, image)
        started = [await _from_image(session, context, newest[s]) for s in shots if s in newest]
        return [video_generation_to_json(v) for v in started] or None
