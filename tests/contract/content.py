"""Building story content for contract tests through the API (and, for rows no route writes
without a provider, such as image generations and tasks, straight into the catalog's
database)."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

from drama_catalog.models import Base
from tests.contract.answers import data_of
from tests.fixtures.stack import Stack


def unique(prefix: str = "t") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


async def new_drama(api: httpx.AsyncClient, **fields: Any) -> dict[str, Any]:
    body = {"title": unique("drama"), **fields}
    drama: dict[str, Any] = data_of(await api.post("/dramas", json=body), 201)
    return drama


async def drama_detail(api: httpx.AsyncClient, drama_id: int) -> dict[str, Any]:
    detail: dict[str, Any] = data_of(await api.get(f"/dramas/{drama_id}"))
    return detail


async def new_episodes(
    api: httpx.AsyncClient, drama_id: int, count: int = 2
) -> list[dict[str, Any]]:
    """Episodes 1..count of the drama, ordered by number."""
    episodes = [
        {"episode_number": n, "title": f"Episode {n}", "script_content": f"script {n}"}
        for n in range(1, count + 1)
    ]
    data_of(await api.put(f"/dramas/{drama_id}/episodes", json={"episodes": episodes}))
    listed = (await drama_detail(api, drama_id))["episodes"]
    return sorted(listed, key=lambda e: e["episode_number"])


async def new_shot(api: httpx.AsyncClient, episode_id: int | str, **fields: Any) -> dict[str, Any]:
    body = {"episode_id": episode_id, "title": unique("shot"), "action": "walks in", **fields}
    shot: dict[str, Any] = data_of(await api.post("/storyboards", json=body), 201)
    return shot


async def insert_rows(stack: Stack, *rows: Base) -> None:
    """Write rows in one transaction of the running catalog."""
    context = stack.services["catalog"].context  # type: ignore[attr-defined]
    async with context.transaction() as session:
        session.add_all(rows)
