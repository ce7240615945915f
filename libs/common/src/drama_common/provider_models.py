"""What a generation adapter is given and what it answers, shared by every provider."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, SecretStr


class ProviderSettings(BaseModel):
    """One AI config resolved for a call. The key is a ``SecretStr``: it never prints."""

    config_id: int | None = None
    provider: str
    base_url: str = ""
    api_key: SecretStr = SecretStr("")
    model: str = ""
    endpoint: str = ""
    query_endpoint: str = ""
    requests_per_minute: int | None = None
    max_in_flight: int | None = None


class ImageRequest(BaseModel):
    prompt: str
    size: str = "1024x1024"
    quality: str = "standard"
    style: str = ""
    negative_prompt: str = ""
    reference_images: list[str] = Field(default_factory=list)
    seed: int | None = None
    width: int | None = None
    height: int | None = None


class ImageResult(BaseModel):
    """Either the image bytes or a URL to fetch them from (never stored as is)."""

    data: bytes | None = None
    url: str | None = None
    mime_type: str = "image/png"


ReferenceMode = Literal["single", "first_last", "multiple", "none"]


class VideoRequest(BaseModel):
    prompt: str
    image_url: str | None = None
    first_frame_url: str | None = None
    last_frame_url: str | None = None
    reference_image_urls: list[str] = Field(default_factory=list)
    reference_mode: ReferenceMode = "none"
    duration: int = 5
    fps: int | None = None
    resolution: str | None = None
    aspect_ratio: str | None = None
    seed: int | None = None
    camera_fixed: bool | None = None
    watermark: bool | None = None


class VideoSubmission(BaseModel):
    """What a submit answered: a provider task id to poll, or (rarely) the finished video."""

    task_id: str | None = None
    video_url: str | None = None
    video_data: bytes | None = None


VideoState = Literal["pending", "running", "succeeded", "failed"]


class VideoPoll(BaseModel):
    status: VideoState
    video_url: str | None = None
    video_data: bytes | None = None
    error: str | None = None
    duration: float | None = None
