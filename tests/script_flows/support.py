"""Helpers of the script-flow tests: a text AI config for the test's lifetime, a drama with
episodes, starting a flow and waiting for its task, reading the catalog back."""

from __future__ import annotations

import contextlib
import json
import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx

from tests.fakes.openai_chat import OpenAIChatFake
from tests.fixtures.infra import eventually
from tests.fixtures.stack import Stack

TOP_PRIORITY = 1_000_000
TASK_TIMEOUT = 90.0


def data_of(response: httpx.Response, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["success"] is True, body
    return body.get("data")


@contextlib.asynccontextmanager
async def text_config(
    stack: Stack, fake: OpenAIChatFake, *models: str
) -> AsyncIterator[dict[str, Any]]:
    """An active text config pointing at ``fake`` that outranks every other, deleted at the end
    (configs are global to the stack's database)."""
    async with fake.running() as base_url:
        created = data_of(
            await stack.api.post(
                "/ai-configs",
                json={
                    "service_type": "text",
                    "name": f"fake-{uuid.uuid4().hex[:8]}",
                    "provider": "openai",
                    "base_url": base_url,
                    "api_key": fake.api_key,
                    "model": list(models or ("fake-chat",)),
                    "priority": TOP_PRIORITY,
                },
            ),
            201,
        )
        try:
            yield created
        finally:
            await stack.api.delete(f"/ai-configs/{created['id']}")


@contextlib.asynccontextmanager
async def local_text_config(stack: Stack) -> AsyncIterator[None]:
    """A top-ranked text config of the offline ``local`` provider, whatever else exists."""
    created = data_of(
        await stack.api.post(
            "/ai-configs",
            json={
                "service_type": "text",
                "name": f"local-{uuid.uuid4().hex[:8]}",
                "provider": "local",
                "base_url": "http://127.0.0.1:9",
                "api_key": "unused",
                "model": ["local"],
                "priority": TOP_PRIORITY,
            },
        ),
        201,
    )
    try:
        yield
    finally:
        await stack.api.delete(f"/ai-configs/{created['id']}")


async def drama_with_episodes(
    stack: Stack, *scripts: str, style: str = "ghibli"
) -> tuple[int, list[int]]:
    """A new drama with one episode per script; its id and the episode ids in order."""
    drama = data_of(
        await stack.api.post(
            "/dramas", json={"title": f"剧本测试 {uuid.uuid4().hex[:6]}", "style": style}
        ),
        201,
    )
    episodes = [
        {"episode_number": n, "title": f"第{n}集", "script_content": s}
        for n, s in enumerate(scripts, 1)
    ]
    data_of(await stack.api.put(f"/dramas/{drama['id']}/episodes", json={"episodes": episodes}))
    detail = data_of(await stack.api.get(f"/dramas/{drama['id']}"))
    ordered = sorted(detail.get("episodes", []), key=lambda e: e["episode_number"])
    return drama["id"], [e["id"] for e in ordered]


async def finished_task(stack: Stack, task_id: str) -> dict[str, Any]:
    """The task once it is completed or failed; ``result`` parsed."""

    async def done() -> dict[str, Any] | None:
        task = data_of(await stack.api.get(f"/tasks/{task_id}"))
        return task if task["status"] in ("completed", "failed") else None

    task: dict[str, Any] = await eventually(done, timeout=TASK_TIMEOUT, interval=0.2)
    if isinstance(task.get("result"), str):
        task["parsed"] = json.loads(task["result"])
    return task


async def run_flow(
    stack: Stack, path: str, body: Any = None, method: str = "POST"
) -> dict[str, Any]:
    """Start a flow and wait for its task."""
    answer = await stack.api.request(method, path, json=body)
    started = data_of(answer)
    return await finished_task(stack, started["task_id"])


async def characters_of(stack: Stack, drama_id: int) -> dict[str, dict[str, Any]]:
    rows = data_of(await stack.api.get(f"/dramas/{drama_id}/characters"))
    return {row["name"]: row for row in rows}


async def shots_of(stack: Stack, episode_id: int) -> list[dict[str, Any]]:
    data = data_of(await stack.api.get(f"/episodes/{episode_id}/storyboards"))
    return list(data["storyboards"] or [])
