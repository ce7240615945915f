"""Catalog methods: the media library of assets (api.md §2.15, flows.md F35)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from drama_catalog.context import CatalogContext
from drama_catalog.domains.common import (
    MAX_ID,
    get_live,
    newest_first_page,
    page_of,
    strict_id_param,
)
from drama_catalog.domains.search import containing
from drama_catalog.models import Asset, Drama, ImageGeneration, Storyboard, VideoGeneration
from drama_catalog.routing import Routes
from drama_catalog.serialize import JsonDict, asset_to_json, static_url
from drama_common.errors import BadRequest, NotFound

routes = Routes()
COMPLETED = "completed"
CREATE_TEXT = (
    "name",
    "type",
    "url",
    "description",
    "category",
    "thumbnail_url",
    "local_path",
    "mime_type",
    "format",
)
CREATE_NUMBERS = ("file_size", "width", "height", "duration", "image_gen_id", "video_gen_id")
UPDATE_TEXT = ("name", "description", "category", "thumbnail_url")


def _lenient_id(value: Any) -> int | None:
    """A query id as the reference reads it: a number, else ``None``."""
    text = str(value).strip() if value is not None else ""
    if not (text.isascii() and text.isdigit()) or int(text) > MAX_ID:
        return None
    return int(text)


def _filtered(params: dict[str, Any]) -> Select[Any]:
    query = select(Asset).where(Asset.live())
    if params.get("drama_id") not in (None, ""):
        query = query.where(Asset.drama_id == (_lenient_id(params["drama_id"]) or 0))
    for key, id_column in (
        ("episode_id", Asset.episode_id),
        ("storyboard_id", Asset.storyboard_id),
    ):
        value = _lenient_id(params.get(key))
        if value is not None:
            query = query.where(id_column == value)
    for key, text_column in (("type", Asset.type), ("category", Asset.category)):
        if params.get(key):
            query = query.where(text_column == str(params[key]))
    favourite = str(params.get("is_favorite", "")).lower()
    if favourite in ("true", "false"):
        query = query.where(Asset.is_favorite.is_(favourite == "true"))
    if params.get("search"):
        search = str(params["search"])
        query = query.where(containing(search, Asset.name, Asset.description, ignore_case=True))
    return query


@routes.method("assets.list")
async def list_assets(context: CatalogContext, params: dict[str, Any]) -> JsonDict:
    page = page_of(params)
    query = _filtered(params)
    async with context.reading() as session:
        return await newest_first_page(session, query, Asset, page, asset_to_json)


async def _check_drama(session: AsyncSession, value: Any) -> int | None:
    """The body's ``drama_id``: unparsable is ignored, a parsable one must name a drama."""
    drama_id = _lenient_id(value)
    if not drama_id:
        return None
    await get_live(session, Drama, drama_id, "drama")
    return drama_id


@routes.method("assets.create")
async def create_asset(context: CatalogContext, params: dict[str, Any]) -> JsonDict:
    for required in ("name", "type", "url"):
        if not params.get(required):
            raise BadRequest("field_required", field=required)
    values: dict[str, Any] = {
        key: str(params[key]) for key in CREATE_TEXT if params.get(key) is not None
    }
    values.update({key: int(params[key]) for key in CREATE_NUMBERS if params.get(key) is not None})
    async with context.transaction() as session:
        values["drama_id"] = await _check_drama(session, params.get("drama_id"))
        asset = Asset(**values)
        session.add(asset)
        await session.flush()
        await session.refresh(asset)
        return asset_to_json(asset)


@routes.method("assets.get")
async def get_asset(context: CatalogContext, params: dict[str, Any]) -> JsonDict:
    """The asset as it was read; its view count goes up afterwards (``updated_at`` kept)."""
    asset_id = strict_id_param(params)
    async with context.transaction() as session:
        asset = await get_live(session, Asset, asset_id, "asset")
        answer = asset_to_json(asset)
        await session.execute(
            update(Asset)
            .where(Asset.id == asset_id)
            .values(view_count=Asset.view_count + 1, updated_at=Asset.updated_at)
            .execution_options(synchronize_session=False)
        )
    return answer


@routes.method("assets.update")
async def update_asset(context: CatalogContext, params: dict[str, Any]) -> JsonDict:
    asset_id = strict_id_param(params)
    async with context.transaction() as session:
        asset = await get_live(session, Asset, asset_id, "asset")
        for key in UPDATE_TEXT:
            if params.get(key) is not None:
                setattr(asset, key, str(params[key]))
        if params.get("is_favorite") is not None:
            asset.is_favorite = bool(params["is_favorite"])
        await session.flush()
        await session.refresh(asset)
        return asset_to_json(asset)


@routes.method("assets.delete")
async def delete_asset(context: CatalogContext, params: dict[str, Any]) -> None:
    asset_id = strict_id_param(params)
    async with context.transaction() as session:
        asset = await get_live(session, Asset, asset_id, "asset")
        asset.soft_delete()


async def _added(session: AsyncSession, asset: Asset) -> JsonDict:
    session.add(asset)
    await session.flush()
    await session.refresh(asset)
    return asset_to_json(asset)


@routes.method("assets.import_image")
async def import_image(context: CatalogContext, params: dict[str, Any]) -> JsonDict:
    """An asset of a completed image generation (with its stored copy when there is one)."""
    image_id = strict_id_param(params, "image_gen_id")
    async with context.transaction() as session:
        image = await session.get(ImageGeneration, image_id)
        if image is None:
            raise NotFound("not_found", what="image")
        url = image.image_url or static_url(image.local_path)
        if image.status != COMPLETED or not url:
            raise BadRequest("not_ready", what="image")
        return await _added(
            session,
            Asset(
                name=f"Image_{image.id}",
                type="image",
                url=url,
                local_path=image.local_path,
                drama_id=image.drama_id,
                image_gen_id=image.id,
                width=image.width,
                height=image.height,
            ),
        )


@routes.method("assets.import_video")
async def import_video(context: CatalogContext, params: dict[str, Any]) -> JsonDict:
    """An asset of a completed video generation, linked to its shot and episode."""
    video_id = strict_id_param(params, "video_gen_id")
    async with context.transaction() as session:
        video = await get_live(session, VideoGeneration, video_id, "video")
        url = video.video_url or static_url(video.local_path)
        if video.status != COMPLETED or not url:
            raise BadRequest("not_ready", what="video")
        shot = await session.get(Storyboard, video.storyboard_id) if video.storyboard_id else None
        return await _added(
            session,
            Asset(
                name=f"Video_{video.id}",
                type="video",
                url=url,
                local_path=video.local_path,
                drama_id=video.drama_id,
                episode_id=shot.episode_id if shot else None,
                storyboard_id=video.storyboard_id,
                storyboard_num=shot.storyboard_number if shot else None,
                video_gen_id=video.id,
                duration=video.duration,
                width=video.width,
                height=video.height,
                thumbnail_url=video.first_frame_url or None,
            ),
        )
