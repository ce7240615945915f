"""Routes: assets, the media library (api.md §2.15)."""

from __future__ import annotations

from fastapi import APIRouter, Request

from drama_gateway.responses import JSONBody, entity_id, ok
from drama_gateway.routes.assets_bodies import AssetCreate, AssetUpdate
from drama_gateway.state import call, relay

router = APIRouter(tags=["assets"])


@router.get("/assets")
async def list_assets(
    request: Request,
    drama_id: str | None = None,
    episode_id: str | None = None,
    storyboard_id: str | None = None,
    type: str | None = None,
    category: str | None = None,
    is_favorite: str | None = None,
    tag_ids: str | None = None,
    search: str | None = None,
    page: str | None = None,
    page_size: str | None = None,
) -> JSONBody:
    """Filters as the reference reads them: unparsable numbers are defaulted, never refused."""
    params = {
        "drama_id": drama_id,
        "episode_id": episode_id,
        "storyboard_id": storyboard_id,
        "type": type,
        "category": category,
        "is_favorite": is_favorite,
        "search": (search or "").replace("\x00", "")[:200] or None,
        "page": page,
        "page_size": page_size,
    }
    return ok(await relay(request, "assets.list", {k: v for k, v in params.items() if v}))


@router.post("/assets")
async def create_asset(body: AssetCreate, request: Request) -> JSONBody:
    return ok(await relay(request, "assets.create", body.model_dump(exclude_unset=True)))


@router.get("/assets/{asset_id}")
async def get_asset(asset_id: str, request: Request) -> JSONBody:
    return ok(await relay(request, "assets.get", {"id": entity_id(asset_id)}))


@router.put("/assets/{asset_id}")
async def update_asset(asset_id: str, body: AssetUpdate, request: Request) -> JSONBody:
    params = {**body.model_dump(exclude_unset=True), "id": entity_id(asset_id)}
    return ok(await relay(request, "assets.update", params))


@router.delete("/assets/{asset_id}")
async def delete_asset(asset_id: str, request: Request) -> JSONBody:
    await call(request, "assets.delete", {"id": entity_id(asset_id)})
    return ok()


@router.post("/assets/import/image/{image_gen_id}")
async def import_image(image_gen_id: str, request: Request) -> JSONBody:
    return ok(
        await relay(request, "assets.import_image", {"image_gen_id": entity_id(image_gen_id)})
    )


@router.post("/assets/import/video/{video_gen_id}")
async def import_video(video_gen_id: str, request: Request) -> JSONBody:
    return ok(
        await relay(request, "assets.import_video", {"video_gen_id": entity_id(video_gen_id)})
    )
