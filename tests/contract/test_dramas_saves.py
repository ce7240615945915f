"""Contract of saving a drama's episodes and cast (api.md §2.1, issue #3: episodes are
updated in place by episode number, so ids and what hangs on them survive)."""

from __future__ import annotations

import pytest

from tests.contract.answers import data_of, error_of
from tests.contract.content import drama_detail, new_drama, new_episodes, new_shot
from tests.fixtures.stack import Stack


async def test_saving_episodes_keeps_matched_ids_and_their_content(stack: Stack) -> None:
    drama = await new_drama(stack.api)
    drama_id = drama["id"]
    first, second = await new_episodes(stack.api, drama_id)
    shot = await new_shot(stack.api, first["id"])
    scene = data_of(
        await stack.api.post(
            "/scenes", json={"drama_id": drama_id, "episode_id": first["id"], "location": "湖"}
        )
    )
    cast = {"characters": [{"name": "主角"}], "episode_id": first["id"]}
    data_of(await stack.api.put(f"/dramas/{drama_id}/characters", json=cast))

    detail = await drama_detail(stack.api, drama_id)
    sent = [
        dict(e, script_content="改写的剧本") for e in detail["episodes"] if e["episode_number"] == 1
    ]
    sent.append({"episode_number": 3, "title": "第三集", "script_content": "新"})
    answer = data_of(await stack.api.put(f"/dramas/{drama_id}/episodes", json={"episodes": sent}))
    assert set(answer) == {"message"}

    after = await drama_detail(stack.api, drama_id)
    by_number = {e["episode_number"]: e for e in after["episodes"]}
    assert set(by_number) == {1, 3}
    kept = by_number[1]
    assert kept["id"] == first["id"]
    assert kept["script_content"] == "改写的剧本"
    assert kept["title"] == first["title"]
    assert [s["id"] for s in kept["storyboards"]] == [shot["id"]]
    assert [s["id"] for s in kept["scenes"]] == [scene["id"]]
    assert [c["name"] for c in kept["characters"]] == ["主角"]
    assert by_number[3]["status"] == "draft" and by_number[3]["title"] == "第三集"
    assert by_number[3]["id"] not in (first["id"], second["id"])
    error_of(await stack.api.get(f"/episodes/{second['id']}/storyboards"), 404, "NOT_FOUND")


async def test_saving_an_empty_list_removes_every_episode(stack: Stack) -> None:
    drama = await new_drama(stack.api)
    await new_episodes(stack.api, drama["id"])
    data_of(await stack.api.put(f"/dramas/{drama['id']}/episodes", json={"episodes": []}))
    assert "episodes" not in await drama_detail(stack.api, drama["id"])


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"episodes": None},
        {"episodes": [{"episode_number": 1}, {"episode_number": 1}]},
        {"episodes": [{"episode_number": 1, "duration": "long"}]},
        {"episodes": [{"episode_number": "one"}]},
        {"episodes": [{"episode_number": 1, "title": 7}]},
    ],
)
async def test_saving_episodes_refuses_bad_bodies(stack: Stack, body: object) -> None:
    drama = await new_drama(stack.api)
    (episode,) = await new_episodes(stack.api, drama["id"], 1)
    answer = await stack.api.put(f"/dramas/{drama['id']}/episodes", json=body)
    error_of(answer, 400, "BAD_REQUEST")
    assert [e["id"] for e in (await drama_detail(stack.api, drama["id"]))["episodes"]] == [
        episode["id"]
    ]


async def test_saving_characters_updates_reuses_creates_and_links(stack: Stack) -> None:
    drama = await new_drama(stack.api)
    drama_id = drama["id"]
    (episode,) = await new_episodes(stack.api, drama_id, 1)
    first = {"characters": [{"name": "甲", "role": "main", "appearance": "高"}]}
    data_of(await stack.api.put(f"/dramas/{drama_id}/characters", json=first))
    (existing,) = data_of(await stack.api.get(f"/dramas/{drama_id}/characters"))

    body = {
        "episode_id": str(episode["id"]),
        "characters": [
            {**existing, "id": str(existing["id"]), "appearance": "矮", "local_path": "x/1.png"},
            {"name": "甲", "role": "ignored"},
            {"name": "乙", "description": "新人"},
        ],
    }
    data_of(await stack.api.put(f"/dramas/{drama_id}/characters", json=body))
    cast = data_of(await stack.api.get(f"/dramas/{drama_id}/characters"))
    by_name = {c["name"]: c for c in cast}
    assert len(cast) == 2
    assert by_name["甲"]["id"] == existing["id"]
    assert (by_name["甲"]["appearance"], by_name["甲"]["role"]) == ("矮", "main")
    assert by_name["甲"]["local_path"] == "x/1.png"
    assert by_name["乙"]["description"] == "新人"
    linked = data_of(
        await stack.api.get(f"/dramas/{drama_id}/characters", params={"episode_id": episode["id"]})
    )
    assert {c["name"] for c in linked} == {"甲", "乙"}

    data_of(await stack.api.put(f"/dramas/{drama_id}/characters", json=body))
    again = data_of(
        await stack.api.get(f"/dramas/{drama_id}/characters", params={"episode_id": episode["id"]})
    )
    assert len(again) == 2


async def test_saving_characters_checks_the_episode_and_body(stack: Stack) -> None:
    drama, other = await new_drama(stack.api), await new_drama(stack.api)
    (foreign,) = await new_episodes(stack.api, other["id"], 1)
    path = f"/dramas/{drama['id']}/characters"
    body = {"characters": [{"name": "丙"}], "episode_id": foreign["id"]}
    error_of(await stack.api.put(path, json=body), 404, "NOT_FOUND")
    assert data_of(await stack.api.get(path)) == []
    for bad in (
        {},
        {"characters": "[]"},
        {"characters": [{"id": "x1"}]},
        {"characters": [], "episode_id": "abc"},
    ):
        error_of(await stack.api.put(path, json=bad), 400, "BAD_REQUEST")
