"""Helpers of the generation contract tests: waiting for records, owners, the bus."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import nats
from nats.aio.client import Client

from drama_common.messages import subjects
from drama_common.rpc import RpcClient
from tests.contract.answers import data_of
from tests.contract.content import new_drama, new_episodes, new_shot
from tests.fixtures.infra import eventually
from tests.fixtures.stack import Stack

FINISHED = ("completed", "failed")
WAIT_S = 120.0


async def finished(api: httpx.AsyncClient, path: str, key: str | None = None) -> dict[str, Any]:
    """Poll ``path`` until its record is completed or failed; answers the record."""
    latest: dict[str, Any] = {}

    async def done() -> bool:
        nonlocal latest
        data = data_of(await api.get(path))
        latest = data[key] if key else data
        return latest["status"] in FINISHED

    await eventually(done, timeout=WAIT_S)
    return latest


async def completed_image(api: httpx.AsyncClient, image_id: int) -> dict[str, Any]:
    image = await finished(api, f"/images/{image_id}")
    assert image["status"] == "completed", image
    return image


async def drama_with_shot(api: httpx.AsyncClient, **shot: Any) -> tuple[int, int, int]:
    """A new drama, its first episode and one shot: ``(drama_id, episode_id, shot_id)``."""
    drama = await new_drama(api, style="ghibli")
    episode = (await new_episodes(api, drama["id"], 1))[0]
    created = await new_shot(api, episode["id"], **shot)
    return drama["id"], episode["id"], created["id"]


async def stored(stack: Stack, local_path: str) -> bytes:
    """The bytes served under ``/static/<local_path>``."""
    answer = await stack.http.get(f"/static/{local_path}")
    assert answer.status_code == 200, answer.text[:200]
    return answer.content


@asynccontextmanager
async def bus(stack: Stack) -> AsyncIterator[Client]:
    client = await nats.connect(stack.env["nats_url"])
    try:
        yield client
    finally:
        await client.close()


@asynccontextmanager
async def catalog_rpc(stack: Stack) -> AsyncIterator[RpcClient]:
    async with bus(stack) as client:
        yield RpcClient(client, subjects.CATALOG_RPC, "catalog", 30.0)
