"""Rows to the JSON shapes of the API (api.md §1.6 and §1.12)."""

from drama_catalog.serialize.common import (
    JsonDict,
    is_masked_echo,
    mask_api_key,
    media_url,
    static_url,
    storage_path,
    timestamp,
)
from drama_catalog.serialize.content import (
    character_to_json,
    drama_to_json,
    episode_to_json,
    frame_prompt_to_json,
    prop_to_json,
    scene_to_json,
    storyboard_to_json,
)
from drama_catalog.serialize.generation import (
    async_task_to_json,
    image_generation_to_json,
    video_generation_to_json,
    video_merge_to_json,
)
from drama_catalog.serialize.library import (
    ai_service_config_to_json,
    ai_service_provider_to_json,
    asset_to_json,
    character_library_item_to_json,
)

__all__ = [
    "JsonDict",
    "ai_service_config_to_json",
    "ai_service_provider_to_json",
    "asset_to_json",
    "async_task_to_json",
    "character_library_item_to_json",
    "character_to_json",
    "drama_to_json",
    "episode_to_json",
    "frame_prompt_to_json",
    "image_generation_to_json",
    "is_masked_echo",
    "mask_api_key",
    "media_url",
    "prop_to_json",
    "scene_to_json",
    "static_url",
    "storage_path",
    "storyboard_to_json",
    "timestamp",
    "video_generation_to_json",
    "video_merge_to_json",
]
