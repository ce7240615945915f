"""Contract: /images (api.md §2.12 without backgrounds/extract), through the real bus to the
image worker's local provider and back."""

from __future__ import annotations

import io

from PIL import Image

from tests.contract.answers import data_of, error_of
from tests.contract.content import new_drama, new_episodes, new_shot
from tests.contract.generation_helpers import completed_image, drama_with_shot, stored
from tests.fixtures.stack import Stack

IMAGE_KEYS = {
    "id",
    "drama_id",
    "image_type",
    "provider",
    "prompt",
    "model",
    "size",
    "quality",
    "status",
    "created_at",
    "updated_at",
    "drama",
}


async def test_generate_an_image_to_completion(stack: Stack) -> None:
    drama_id, _, shot_id = await drama_with_shot(stack.api)
    body = {
        "drama_id": str(drama_id),
        "prompt": "a lighthouse at dusk",
        "storyboard_id": shot_id,
        "frame_type": "first",
        "size": "320x240",
    }
    record = data_of(await stack.api.post("/images", json=body))
    assert set(record) >= IMAGE_KEYS
    assert record["status"] == "pending" and record["storyboard_id"] == shot_id
    assert "image_url" not in record

    image = await completed_image(stack.api, record["id"])
    assert image["local_path"] == f"images/generation-{record['id']}.png"
    assert image["image_url"] == f"/static/{image['local_path']}"
    assert (image["width"], image["height"]) == (320, 240)
    assert "completed_at" in image
    with Image.open(io.BytesIO(await stored(stack, image["local_path"]))) as picture:
        assert picture.size == (320, 240)
    shot = data_of(
        await stack.api.get(f"/episodes/{(await _episode_of(stack, shot_id))}/storyboards")
    )["storyboards"][0]
    assert shot["composed_image"] == image["image_url"]


async def _episode_of(stack: Stack, shot_id: int) -> int:
    listed = data_of(await stack.api.get("/images", params={"storyboard_id": shot_id}))
    drama_id = listed["items"][0]["drama_id"]
    detail = data_of(await stack.api.get(f"/dramas/{drama_id}"))
    return int(detail["episodes"][0]["id"])


async def test_list_filters_and_pages(stack: Stack) -> None:
    drama = await new_drama(stack.api)
    for n in range(3):
        body = {"drama_id": str(drama["id"]), "prompt": f"picture number {n}", "size": "320x240"}
        data_of(await stack.api.post("/images", json=body))
    page = data_of(await stack.api.get("/images", params={"drama_id": drama["id"], "page_size": 2}))
    assert page["pagination"] == {"page": 1, "page_size": 2, "total": 3, "total_pages": 2}
    assert len(page["items"]) == 2
    assert [i["prompt"] for i in page["items"]] == ["picture number 2", "picture number 1"]
    empty = data_of(await stack.api.get("/images", params={"drama_id": "nope"}))
    assert empty["items"] == [] and empty["pagination"]["total"] == 0


async def test_create_errors(stack: Stack) -> None:
    drama = await new_drama(stack.api)
    cases = [
        {"drama_id": drama["id"], "prompt": "a valid prompt"},
        {"drama_id": str(drama["id"]), "prompt": "tiny"},
        {"prompt": "a valid prompt"},
        {"drama_id": str(drama["id"]), "prompt": "a valid prompt", "steps": "many"},
    ]
    for body in cases:
        error_of(await stack.api.post("/images", json=body), 400, "BAD_REQUEST")
    missing = {"drama_id": "999999999", "prompt": "a valid prompt"}
    error_of(await stack.api.post("/images", json=missing), 404, "NOT_FOUND")
    error_of(
        await stack.api.post("/images", json={"drama_id": "abc", "prompt": "valid one"}),
        404,
        "NOT_FOUND",
    )


async def test_get_and_delete(stack: Stack) -> None:
    drama = await new_drama(stack.api)
    body = {"drama_id": str(drama["id"]), "prompt": "to be deleted", "size": "320x240"}
    record = data_of(await stack.api.post("/images", json=body))
    assert data_of(await stack.api.get(f"/images/{record['id']}"))["id"] == record["id"]
    assert data_of(await stack.api.delete(f"/images/{record['id']}")) is None
    error_of(await stack.api.get(f"/images/{record['id']}"), 404, "NOT_FOUND")
    error_of(await stack.api.delete(f"/images/{record['id']}"), 404, "NOT_FOUND")
    error_of(await stack.api.get("/images/x1"), 400, "BAD_REQUEST")
    error_of(await stack.api.delete("/images/-3"), 400, "BAD_REQUEST")


