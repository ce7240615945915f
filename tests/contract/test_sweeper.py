"""The sweeper on the running catalog: a lost job is handed to the worker again and completes;
a job retried too often, or never queued, fails with a reason and updates its owner."""

from __future__ import annotations

from datetime import timedelta

from drama_catalog.models import ImageGeneration, OutboxMessage, Scene, VideoMerge, utcnow
from drama_catalog.sweeper import Sweeper
from drama_common.messages import subjects
from drama_common.messages.jobs import ImageJob, MergeJob
from tests.contract.answers import data_of
from tests.contract.content import insert_rows, new_drama, new_episodes
from tests.contract.generation_helpers import completed_image, finished
from tests.fixtures.stack import Stack

LONG_AGO = timedelta(hours=3)


def sweeper(stack: Stack) -> Sweeper:
    return Sweeper(stack.services["catalog"].context)  # type: ignore[attr-defined]


async def test_a_lost_image_job_is_resumed_and_completes(stack: Stack) -> None:
    drama = await new_drama(stack.api)
    then = utcnow() - LONG_AGO
    record = ImageGeneration(
        drama_id=drama["id"],
        provider="local",
        prompt="lost job",
        size="320x240",
        status="pending",
        created_at=then,
        updated_at=then,
    )
    await insert_rows(stack, record)
    job = ImageJob(generation_id=record.id, prompt="lost job", size="320x240")
    lost = OutboxMessage(
        subject=subjects.IMAGE_JOBS, payload=job.model_dump_json(), created_at=then, sent_at=then
    )
    await insert_rows(stack, lost)
    report = await sweeper(stack).sweep_once()
    assert report.resumed >= 1
    image = await completed_image(stack.api, record.id)
    assert image["local_path"] == f"images/generation-{record.id}.png"


async def test_retried_too_often_or_never_queued_fails(stack: Stack) -> None:
    drama = await new_drama(stack.api)
    episode = (await new_episodes(stack.api, drama["id"], 1))[0]
    then = utcnow() - LONG_AGO
    merge = VideoMerge(
        episode_id=episode["id"],
        drama_id=drama["id"],
        title="t",
        provider="doubao",
        status="processing",
        scenes=[],
        created_at=then,
    )
    scene = Scene(
        drama_id=drama["id"], location="pier", time="noon", prompt="pier", status="pending"
    )
    await insert_rows(stack, merge, scene)
    orphan = ImageGeneration(
        drama_id=drama["id"],
        scene_id=scene.id,
        image_type="scene",
        provider="local",
        prompt="never queued",
        status="pending",
        created_at=then,
        updated_at=then,
    )
    job = MergeJob(merge_id=merge.id, episode_id=episode["id"], clips=[], output_key="x.mp4")
    tries = [
        OutboxMessage(
            subject=subjects.MEDIA_JOBS,
            payload=job.model_dump_json(),
            created_at=then,
            sent_at=then,
        )
        for _ in range(3)
    ]
    await insert_rows(stack, orphan, *tries)
    report = await sweeper(stack).sweep_once()
    assert report.failed >= 2
    failed_merge = await finished(stack.api, f"/video-merges/{merge.id}", "merge")
    assert failed_merge["status"] == "failed" and failed_merge["error_msg"]
    failed_image = data_of(await stack.api.get(f"/images/{orphan.id}"))
    assert failed_image["status"] == "failed" and failed_image["error_msg"]
    scenes = data_of(await stack.api.get(f"/images/episode/{episode['id']}/backgrounds"))
    assert [s["status"] for s in scenes if s["id"] == scene.id] == ["failed"]
