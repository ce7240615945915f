"""Rows read back from a real database serialize to the shapes of api.md §1.6 and §1.12."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import orjson
from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import selectinload

from drama_catalog.models import (
    AIServiceConfig,
    AIServiceProvider,
    Asset,
    AsyncTask,
    Character,
    CharacterLibraryItem,
    Drama,
    Episode,
    FramePrompt,
    ImageGeneration,
    Prop,
    Scene,
    Storyboard,
    VideoGeneration,
    VideoMerge,
    storyboard_characters,
)
from drama_catalog.serialize import (
    ai_service_config_to_json,
    ai_service_provider_to_json,
    asset_to_json,
    async_task_to_json,
    character_library_item_to_json,
    character_to_json,
    drama_to_json,
    episode_to_json,
    frame_prompt_to_json,
    image_generation_to_json,
    is_masked_echo,
    mask_api_key,
    media_url,
    prop_to_json,
    scene_to_json,
    static_url,
    timestamp,
    video_generation_to_json,
    video_merge_to_json,
)

Sessions = async_sessionmaker[AsyncSession]

DRAMA_KEYS = {
    "id", "title", "description", "genre", "style", "total_episodes", "total_duration",
    "status", "thumbnail", "tags", "metadata", "created_at", "updated_at",
}  # fmt: skip
EPISODE_KEYS = {
    "id", "drama_id", "episode_number", "title", "script_content", "description", "duration",
    "status", "video_url", "thumbnail", "created_at", "updated_at", "drama",
}  # fmt: skip
STORYBOARD_KEYS = {
    "id", "episode_id", "scene_id", "storyboard_number", "title", "location", "time",
    "shot_type", "angle", "movement", "action", "result", "atmosphere", "image_prompt",
    "video_prompt", "bgm_prompt", "sound_effect", "dialogue", "description", "duration",
    "composed_image", "video_url", "status", "created_at", "updated_at", "episode",
}  # fmt: skip
CHARACTER_KEYS = {
    "id", "drama_id", "name", "role", "description", "appearance", "personality",
    "voice_style", "image_url", "reference_images", "seed_value", "sort_order", "created_at",
    "updated_at",
}  # fmt: skip
SCENE_KEYS = {
    "id", "drama_id", "episode_id", "location", "time", "prompt", "storyboard_count",
    "image_url", "local_path", "status", "created_at", "updated_at",
}  # fmt: skip


def _is_rfc3339_utc(value: Any) -> bool:
    parsed = datetime.fromisoformat(value)
    return isinstance(value, str) and value.endswith("Z") and parsed.utcoffset() == timedelta(0)


async def _add(session: AsyncSession, *rows: Any) -> None:
    session.add_all(rows)
    await session.flush()


async def test_drama_detail_shape(sessions: Sessions) -> None:
    async with sessions() as session, session.begin():
        drama = Drama(title="山海", style="ghibli", tags=["奇幻"])
        await _add(session, drama)
        episode = Episode(drama_id=drama.id, episode_number=1, title="第1集", duration=3)
        await _add(session, episode)
        scene = Scene(
            drama_id=drama.id, episode_id=episode.id, location="山", time="晨", prompt="p"
        )
        hero = Character(drama_id=drama.id, name="阿青", local_path="images/a.png")
        await _add(session, scene, hero)
        shot = Storyboard(episode_id=episode.id, storyboard_number=1, scene_id=scene.id)
        await _add(session, shot)
        await session.execute(
            insert(storyboard_characters).values(storyboard_id=shot.id, character_id=hero.id)
        )
        drama_id = drama.id

    async with sessions() as session:
        stored = await session.scalar(
            select(Drama)
            .where(Drama.id == drama_id)
            .options(
                selectinload(Drama.episodes)
                .selectinload(Episode.storyboards)
                .selectinload(Storyboard.characters),
                selectinload(Drama.episodes)
                .selectinload(Episode.storyboards)
                .selectinload(Storyboard.background),
                selectinload(Drama.characters),
                selectinload(Drama.props),
            )
        )
    assert stored is not None

    data = drama_to_json(stored)

    assert set(data) == DRAMA_KEYS | {"episodes", "characters"}
    assert data["id"] == drama_id and isinstance(data["id"], int)
    assert data["tags"] == ["奇幻"] and data["metadata"] is None
    assert _is_rfc3339_utc(data["created_at"]) and _is_rfc3339_utc(data["updated_at"])
    [episode_data] = data["episodes"]
    assert set(episode_data) == EPISODE_KEYS | {"storyboards"}
    assert episode_data["drama"]["id"] == 0
    assert episode_data["drama"]["created_at"] == "0001-01-01T00:00:00Z"
    [shot_data] = episode_data["storyboards"]
    assert set(shot_data) == STORYBOARD_KEYS | {"background", "characters"}
    assert shot_data["duration"] == 5 and shot_data["episode"]["drama"]["id"] == 0
    assert set(shot_data["background"]) == SCENE_KEYS
    assert shot_data["background"]["local_path"] is None
    [character_data] = shot_data["characters"]
    assert set(character_data) == CHARACTER_KEYS | {"local_path"}
    assert character_data["local_path"] == "images/a.png"
    assert static_url(character_data["local_path"]) == "/static/images/a.png"

    minutes = episode_to_json(stored.episodes[0], duration=1, storyboards=[])
    assert minutes["duration"] == 1 and "storyboards" not in minutes
    assert "scenes" not in data and "props" not in data
    orjson.dumps(data)


async def test_character_scene_prop_and_frame_shapes(sessions: Sessions) -> None:
    async with sessions() as session, session.begin():
        drama = Drama(title="道具剧")
        await _add(session, drama)
        character = Character(drama_id=drama.id, name="无图")
        scene = Scene(drama_id=drama.id, location="街", time="午", prompt="p", local_path=None)
        prop = Prop(drama_id=drama.id, name="剑", local_path=".\\images\\sword.png")
        await _add(session, character, scene, prop)
        episode = Episode(drama_id=drama.id, episode_number=1, title="e")
        await _add(session, episode)
        shot = Storyboard(episode_id=episode.id, storyboard_number=1)
        await _add(session, shot)
        frame = FramePrompt(storyboard_id=shot.id, frame_type="first", prompt="p")
        await _add(session, frame)

    character_data = character_to_json(
        character, image_generation_status="failed", image_generation_error="quota"
    )
    assert "local_path" not in character_data
    assert character_data["image_generation_status"] == "failed"
    scene_data = scene_to_json(scene)
    assert set(scene_data) == SCENE_KEYS and scene_data["episode_id"] is None
    prop_data = prop_to_json(prop)
    assert prop_data["local_path"] == "images/sword.png"
    assert prop_data["drama"]["title"] == ""
    assert "storyboards" not in prop_data
    frame_data = frame_prompt_to_json(frame)
    assert set(frame_data) == {
        "id", "storyboard_id", "frame_type", "prompt", "created_at", "updated_at",
    }  # fmt: skip
    assert isinstance(frame_data["storyboard_id"], int)


async def test_generation_shapes(sessions: Sessions) -> None:
    async with sessions() as session, session.begin():
        drama = Drama(title="生成剧")
        await _add(session, drama)
        episode = Episode(drama_id=drama.id, episode_number=1, title="e")
        image = ImageGeneration(drama_id=drama.id, provider="openai", prompt="猫", model="")
        video = VideoGeneration(
            drama_id=drama.id,
            provider="doubao",
            prompt="跑",
            model="",
            provider_task_id="cgt-123",
            reference_image_urls='["a.png"]',
        )
        task = AsyncTask(type="prop_extraction", resource_id="9", result="[]", status="completed")
        await _add(session, episode, image, video, task)
        merge = VideoMerge(
            episode_id=episode.id,
            drama_id=drama.id,
            provider="doubao",
            model="",
            scenes=[{"scene_id": 1, "video_url": "v.mp4", "order": 0, "transition": None}],
        )
        await _add(session, merge)

    image_data = image_generation_to_json(image)
    assert set(image_data) == {
        "id", "drama_id", "image_type", "provider", "prompt", "model", "size", "quality",
        "status", "created_at", "updated_at", "drama",
    }  # fmt: skip
    assert image_data["image_type"] == "storyboard" and image_data["model"] == ""
    video_data = video_generation_to_json(video)
    assert video_data["task_id"] == "cgt-123"
    assert video_data["reference_image_urls"] == '["a.png"]'
    assert "model" not in video_data and "completed_at" not in video_data
    assert video_data["image_gen"]["drama"]["id"] == 0
    merge_data = video_merge_to_json(merge)
    assert merge_data["model"] == "" and "updated_at" not in merge_data
    assert merge_data["scenes"][0]["scene_id"] == 1
    assert merge_data["episode"]["id"] == 0
    task_data = async_task_to_json(task)
    assert set(task_data) == {
        "id", "type", "status", "progress", "result", "resource_id", "created_at", "updated_at",
    }  # fmt: skip
    assert task_data["result"] == "[]" and task_data["resource_id"] == "9"
    for data in (image_data, video_data, merge_data, task_data):
        orjson.dumps(data)


async def test_library_shapes_and_masked_key(sessions: Sessions) -> None:
    key = "sk-abcdefghijklmnopqrstuvwxyz1234"
    async with sessions() as session, session.begin():
        config = AIServiceConfig(
            service_type="text",
            provider="openai",
            name="主力",
            base_url="https://api.openai.com/v1",
            api_key=key,
            model=["gpt-4.1", "gpt-4.1-mini"],
        )
        empty = AIServiceConfig(
            service_type="image", name="空", base_url="http://x", api_key="short", model=[]
        )
        asset = Asset(name="Image_1", type="image", url="http://x/a.png", local_path=None)
        item = CharacterLibraryItem(name="阿青", image_url="http://x/b.png")
        await _add(session, config, empty, asset, item)
        provider = await session.scalar(
            select(AIServiceProvider).where(AIServiceProvider.name == "gemini-text")
        )
    assert provider is not None

    config_data = ai_service_config_to_json(config)
    assert config_data["api_key"] == "sk-" + "*" * (len(key) - 7) + "1234"
    assert key not in orjson.dumps(config_data).decode()
    assert config_data["model"] == ["gpt-4.1", "gpt-4.1-mini"]
    assert (config_data["is_active"], config_data["is_default"], config_data["priority"]) == (
        True,
        False,
        0,
    )
    assert config_data["endpoint"] == "" and config_data["settings"] == ""
    empty_data = ai_service_config_to_json(empty)
    assert empty_data["api_key"] == "*****" and empty_data["model"] == []
    assert is_masked_echo(config_data["api_key"], key) and not is_masked_echo(key, key)

    provider_data = ai_service_provider_to_json(provider)
    assert provider_data["preset_models"][0] == "gemini-3.1-pro-preview"
    asset_data = asset_to_json(asset)
    assert asset_data["local_path"] is None and "drama_id" not in asset_data
    assert asset_data["video_gen"]["image_gen"]["id"] == 0
    assert (asset_data["is_favorite"], asset_data["view_count"]) == (False, 0)
    item_data = character_library_item_to_json(item)
    assert item_data["source_type"] == "generated" and item_data["category"] is None
    assert "local_path" not in item_data


def test_timestamp_and_url_helpers() -> None:
    shanghai = timezone(timedelta(hours=8))
    assert timestamp(datetime(2025, 1, 31, 16, 15, 30, 123400, tzinfo=shanghai)) == (
        "2025-01-31T08:15:30.1234Z"
    )
    assert timestamp(datetime(2025, 1, 31, 8, 0, tzinfo=UTC)) == "2025-01-31T08:00:00Z"
    assert timestamp(None) is None
    assert mask_api_key("") == "" and mask_api_key("12345678901") == "*" * 11
    assert mask_api_key("123456789012") == "123*****9012"
    assert media_url("videos/a.mp4", "http://remote/a.mp4") == "/static/videos/a.mp4"
    assert media_url(None, "http://remote/a.mp4") == "http://remote/a.mp4"
    assert static_url("https://cdn/x.png") == "https://cdn/x.png"
