"""Contract: the asset routes (api.md §2.15, flows.md F35)."""

from __future__ import annotations

from typing import Any

import pytest

from drama_catalog.models import Drama, Episode, ImageGeneration, Storyboard, VideoGeneration
from tests.contract.answers import data_of, error_of
from tests.contract.content import insert_rows, unique
from tests.fixtures.stack import Stack

ASSET_KEYS = {
    "id",
    "created_at",
    "updated_at",
    "name",
    "type",
    "url",
    "local_path",
    "image_gen",
    "video_gen",
    "is_favorite",
    "view_count",
}


async def new_drama(stack: Stack) -> Drama:
    drama = Drama(title=unique("drama"))
    await insert_rows(stack, drama)
    return drama


async def new_asset(stack: Stack, drama: Drama, **fields: Any) -> dict[str, Any]:
    body = {
        "name": unique("asset"),
        "type": "image",
        "url": "https://cdn.example/a.png",
        "drama_id": str(drama.id),
        **fields,
    }
    asset: dict[str, Any] = data_of(await stack.api.post("/assets", json=body))
    return asset


async def test_create_answers_the_asset(stack: Stack) -> None:
    drama = await new_drama(stack)

    asset = await new_asset(
        stack,
        drama,
        description="a red door",
        category="props",
        local_path="images/door.png",
        file_size=1234,
        mime_type="image/png",
        width=640,
        height=360,
        duration=3,
        format="png",
        tag_ids=[1, 2],
    )

    assert set(asset) >= ASSET_KEYS
    assert asset["drama_id"] == drama.id and asset["type"] == "image"
    assert (asset["description"], asset["category"], asset["local_path"]) == (
        "a red door",
        "props",
        "images/door.png",
    )
    assert (asset["file_size"], asset["width"], asset["height"], asset["duration"]) == (
        1234,
        640,
        360,
        3,
    )
    assert (asset["is_favorite"], asset["view_count"]) == (False, 0)
    assert asset["image_gen"]["id"] == 0 and asset["video_gen"]["id"] == 0


async def test_create_keeps_local_path_key_when_empty(stack: Stack) -> None:
    asset = await new_asset(stack, await new_drama(stack))

    assert asset["local_path"] is None
    assert "description" not in asset and "file_size" not in asset


@pytest.mark.parametrize(
    "body",
    [
        {"type": "image", "url": "u"},
        {"name": "n", "url": "u"},
        {"name": "n", "type": "image"},
        {"name": "", "type": "image", "url": "u"},
        {"name": "n", "type": "image", "url": "u", "drama_id": 5},
        {"name": "n", "type": "image", "url": "u", "width": "wide"},
        {"name": "n", "type": "image", "url": "u", "width": 1.5},
        {"name": "n", "type": "image", "url": "u", "width": 2**40},
        {"name": "x" * 201, "type": "image", "url": "u"},
        {"name": "bad\u0000name", "type": "image", "url": "u"},
    ],
)
async def test_create_refuses_bad_bodies(stack: Stack, body: dict[str, Any]) -> None:
    error_of(await stack.api.post("/assets", json=body), 400, "BAD_REQUEST")


async def test_create_with_an_unknown_drama_is_404(stack: Stack) -> None:
    body = {"name": "n", "type": "image", "url": "u", "drama_id": "987654321"}

    error_of(await stack.api.post("/assets", json=body), 404, "NOT_FOUND")


async def test_create_ignores_an_unparsable_drama_id(stack: Stack) -> None:
    body = {"name": unique("n"), "type": "video", "url": "u", "drama_id": "not-a-number"}

    asset = data_of(await stack.api.post("/assets", json=body))

    assert "drama_id" not in asset


async def test_get_shows_the_view_count_before_counting(stack: Stack) -> None:
    asset = await new_asset(stack, await new_drama(stack))

    first = data_of(await stack.api.get(f"/assets/{asset['id']}"))
    second = data_of(await stack.api.get(f"/assets/{asset['id']}"))

    assert (first["view_count"], second["view_count"]) == (0, 1)
    assert second["updated_at"] == asset["updated_at"]


async def test_update_answers_the_reloaded_asset(stack: Stack) -> None:
    asset = await new_asset(stack, await new_drama(stack), category="old")

    updated = data_of(
        await stack.api.put(
            f"/assets/{asset['id']}",
            json={
                "name": "renamed",
                "is_favorite": True,
                "description": "new words",
                "category": None,
                "tag_ids": [3],
            },
        )
    )

    assert (updated["name"], updated["is_favorite"], updated["description"]) == (
        "renamed",
        True,
        "new words",
    )
    assert updated["category"] == "old"
    assert data_of(await stack.api.get(f"/assets/{asset['id']}"))["name"] == "renamed"


async def test_delete_hides_the_asset(stack: Stack) -> None:
    asset = await new_asset(stack, await new_drama(stack))

    assert data_of(await stack.api.delete(f"/assets/{asset['id']}")) is None

    error_of(await stack.api.get(f"/assets/{asset['id']}"), 404, "NOT_FOUND")
    error_of(await stack.api.delete(f"/assets/{asset['id']}"), 404, "NOT_FOUND")


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/assets/{id}"),
        ("PUT", "/assets/{id}"),
        ("DELETE", "/assets/{id}"),
        ("POST", "/assets/import/image/{id}"),
        ("POST", "/assets/import/video/{id}"),
    ],
)
@pytest.mark.parametrize(
    ("value", "status", "code"),
    [
        ("abc", 400, "BAD_REQUEST"),
        ("-1", 400, "BAD_REQUEST"),
        ("1.5", 400, "BAD_REQUEST"),
        ("99999999999999999999", 400, "BAD_REQUEST"),
        ("987654321", 404, "NOT_FOUND"),
    ],
)
async def test_bad_and_unknown_ids(
    stack: Stack, method: str, path: str, value: str, status: int, code: str
) -> None:
    body = {"name": "x"} if method == "PUT" else None

    answer = await stack.api.request(method, path.format(id=value), json=body)

    error_of(answer, status, code)


