"""One video job: submit once, poll to the end, store the clip, report."""

from __future__ import annotations

import asyncio
import tempfile
import time
from pathlib import Path

import httpx
import structlog
from nats.js import JetStreamContext

from drama_common.consumer import Delivery
from drama_common.errors import PermanentProviderError, TransientProviderError
from drama_common.messages import subjects
from drama_common.messages.jobs import VideoJob
from drama_common.provider_models import VideoRequest
from drama_common.storage import ObjectStorage
from drama_common.worker.configs import ConfigResolver
from drama_common.worker.events import Reporter
from drama_common.worker.fetch import fetch_bytes, inline_own_image
from drama_common.worker.limits import ProviderLimits
from drama_videogen.ledger import SubmissionLedger
from drama_videogen.local_clip import render_clip
from drama_videogen.probe import clip_duration
from drama_videogen.providers.base import VideoProvider
from drama_videogen.providers.registry import video_provider_for
from drama_videogen.settings import VideogenSettings

log = structlog.get_logger()


def video_key(generation_id: int) -> str:
    return f"videos/generation-{generation_id}.mp4"


class VideoWork:
    def __init__(
        self,
        settings: VideogenSettings,
        js: JetStreamContext,
        storage: ObjectStorage,
        configs: ConfigResolver,
        http: httpx.AsyncClient,
        ledger: SubmissionLedger,
    ) -> None:
        self._settings = settings
        self._report = Reporter(js, subjects.VIDEO_EVENTS, "video")
        self._storage = storage
        self._configs = configs
        self._http = http
        self._ledger = ledger
        self._limits = ProviderLimits()

    async def handle(self, delivery: Delivery) -> None:
        job = delivery.parse(VideoJob)
        key = video_key(job.generation_id)
        log.info(
            "video.job_started",
            generation_id=job.generation_id,
            attempt=delivery.attempt,
            provider=job.provider,
        )
        with tempfile.TemporaryDirectory(prefix="videogen-") as folder:
            clip = Path(folder) / "clip.mp4"
            if await self._storage.exists(key):
                await self._storage.download(key, clip)
                duration = await clip_duration(clip)
            else:
                await self._report_processing(job)
                if job.config_id is None or job.provider == "local":
                    await self._render_locally(job, Path(folder), clip)
                else:
                    clip.write_bytes(await self._generate_remotely(job))
                duration = await clip_duration(clip)
                await self._storage.put_file(key, clip, "video/mp4")
        await self._report(
            job.generation_id,
            job.correlation_id,
            "completed",
            storage_key=key,
            mime_type="video/mp4",
            duration=duration,
            width=job.width,
            height=job.height,
        )
        log.info("video.job_completed", generation_id=job.generation_id, key=key)

    async def _report_processing(self, job: VideoJob) -> None:
        """Tell the catalog the work has begun (the record moves to ``processing``)."""
        await self._report(job.generation_id, job.correlation_id, "processing")

    async def give_up(self, delivery: Delivery, reason: str) -> None:
        job = delivery.parse(VideoJob)
        await self._report(job.generation_id, job.correlation_id, "failed", error=reason)

    async def _render_locally(self, job: VideoJob, folder: Path, clip: Path) -> None:
        source = job.image_url or job.first_frame_url
        if not source:
            raise PermanentProviderError("the local video provider needs a frame image")
        frame = folder / "frame.img"
        frame.write_bytes(
            await fetch_bytes(
                source, self._storage, self._http, allow_private=self._settings.allow_private_urls
            )
        )
        await render_clip(
            frame,
            clip,
            duration=float(max(1, job.duration)),
            width=job.width,
            height=job.height,
            fps=self._settings.local_fps,
        )

    async def _generate_remotely(self, job: VideoJob) -> bytes:
        if job.config_id is None:
            raise PermanentProviderError("no AI config for the video provider")
        config = await self._configs.resolve(job.config_id, job.config_version)
        if job.model:
            config = config.model_copy(update={"model": job.model})
        provider = video_provider_for(config, self._http)
        task_id = await self._ledger.task_of(job.generation_id)
        if task_id is None:
            async with self._limits.slot(
                str(job.config_id), config.requests_per_minute, config.max_in_flight
            ):
                submission = await provider.submit(await self._request(job))
            if submission.video_data:
                return submission.video_data
            if submission.video_url:
                return await self._download(submission.video_url)
            if not submission.task_id:
                raise PermanentProviderError("the provider answered without a task id")
            task_id = submission.task_id
            await self._ledger.record(job.generation_id, task_id)
            await self._report(
                job.generation_id, job.correlation_id, "submitted", provider_task_id=task_id
            )
        else:
            log.info("video.resume_polling", generation_id=job.generation_id, task_id=task_id)
        return await self._poll(provider, task_id)

    async def _poll(self, provider: VideoProvider, task_id: str) -> bytes:
        deadline = time.monotonic() + self._settings.poll_deadline_s
        while time.monotonic() < deadline:
            poll = await provider.poll(task_id)
            if poll.status == "succeeded":
                if poll.video_data:
                    return poll.video_data
                if poll.video_url:
                    return await self._download(poll.video_url)
                raise PermanentProviderError("the provider finished without a video")
            if poll.status == "failed":
                raise PermanentProviderError(poll.error or "the provider reported failure")
            await asyncio.sleep(self._settings.poll_interval_s)
        raise TransientProviderError("the provider did not finish in time")

    async def _download(self, url: str) -> bytes:
        data = await fetch_bytes(
            url, self._storage, self._http, allow_private=self._settings.allow_private_urls
        )
        if not data:
            raise PermanentProviderError("the provider returned an empty video")
        return data

    async def _request(self, job: VideoJob) -> VideoRequest:
        """The provider's request, with our own stored frames inlined as data URIs."""
        storage = self._storage
        return VideoRequest(
            prompt=job.prompt,
            image_url=await inline_own_image(job.image_url, storage),
            first_frame_url=await inline_own_image(job.first_frame_url, storage),
            last_frame_url=await inline_own_image(job.last_frame_url, storage),
            reference_image_urls=[
                inlined
                for url in job.reference_image_urls
                if (inlined := await inline_own_image(url, storage))
            ],
            reference_mode=job.reference_mode,
            duration=job.duration,
            resolution=job.resolution,
            aspect_ratio=job.aspect_ratio,
        )
