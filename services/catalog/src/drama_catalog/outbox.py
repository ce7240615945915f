"""The outbox relay: publishes committed jobs, de-duplicated by the outbox id.

Two ways out. A unit that commits jobs hands them over at once (``publish_committed``): they
are published straight away and marked sent in batches, so a job reaches its worker without
waiting for a pass over the table. Every ``OUTBOX_POLL_S`` (or when woken) a pass publishes
whatever is still unsent: rows whose immediate publish failed, rows of a catalog that died
after its commit, rows written by the sweeper. A row published twice (by both ways, or again
after a crash) carries the same message id and is stored once by the stream.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Sequence
from datetime import UTC, datetime

import nats.errors
import nats.js.errors
import structlog
from nats.js import JetStreamContext
from sqlalchemy import Update, select, update
from sqlalchemy.exc import SQLAlchemyError

from drama_catalog.context import CatalogContext
from drama_catalog.models import OutboxMessage

log = structlog.get_logger()
BATCH = 200
STOP_WAIT_S = 5.0
"""How long a stop waits for the publishes under way."""
Job = tuple[int, str, str, dict[str, str] | None]
"""An outbox row to publish: id, subject, payload, headers."""


class OutboxRelay:
    def __init__(self, context: CatalogContext, js: JetStreamContext) -> None:
        self._context = context
        self._js = js
        self._loops: list[asyncio.Task[None]] = []
        self._publishing: set[asyncio.Task[None]] = set()
        self._published: list[int] = []
        self._marking = asyncio.Event()
        self._stopped = False

    def start(self) -> None:
        self._loops = [asyncio.create_task(self._loop()), asyncio.create_task(self._mark_loop())]

    async def stop(self) -> None:
        """Finish the publishes under way and mark them sent, then stop. Jobs committed from
        now on are left unsent, for the next start's pass."""
        self._stopped = True
        if self._publishing:
            await asyncio.wait(self._publishing, timeout=STOP_WAIT_S)
        for task in self._loops:
            task.cancel()
        for task in self._loops:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await self._mark_published()

    def publish_committed(self, rows: Sequence[OutboxMessage]) -> None:
        """Publish the jobs of a unit that has just committed, without waiting for a pass."""
        if self._stopped:
            return
        jobs = [(row.id, row.subject, row.payload, row.headers) for row in rows]
        task = asyncio.create_task(self._publish_now(jobs))
        self._publishing.add(task)
        task.add_done_callback(self._publishing.discard)

    async def _publish_now(self, jobs: list[Job]) -> None:
        sent, failed = await self._publish_all(jobs)
        self._published.extend(sent)
        if sent:
            self._marking.set()
        if failed:
            self._context.outbox_wakeup.set()

    async def _mark_loop(self) -> None:
        while True:
            await self._marking.wait()
            self._marking.clear()
            await self._mark_published()

    async def _mark_published(self) -> None:
        """Mark sent every row published since the last time, in one update (rows taken by an
        update that is cancelled go back to be marked by the next). A row left unmarked (a
        failed update) is published again by a pass, and dropped by the stream as a
        duplicate."""
        ids, self._published = self._published, []
        if not ids:
            return
        try:
            async with self._context.transaction() as session:
                await session.execute(_marked_sent(ids))
        except SQLAlchemyError as error:
            log.warning("outbox.mark_failed", count=len(ids), reason=str(error))
        except asyncio.CancelledError:
            self._published.extend(ids)
            raise

    async def _loop(self) -> None:
        wakeup = self._context.outbox_wakeup
        while True:
            wakeup.clear()
            try:
                while await self.relay_once() == BATCH:
                    pass
            except Exception:
                log.exception("outbox.relay_failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(wakeup.wait(), self._context.settings.outbox_poll_s)

    async def relay_once(self) -> int:
        """Publish one batch of unsent jobs; answer how many were sent.

        The batch's rows are locked for the transaction (another catalog's relay skips them)
        and published all at once, each with its outbox id as the message id, so a row
        published twice (a crash before ``sent_at`` is written) is stored once."""
        async with self._context.transaction() as session:
            rows = (
                await session.execute(
                    select(
                        OutboxMessage.id,
                        OutboxMessage.subject,
                        OutboxMessage.payload,
                        OutboxMessage.headers,
                    )
                    .where(OutboxMessage.sent_at.is_(None))
                    .order_by(OutboxMessage.id)
                    .limit(BATCH)
                    .with_for_update(skip_locked=True)
                )
            ).all()
            if not rows:
                return 0
            sent, failed = await self._publish_all([tuple(row) for row in rows])
            if sent:
                await session.execute(_marked_sent(sent))
            if failed:
                await session.execute(
                    update(OutboxMessage)
                    .where(OutboxMessage.id.in_(failed))
                    .values(attempts=OutboxMessage.attempts + 1)
                )
        if sent:
            log.debug("outbox.relayed", count=len(sent))
        return len(sent)

    async def _publish_all(self, jobs: Sequence[Job]) -> tuple[list[int], list[int]]:
        """Publish the jobs at once; the outbox ids of those sent and of those that failed."""
        outcomes = await asyncio.gather(*(self._publish(*job) for job in jobs))
        sent = [job[0] for job, ok in zip(jobs, outcomes, strict=True) if ok]
        failed = [job[0] for job, ok in zip(jobs, outcomes, strict=True) if not ok]
        return sent, failed

    async def _publish(
        self, outbox_id: int, subject: str, payload: str, headers: dict[str, str] | None
    ) -> bool:
        try:
            await self._js.publish(
                subject,
                payload.encode(),
                headers={**(headers or {}), "Nats-Msg-Id": f"outbox-{outbox_id}"},
            )
        except (nats.errors.Error, nats.js.errors.Error, TimeoutError) as error:
            log.warning("outbox.publish_failed", outbox_id=outbox_id, reason=str(error))
            return False
        return True


def _marked_sent(ids: list[int]) -> Update:
    """Mark the rows sent; a row already marked (by the other way out) keeps its time."""
    return (
        update(OutboxMessage)
        .where(OutboxMessage.id.in_(ids), OutboxMessage.sent_at.is_(None))
        .values(sent_at=datetime.now(UTC))
    )
