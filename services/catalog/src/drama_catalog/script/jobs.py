"""The consumer of script jobs: runs the flow a :class:`ScriptJob` names against its task.

A job whose task is already finished (a redelivery, a sweeper resume after completion) is
skipped. A :class:`FlowFailure` fails the task; a transient provider error propagates so the
consumer delivers the job again, and after the last delivery :meth:`give_up` fails the task.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import structlog

from drama_catalog.context import CatalogContext
from drama_catalog.models import AsyncTask
from drama_catalog.script import flows_characters, flows_extract, flows_frames, flows_storyboard
from drama_catalog.script.flow_support import FlowFailure, FlowRun, fail_task
from drama_common.consumer import Delivery, MalformedMessage
from drama_common.messages.jobs import ScriptJob

log = structlog.get_logger()
Flow = Callable[[FlowRun], Awaitable[None]]

FLOWS: dict[str, Flow] = {
    "character_generation": flows_characters.generate_characters,
    "character_extraction": flows_characters.extract_characters,
    "batch_character_extraction": flows_characters.batch_extract_characters,
    "prop_extraction": flows_extract.extract_props,
    "batch_prop_extraction": flows_extract.batch_extract_props,
    "background_extraction": flows_extract.extract_scenes,
    "batch_background_extraction": flows_extract.batch_extract_scenes,
    "storyboard_generation": flows_storyboard.generate_storyboard,
    "frame_prompt_generation": flows_frames.generate_frame_prompt,
}
OPEN = ("pending", "processing")


def _job(delivery: Delivery) -> ScriptJob | None:
    try:
        return delivery.parse(ScriptJob)
    except MalformedMessage:
        log.error("script.bad_job", size=len(delivery.data))
        return None


class ScriptJobRunner:
    def __init__(self, context: CatalogContext) -> None:
        self._context = context

    async def handle(self, delivery: Delivery) -> None:
        job = _job(delivery)
        if job is None:
            return
        async with self._context.reading() as session:
            task = await session.get(AsyncTask, job.task_id)
            status = task.status if task is not None else None
        if status not in OPEN:
            log.info("script.job_skipped", task_id=job.task_id, status=status)
            return
        flow = FLOWS.get(job.flow)
        run = FlowRun(self._context, job.task_id, dict(job.params), delivery.last_attempt)
        if flow is None:
            await run.fail(run.say(f"未知的任务类型：{job.flow}", f"unknown job: {job.flow}"))
            return
        log.info("script.job_started", task_id=job.task_id, flow=job.flow, attempt=delivery.attempt)
        try:
            await flow(run)
        except FlowFailure as failure:
            await run.fail(failure.reason)
            return
        log.info("script.job_finished", task_id=job.task_id, flow=job.flow)

    async def give_up(self, delivery: Delivery, reason: str) -> None:
        job = _job(delivery)
        if job is not None:
            await fail_task(self._context, job.task_id, reason)
