"""The sweeper: finds generation records and tasks that stopped moving and resumes or fails them.

Every ``sweep_interval_s`` it looks at records and tasks still ``pending``/``processing`` with
no activity for ``stale_after_s``. A job the outbox has not sent yet is left to the relay. A job
that was sent is handed to the workers again (a new outbox row with the same job; workers are
idempotent by record id) up to ``sweep_max_resumes`` times; after that, or when no job was
ever queued, the record fails with a reason through the same applier a worker's event uses.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

import structlog
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from drama_catalog.context import CatalogContext
from drama_catalog.generation.apply import apply_event
from drama_catalog.generation.owners import OPEN, PROP_TASK
from drama_catalog.models import (
    AsyncTask,
    ImageGeneration,
    OutboxMessage,
    VideoGeneration,
    VideoMerge,
    utcnow,
)
from drama_common.messages import subjects
from drama_common.messages.events import GenerationEvent

log = structlog.get_logger()
BATCH = 100
Kind = Literal["image", "video", "merge"]
SUBJECTS: dict[Kind, tuple[str, str]] = {
    "image": (subjects.IMAGE_JOBS, '"generation_id":{},'),
    "video": (subjects.VIDEO_JOBS, '"generation_id":{},'),
    "merge": (subjects.MEDIA_JOBS, '"merge_id":{},'),
}
MODELS: dict[Kind, type[ImageGeneration | VideoGeneration | VideoMerge]] = {
    "image": ImageGeneration,
    "video": VideoGeneration,
    "merge": VideoMerge,
}
REASONS = {
    "never": ("任务从未进入队列", "the job was never queued"),
    "gave_up": ("多次重试后仍无结果，已放弃", "no result after repeated attempts; gave up"),
    "orphan": ("对应的图片生成记录已不存在", "the image generation it waited for is gone"),
}


@dataclass
class SweepReport:
    resumed: int = 0
    failed: int = 0


class Sweeper:
    def __init__(self, context: CatalogContext) -> None:
        self._context = context
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._loop())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _loop(self) -> None:
        while True:
            await asyncio.sleep(self._context.settings.sweep_interval_s)
            try:
                await self.sweep_once()
            except Exception:
                log.exception("sweeper.failed")

    def _reason(self, key: str) -> str:
        zh, en = REASONS[key]
        return en if self._context.language == "en" else zh

    async def sweep_once(self) -> SweepReport:
        """One pass over everything stale now; answers what it did."""
        report = SweepReport()
        cutoff = utcnow() - timedelta(seconds=self._context.settings.stale_after_s)
        async with self._context.reading() as session:
            images = await session.scalars(
                select(ImageGeneration.id)
                .where(ImageGeneration.status.in_(OPEN), ImageGeneration.updated_at < cutoff)
                .limit(BATCH)
            )
            videos = await session.scalars(
                select(VideoGeneration.id)
                .where(
                    VideoGeneration.status.in_(OPEN),
                    VideoGeneration.live(),
                    VideoGeneration.updated_at < cutoff,
                )
                .limit(BATCH)
            )
            merges = await session.scalars(
                select(VideoMerge.id)
                .where(
                    VideoMerge.status.in_(OPEN), VideoMerge.live(), VideoMerge.created_at < cutoff
                )
                .limit(BATCH)
            )
            tasks = await session.scalars(
                select(AsyncTask.id)
                .where(AsyncTask.status.in_(OPEN), AsyncTask.live(), AsyncTask.updated_at < cutoff)
                .limit(BATCH)
            )
            work: list[tuple[Kind, int]] = [("image", i) for i in images.all()]
            work += [("video", i) for i in videos.all()]
            work += [("merge", i) for i in merges.all()]
            task_ids = list(tasks.all())
        for kind, record_id in work:
            await self._sweep_record(kind, record_id, cutoff, report)
        for task_id in task_ids:
            await self._sweep_task(task_id, cutoff, report)
        if report.resumed or report.failed:
            log.info("sweeper.swept", resumed=report.resumed, failed=report.failed)
        return report

    async def _jobs(self, session: AsyncSession, subject: str, marker: str) -> list[OutboxMessage]:
        limit = self._context.settings.sweep_max_resumes + 2
        rows = await session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.subject == subject, OutboxMessage.payload.contains(marker))
            .order_by(OutboxMessage.id.desc())
            .limit(limit)
        )
        return list(rows.all())

    async def _decide(
        self, session: AsyncSession, jobs: list[OutboxMessage], cutoff: datetime
    ) -> str:
        """``wait`` (unsent or recently resumed), ``resume``, ``never`` or ``gave_up``."""
        if not jobs:
            return "never"
        newest = jobs[0]
        if newest.sent_at is None or newest.created_at >= cutoff:
            self._context.outbox_wakeup.set()
            return "wait"
        if len(jobs) - 1 >= self._context.settings.sweep_max_resumes:
            return "gave_up"
        session.add(
            OutboxMessage(subject=newest.subject, payload=newest.payload, headers=newest.headers)
        )
        return "resume"

    async def _sweep_record(
        self, kind: Kind, record_id: int, cutoff: datetime, report: SweepReport
    ) -> None:
        model: type[ImageGeneration | VideoGeneration | VideoMerge] = MODELS[kind]
        subject, pattern = SUBJECTS[kind]
        async with self._context.transaction() as session:
            record: ImageGeneration | VideoGeneration | VideoMerge | None = await session.get(
                model, record_id, with_for_update={"skip_locked": True}
            )
            if record is None or record.status not in OPEN:
                return
            decision = await self._decide(
                session, await self._jobs(session, subject, pattern.format(record_id)), cutoff
            )
            if decision == "resume":
                if isinstance(record, VideoGeneration):
                    record.attempts = (record.attempts or 0) + 1
                if isinstance(record, ImageGeneration | VideoGeneration):
                    record.updated_at = utcnow()
                report.resumed += 1
                log.info("sweeper.resumed", kind=kind, record_id=record_id)
            elif decision != "wait":
                event = GenerationEvent(
                    kind=kind, record_id=record_id, outcome="failed", error=self._reason(decision)
                )
                await apply_event(session, self._context, event)
                report.failed += 1
                log.warning(
                    "sweeper.failed_record", kind=kind, record_id=record_id, reason=decision
                )

    async def _sweep_task(self, task_id: str, cutoff: datetime, report: SweepReport) -> None:
        async with self._context.transaction() as session:
            task = await session.get(AsyncTask, task_id, with_for_update={"skip_locked": True})
            if task is None or task.status not in OPEN:
                return
            if task.type == PROP_TASK:
                resource = task.resource_id or ""
                prop_id = int(resource) if resource.isascii() and resource.isdigit() else 0
                waiting = await session.scalar(
                    select(ImageGeneration.id)
                    .where(ImageGeneration.prop_id == prop_id, ImageGeneration.status.in_(OPEN))
                    .limit(1)
                )
                decision = "wait" if waiting is not None else "orphan"
            else:
                jobs = await self._jobs(session, subjects.SCRIPT_JOBS, f'"task_id":"{task_id}"')
                decision = await self._decide(session, jobs, cutoff)
            if decision == "resume":
                task.updated_at = utcnow()
                report.resumed += 1
            elif decision != "wait":
                task.status, task.progress, task.completed_at = "failed", 0, utcnow()
                task.error = self._reason(decision)
                report.failed += 1
                log.warning("sweeper.failed_task", task_id=task_id, reason=decision)
