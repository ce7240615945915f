"""SIGKILL of each worker kind in the middle of a job, then a restart: the job completes
exactly once (one completed event, one applied state change, one stored object) and a paid
video task is submitted to the provider only once."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any

from sqlalchemy import select
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from drama_catalog.models import ProcessedEvent
from tests.fakes import OpenAIImagesFake, RunwayFake, Scenario, mp4_bytes, serve
from tests.faults.cluster import Cluster, stored_objects
from tests.fixtures.infra import eventually

KEY = "sk-fault-test-0123456789abcdef"
WORKER = {
    "ACK_WAIT_S": "4",
    "MAX_DELIVER": "5",
    "CONCURRENCY": "2",
    "ALLOW_PRIVATE_URLS": "true",
    "POLL_INTERVAL_S": "0.2",
}


async def start(cluster: Cluster, worker: str) -> None:
    cluster.start("catalog")
    cluster.start("gateway")
    cluster.start(worker, **WORKER)
    await cluster.ready("catalog", "gateway", worker)


async def new_drama(cluster: Cluster) -> int:
    drama = await cluster.data("POST", "/dramas", status=201, json={"title": "fault drama"})
    return int(drama["id"])


async def add_config(
    cluster: Cluster, service_type: str, provider: str, base_url: str, model: str
) -> None:
    await cluster.data(
        "POST",
        "/ai-configs",
        status=201,
        json={
            "service_type": service_type,
            "name": f"{provider} fake",
            "provider": provider,
            "base_url": base_url,
            "api_key": KEY,
            "model": [model],
        },
    )


async def applied_events(cluster: Cluster, prefix: str) -> list[str]:
    async with cluster.sessions()() as session:
        rows = await session.scalars(
            select(ProcessedEvent.event_id).where(ProcessedEvent.event_id.startswith(prefix))
        )
        return sorted(rows.all())


async def assert_once(cluster: Cluster, kind: str, record_id: int, folder: str, stem: str) -> None:
    """Exactly one completed event, applied once, and exactly one stored object."""
    subject = {"image": "events.image", "video": "events.video", "merge": "events.media"}[kind]
    assert await cluster.events_on(f"{subject}.completed") == 1
    assert await cluster.events_on(f"{subject}.failed") == 0
    assert await applied_events(cluster, f"{kind}-{record_id}-completed") == [
        f"{kind}-{record_id}-completed"
    ]
    assert [p.name for p in stored_objects(cluster, folder, stem)] == [stem], stored_objects(
        cluster, folder, stem
    )


async def test_videogen_killed_while_polling_submits_once(cluster: Cluster) -> None:
    fake = RunwayFake(api_key=KEY, scenario=Scenario.POLL_HANG)
    async with fake.running() as base_url:
        await start(cluster, "videogen")
        await add_config(cluster, "video", "runway", base_url, "gen-3")
        drama_id = await new_drama(cluster)
        video = await cluster.data(
            "POST",
            "/videos",
            json={
                "drama_id": str(drama_id),
                "prompt": "a slow pan over the harbour",
                "duration": 1,
            },
        )

        await eventually(lambda: fake.submits == 1 and fake.polls >= 1, timeout=60)
        cluster.kill("videogen")
        fake.scenario = Scenario.SUCCESS
        cluster.start("videogen")

        record = await cluster.finished(f"/videos/{video['id']}")
        assert record["status"] == "completed", record
        assert fake.submits == 1
        assert record["video_url"] == f"/static/videos/generation-{video['id']}.mp4"
        assert await cluster.events_on("events.video.submitted") == 1
        await assert_once(cluster, "video", video["id"], "videos", f"generation-{video['id']}.mp4")


async def test_imagegen_killed_mid_call_completes_once(cluster: Cluster) -> None:
    fake = OpenAIImagesFake(api_key=KEY, scenario=Scenario.HANG)
    fake.answer = "b64"
    async with fake.running() as base_url:
        await start(cluster, "imagegen")
        await add_config(cluster, "image", "openai", base_url, "dall-e-3")
        drama_id = await new_drama(cluster)
        image = await cluster.data(
            "POST",
            "/images",
            json={"drama_id": str(drama_id), "prompt": "a lighthouse at dusk", "size": "320x240"},
        )

        await eventually(lambda: fake.submits == 1, timeout=60)
        cluster.kill("imagegen")
        fake.scenario = Scenario.SUCCESS
        cluster.start("imagegen")

        record = await cluster.finished(f"/images/{image['id']}")
        assert record["status"] == "completed", record
        # the killed call never answered, so the redelivery asks once more; nothing else does
        assert fake.submits == 2
        await assert_once(cluster, "image", image["id"], "images", f"generation-{image['id']}.png")


class GatedClip:
    """An HTTP server whose clip download waits until ``open`` is set."""

    def __init__(self) -> None:
        self.open = asyncio.Event()
        self.requests = 0
        self.clip = mp4_bytes()

    async def _clip(self, request: Request) -> Response:
        self.requests += 1
        await self.open.wait()
        return Response(self.clip, media_type="video/mp4")

    @contextlib.asynccontextmanager
    async def running(self) -> AsyncIterator[str]:
        app = Starlette(routes=[Route("/clip.mp4", self._clip)])
        async with serve(app) as root:
            try:
                yield root
            finally:
                self.open.set()


async def test_media_killed_mid_merge_completes_once(cluster: Cluster) -> None:
    server = GatedClip()
    async with server.running() as root:
        await start(cluster, "media")
        drama_id = await new_drama(cluster)
        await cluster.data(
            "PUT",
            f"/dramas/{drama_id}/episodes",
            json={"episodes": [{"episode_number": 1, "title": "One", "script_content": "text"}]},
        )
        detail = await cluster.data("GET", f"/dramas/{drama_id}")
        episode_id = detail["episodes"][0]["id"]
        scenes: list[dict[str, Any]] = [
            {"video_url": f"{root}/clip.mp4", "order": n, "duration": 1} for n in range(2)
        ]
        created = await cluster.data(
            "POST",
            "/video-merges",
            json={
                "episode_id": str(episode_id),
                "drama_id": str(drama_id),
                "title": "cut",
                "scenes": scenes,
            },
        )
        merge_id = created["merge"]["id"]

        await eventually(lambda: server.requests >= 1, timeout=60)
        cluster.kill("media")
        server.open.set()
        cluster.start("media")

        record = await cluster.finished(f"/video-merges/{merge_id}", key="merge")
        assert record["status"] == "completed", record
        await assert_once(cluster, "merge", merge_id, "videos/merged", f"merge-{merge_id}.mp4")