async def test_list_filters_and_pages(stack: Stack) -> None:
    drama = await new_drama(stack)
    door = await new_asset(stack, drama, name="Red Door", type="image", category="set")
    clip = await new_asset(stack, drama, name="walk", type="video", description="A RED car")
    other = await new_asset(stack, drama, name="tree", type="image")
    data_of(await stack.api.put(f"/assets/{other['id']}", json={"is_favorite": True}))

    async def listed(**query: Any) -> list[int]:
        data = data_of(await stack.api.get("/assets", params={"drama_id": drama.id, **query}))
        assert set(data) == {"items", "pagination"}
        return [item["id"] for item in data["items"]]

    assert await listed() == [other["id"], clip["id"], door["id"]]
    assert await listed(type="video") == [clip["id"]]
    assert await listed(category="set") == [door["id"]]
    assert await listed(is_favorite="true") == [other["id"]]
    assert await listed(is_favorite="false") == [clip["id"], door["id"]]
    assert await listed(is_favorite="maybe") == [other["id"], clip["id"], door["id"]]
    assert await listed(search="red") == [clip["id"], door["id"]]
    assert await listed(search="100%_") == []
    assert await listed(episode_id="x", storyboard_id="y", tag_ids="1,2") == [
        other["id"],
        clip["id"],
        door["id"],
    ]
    page = data_of(
        await stack.api.get("/assets", params={"drama_id": drama.id, "page": 2, "page_size": 2})
    )
    assert [item["id"] for item in page["items"]] == [door["id"]]
    assert page["pagination"] == {"page": 2, "page_size": 2, "total": 3, "total_pages": 2}


async def test_list_defaults_unparsable_numbers(stack: Stack) -> None:
    data = data_of(
        await stack.api.get("/assets", params={"drama_id": "abc", "page": "x", "page_size": "500"})
    )

    assert data["items"] == []
    assert data["pagination"] == {"page": 1, "page_size": 20, "total": 0, "total_pages": 0}


async def test_import_of_a_completed_image(stack: Stack) -> None:
    drama = await new_drama(stack)
    image = ImageGeneration(
        drama_id=drama.id,
        provider="openai",
        prompt="a castle",
        status="completed",
        image_url="https://cdn.example/c.png",
        local_path="images/generation-1.png",
        width=800,
        height=450,
    )
    await insert_rows(stack, image)

    asset = data_of(await stack.api.post(f"/assets/import/image/{image.id}"))

    assert (asset["name"], asset["type"], asset["url"]) == (
        f"Image_{image.id}",
        "image",
        "https://cdn.example/c.png",
    )
    assert (asset["drama_id"], asset["image_gen_id"], asset["width"], asset["height"]) == (
        drama.id,
        image.id,
        800,
        450,
    )
    assert asset["local_path"] == "images/generation-1.png"


async def test_import_of_an_unfinished_image_is_400(stack: Stack) -> None:
    drama = await new_drama(stack)
    image = ImageGeneration(drama_id=drama.id, provider="openai", prompt="p", status="pending")
    await insert_rows(stack, image)

    error_of(await stack.api.post(f"/assets/import/image/{image.id}"), 400, "BAD_REQUEST")


async def test_import_of_a_completed_video(stack: Stack) -> None:
    drama = await new_drama(stack)
    episode = Episode(drama_id=drama.id, episode_number=1, title="one")
    await insert_rows(stack, episode)
    shot = Storyboard(episode_id=episode.id, storyboard_number=4)
    await insert_rows(stack, shot)
    video = VideoGeneration(
        drama_id=drama.id,
        storyboard_id=shot.id,
        provider="doubao",
        prompt="walks",
        status="completed",
        video_url="https://cdn.example/v.mp4",
        local_path="videos/v.mp4",
        duration=5,
        width=1280,
        height=720,
        first_frame_url="https://cdn.example/f.png",
    )
    await insert_rows(stack, video)

    asset = data_of(await stack.api.post(f"/assets/import/video/{video.id}"))

    assert (asset["name"], asset["type"], asset["url"], asset["local_path"]) == (
        f"Video_{video.id}",
        "video",
        "https://cdn.example/v.mp4",
        "videos/v.mp4",
    )
    assert (asset["drama_id"], asset["episode_id"], asset["storyboard_id"]) == (
        drama.id,
        episode.id,
        shot.id,
    )
    assert (asset["storyboard_num"], asset["video_gen_id"], asset["duration"]) == (4, video.id, 5)
    assert (asset["width"], asset["height"], asset["thumbnail_url"]) == (
        1280,
        720,
        "https://cdn.example/f.png",
    )
    listed = data_of(await stack.api.get("/assets", params={"storyboard_id": shot.id}))
    assert [item["id"] for item in listed["items"]] == [asset["id"]]


async def test_import_of_an_unfinished_video_is_400(stack: Stack) -> None:
    drama = await new_drama(stack)
    video = VideoGeneration(drama_id=drama.id, provider="doubao", prompt="p", status="failed")
    await insert_rows(stack, video)

    error_of(await stack.api.post(f"/assets/import/video/{video.id}"), 400, "BAD_REQUEST")
