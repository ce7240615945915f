"""Contract of /dramas (api.md §2.1): create, list, stats, detail, update, delete, outline,
progress, the drama's characters and props."""

from __future__ import annotations

import pytest

from drama_catalog.models import ImageGeneration
from tests.contract.answers import data_of, error_of
from tests.contract.content import (
    drama_detail,
    insert_rows,
    new_drama,
    new_episodes,
    new_shot,
    unique,
)
from tests.fixtures.stack import Stack

DRAMA_KEYS = {
    "id",
    "title",
    "description",
    "genre",
    "style",
    "total_episodes",
    "total_duration",
    "status",
    "thumbnail",
    "tags",
    "metadata",
    "created_at",
    "updated_at",
}


async def test_create_answers_a_draft_drama(stack: Stack) -> None:
    title = unique("标题")
    answer = await stack.api.post("/dramas", json={"title": title, "description": "d"})
    drama = data_of(answer, 201)
    assert set(drama) == DRAMA_KEYS
    assert drama["title"] == title
    assert drama["style"] == "ghibli"
    assert drama["status"] == "draft"
    assert drama["genre"] is None
    assert (drama["total_episodes"], drama["total_duration"]) == (1, 0)
    assert isinstance(drama["id"], int)


@pytest.mark.parametrize(
    "body",
    [{}, {"title": ""}, {"title": "x" * 101}, {"title": 5}, {"title": "t", "style": 3}, []],
)
async def test_create_refuses_bad_bodies(stack: Stack, body: object) -> None:
    error_of(await stack.api.post("/dramas", json=body), 400, "BAD_REQUEST")


async def test_create_refuses_an_empty_body(stack: Stack) -> None:
    error_of(await stack.api.post("/dramas", content=b""), 400, "BAD_REQUEST")


async def test_list_pages_filters_and_reports_minutes(stack: Stack) -> None:
    keyword = unique("kw")
    first = await new_drama(stack.api, title=f"a {keyword}", genre="悬疑")
    await new_drama(stack.api, title=f"b {keyword}")
    episode = (await new_episodes(stack.api, first["id"], 1))[0]
    await new_shot(stack.api, episode["id"], duration=50)
    await new_shot(stack.api, episode["id"], duration=20)

    page = data_of(await stack.api.get("/dramas", params={"keyword": keyword}))
    assert page["pagination"] == {"page": 1, "page_size": 20, "total": 2, "total_pages": 1}
    assert [item["title"] for item in page["items"]] == [f"a {keyword}", f"b {keyword}"]
    listed = page["items"][0]
    assert "characters" not in listed and "scenes" not in listed
    (listed_episode,) = listed["episodes"]
    assert listed_episode["duration"] == 2
    assert [s["duration"] for s in listed_episode["storyboards"]] == [50, 20]
    assert "episodes" not in page["items"][1]

    genre = data_of(await stack.api.get("/dramas", params={"keyword": keyword, "genre": "悬疑"}))
    assert [item["id"] for item in genre["items"]] == [first["id"]]
    small = data_of(await stack.api.get("/dramas", params={"keyword": keyword, "page_size": 1}))
    assert small["pagination"]["total_pages"] == 2 and len(small["items"]) == 1


async def test_list_paging_rules(stack: Stack) -> None:
    keyword = unique("none")
    empty = data_of(
        await stack.api.get("/dramas", params={"keyword": keyword, "page_size": 500, "page": 0})
    )
    assert empty == {
        "items": [],
        "pagination": {"page": 1, "page_size": 20, "total": 0, "total_pages": 0},
    }
    for params in ({"page": "abc"}, {"page_size": "1.5"}):
        error_of(await stack.api.get("/dramas", params=params), 400, "BAD_REQUEST")


async def test_unfiltered_total_follows_creates_and_deletes(stack: Stack) -> None:
    async def total() -> int:
        page = data_of(await stack.api.get("/dramas", params={"page_size": 1}))
        return int(page["pagination"]["total"])

    before = await total()
    kept = await new_drama(stack.api)
    dropped = await new_drama(stack.api)
    data_of(await stack.api.delete(f"/dramas/{dropped['id']}"))
    assert await total() == before + 1
    stats = data_of(await stack.api.get("/dramas/stats"))
    assert stats["total"] == before + 1
    newest = data_of(await stack.api.get("/dramas", params={"page_size": 1}))["items"]
    assert [item["id"] for item in newest] == [kept["id"]]


async def test_stats_counts_live_dramas_by_status(stack: Stack) -> None:
    before = data_of(await stack.api.get("/dramas/stats"))
    drama = await new_drama(stack.api)
    data_of(await stack.api.put(f"/dramas/{drama['id']}", json={"status": "archived"}))
    after = data_of(await stack.api.get("/dramas/stats"))
    assert after["total"] == before["total"] + 1
    assert all(set(item) == {"Status", "Count"} for item in after["by_status"])
    counts = {item["Status"]: item["Count"] for item in after["by_status"]}
    old = {item["Status"]: item["Count"] for item in before["by_status"]}
    assert counts["archived"] == old.get("archived", 0) + 1


