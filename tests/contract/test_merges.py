"""Contract: /video-merges (api.md §2.14) and episode finalize/download (api.md §2.9), through
the real bus to the media worker (FFmpeg) and back to the episode."""

from __future__ import annotations

from typing import Any

from tests.contract.answers import data_of, error_of
from tests.contract.content import new_drama, new_episodes, new_shot
from tests.contract.generation_helpers import completed_image, drama_with_shot, finished, stored
from tests.fixtures.stack import Stack

MERGE_KEYS = {
    "id",
    "episode_id",
    "drama_id",
    "title",
    "provider",
    "status",
    "scenes",
    "created_at",
    "episode",
    "drama",
}


async def shot_with_clip(stack: Stack) -> tuple[int, int, int, dict[str, Any]]:
    """A drama, episode and shot whose 1-second clip is generated and completed."""
    drama_id, episode_id, shot_id = await drama_with_shot(stack.api, duration=1)
    image = data_of(
        await stack.api.post(
            "/images",
            json={
                "drama_id": str(drama_id),
                "prompt": "a field of wheat",
                "storyboard_id": shot_id,
                "size": "320x240",
            },
        )
    )
    frame = await completed_image(stack.api, image["id"])
    video = data_of(await stack.api.post(f"/videos/image/{frame['id']}"))
    done = await finished(stack.api, f"/videos/{video['id']}")
    assert done["status"] == "completed", done
    return drama_id, episode_id, shot_id, done


async def test_finalize_merges_and_download_answers(stack: Stack) -> None:
    _, episode_id, shot_id, video = await shot_with_clip(stack)
    error_of(await stack.api.get(f"/episodes/{episode_id}/download"), 400, "BAD_REQUEST")
    answer = data_of(await stack.api.post(f"/episodes/{episode_id}/finalize"))
    assert answer["episode_id"] == str(episode_id) and answer["scenes_count"] == 1
    assert "skipped_scenes" not in answer

    merge = await finished(stack.api, f"/video-merges/{answer['merge_id']}", "merge")
    assert merge["status"] == "completed", merge
    assert set(merge) >= MERGE_KEYS
    assert merge["scenes"][0]["scene_id"] == shot_id
    assert merge["scenes"][0]["video_url"] == video["local_path"]
    assert merge["merged_url"] == f"videos/merged/merge-{merge['id']}.mp4"
    assert (await stored(stack, merge["merged_url"]))[4:8] == b"ftyp"
    download = await stack.api.get(f"/episodes/{episode_id}/download")
    assert download.status_code == 200
    body = download.json()
    assert "success" not in body
    assert body["video_url"] == merge["merged_url"] and body["episode_number"] == 1
    listed = data_of(await stack.api.get("/video-merges", params={"episode_id": episode_id}))
    assert listed["total"] == 1 and listed["merges"][0]["id"] == merge["id"]
    assert (listed["page"], listed["page_size"]) == (1, 20)


async def test_finalize_with_a_timeline_skips_shots_without_video(stack: Stack) -> None:
    _, episode_id, shot_id, _ = await shot_with_clip(stack)
    bare = await new_shot(stack.api, episode_id)
    clips = [
        {
            "storyboard_id": str(shot_id),
            "order": 0,
            "start_time": 0,
            "end_time": 0.5,
            "duration": 0.5,
            "transition": {"type": "fade", "duration": 0.3},
        },
        {"storyboard_id": str(bare["id"]), "order": 1, "duration": 1},
    ]
    answer = data_of(
        await stack.api.post(
            f"/episodes/{episode_id}/finalize", json={"episode_id": str(episode_id), "clips": clips}
        )
    )
    assert answer["scenes_count"] == 1
    assert answer["skipped_scenes"] == [bare["storyboard_number"]] and answer["warning"]


async def test_merge_route_records_and_errors(stack: Stack) -> None:
    drama_id, episode_id, _, video = await shot_with_clip(stack)
    clip = {
        "scene_id": 1,
        "video_url": f"/static/{video['local_path']}",
        "order": 0,
        "duration": 1.0,
    }
    body = {
        "episode_id": str(episode_id),
        "drama_id": str(drama_id),
        "title": "cut",
        "scenes": [clip],
    }
    answer = data_of(await stack.api.post("/video-merges", json=body))
    merge = answer["merge"]
    assert answer["message"] and merge["status"] in ("pending", "processing", "completed")
    assert merge["duration"] == 1 and merge["model"] == ""
    done = await finished(stack.api, f"/video-merges/{merge['id']}", "merge")
    assert done["status"] == "completed", done

    bad = [
        {**body, "episode_id": episode_id},
        {**body, "scenes": []},
        {**body, "scenes": [{**clip, "scene_id": "1"}]},
        {**body, "scenes": [{**clip, "video_url": ""}]},
    ]
    for case in bad:
        error_of(await stack.api.post("/video-merges", json=case), 400, "BAD_REQUEST")
    error_of(
        await stack.api.post("/video-merges", json={**body, "episode_id": "999999999"}),
        404,
        "NOT_FOUND",
    )
    deleted = data_of(await stack.api.delete(f"/video-merges/{merge['id']}"))
    assert deleted["message"]
    error_of(await stack.api.get(f"/video-merges/{merge['id']}"), 404, "NOT_FOUND")
    error_of(await stack.api.delete(f"/video-merges/{merge['id']}"), 404, "NOT_FOUND")
    error_of(await stack.api.get("/video-merges/abc"), 400, "BAD_REQUEST")


async def test_finalize_errors(stack: Stack) -> None:
    drama = await new_drama(stack.api)
    episode = (await new_episodes(stack.api, drama["id"], 1))[0]
    error_of(await stack.api.post(f"/episodes/{episode['id']}/finalize"), 400, "BAD_REQUEST")
    await new_shot(stack.api, episode["id"])
    error_of(
        await stack.api.post(f"/episodes/{episode['id']}/finalize", content=b"{oops"),
        400,
        "BAD_REQUEST",
    )
    error_of(await stack.api.post("/episodes/999999999/finalize"), 404, "NOT_FOUND")
    error_of(await stack.api.get("/episodes/abc/download"), 404, "NOT_FOUND")
    empty = data_of(
        await stack.api.get("/video-merges", params={"episode_id": "0", "page_size": 0})
    )
    assert empty["merges"] == [] and empty["page_size"] == 0
