"""The routes that start a flow: answers, and refusals that create no task."""

from __future__ import annotations

import httpx

from tests.fixtures.stack import Stack
from tests.script_flows.support import data_of, drama_with_episodes, finished_task


def refused(response: httpx.Response, status: int) -> None:
    assert response.status_code == status, response.text
    assert response.json()["success"] is False


async def test_starter_answers_and_refusals(stack: Stack) -> None:
    drama_id, (episode_id, empty_id) = await drama_with_episodes(stack, "林晓：你好。", "")
    api = stack.api
    props = data_of(await api.post(f"/episodes/{episode_id}/props/extract"))
    assert set(props) == {"task_id"}
    batch = data_of(await api.post(f"/dramas/{drama_id}/characters/batch-extract", json={}))
    assert set(batch) == {"task_id", "message"}
    started = data_of(await api.post("/generation/characters", json={"drama_id": str(drama_id)}))
    assert started["status"] == "pending" and set(started) == {"task_id", "status", "message"}
    task = data_of(await api.get(f"/tasks/{started['task_id']}"))
    assert task["type"] == "character_generation" and task["resource_id"] == str(drama_id)
    for task_id in (props["task_id"], batch["task_id"], started["task_id"]):
        await finished_task(stack, task_id)

    refused(await api.post("/episodes/abc/characters/extract"), 400)
    refused(await api.post("/episodes/99999999/characters/extract"), 404)
    refused(await api.post(f"/episodes/{empty_id}/characters/extract"), 400)
    refused(await api.post(f"/images/episode/{empty_id}/backgrounds/extract"), 400)
    refused(await api.post("/episodes/99999999/storyboards"), 404)
    refused(await api.post(f"/dramas/{drama_id}/props/batch-extract"), 400)
    refused(
        await api.post(
            f"/dramas/{drama_id}/scenes/batch-extract", json={"episode_ids": [empty_id]}
        ),
        400,
    )
    refused(await api.post("/generation/characters", json={"drama_id": drama_id}), 400)
    refused(await api.post("/generation/characters", json={"drama_id": "99999999"}), 404)
    refused(await api.post("/storyboards/99999999/frame-prompt", json={}), 404)
    tasks = data_of(await api.get("/tasks", params={"resource_id": str(empty_id)}))
    assert tasks == []
