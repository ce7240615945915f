"""Starting a video: the pending record and its outbox job, in the caller's transaction."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import get_args

from sqlalchemy.ext.asyncio import AsyncSession

from drama_catalog.context import CatalogContext, enqueue
from drama_catalog.generation.configs import Choice, choose_config
from drama_catalog.generation.prompts import language_of, video_prompt
from drama_catalog.models import VideoGeneration
from drama_common.messages import subjects
from drama_common.messages.jobs import VideoJob
from drama_common.provider_models import ReferenceMode

MODES: tuple[str, ...] = get_args(ReferenceMode)
DEFAULT_DURATION = 5


@dataclass
class VideoOrder:
    prompt: str
    storyboard_id: int | None = None
    image_gen_id: int | None = None
    reference_mode: str | None = None
    image_url: str | None = None
    image_local_path: str | None = None
    first_frame_url: str | None = None
    first_frame_local_path: str | None = None
    last_frame_url: str | None = None
    last_frame_local_path: str | None = None
    reference_image_urls: list[str] = field(default_factory=list)
    provider: str | None = None
    model: str | None = None
    duration: int | None = None
    fps: int | None = None
    aspect_ratio: str | None = None
    style: str | None = None
    motion_level: int | None = None
    camera_motion: str | None = None
    seed: int | None = None


def _references(order: VideoOrder) -> tuple[str, str | None, str | None, str | None, list[str]]:
    """The reference mode and the image columns it fills (api.md §2.13)."""
    mode = order.reference_mode or ""
    urls = [u for u in order.reference_image_urls if u]
    if mode == "single":
        return mode, order.image_local_path or order.image_url, None, None, []
    if mode == "first_last":
        return (
            mode,
            None,
            order.first_frame_local_path or order.first_frame_url,
            order.last_frame_local_path or order.last_frame_url,
            [],
        )
    if mode == "multiple":
        return mode, None, None, None, urls
    if mode == "none":
        return mode, None, None, None, []
    if order.image_url:
        return "single", order.image_url, None, None, []
    if order.first_frame_url or order.last_frame_url:
        return "first_last", None, order.first_frame_url, order.last_frame_url, []
    if urls:
        return "multiple", None, None, None, urls
    return "", None, None, None, []


async def start_video(
    session: AsyncSession, context: CatalogContext, drama_id: int, order: VideoOrder
) -> VideoGeneration:
    choice = await choose_config(session, "video", order.model)
    mode, image, first, last, urls = _references(order)
    record = VideoGeneration(
        drama_id=drama_id,
        storyboard_id=order.storyboard_id,
        image_gen_id=order.image_gen_id,
        provider=order.provider or choice.provider,
        prompt=order.prompt,
        model=order.model or choice.model or None,
        reference_mode=mode or None,
        image_url=image,
        first_frame_url=first,
        last_frame_url=last,
        reference_image_urls=json.dumps(urls, ensure_ascii=False) if urls else None,
        duration=order.duration or None,
        fps=order.fps,
        aspect_ratio=order.aspect_ratio,
        style=order.style,
        motion_level=order.motion_level,
        camera_motion=order.camera_motion,
        seed=order.seed,
        status="pending",
        attempts=1,
    )
    session.add(record)
    await session.flush()
    enqueue(
        session,
        subjects.VIDEO_JOBS,
        video_job(record, context.language, choice),
    )
    return record


def video_job(record: VideoGeneration, language: str, choice: Choice) -> VideoJob:
    mode = record.reference_mode if record.reference_mode in MODES else "none"
    urls = json.loads(record.reference_image_urls) if record.reference_image_urls else []
    return VideoJob(
        generation_id=record.id,
        correlation_id=f"video-{record.id}",
        prompt=video_prompt(record.prompt, language_of(language), mode),
        config_id=choice.config_id,
        config_version=choice.version,
        provider=choice.provider,
        model=choice.model,
        image_url=record.image_url,
        first_frame_url=record.first_frame_url,
        last_frame_url=record.last_frame_url,
        reference_image_urls=urls,
        reference_mode=mode,
        duration=record.duration or DEFAULT_DURATION,
        aspect_ratio=record.aspect_ratio,
    )
