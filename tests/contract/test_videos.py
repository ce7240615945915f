"""Contract: /videos (api.md §2.13), through the real bus to the video worker's local provider
(which animates a stored frame with FFmpeg) and back to the shot."""

from __future__ import annotations

from typing import Any

from drama_catalog.models import ImageGeneration
from tests.contract.answers import data_of, error_of
from tests.contract.content import insert_rows, new_drama, new_episodes, new_shot
from tests.contract.generation_helpers import completed_image, drama_with_shot, finished, stored
from tests.fixtures.stack import Stack

VIDEO_KEYS = {
    "id",
    "created_at",
    "updated_at",
    "drama_id",
    "drama",
    "provider",
    "prompt",
    "image_gen",
    "status",
}


async def frame_for(stack: Stack, drama_id: int, shot_id: int) -> dict[str, Any]:
    body = {
        "drama_id": str(drama_id),
        "prompt": "a quiet street",
        "storyboard_id": shot_id,
        "size": "320x240",
    }
    record = data_of(await stack.api.post("/images", json=body))
    return await completed_image(stack.api, record["id"])


async def shot_row(stack: Stack, episode_id: int) -> dict[str, Any]:
    shots = data_of(await stack.api.get(f"/episodes/{episode_id}/storyboards"))["storyboards"]
    return dict(shots[0])


async def test_video_from_a_stored_frame_updates_the_shot(stack: Stack) -> None:
    drama_id, episode_id, shot_id = await drama_with_shot(stack.api, duration=2)
    frame = await frame_for(stack, drama_id, shot_id)
    body = {
        "drama_id": str(drama_id),
        "prompt": "the camera pans slowly",
        "duration": 1,
        "storyboard_id": shot_id,
        "reference_mode": "single",
        "image_local_path": frame["local_path"],
        "image_gen_id": frame["id"],
    }
    record = data_of(await stack.api.post("/videos", json=body))
    assert set(record) >= VIDEO_KEYS
    assert (record["status"], record["reference_mode"]) == ("pending", "single")
    assert record["image_url"] == frame["local_path"]

    video = await finished(stack.api, f"/videos/{record['id']}")
    assert video["status"] == "completed", video
    assert video["local_path"] == f"videos/generation-{record['id']}.mp4"
    assert video["video_url"] == f"/static/{video['local_path']}"
    assert video["duration"] >= 1
    assert (await stored(stack, video["local_path"]))[4:8] == b"ftyp"
    shot = await shot_row(stack, episode_id)
    assert shot["video_url"] == video["video_url"]
    assert shot["duration"] == video["duration"]
    listed = data_of(await stack.api.get("/videos", params={"storyboard_id": shot_id}))
    assert [v["id"] for v in listed["items"]] == [record["id"]]
    assert listed["pagination"]["total"] == 1


async def test_video_without_a_frame_fails_with_a_reason(stack: Stack) -> None:
    drama = await new_drama(stack.api)
    body = {"drama_id": str(drama["id"]), "prompt": "nothing to animate here"}
    record = data_of(await stack.api.post("/videos", json=body))
    video = await finished(stack.api, f"/videos/{record['id']}")
    assert video["status"] == "failed" and video["error_msg"]


async def test_from_image_and_episode_batch(stack: Stack) -> None:
    drama_id, episode_id, shot_id = await drama_with_shot(stack.api, duration=1)
    pending = ImageGeneration(
        drama_id=drama_id, provider="local", prompt="not ready yet", status="pending"
    )
    await insert_rows(stack, pending)
    error_of(await stack.api.post(f"/videos/image/{pending.id}"), 400, "BAD_REQUEST")
    frame = await frame_for(stack, drama_id, shot_id)
    record = data_of(await stack.api.post(f"/videos/image/{frame['id']}"))
    assert (record["image_gen_id"], record["storyboard_id"]) == (frame["id"], shot_id)
    assert record["duration"] == 1
    batch = data_of(await stack.api.post(f"/videos/episode/{episode_id}/batch"))
    assert [v["image_gen_id"] for v in batch] == [frame["id"]]
    done = await finished(stack.api, f"/videos/{batch[0]['id']}")
    assert done["status"] == "completed", done
    empty = await new_drama(stack.api)
    episode = (await new_episodes(stack.api, empty["id"], 1))[0]
    await new_shot(stack.api, episode["id"])
    assert data_of(await stack.api.post(f"/videos/episode/{episode['id']}/batch")) is None


async def test_errors_and_delete(stack: Stack) -> None:
    drama_id, _, shot_id = await drama_with_shot(stack.api)
    other = await new_drama(stack.api)
    cases = [
        ({"drama_id": drama_id, "prompt": "valid prompt"}, 400, "BAD_REQUEST"),
        ({"drama_id": str(drama_id), "prompt": "shor"}, 400, "BAD_REQUEST"),
        (
            {"drama_id": str(drama_id), "prompt": "valid prompt", "duration": "long"},
            400,
            "BAD_REQUEST",
        ),
        ({"drama_id": "999999999", "prompt": "valid prompt"}, 404, "NOT_FOUND"),
        (
            {"drama_id": str(drama_id), "prompt": "valid prompt", "storyboard_id": 999999999},
            404,
            "NOT_FOUND",
        ),
        (
            {"drama_id": str(other["id"]), "prompt": "valid prompt", "storyboard_id": shot_id},
            400,
            "BAD_REQUEST",
        ),
        (
            {"drama_id": str(drama_id), "prompt": "valid prompt", "image_gen_id": 999999999},
            404,
            "NOT_FOUND",
        ),
    ]
    for body, status, code in cases:
        error_of(await stack.api.post("/videos", json=body), status, code)
    record = data_of(
        await stack.api.post("/videos", json={"drama_id": str(drama_id), "prompt": "to be deleted"})
    )
    assert data_of(await stack.api.delete(f"/videos/{record['id']}")) is None
    error_of(await stack.api.get(f"/videos/{record['id']}"), 404, "NOT_FOUND")
    assert data_of(await stack.api.delete("/videos/999999999")) is None
    error_of(await stack.api.get("/videos/abc"), 400, "BAD_REQUEST")
    error_of(await stack.api.post("/videos/image/abc"), 400, "BAD_REQUEST")
    error_of(await stack.api.post("/videos/image/999999999"), 404, "NOT_FOUND")
    error_of(await stack.api.post("/videos/episode/abc/batch"), 404, "NOT_FOUND")