async def test_detail_of_a_new_drama_has_no_relation_keys(stack: Stack) -> None:
    drama = await new_drama(stack.api)
    detail = await drama_detail(stack.api, drama["id"])
    assert set(detail) == DRAMA_KEYS


@pytest.mark.parametrize("drama_id", ["999999999", "abc", "1;drop", "99999999999999999999999"])
async def test_unknown_drama_ids_are_not_found(stack: Stack, drama_id: str) -> None:
    error_of(await stack.api.get(f"/dramas/{drama_id}"), 404, "NOT_FOUND")
    error_of(await stack.api.put(f"/dramas/{drama_id}", json={}), 404, "NOT_FOUND")
    error_of(await stack.api.delete(f"/dramas/{drama_id}"), 404, "NOT_FOUND")
    body = {"current_step": "x"}
    error_of(await stack.api.put(f"/dramas/{drama_id}/progress", json=body), 404, "NOT_FOUND")
    error_of(await stack.api.get(f"/dramas/{drama_id}/characters"), 404, "NOT_FOUND")
    body2: dict[str, list[object]] = {"episodes": []}
    error_of(await stack.api.put(f"/dramas/{drama_id}/episodes", json=body2), 404, "NOT_FOUND")


async def test_detail_loads_the_whole_tree(stack: Stack) -> None:
    drama = await new_drama(stack.api)
    drama_id = drama["id"]
    first, second = await new_episodes(stack.api, drama_id)
    cast = {"characters": [{"name": "林"}, {"name": "周"}], "episode_id": first["id"]}
    data_of(await stack.api.put(f"/dramas/{drama_id}/characters", json=cast))
    scene_body = {"drama_id": drama_id, "episode_id": first["id"], "location": "街"}
    scene = data_of(await stack.api.post("/scenes", json=scene_body))
    loose = data_of(await stack.api.post("/scenes", json={"drama_id": drama_id, "location": "山"}))
    prop = data_of(await stack.api.post("/props", json={"drama_id": drama_id, "name": "剑"}), 201)
    characters = data_of(await stack.api.get(f"/dramas/{drama_id}/characters"))
    shot = await new_shot(
        stack.api,
        first["id"],
        scene_id=scene["id"],
        duration=61,
        characters=[c["id"] for c in characters],
    )
    data_of(
        await stack.api.post(f"/storyboards/{shot['id']}/props", json={"prop_ids": [prop["id"]]})
    )

    detail = await drama_detail(stack.api, drama_id)
    assert {c["name"] for c in detail["characters"]} == {"林", "周"}
    assert [p["id"] for p in detail["props"]] == [prop["id"]]
    assert {s["id"] for s in detail["scenes"]} == {scene["id"], loose["id"]}
    one, two = detail["episodes"]
    assert (one["id"], two["id"]) == (first["id"], second["id"])
    assert one["duration"] == 2
    assert [s["id"] for s in one["scenes"]] == [scene["id"]]
    assert {c["name"] for c in one["characters"]} == {"林", "周"}
    (listed_shot,) = one["storyboards"]
    assert listed_shot["background"]["id"] == scene["id"]
    assert [p["id"] for p in listed_shot["props"]] == [prop["id"]]
    assert len(listed_shot["characters"]) == 2
    assert "storyboards" not in two and "characters" not in two and "scenes" not in two


async def test_detail_and_cast_report_image_generation_status(stack: Stack) -> None:
    drama = await new_drama(stack.api)
    drama_id = drama["id"]
    (episode,) = await new_episodes(stack.api, drama_id, 1)
    body = {"characters": [{"name": "甲"}, {"name": "乙"}], "episode_id": episode["id"]}
    data_of(await stack.api.put(f"/dramas/{drama_id}/characters", json=body))
    cast = {c["name"]: c for c in data_of(await stack.api.get(f"/dramas/{drama_id}/characters"))}
    scene = data_of(
        await stack.api.post(
            "/scenes", json={"drama_id": drama_id, "episode_id": episode["id"], "location": "屋"}
        )
    )

    def image(status: str, error: str | None = None, **owner: int) -> ImageGeneration:
        return ImageGeneration(
            drama_id=drama_id,
            provider="openai",
            prompt="p",
            status=status,
            error_msg=error,
            **owner,
        )

    first, second = cast["甲"]["id"], cast["乙"]["id"]
    await insert_rows(stack, image("processing", character_id=first))
    await insert_rows(stack, image("failed", "quota", character_id=first))
    await insert_rows(stack, image("failed", "bad prompt", character_id=second))
    await insert_rows(stack, image("completed", character_id=second))
    await insert_rows(stack, image("pending", scene_id=scene["id"]))

    detail = await drama_detail(stack.api, drama_id)
    annotated = {c["name"]: c for c in detail["episodes"][0]["characters"]}
    assert annotated["甲"]["image_generation_status"] == "processing"
    assert annotated["乙"]["image_generation_status"] == "failed"
    assert annotated["乙"]["image_generation_error"] == "bad prompt"
    assert detail["episodes"][0]["scenes"][0]["image_generation_status"] == "pending"

    newest = {
        c["name"]: c
        for c in data_of(
            await stack.api.get(
                f"/dramas/{drama_id}/characters", params={"episode_id": episode["id"]}
            )
        )
    }
    assert newest["甲"]["image_generation_status"] == "failed"
    assert newest["甲"]["image_generation_error"] == "quota"
    assert "image_generation_status" not in newest["乙"]


