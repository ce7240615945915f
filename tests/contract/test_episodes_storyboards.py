"""Contract of GET /episodes/:episode_id/storyboards (api.md §2.9, StoryboardComposition)."""

from __future__ import annotations

from drama_catalog.models import ImageGeneration
from tests.contract.answers import data_of, error_of
from tests.contract.content import insert_rows, new_drama, new_episodes, new_shot
from tests.fixtures.stack import Stack


async def test_an_episode_without_shots_answers_null(stack: Stack) -> None:
    drama = await new_drama(stack.api)
    (episode,) = await new_episodes(stack.api, drama["id"], 1)
    answer = data_of(await stack.api.get(f"/episodes/{episode['id']}/storyboards"))
    assert answer == {"storyboards": None, "total": 0}


async def test_shots_are_flattened_in_number_order(stack: Stack) -> None:
    drama = await new_drama(stack.api)
    drama_id = drama["id"]
    (episode,) = await new_episodes(stack.api, drama_id, 1)
    body = {"characters": [{"name": "甲", "image_url": "https://x/c.png"}]}
    data_of(await stack.api.put(f"/dramas/{drama_id}/characters", json=body))
    (character,) = data_of(await stack.api.get(f"/dramas/{drama_id}/characters"))
    scene = data_of(
        await stack.api.post(
            "/scenes",
            json={
                "drama_id": drama_id,
                "location": "港",
                "time": "晨",
                "local_path": "scenes/1.png",
            },
        )
    )
    second = await new_shot(stack.api, episode["id"], storyboard_number=2)
    first = await new_shot(
        stack.api,
        episode["id"],
        storyboard_number=1,
        scene_id=scene["id"],
        characters=[character["id"]],
    )

    def image(status: str, url: str | None = None) -> ImageGeneration:
        return ImageGeneration(
            drama_id=drama_id,
            storyboard_id=first["id"],
            provider="p",
            prompt="p",
            status=status,
            image_url=url,
        )

    await insert_rows(stack, image("completed", "https://x/old.png"))
    await insert_rows(stack, image("completed", "https://x/new.png"))
    await insert_rows(stack, image("completed"))
    await insert_rows(stack, image("processing"))
    running = image("processing")
    await insert_rows(stack, running)
    await insert_rows(stack, image("pending"))

    answer = data_of(await stack.api.get(f"/episodes/{episode['id']}/storyboards"))
    assert answer["total"] == 2
    one, two = answer["storyboards"]
    assert (one["id"], two["id"]) == (first["id"], second["id"])
    assert one["characters"] == [
        {"id": character["id"], "name": "甲", "image_url": "https://x/c.png"}
    ]
    assert one["background"] == {
        "id": scene["id"],
        "location": "港",
        "time": "晨",
        "local_path": "scenes/1.png",
        "status": "draft",
    }
    assert one["scene_id"] == scene["id"]
    assert one["composed_image"] == "https://x/new.png"
    assert (one["image_generation_id"], one["image_generation_status"]) == (
        running.id,
        "processing",
    )
    assert "video_generation_status" not in one
    assert one["image_prompt"] and one["video_prompt"]
    assert two["characters"] is None and two["background"] is None
    assert "composed_image" not in two and "image_generation_id" not in two
    for key in (
        "title",
        "description",
        "shot_type",
        "angle",
        "movement",
        "location",
        "time",
        "dialogue",
        "action",
        "result",
        "atmosphere",
        "duration",
    ):
        assert key in two


async def test_unknown_episodes_are_not_found(stack: Stack) -> None:
    for episode_id in ("987654321", "abc"):
        error_of(await stack.api.get(f"/episodes/{episode_id}/storyboards"), 404, "NOT_FOUND")
