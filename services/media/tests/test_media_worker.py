"""The media worker as a process sees it: merge jobs and audio requests over a real NATS server.

The worker gets a NATS server of its own: the work-queue stream allows one consumer of
``jobs.media``, so a second media worker on a shared server (the full stack of the contract
tests) could take this test's jobs, or this worker theirs.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import nats
import pytest
from nats.aio.client import Client
from nats.aio.msg import Msg

from drama_common.errors import BadRequest
from drama_common.messages import subjects
from drama_common.messages.events import GenerationEvent
from drama_common.messages.jobs import MergeClip, MergeJob
from drama_common.rpc import RpcClient
from drama_common.storage.local import LocalStorage
from drama_media.probe import probe
from drama_media.service import MediaService
from drama_media.settings import MediaSettings
from tests.fixtures.infra import NatsServer, free_port

WAIT_S = 180.0


@pytest.fixture(scope="module")
def worker_nats(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    server = NatsServer(tmp_path_factory.mktemp("media-nats"), free_port())
    server.start()
    yield server.url
    server.stop()


@pytest.fixture(scope="module")
def storage_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("media-storage")


@pytest.fixture(scope="module")
async def worker(worker_nats: str, storage_root: Path) -> AsyncIterator[MediaService]:
    service = MediaService(
        MediaSettings(
            nats_url=worker_nats,
            storage_root=str(storage_root),
            log_json=True,
            allow_private_urls=True,
            language="en",
        )
    )
    await service.open()
    yield service
    await service.close()


@pytest.fixture(scope="module")
async def bus(worker_nats: str) -> AsyncIterator[Client]:
    client = await nats.connect(worker_nats)
    yield client
    await client.drain()


@pytest.fixture(scope="module")
async def stored_clips(
    storage_root: Path, media_dir: Path, clip_maker: Callable[..., Path]
) -> list[str]:
    storage = LocalStorage(storage_root)
    keys = []
    for number in (1, 2):
        clip = clip_maker(media_dir / f"worker_shot_{number}.mp4", tone=300 * number)
        key = f"videos/worker-shot-{number}.mp4"
        await storage.put_file(key, clip, "video/mp4")
        keys.append(key)
    return keys


async def run_merge(bus: Client, job: MergeJob) -> GenerationEvent:
    """Publish ``job`` and wait for the event that settles it."""
    settled: asyncio.Future[GenerationEvent] = asyncio.get_running_loop().create_future()

    async def on_event(msg: Msg) -> None:
        event = GenerationEvent.model_validate_json(msg.data)
        if event.kind == "merge" and event.record_id == job.merge_id and not settled.done():
            settled.set_result(event)

    subscription = await bus.subscribe(f"{subjects.MEDIA_EVENTS}.>", cb=on_event)
    await bus.flush()
    try:
        await bus.jetstream().publish(subjects.MEDIA_JOBS, job.model_dump_json().encode())
        return await asyncio.wait_for(settled, WAIT_S)
    finally:
        await subscription.unsubscribe()


def merge_id() -> int:
    return random.randint(10_000, 2**31)


async def test_merge_job_is_merged_and_reported(
    worker: MediaService, bus: Client, stored_clips: list[str], storage_root: Path
) -> None:
    job = MergeJob(
        merge_id=merge_id(),
        episode_id=7,
        output_key="",
        width=320,
        height=240,
        fps=24,
        clips=[
            MergeClip(shot_number=i, storage_key=key) for i, key in enumerate(stored_clips, start=1)
        ],
    )

    event = await run_merge(bus, job)

    assert event.outcome == "completed", event.error
    assert event.storage_key == f"videos/merged/merge-{job.merge_id}.mp4"
    assert event.duration == pytest.approx(3.0, abs=0.1)
    assert (event.width, event.height, event.mime_type) == (320, 240, "video/mp4")
    merged = await probe(storage_root / event.storage_key)
    assert merged.has_video and merged.has_audio
    assert merged.video_duration == pytest.approx(3.0, abs=0.1)


async def test_merge_job_honours_trims_and_static_urls(
    worker: MediaService, bus: Client, stored_clips: list[str], storage_root: Path
) -> None:
    job = MergeJob(
        merge_id=merge_id(),
        episode_id=7,
        output_key=f"videos/merged/trimmed-{merge_id()}.mp4",
        width=320,
        height=240,
        fps=24,
        clips=[
            MergeClip(
                shot_number=1,
                storage_key=f"/static/{stored_clips[0]}",
                start_time=0.5,
                end_time=1.0,
            ),
            MergeClip(shot_number=2, storage_key=stored_clips[1]),
        ],
    )

    event = await run_merge(bus, job)

    assert event.outcome == "completed", event.error
    assert event.storage_key == job.output_key
    assert event.duration == pytest.approx(2.0, abs=0.1)
    assert (await probe(storage_root / job.output_key)).has_audio


async def test_merge_of_a_missing_clip_reports_failure(
    worker: MediaService, bus: Client, stored_clips: list[str], storage_root: Path
) -> None:
    job = MergeJob(
        merge_id=merge_id(),
        episode_id=7,
        output_key="",
        clips=[
            MergeClip(shot_number=1, storage_key=stored_clips[0]),
            MergeClip(shot_number=2, storage_key="videos/never-stored.mp4"),
        ],
    )

    event = await run_merge(bus, job)

    assert event.outcome == "failed"
    assert event.error is not None and "videos/never-stored.mp4" in event.error
    assert not (storage_root / f"videos/merged/merge-{job.merge_id}.mp4").exists()


async def test_a_failed_merge_names_clips_not_the_workers_scratch_folder(
    worker: MediaService, bus: Client, stored_clips: list[str], storage_root: Path
) -> None:
    await LocalStorage(storage_root).put_bytes("videos/not-a-clip.mp4", b"text", "video/mp4")
    job = MergeJob(
        merge_id=merge_id(),
        episode_id=7,
        output_key="",
        clips=[
            MergeClip(shot_number=1, storage_key=stored_clips[0]),
            MergeClip(shot_number=2, storage_key="videos/not-a-clip.mp4"),
        ],
    )

    event = await run_merge(bus, job)

    assert event.outcome == "failed" and event.error
    assert "/merge-" not in event.error and "/tmp" not in event.error


async def test_audio_is_extracted_over_request_reply(
    worker: MediaService, bus: Client, stored_clips: list[str], storage_root: Path
) -> None:
    media = RpcClient(bus, subjects.MEDIA_RPC, "media", 120)

    answer = await media.call("audio.extract", {"video_url": f"/static/{stored_clips[0]}"})

    assert answer["audio_url"] == f"/static/{answer['local_path']}"
    assert answer["duration"] == pytest.approx(1.5, abs=0.1)
    extracted = await probe(storage_root / answer["local_path"])
    assert extracted.has_audio and not extracted.has_video


async def test_audio_of_something_that_is_no_video_is_refused(
    worker: MediaService, bus: Client, storage_root: Path
) -> None:
    await LocalStorage(storage_root).put_bytes("notes/readme.txt", b"just text", "text/plain")
    media = RpcClient(bus, subjects.MEDIA_RPC, "media", 120)

    with pytest.raises(BadRequest) as refused:
        await media.call(
            "audio.extract", {"video_url": "/static/notes/readme.txt", "language": "en"}
        )

    assert "cannot read the video" in str(refused.value)
