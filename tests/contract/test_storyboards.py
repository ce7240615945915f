"""Contract of /storyboards (api.md §2.16: create, update, delete, set props)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.contract.answers import data_of, error_of
from tests.contract.content import drama_detail, new_drama, new_episodes, new_shot
from tests.fixtures.stack import Stack


async def _episode(stack: Stack) -> tuple[int, dict[str, Any]]:
    drama = await new_drama(stack.api, style="realistic")
    (episode,) = await new_episodes(stack.api, drama["id"], 1)
    return drama["id"], episode


async def _shots(stack: Stack, drama_id: int) -> list[dict[str, Any]]:
    detail = await drama_detail(stack.api, drama_id)
    shots: list[dict[str, Any]] = detail["episodes"][0].get("storyboards", [])
    return shots


async def test_create_derives_prompts_and_links_characters(stack: Stack) -> None:
    drama_id, episode = await _episode(stack)
    body = {"characters": [{"name": "甲"}]}
    data_of(await stack.api.put(f"/dramas/{drama_id}/characters", json=body))
    (character,) = data_of(await stack.api.get(f"/dramas/{drama_id}/characters"))
    shot = await new_shot(
        stack.api,
        str(episode["id"]),
        storyboard_number=1,
        location="码头",
        time="黄昏",
        dialogue="走吧",
        characters=[character["id"], 987654321],
        duration=0,
    )
    assert (shot["storyboard_number"], shot["duration"], shot["status"]) == (1, 5, "pending")
    assert shot["description"] == ""
    assert "码头" in shot["image_prompt"]
    assert "Dialogue: 走吧" in shot["video_prompt"]
    assert shot["video_prompt"].endswith("=VideoRatio: 16:9")
    assert [c["id"] for c in shot["characters"]] == [character["id"]]
    assert shot["episode"]["id"] == 0


async def test_taken_or_missing_numbers_go_to_the_end(stack: Stack) -> None:
    _, episode = await _episode(stack)
    first = await new_shot(stack.api, episode["id"], storyboard_number=1)
    second = await new_shot(stack.api, episode["id"], storyboard_number=1)
    third = await new_shot(stack.api, episode["id"])
    assert [s["storyboard_number"] for s in (first, second, third)] == [1, 2, 3]


async def test_update_applies_non_empty_values(stack: Stack) -> None:
    drama_id, episode = await _episode(stack)
    shot = await new_shot(stack.api, episode["id"], title="原", dialogue="你好")
    scene = data_of(await stack.api.post("/scenes", json={"drama_id": drama_id, "location": "林"}))
    path = f"/storyboards/{shot['id']}"
    change = {
        "title": "",
        "action": "跑",
        "duration": 7.9,
        "scene_id": str(scene["id"]),
        "image_prompt": "ignored",
        "characters": [{"id": 1}],
    }
    assert set(data_of(await stack.api.put(path, json=change))) == {"message"}
    (after,) = await _shots(stack, drama_id)
    assert (after["title"], after["action"], after["duration"]) == ("原", "跑", 7)
    assert after["scene_id"] == scene["id"] and after["background"]["id"] == scene["id"]
    assert after["image_prompt"] == shot["image_prompt"]
    assert "Action: 跑" in after["video_prompt"] and "Dialogue: 你好" in after["video_prompt"]

    data_of(await stack.api.put(path, json={"scene_id": None, "character_ids": []}))
    (cleared,) = await _shots(stack, drama_id)
    assert cleared["scene_id"] is None and "background" not in cleared
    for bad in ({"duration": "long"}, {"scene_id": "x"}, {"title": 3}):
        error_of(await stack.api.put(path, json=bad), 400, "BAD_REQUEST")


async def test_props_and_delete(stack: Stack) -> None:
    drama_id, episode = await _episode(stack)
    shot = await new_shot(stack.api, episode["id"])
    prop = data_of(await stack.api.post("/props", json={"drama_id": drama_id, "name": "伞"}), 201)
    path = f"/storyboards/{shot['id']}"
    body = {"prop_ids": [prop["id"], str(prop["id"]), 987654321]}
    assert "data" not in (await stack.api.post(f"{path}/props", json=body)).json()
    (linked,) = await _shots(stack, drama_id)
    assert [p["id"] for p in linked["props"]] == [prop["id"]]
    data_of(await stack.api.post(f"{path}/props", json={}))
    (unlinked,) = await _shots(stack, drama_id)
    assert "props" not in unlinked

    assert "data" not in (await stack.api.delete(path)).json()
    assert await _shots(stack, drama_id) == []
    error_of(await stack.api.delete(path), 404, "NOT_FOUND")
    error_of(await stack.api.put(path, json={"title": "x"}), 404, "NOT_FOUND")
    error_of(await stack.api.post(f"{path}/props", json={}), 404, "NOT_FOUND")


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"episode_id": 0},
        {"episode_id": "x"},
        {"episode_id": 1, "duration": "5s"},
        {"episode_id": 1, "characters": ["a"]},
    ],
)
async def test_create_refuses_bad_bodies(stack: Stack, body: object) -> None:
    error_of(await stack.api.post("/storyboards", json=body), 400, "BAD_REQUEST")


async def test_unknown_ids(stack: Stack) -> None:
    error_of(await stack.api.post("/storyboards", json={"episode_id": 987654321}), 404, "NOT_FOUND")
    error_of(await stack.api.put("/storyboards/1 OR 1=1", json={"title": "x"}), 404, "NOT_FOUND")
    error_of(await stack.api.delete("/storyboards/abc"), 400, "BAD_REQUEST")
    error_of(await stack.api.post("/storyboards/abc/props", json={}), 400, "BAD_REQUEST")
