"""Starting a merge: the pending record and its outbox job, in the caller's transaction."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from drama_catalog.context import CatalogContext, enqueue
from drama_catalog.models import Episode, VideoMerge
from drama_common.messages import subjects
from drama_common.messages.jobs import MergeClip, MergeJob
from drama_common.worker.fetch import storage_key_of

NO_TRANSITION = ("", "none")


def merge_key(merge_id: int) -> str:
    return f"videos/merged/merge-{merge_id}.mp4"


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _clip(position: int, clip: dict[str, Any]) -> MergeClip:
    source = str(clip.get("video_url") or "")
    start, end = _number(clip.get("start_time")), _number(clip.get("end_time"))
    trimmed = start is not None and end is not None and end > start
    return MergeClip(
        shot_number=position + 1,
        storage_key=storage_key_of(source) or source,
        start_time=start if trimmed else None,
        end_time=end if trimmed else None,
        duration=_number(clip.get("duration")),
    )


def _order(clip: dict[str, Any]) -> int:
    value = clip.get("order")
    return value if isinstance(value, int) else 0


def merge_job(merge: VideoMerge) -> MergeJob:
    clips: list[dict[str, Any]] = sorted(
        (c for c in (merge.scenes or []) if isinstance(c, dict)),
        key=_order,
    )
    transition: str | None = None
    transition_duration = 0.5
    for clip in clips[:-1]:
        spec = clip.get("transition")
        kind = str(spec.get("type") or "") if isinstance(spec, dict) else ""
        if kind not in NO_TRANSITION:
            transition = kind
            seconds = _number(spec.get("duration")) if isinstance(spec, dict) else None
            transition_duration = seconds if seconds and seconds > 0 else 1.0
            break
    return MergeJob(
        merge_id=merge.id,
        episode_id=merge.episode_id,
        correlation_id=f"merge-{merge.id}",
        clips=[_clip(i, c) for i, c in enumerate(clips)],
        output_key=merge_key(merge.id),
        transition=transition,
        transition_duration=transition_duration,
    )


def total_duration(clips: list[dict[str, Any]]) -> int | None:
    total = sum(_number(c.get("duration")) or 0.0 for c in clips)
    return int(total) if total > 0 else None


async def start_merge(
    session: AsyncSession,
    context: CatalogContext,
    episode: Episode,
    drama_id: int,
    title: str,
    clips: list[dict[str, Any]],
    provider: str = "",
    model: str | None = None,
) -> VideoMerge:
    merge = VideoMerge(
        episode_id=episode.id,
        drama_id=drama_id,
        title=title,
        provider=provider or "doubao",
        model=model or "",
        status="pending",
        scenes=clips,
    )
    session.add(merge)
    await session.flush()
    enqueue(session, subjects.MEDIA_JOBS, merge_job(merge))
    return merge
