"""Catalog methods: video merges (api.md §2.14, flow F27). Also includes the episode finalize
and download methods (api.md §2.9), which end in a merge."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from drama_catalog.context import CatalogContext
from drama_catalog.domains import episode_finalize
from drama_catalog.domains.common import MAX_PAGE, get_live, strict_id_param
from drama_catalog.domains.generation_support import lenient_int, live_episode
from drama_catalog.generation.merges import start_merge, total_duration
from drama_catalog.models import VideoMerge
from drama_catalog.routing import Routes
from drama_catalog.serialize import video_merge_to_json
from drama_common.errors import BadRequest, NotFound

routes = Routes()
routes.include(episode_finalize.routes)
Json = dict[str, Any]


def _say(context: CatalogContext, zh: str, en: str) -> str:
    return en if context.language == "en" else zh


@routes.method("merges.list")
async def list_merges(context: CatalogContext, params: Json) -> Json:
    page = lenient_int(params.get("page")) or 1
    size = lenient_int(params.get("page_size"))
    size = 20 if size is None else size
    if page > MAX_PAGE or size > MAX_PAGE:
        raise BadRequest("number_range")
    query = select(VideoMerge).where(VideoMerge.live())
    if params.get("episode_id") not in (None, ""):
        query = query.where(VideoMerge.episode_id == (lenient_int(params["episode_id"]) or 0))
    if params.get("status"):
        query = query.where(VideoMerge.status == str(params["status"]))
    async with context.reading() as session:
        total = await session.scalar(select(func.count()).select_from(query.subquery()))
        ordered = query.order_by(VideoMerge.created_at.desc(), VideoMerge.id.desc())
        if size >= 0:
            ordered = ordered.offset((max(page, 1) - 1) * size).limit(size)
        merges = [video_merge_to_json(m) for m in (await session.scalars(ordered)).all()]
    return {"merges": merges, "total": int(total or 0), "page": page, "page_size": size}


@routes.method("merges.create")
async def create_merge(context: CatalogContext, params: Json) -> Json:
    clips = [c for c in params.get("scenes") or [] if isinstance(c, dict)]
    if not clips:
        raise BadRequest(detail="Invalid request")
    for position, clip in enumerate(clips, start=1):
        if not str(clip.get("video_url") or "").strip():
            raise BadRequest(
                detail=_say(
                    context, f"第 {position} 个片段没有视频", f"scene {position} has no video"
                )
            )
    async with context.transaction() as session:
        episode = await live_episode(session, params.get("episode_id"))
        merge = await start_merge(
            session,
            context,
            episode,
            episode.drama_id,
            str(params.get("title") or ""),
            clips,
            str(params.get("provider") or ""),
            str(params.get("model") or ""),
        )
        merge.duration = total_duration(clips)
        await session.flush()
        await session.refresh(merge)
        answer = video_merge_to_json(merge)
    return {"message": "Video merge task created", "merge": answer}


@routes.method("merges.get")
async def get_merge(context: CatalogContext, params: Json) -> Json:
    async with context.reading() as session:
        merge = await get_live(session, VideoMerge, strict_id_param(params, "merge_id"), "merge")
        return {"merge": video_merge_to_json(merge)}


@routes.method("merges.delete")
async def delete_merge(context: CatalogContext, params: Json) -> Json:
    merge_id = strict_id_param(params, "merge_id")
    async with context.transaction() as session:
        merge = await session.get(VideoMerge, merge_id)
        if merge is None or merge.deleted_at is not None:
            raise NotFound("not_found", what="merge")
        merge.soft_delete()
    return {"message": "Merge deleted successfully"}
