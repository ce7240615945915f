"""Jobs: work for a worker, published by the catalog's outbox relay."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from drama_common.messages.base import Message
from drama_common.provider_models import ReferenceMode


class ImageJob(Message):
    kind: Literal["image"] = "image"
    generation_id: int
    prompt: str
    config_id: int | None = None
    config_version: str = ""
    provider: str = "local"
    model: str = ""
    size: str = "1024x1024"
    quality: str = "standard"
    style: str = ""
    negative_prompt: str = ""
    reference_images: list[str] = Field(default_factory=list)
    width: int | None = None
    height: int | None = None
    title: str = ""


class VideoJob(Message):
    kind: Literal["video"] = "video"
    generation_id: int
    prompt: str
    config_id: int | None = None
    config_version: str = ""
    provider: str = "local"
    model: str = ""
    image_url: str | None = None
    first_frame_url: str | None = None
    last_frame_url: str | None = None
    reference_image_urls: list[str] = Field(default_factory=list)
    reference_mode: ReferenceMode = "none"
    duration: int = 5
    resolution: str | None = None
    aspect_ratio: str | None = None
    width: int = 1280
    height: int = 720


class MergeClip(Message):
    shot_number: int
    storage_key: str
    start_time: float | None = None
    end_time: float | None = None
    duration: float | None = None


class MergeJob(Message):
    kind: Literal["merge"] = "merge"
    merge_id: int
    episode_id: int
    clips: list[MergeClip]
    output_key: str
    transition: str | None = None
    transition_duration: float = 0.5
    width: int = 1280
    height: int = 720
    fps: int = 24


class ScriptJob(Message):
    """A language-model flow the catalog runs on its own consumer."""

    kind: Literal["script"] = "script"
    task_id: str
    flow: str
    params: dict[str, object] = Field(default_factory=dict)
