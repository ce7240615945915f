"""One merge job: fetch the shot clips, merge them with FFmpeg, store the result, report."""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import httpx
import structlog
from nats.js import JetStreamContext

from drama_common.consumer import Delivery
from drama_common.errors import PermanentProviderError
from drama_common.messages import subjects
from drama_common.messages.jobs import MergeJob
from drama_common.storage import ObjectStorage
from drama_common.worker.events import Reporter
from drama_media.clips import ClipInput, OutputTarget
from drama_media.errors import MediaError
from drama_media.merge import merge_clips
from drama_media.probe import probe
from drama_media.runner import RunLimits
from drama_media.settings import MediaSettings
from drama_media.sources import fetch_to_file, scratch_dir
from drama_media.transitions import Transition

log = structlog.get_logger()
MP4 = "video/mp4"


SCRATCH_PATH = re.compile(r"(file:)?[^\s'\"]*/merge-\d+-[^/\s]+/")
"""The worker's scratch folder inside an FFmpeg message: the user sees clip names only."""


def merged_key(job: MergeJob) -> str:
    """Where a merge's output is stored: the job's key, else one fixed by the merge id, so a
    redelivered job finds the output of an earlier delivery."""
    return job.output_key or f"videos/merged/merge-{job.merge_id}.mp4"


@dataclass(frozen=True)
class StoredVideo:
    key: str
    duration: float
    width: int
    height: int


class MergeWork:
    def __init__(
        self,
        settings: MediaSettings,
        js: JetStreamContext,
        storage: ObjectStorage,
        http: httpx.AsyncClient,
    ) -> None:
        self._settings = settings
        self._report = Reporter(js, subjects.MEDIA_EVENTS, "merge")
        self._storage = storage
        self._http = http
        self._limits = RunLimits(
            wall_seconds=settings.ffmpeg_wall_s, stall_seconds=settings.ffmpeg_stall_s
        )

    async def handle(self, delivery: Delivery) -> None:
        job = delivery.parse(MergeJob)
        log.info(
            "merge.job_started",
            merge_id=job.merge_id,
            clips=len(job.clips),
            attempt=delivery.attempt,
        )
        async with scratch_dir(self._settings.work_dir, f"merge-{job.merge_id}-") as folder:
            stored = await self._existing(job, folder)
            if stored is None:
                stored = await self._merge(job, folder, delivery)
        await self._report(
            job.merge_id,
            job.correlation_id,
            "completed",
            storage_key=stored.key,
            mime_type=MP4,
            width=stored.width,
            height=stored.height,
            duration=stored.duration,
        )
        log.info(
            "merge.job_completed",
            merge_id=job.merge_id,
            key=stored.key,
            seconds=round(stored.duration, 3),
        )

    async def give_up(self, delivery: Delivery, reason: str) -> None:
        job = delivery.parse(MergeJob)
        reason = SCRATCH_PATH.sub("", reason)
        await self._report(job.merge_id, job.correlation_id, "failed", error=reason)

    async def _existing(self, job: MergeJob, folder: Path) -> StoredVideo | None:
        """The output of an earlier delivery that died before reporting."""
        key = merged_key(job)
        if not await self._storage.exists(key):
            return None
        local = folder / "existing.mp4"
        await self._storage.download(key, local)
        try:
            info = await probe(local)
        except MediaError:
            return None
        return StoredVideo(key, info.video_duration or info.duration, info.width, info.height)

    async def _merge(self, job: MergeJob, folder: Path, delivery: Delivery) -> StoredVideo:
        clips = await self._fetch_clips(job, folder)
        await delivery.keep_alive()
        transition = Transition(job.transition, job.transition_duration) if job.transition else None
        target = OutputTarget(job.width, job.height, Fraction(job.fps))
        output = folder / "merged.mp4"
        try:
            result = await merge_clips(
                clips, output, transition=transition, target=target, limits=self._limits
            )
        except MediaError as error:
            raise PermanentProviderError(error.message(self._settings.language)) from error
        key = merged_key(job)
        await self._storage.put_file(key, output, MP4)
        return StoredVideo(key, result.duration, result.width, result.height)

    async def _fetch_clips(self, job: MergeJob, folder: Path) -> list[ClipInput]:
        """One local copy per distinct source, in the job's order."""
        copies: dict[str, Path] = {}
        clips: list[ClipInput] = []
        for clip in job.clips:
            local = copies.get(clip.storage_key)
            if local is None:
                local = await fetch_to_file(
                    clip.storage_key,
                    folder / f"clip-{len(copies)}.mp4",
                    self._storage,
                    self._http,
                    allow_private=self._settings.allow_private_urls,
                )
                copies[clip.storage_key] = local
            clips.append(
                ClipInput(
                    path=local, shot=clip.shot_number, start=clip.start_time, end=clip.end_time
                )
            )
        return clips
