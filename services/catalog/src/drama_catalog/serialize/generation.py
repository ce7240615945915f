"""Answer shapes of generation records (api.md §1.12 and §3): ImageGeneration,
VideoGeneration, VideoMerge and AsyncTask."""

from __future__ import annotations

from drama_catalog.models import AsyncTask, ImageGeneration, VideoGeneration, VideoMerge
from drama_catalog.serialize.common import (
    JsonDict,
    drama_placeholder,
    episode_placeholder,
    image_generation_placeholder,
    put_optional,
    required_timestamp,
    storage_path,
    timestamp,
)


def image_generation_to_json(image: ImageGeneration) -> JsonDict:
    data: JsonDict = {"id": image.id}
    put_optional(data, "storyboard_id", image.storyboard_id)
    data["drama_id"] = image.drama_id
    put_optional(data, "scene_id", image.scene_id)
    put_optional(data, "character_id", image.character_id)
    put_optional(data, "prop_id", image.prop_id)
    data["image_type"] = image.image_type
    put_optional(data, "frame_type", image.frame_type)
    data["provider"] = image.provider
    data["prompt"] = image.prompt
    put_optional(data, "negative_prompt", image.negative_prompt)
    data["model"] = image.model or ""
    data["size"] = image.size or ""
    data["quality"] = image.quality or ""
    put_optional(data, "style", image.style)
    put_optional(data, "steps", image.steps)
    put_optional(data, "cfg_scale", image.cfg_scale)
    put_optional(data, "seed", image.seed)
    put_optional(data, "image_url", image.image_url)
    put_optional(data, "minio_url", image.minio_url)
    put_optional(data, "local_path", storage_path(image.local_path))
    data["status"] = image.status
    put_optional(data, "task_id", image.task_id)
    put_optional(data, "error_msg", image.error_msg)
    put_optional(data, "width", image.width)
    put_optional(data, "height", image.height)
    put_optional(data, "reference_images", image.reference_images)
    data["created_at"] = required_timestamp(image.created_at)
    data["updated_at"] = required_timestamp(image.updated_at)
    put_optional(data, "completed_at", timestamp(image.completed_at))
    data["drama"] = drama_placeholder()
    return data


_VIDEO_OPTIONAL_FIELDS = (
    "reference_mode",
    "image_url",
    "first_frame_url",
    "last_frame_url",
    "reference_image_urls",
    "duration",
    "fps",
    "resolution",
    "aspect_ratio",
    "style",
    "motion_level",
    "camera_motion",
    "seed",
    "video_url",
    "minio_url",
)


def video_generation_to_json(video: VideoGeneration) -> JsonDict:
    """``task_id`` falls back to ``provider_task_id`` (the id the provider gave the job)."""
    data: JsonDict = {
        "id": video.id,
        "created_at": required_timestamp(video.created_at),
        "updated_at": required_timestamp(video.updated_at),
    }
    put_optional(data, "storyboard_id", video.storyboard_id)
    data["drama_id"] = video.drama_id
    data["drama"] = drama_placeholder()
    data["provider"] = video.provider
    data["prompt"] = video.prompt
    put_optional(data, "model", video.model)
    put_optional(data, "image_gen_id", video.image_gen_id)
    data["image_gen"] = image_generation_placeholder()
    for field in _VIDEO_OPTIONAL_FIELDS:
        put_optional(data, field, getattr(video, field))
    put_optional(data, "local_path", storage_path(video.local_path))
    data["status"] = video.status
    put_optional(data, "task_id", video.task_id or video.provider_task_id)
    put_optional(data, "error_msg", video.error_msg)
    put_optional(data, "completed_at", timestamp(video.completed_at))
    put_optional(data, "width", video.width)
    put_optional(data, "height", video.height)
    return data


def video_merge_to_json(merge: VideoMerge) -> JsonDict:
    data: JsonDict = {
        "id": merge.id,
        "episode_id": merge.episode_id,
        "drama_id": merge.drama_id,
        "title": merge.title or "",
        "provider": merge.provider,
    }
    if merge.model is not None:
        data["model"] = merge.model
    data["status"] = merge.status
    data["scenes"] = merge.scenes if merge.scenes is not None else []
    put_optional(data, "merged_url", storage_path(merge.merged_url))
    put_optional(data, "duration", merge.duration)
    put_optional(data, "task_id", merge.task_id)
    put_optional(data, "error_msg", merge.error_msg)
    data["created_at"] = required_timestamp(merge.created_at)
    put_optional(data, "completed_at", timestamp(merge.completed_at))
    data["episode"] = episode_placeholder()
    data["drama"] = drama_placeholder()
    return data


def async_task_to_json(task: AsyncTask) -> JsonDict:
    """``result`` stays the stored JSON text: clients parse it themselves."""
    data: JsonDict = {
        "id": task.id,
        "type": task.type,
        "status": task.status,
        "progress": task.progress,
    }
    put_optional(data, "message", task.message)
    put_optional(data, "error", task.error)
    put_optional(data, "result", task.result)
    data["resource_id"] = task.resource_id or ""
    data["created_at"] = required_timestamp(task.created_at)
    data["updated_at"] = required_timestamp(task.updated_at)
    put_optional(data, "completed_at", timestamp(task.completed_at))
    return data
