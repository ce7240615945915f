"""Contract of /scenes (api.md §2.11: create, update, prompt, delete)."""

from __future__ import annotations

import pytest

from tests.contract.answers import data_of, error_of
from tests.contract.content import drama_detail, new_drama, new_episodes
from tests.fixtures.stack import Stack

SCENE_KEYS = {
    "id",
    "drama_id",
    "episode_id",
    "location",
    "time",
    "prompt",
    "storyboard_count",
    "image_url",
    "local_path",
    "status",
    "created_at",
    "updated_at",
}


async def test_create_update_prompt_delete(stack: Stack) -> None:
    drama = await new_drama(stack.api)
    (episode,) = await new_episodes(stack.api, drama["id"], 1)
    body = {
        "drama_id": drama["id"],
        "episode_id": str(episode["id"]),
        "location": "街",
        "time": "夜",
        "description": "ignored",
    }
    scene = data_of(await stack.api.post("/scenes", json=body))
    assert set(scene) == SCENE_KEYS
    assert (scene["status"], scene["storyboard_count"], scene["local_path"]) == ("draft", 1, None)
    with_image = data_of(
        await stack.api.post(
            "/scenes", json={"drama_id": drama["id"], "image_url": "https://x/s.png"}
        )
    )
    assert (with_image["status"], with_image["episode_id"]) == ("completed", None)

    path = f"/scenes/{scene['id']}"
    change = {
        "location": "桥",
        "description": "雨夜的桥",
        "image_url": "u",
        "local_path": "s/1.png",
    }
    assert set(data_of(await stack.api.put(path, json=change))) == {"message"}
    data_of(await stack.api.put(f"{path}/prompt", json={"prompt": "rainy bridge"}))
    detail = await drama_detail(stack.api, drama["id"])
    (listed,) = detail["episodes"][0]["scenes"]
    assert (listed["location"], listed["prompt"], listed["local_path"]) == (
        "桥",
        "rainy bridge",
        "s/1.png",
    )
    data_of(await stack.api.put(f"{path}/prompt", json={}))
    assert data_of(await stack.api.delete(path))["message"]
    for answer in (
        await stack.api.put(path, json={"time": "x"}),
        await stack.api.put(f"{path}/prompt", json={}),
        await stack.api.delete(path),
    ):
        error_of(answer, 404, "NOT_FOUND")


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"drama_id": 0},
        {"drama_id": "abc"},
        {"drama_id": 1, "location": 3},
        {"drama_id": 1, "episode_id": "x"},
    ],
)
async def test_create_refuses_bad_bodies(stack: Stack, body: object) -> None:
    error_of(await stack.api.post("/scenes", json=body), 400, "BAD_REQUEST")


async def test_unknown_owners_and_ids(stack: Stack) -> None:
    error_of(await stack.api.post("/scenes", json={"drama_id": 987654321}), 404, "NOT_FOUND")
    drama = await new_drama(stack.api)
    body = {"drama_id": drama["id"], "episode_id": 987654321}
    error_of(await stack.api.post("/scenes", json=body), 404, "NOT_FOUND")
    for scene_id in ("abc", "987654321"):
        error_of(await stack.api.put(f"/scenes/{scene_id}", json={}), 404, "NOT_FOUND")
        error_of(await stack.api.delete(f"/scenes/{scene_id}"), 404, "NOT_FOUND")
    error_of(await stack.api.put("/scenes/1", json={"location": 5}), 400, "BAD_REQUEST")