async def test_an_image_after_a_deleted_one_is_drawn_anew(stack: Stack) -> None:
    """Deleting the newest image frees nothing: the next one gets its own id and picture,
    not the deleted one's stored file and already-applied events."""
    drama = await new_drama(stack.api)
    first = {"drama_id": str(drama["id"]), "prompt": "drawn then deleted", "size": "320x240"}
    old = await completed_image(
        stack.api, data_of(await stack.api.post("/images", json=first))["id"]
    )
    assert data_of(await stack.api.delete(f"/images/{old['id']}")) is None

    second = {"drama_id": str(drama["id"]), "prompt": "drawn after it", "size": "160x120"}
    record = data_of(await stack.api.post("/images", json=second))
    assert record["id"] > old["id"]
    image = await completed_image(stack.api, record["id"])
    assert (image["width"], image["height"]) == (160, 120)
    with Image.open(io.BytesIO(await stored(stack, image["local_path"]))) as picture:
        assert picture.size == (160, 120)


async def test_upload_registers_a_completed_frame(stack: Stack) -> None:
    drama_id, _, shot_id = await drama_with_shot(stack.api)
    body = {
        "storyboard_id": shot_id,
        "drama_id": drama_id,
        "frame_type": "key",
        "image_url": "data:image/png;base64,iVBORw0KGgo=",
    }
    record = data_of(await stack.api.post("/images/upload", json=body))
    assert (record["status"], record["provider"], record["model"]) == (
        "completed",
        "upload",
        "upload",
    )
    assert record["frame_type"] == "key" and "local_path" not in record
    error_of(
        await stack.api.post("/images/upload", json={**body, "storyboard_id": 0}),
        400,
        "BAD_REQUEST",
    )
    error_of(
        await stack.api.post("/images/upload", json={**body, "storyboard_id": 10**12}),
        404,
        "NOT_FOUND",
    )


async def test_scene_image_and_backgrounds(stack: Stack) -> None:
    drama = await new_drama(stack.api)
    episode = (await new_episodes(stack.api, drama["id"], 1))[0]
    scene = data_of(
        await stack.api.post(
            "/scenes",
            json={
                "drama_id": drama["id"],
                "episode_id": episode["id"],
                "location": "harbour",
                "time": "night",
                "prompt": "",
            },
        )
    )
    started = data_of(await stack.api.post(f"/images/scene/{scene['id']}"))
    assert len(started) == 1 and started[0]["image_type"] == "scene"
    assert "harbour" in started[0]["prompt"]
    await completed_image(stack.api, started[0]["id"])
    backgrounds = data_of(await stack.api.get(f"/images/episode/{episode['id']}/backgrounds"))
    assert [b["id"] for b in backgrounds] == [scene["id"]]
    assert backgrounds[0]["status"] == "generated"
    assert backgrounds[0]["local_path"] == f"images/generation-{started[0]['id']}.png"
    error_of(await stack.api.post("/images/scene/abc"), 404, "NOT_FOUND")
    error_of(await stack.api.get("/images/episode/999999999/backgrounds"), 404, "NOT_FOUND")


async def test_episode_batch(stack: Stack) -> None:
    drama = await new_drama(stack.api)
    episode = (await new_episodes(stack.api, drama["id"], 1))[0]
    path = f"/images/episode/{episode['id']}/batch"
    assert data_of(await stack.api.post(path)) is None
    shot = await new_shot(stack.api, episode["id"], image_prompt="wide shot of a market")
    started = data_of(await stack.api.post(path))
    assert [(r["storyboard_id"], r["status"]) for r in started] == [(shot["id"], "pending")]
    assert started[0]["prompt"] == shot["image_prompt"]
    await completed_image(stack.api, started[0]["id"])
    error_of(await stack.api.post("/images/episode/abc/batch"), 404, "NOT_FOUND")
