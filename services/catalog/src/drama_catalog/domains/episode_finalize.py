"""Catalog methods: finalize an episode into a merge, and its download answer (api.md §2.9,
flows F28-F29)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from drama_catalog.context import CatalogContext
from drama_catalog.domains.common import get_live
from drama_catalog.domains.generation_support import lenient_int, live_episode
from drama_catalog.generation.merges import start_merge, total_duration
from drama_catalog.models import Asset, Drama, Storyboard, VideoGeneration
from drama_catalog.routing import Routes
from drama_catalog.serialize import storage_path
from drama_common.errors import BadRequest

routes = Routes()
Json = dict[str, Any]


def _say(context: CatalogContext, zh: str, en: str) -> str:
    return en if context.language == "en" else zh


async def _newest_videos(session: AsyncSession, shot_ids: list[int]) -> dict[int, str]:
    """The newest completed video's stored file per shot (one query)."""
    found: dict[int, str] = {}
    if not shot_ids:
        return found
    rows = await session.execute(
        select(VideoGeneration.storyboard_id, VideoGeneration.local_path)
        .where(
            VideoGeneration.storyboard_id.in_(shot_ids),
            VideoGeneration.live(),
            VideoGeneration.status == "completed",
            VideoGeneration.local_path.is_not(None),
        )
        .order_by(VideoGeneration.created_at.desc(), VideoGeneration.id.desc())
    )
    for shot_id, path in rows.all():
        if shot_id is not None and path:
            found.setdefault(shot_id, storage_path(path) or path)
    return found


async def _asset_video(session: AsyncSession, asset_id: int) -> Asset | None:
    asset = await session.get(Asset, asset_id)
    if asset is None or asset.deleted_at is not None or asset.type != "video":
        return None
    return asset


def _clip(shot_id: int | None, source: str, given: Json, order: int) -> Json:
    clip: Json = {
        "scene_id": shot_id or 0,
        "video_url": source,
        "start_time": given.get("start_time") or 0.0,
        "end_time": given.get("end_time") or 0.0,
        "duration": given.get("duration") or 0.0,
        "order": given.get("order", order),
        "transition": given.get("transition"),
    }
    return clip


@routes.method("episodes.finalize")
async def finalize(context: CatalogContext, params: Json) -> Json:
    given_clips = [c for c in params.get("clips") or [] if isinstance(c, dict)]
    async with context.transaction() as session:
        episode = await live_episode(session, params.get("episode_id"))
        drama = await get_live(session, Drama, episode.drama_id, "drama")
        shots = list(
            (
                await session.scalars(
                    select(Storyboard)
                    .where(Storyboard.episode_id == episode.id, Storyboard.live())
                    .order_by(Storyboard.id)
                )
            ).all()
        )
        by_id = {shot.id: shot for shot in shots}
        videos = await _newest_videos(session, list(by_id))
        clips: list[Json] = []
        skipped: list[int] = []
        if given_clips:
            for index, given in enumerate(given_clips):
                asset_id = lenient_int(given.get("asset_id"))
                asset = await _asset_video(session, asset_id) if asset_id else None
                if asset is not None:
                    clips.append(
                        _clip(asset.storyboard_id, asset.local_path or asset.url, given, index)
                    )
                    continue
                shot = by_id.get(lenient_int(given.get("storyboard_id")) or 0)
                if shot is None:
                    continue
                source = videos.get(shot.id) or shot.video_url
                if source:
                    clips.append(_clip(shot.id, source, given, index))
                else:
                    skipped.append(shot.storyboard_number)
        else:
            if not shots:
                raise BadRequest(
                    detail=_say(context, "该剧集没有分镜", "no scenes found for this episode")
                )
            for index, shot in enumerate(shots):
                source = videos.get(shot.id) or shot.video_url
                if source:
                    clips.append(_clip(shot.id, source, {"duration": shot.duration}, index))
                else:
                    skipped.append(shot.storyboard_number)
        if not clips:
            raise BadRequest(
                detail=_say(
                    context, "没有可合成的视频片段", "no scenes with videos available for merging"
                )
            )
        title = f"{drama.title} - 第{episode.episode_number}集"
        merge = await start_merge(session, context, episode, drama.id, title, clips)
        merge.duration = total_duration(clips)
        episode.status = "processing"
        await session.flush()
        answer: Json = {
            "message": _say(context, "视频合成任务已创建", "video merge created"),
            "merge_id": merge.id,
            "episode_id": str(params.get("episode_id")),
            "scenes_count": len(clips),
        }
    if skipped:
        answer["skipped_scenes"] = skipped
        answer["warning"] = _say(
            context,
            f"有 {len(skipped)} 个分镜没有视频，已跳过",
            f"{len(skipped)} shots have no video and were skipped",
        )
    return answer


@routes.method("episodes.download")
async def download(context: CatalogContext, params: Json) -> Json:
    async with context.reading() as session:
        episode = await live_episode(session, params.get("episode_id"))
        if not episode.video_url:
            raise BadRequest("no_video")
        return {
            "video_url": episode.video_url,
            "title": episode.title,
            "episode_number": episode.episode_number,
        }
