"""Answer shapes of configuration and library rows (api.md §1.12): AIServiceConfig (key
masked), AIServiceProvider, Asset and CharacterLibraryItem."""

from __future__ import annotations

from drama_catalog.models import AIServiceConfig, AIServiceProvider, Asset, CharacterLibraryItem
from drama_catalog.serialize.common import (
    JsonDict,
    image_generation_placeholder,
    mask_api_key,
    put_optional,
    required_timestamp,
    storage_path,
    video_generation_placeholder,
)


def ai_service_config_to_json(config: AIServiceConfig) -> JsonDict:
    """The API key is never returned in clear: see :func:`mask_api_key`."""
    return {
        "id": config.id,
        "service_type": config.service_type,
        "provider": config.provider or "",
        "name": config.name,
        "base_url": config.base_url,
        "api_key": mask_api_key(config.api_key),
        "model": list(config.model or []),
        "endpoint": config.endpoint or "",
        "query_endpoint": config.query_endpoint or "",
        "priority": config.priority,
        "is_default": config.is_default,
        "is_active": config.is_active,
        "settings": config.settings or "",
        "created_at": required_timestamp(config.created_at),
        "updated_at": required_timestamp(config.updated_at),
    }


def ai_service_provider_to_json(provider: AIServiceProvider) -> JsonDict:
    return {
        "id": provider.id,
        "name": provider.name,
        "display_name": provider.display_name,
        "service_type": provider.service_type,
        "provider": provider.provider or "",
        "default_url": provider.default_url or "",
        "preset_models": list(provider.preset_models or []),
        "description": provider.description or "",
        "is_active": provider.is_active,
        "created_at": required_timestamp(provider.created_at),
        "updated_at": required_timestamp(provider.updated_at),
    }


def asset_to_json(asset: Asset) -> JsonDict:
    data: JsonDict = {
        "id": asset.id,
        "created_at": required_timestamp(asset.created_at),
        "updated_at": required_timestamp(asset.updated_at),
    }
    put_optional(data, "drama_id", asset.drama_id)
    put_optional(data, "episode_id", asset.episode_id)
    put_optional(data, "storyboard_id", asset.storyboard_id)
    put_optional(data, "storyboard_num", asset.storyboard_num)
    data["name"] = asset.name
    put_optional(data, "description", asset.description)
    data["type"] = asset.type
    put_optional(data, "category", asset.category)
    data["url"] = asset.url
    put_optional(data, "thumbnail_url", asset.thumbnail_url)
    data["local_path"] = storage_path(asset.local_path)
    put_optional(data, "file_size", asset.file_size)
    put_optional(data, "mime_type", asset.mime_type)
    put_optional(data, "width", asset.width)
    put_optional(data, "height", asset.height)
    put_optional(data, "duration", asset.duration)
    put_optional(data, "format", asset.format)
    put_optional(data, "image_gen_id", asset.image_gen_id)
    data["image_gen"] = image_generation_placeholder()
    put_optional(data, "video_gen_id", asset.video_gen_id)
    data["video_gen"] = video_generation_placeholder()
    data["is_favorite"] = asset.is_favorite
    data["view_count"] = asset.view_count
    return data


def character_library_item_to_json(item: CharacterLibraryItem) -> JsonDict:
    data: JsonDict = {
        "id": item.id,
        "name": item.name,
        "category": item.category,
        "image_url": item.image_url,
    }
    put_optional(data, "local_path", storage_path(item.local_path))
    data.update(
        {
            "description": item.description,
            "tags": item.tags,
            "source_type": item.source_type,
            "created_at": required_timestamp(item.created_at),
            "updated_at": required_timestamp(item.updated_at),
        }
    )
    return data
