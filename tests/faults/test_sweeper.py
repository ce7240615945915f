"""Nothing stays ``pending`` or ``processing`` for ever across restarts: the sweeper resumes a
job that was sent but never answered (the worker finishes it once), and fails with a reason
what was never queued or never answers after its resumes."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from drama_catalog.generation.owners import OPEN
from drama_catalog.models import (
    AsyncTask,
    ImageGeneration,
    OutboxMessage,
    VideoGeneration,
    VideoMerge,
    utcnow,
)
from drama_common.messages import subjects
from tests.faults.cluster import Cluster
from tests.faults.test_worker_kill import assert_once, new_drama
from tests.fixtures.infra import eventually

SWEEP = {"SWEEP_INTERVAL_S": "1", "STALE_AFTER_S": "3"}
NEVER = "the job was never queued"
GAVE_UP = "no result after repeated attempts; gave up"


async def jobs_of(cluster: Cluster, subject: str, marker: str) -> list[OutboxMessage]:
    async with cluster.sessions()() as session:
        rows = await session.scalars(
            select(OutboxMessage).where(
                OutboxMessage.subject == subject, OutboxMessage.payload.contains(marker)
            )
        )
        return list(rows.all())


async def consumer_idle(cluster: Cluster, durable: str) -> bool:
    async with cluster.bus() as client:
        info = await client.jetstream().consumer_info(subjects.JOBS_STREAM, durable)
    return info.num_pending == 0 and info.num_ack_pending == 0


async def open_rows(cluster: Cluster) -> int:
    async with cluster.sessions()() as session:
        total = 0
        for model in (ImageGeneration, VideoGeneration, VideoMerge, AsyncTask):
            total += int(
                await session.scalar(
                    select(func.count()).select_from(model).where(model.status.in_(OPEN))
                )
                or 0
            )
        return total


async def test_sweeper_resumes_or_fails_everything_left_open(cluster: Cluster) -> None:
    # a catalog that resumes but does not give up yet; no image worker is running
    cluster.start("catalog", **SWEEP, SWEEP_MAX_RESUMES="5")
    cluster.start("gateway")
    await cluster.ready("catalog", "gateway")
    drama_id = await new_drama(cluster)
    image = await cluster.data(
        "POST",
        "/images",
        json={"drama_id": str(drama_id), "prompt": "an orchard in the rain", "size": "320x240"},
    )
    marker = f'"generation_id":{image["id"]},'

    async def resumed() -> bool:
        rows = await jobs_of(cluster, subjects.IMAGE_JOBS, marker)
        return len(rows) >= 2 and all(r.sent_at is not None for r in rows)

    await eventually(resumed, timeout=60)
    cluster.kill("catalog")

    # the worker comes back while the catalog is down: it runs both copies of the job
    cluster.start("imagegen", ACK_WAIT_S="10")
    await cluster.ready("imagegen")
    await eventually(lambda: consumer_idle(cluster, subjects.IMAGEGEN_CONSUMER), timeout=60)

    # records a crash left behind with no job at all
    old = utcnow() - timedelta(hours=1)
    async with cluster.sessions()() as session, session.begin():
        stuck_video = VideoGeneration(
            drama_id=drama_id,
            provider="local",
            prompt="lost job",
            status="processing",
            attempts=1,
            updated_at=old,
        )
        stuck_task = AsyncTask(
            type="storyboard_generation",
            status="processing",
            progress=40,
            resource_id=str(drama_id),
            updated_at=old,
        )
        session.add_all([stuck_video, stuck_task])

    # a catalog that gives up after one resume; no media worker will ever run
    cluster.start("catalog", SWEEP_MAX_RESUMES="1")
    await cluster.ready("catalog")
    record = await cluster.finished(f"/images/{image['id']}")
    assert record["status"] == "completed", record
    await assert_once(cluster, "image", image["id"], "images", f"generation-{image['id']}.png")

    await cluster.data(
        "PUT",
        f"/dramas/{drama_id}/episodes",
        json={"episodes": [{"episode_number": 1, "title": "One", "script_content": "text"}]},
    )
    detail = await cluster.data("GET", f"/dramas/{drama_id}")
    merge = (
        await cluster.data(
            "POST",
            "/video-merges",
            json={
                "episode_id": str(detail["episodes"][0]["id"]),
                "drama_id": str(drama_id),
                "scenes": [{"video_url": "videos/none.mp4", "order": 0, "duration": 1}],
            },
        )
    )["merge"]

    merged = await cluster.finished(f"/video-merges/{merge['id']}", key="merge")
    assert merged["status"] == "failed" and merged["error_msg"] == GAVE_UP, merged
    assert len(await jobs_of(cluster, subjects.MEDIA_JOBS, f'"merge_id":{merge["id"]},')) == 2
    video = await cluster.finished(f"/videos/{stuck_video.id}")
    assert video["status"] == "failed" and video["error_msg"] == NEVER, video
    async with cluster.sessions()() as session:
        task = await session.get(AsyncTask, stuck_task.id)
        assert task is not None and (task.status, task.error) == ("failed", NEVER)
    assert await open_rows(cluster) == 0