async def test_cast_of_an_episode_from_another_drama_is_not_found(stack: Stack) -> None:
    drama, other = await new_drama(stack.api), await new_drama(stack.api)
    (episode,) = await new_episodes(stack.api, other["id"], 1)
    answer = await stack.api.get(
        f"/dramas/{drama['id']}/characters", params={"episode_id": episode["id"]}
    )
    error_of(answer, 404, "NOT_FOUND")
    assert data_of(await stack.api.get(f"/dramas/{drama['id']}/characters")) == []


async def test_update_changes_given_fields_only(stack: Stack) -> None:
    drama = await new_drama(stack.api, genre="g")
    body = {
        "title": "新",
        "genre": "",
        "status": "production",
        "tags": "a,b",
        "episodes": [{"anything": 1}],
    }
    updated = data_of(await stack.api.put(f"/dramas/{drama['id']}", json=body))
    assert set(updated) == DRAMA_KEYS
    assert (updated["title"], updated["genre"], updated["status"]) == ("新", "g", "production")
    assert updated["tags"] == "a,b"
    assert updated["updated_at"] >= drama["updated_at"]
    assert (await drama_detail(stack.api, drama["id"]))["tags"] == "a,b"


@pytest.mark.parametrize(
    "body", [{"status": "done"}, {"tags": 5}, {"title": "x" * 101}, {"title": 1}]
)
async def test_update_refuses_bad_values(stack: Stack, body: object) -> None:
    drama = await new_drama(stack.api)
    error_of(await stack.api.put(f"/dramas/{drama['id']}", json=body), 400, "BAD_REQUEST")


async def test_delete_hides_the_drama(stack: Stack) -> None:
    drama = await new_drama(stack.api)
    answer = data_of(await stack.api.delete(f"/dramas/{drama['id']}"))
    assert set(answer) == {"message"}
    error_of(await stack.api.get(f"/dramas/{drama['id']}"), 404, "NOT_FOUND")
    error_of(await stack.api.delete(f"/dramas/{drama['id']}"), 404, "NOT_FOUND")
    listed = data_of(await stack.api.get("/dramas", params={"keyword": drama["title"]}))
    assert listed["items"] == []


async def test_outline_and_progress(stack: Stack) -> None:
    drama = await new_drama(stack.api)
    path = f"/dramas/{drama['id']}"
    outline = {"title": "大纲", "summary": "概要", "genre": "爱情", "tags": ["甜", "虐"]}
    assert set(data_of(await stack.api.put(f"{path}/outline", json=outline))) == {"message"}
    error_of(await stack.api.put(f"{path}/outline", json={"title": "x"}), 400, "BAD_REQUEST")
    data_of(await stack.api.put(f"{path}/progress", json={"current_step": "script"}))
    step = {"current_step": "cast", "step_data": {"done": [1, 2]}}
    data_of(await stack.api.put(f"{path}/progress", json=step))
    data_of(await stack.api.put(f"{path}/progress", json={"current_step": "shots"}))
    error_of(await stack.api.put(f"{path}/progress", json={}), 400, "BAD_REQUEST")
    detail = await drama_detail(stack.api, drama["id"])
    assert (detail["title"], detail["description"], detail["genre"]) == ("大纲", "概要", "爱情")
    assert detail["tags"] == ["甜", "虐"]
    assert detail["metadata"] == {"current_step": "shots", "step_data": {"done": [1, 2]}}


async def test_props_of_a_drama(stack: Stack) -> None:
    drama = await new_drama(stack.api)
    prop = data_of(
        await stack.api.post("/props", json={"drama_id": drama["id"], "name": "伞"}), 201
    )
    by_query = data_of(await stack.api.get("/dramas/0/props", params={"drama_id": drama["id"]}))
    assert [p["id"] for p in by_query] == [prop["id"]]
    by_path = data_of(await stack.api.get(f"/dramas/{drama['id']}/props"))
    assert [p["id"] for p in by_path] == [prop["id"]]
    error_of(await stack.api.get("/dramas/1/props", params={"drama_id": "x"}), 400, "BAD_REQUEST")
