"""Generation records: images, videos, merges, and the language-model task table.

Owners (``drama_id``, a merge's ``episode_id``) are foreign keys. Optional cross-references
(the shot, scene, character or prop an image is for, a video's source image) are plain
indexed ids: the API accepts them as given and the rows they name may later be soft-deleted
or, for images, removed.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from drama_catalog.models.base import (
    NEVER_REUSED_IDS,
    Base,
    CreatedMixin,
    IdMixin,
    SoftDeleteMixin,
    TimestampMixin,
)
from drama_catalog.models.types import IdType, UTCDateTime


def _drama_fk() -> Mapped[int]:
    return mapped_column(IdType, ForeignKey("dramas.id", ondelete="CASCADE"), index=True)


def _status() -> Mapped[str]:
    return mapped_column(String(20), default="pending", server_default="pending", index=True)


class ImageGeneration(IdMixin, TimestampMixin, Base):
    """One image job and its result. Hard-deleted."""

    __tablename__ = "image_generations"
    __table_args__ = NEVER_REUSED_IDS

    storyboard_id: Mapped[int | None] = mapped_column(IdType, index=True)
    drama_id: Mapped[int] = _drama_fk()
    scene_id: Mapped[int | None] = mapped_column(IdType, index=True)
    character_id: Mapped[int | None] = mapped_column(IdType, index=True)
    prop_id: Mapped[int | None] = mapped_column(IdType, index=True)
    image_type: Mapped[str] = mapped_column(
        String(20), default="storyboard", server_default="storyboard", index=True
    )
    frame_type: Mapped[str | None] = mapped_column(String(20))
    provider: Mapped[str] = mapped_column(String(50))
    prompt: Mapped[str] = mapped_column(Text)
    negative_prompt: Mapped[str | None] = mapped_column(Text)
    model: Mapped[str | None] = mapped_column(String(100))
    size: Mapped[str | None] = mapped_column(String(20))
    quality: Mapped[str | None] = mapped_column(String(20))
    style: Mapped[str | None] = mapped_column(String(50))
    steps: Mapped[int | None] = mapped_column(Integer)
    cfg_scale: Mapped[float | None] = mapped_column(Float)
    seed: Mapped[int | None] = mapped_column(BigInteger)
    image_url: Mapped[str | None] = mapped_column(Text)
    minio_url: Mapped[str | None] = mapped_column(Text)
    local_path: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = _status()
    task_id: Mapped[str | None] = mapped_column(String(200), index=True)
    error_msg: Mapped[str | None] = mapped_column(Text)
    width: Mapped[int | None] = mapped_column(Integer)
    height: Mapped[int | None] = mapped_column(Integer)
    reference_images: Mapped[Any | None] = mapped_column(JSON(none_as_null=True))
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class VideoGeneration(IdMixin, TimestampMixin, SoftDeleteMixin, Base):
    """One video job and its result.

    ``task_id`` is the reference's provider task id column; ``provider_task_id`` is where the
    video worker reports the id the provider gave the job, and ``attempts`` counts how often
    the job was handed to a worker.
    """

    __tablename__ = "video_generations"

    storyboard_id: Mapped[int | None] = mapped_column(IdType, index=True)
    drama_id: Mapped[int] = _drama_fk()
    provider: Mapped[str] = mapped_column(String(50), index=True)
    prompt: Mapped[str] = mapped_column(Text)
    model: Mapped[str | None] = mapped_column(String(100))
    image_gen_id: Mapped[int | None] = mapped_column(IdType, index=True)
    reference_mode: Mapped[str | None] = mapped_column(String(20))
    image_url: Mapped[str | None] = mapped_column(String(1000))
    first_frame_url: Mapped[str | None] = mapped_column(String(1000))
    last_frame_url: Mapped[str | None] = mapped_column(String(1000))
    reference_image_urls: Mapped[str | None] = mapped_column(Text)
    duration: Mapped[int | None] = mapped_column(Integer)
    fps: Mapped[int | None] = mapped_column(Integer)
    resolution: Mapped[str | None] = mapped_column(String(50))
    aspect_ratio: Mapped[str | None] = mapped_column(String(20))
    style: Mapped[str | None] = mapped_column(String(100))
    motion_level: Mapped[int | None] = mapped_column(Integer)
    camera_motion: Mapped[str | None] = mapped_column(String(100))
    seed: Mapped[int | None] = mapped_column(BigInteger)
    video_url: Mapped[str | None] = mapped_column(String(1000))
    minio_url: Mapped[str | None] = mapped_column(String(1000))
    local_path: Mapped[str | None] = mapped_column(String(500))
    status: Mapped[str] = _status()
    task_id: Mapped[str | None] = mapped_column(String(200), index=True)
    provider_task_id: Mapped[str | None] = mapped_column(String(200))
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    error_msg: Mapped[str | None] = mapped_column(Text)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    width: Mapped[int | None] = mapped_column(Integer)
    height: Mapped[int | None] = mapped_column(Integer)


class VideoMerge(IdMixin, CreatedMixin, SoftDeleteMixin, Base):
    """An FFmpeg merge of an episode's clips. Has no ``updated_at``."""

    __tablename__ = "video_merges"

    episode_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("episodes.id", ondelete="CASCADE"), index=True
    )
    drama_id: Mapped[int] = _drama_fk()
    title: Mapped[str | None] = mapped_column(String(200))
    provider: Mapped[str] = mapped_column(String(50))
    model: Mapped[str | None] = mapped_column(String(100))
    status: Mapped[str] = _status()
    scenes: Mapped[Any] = mapped_column(JSON)
    merged_url: Mapped[str | None] = mapped_column(String(500))
    duration: Mapped[int | None] = mapped_column(Integer)
    task_id: Mapped[str | None] = mapped_column(String(100))
    error_msg: Mapped[str | None] = mapped_column(Text)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


def new_task_id() -> str:
    return str(uuid.uuid4())


class AsyncTask(TimestampMixin, SoftDeleteMixin, Base):
    """Status of a language-model job, polled by the client. ``result`` is JSON text."""

    __tablename__ = "async_tasks"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_task_id)
    type: Mapped[str] = mapped_column(String(50), index=True)
    status: Mapped[str] = _status()
    progress: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    message: Mapped[str | None] = mapped_column(String(500))
    error: Mapped[str | None] = mapped_column(Text)
    result: Mapped[str | None] = mapped_column(Text)
    resource_id: Mapped[str | None] = mapped_column(String(36), index=True)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
