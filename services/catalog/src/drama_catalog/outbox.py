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
from collections.abc import Coroutine, Sequence
from datetime import UTC, datetime
from typing import Any

import nats.errors
import nats.js.errors
import structlog
from nats.js import JetStreamContext
from sqlalchemy import select, update
from sqlalchemy.exc import SQLAlchemyError

from drama_catalog.context import CatalogContext
from drama_catalog.models import OutboxMessage

log = structlog.get_logger()
BATCH = 200


class OutboxRelay:
    def __init__(self, context: CatalogContext, js: JetStreamContext) -> None:
        self._context = context
        self._js = js
        self._tasks: set[asyncio.Task[None]] = set()
        self._published: list[int] = []
        self._marking = asyncio.Event()

    def start(self) -> None:
        self._spawn(self._loop())
        self._spawn(self._mark_loop())

    async def stop(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        for task in list(self._tasks):
            with contextlib.suppress(asyncio.CancelledError):
                await task

    def _spawn(self, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def publish_committed(self, rows: Sequence[OutboxMessage]) -> None:
        """Publish the jobs of a unit that has just committed, without waiting for a pass."""
        jobs = [(row.id, row.subject, row.payload, row.headers) for row in rows]
        self._spawn(self._publish_now(jobs))

    async def _publish_now(self, jobs: list[tuple[int, str, str, dict[str, str] | None]]) -> None:
        outcomes = await asyncio.gather(*(self._publish(*job) for job in jobs))
        self._published.extend(job[0] for job, ok in zip(jobs, outcomes, strict=True) if ok)
        self._marking.set()
        if not all(outcomes):
            self._context.outbox_wakeup.set()

    async def _mark_loop(self) -> None:
        """Mark published rows sent, as many at a time as have been published meanwhile; a row
        left unmarked (a failed update, a stop) is published again by a pass, and dropped by
        the stream as a duplicate."""
        while True:
            await self._marking.wait()
            self._marking.clear()
            ids, self._published = self._published, []
            try:
                async with self._context.transaction() as session:
                    await session.execute(
                        update(OutboxMessage)
                        .where(OutboxMessage.id.in_(ids), OutboxMessage.sent_at.is_(None))
                        .values(sent_at=datetime.now(UTC))
                    )
            except SQLAlchemyError as error:
                log.warning("outbox.mark_failed", count=len(ids), reason=str(error))

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
            outcomes = await asyncio.gather(
                *(self._publish(row.id, row.subject, row.payload, row.headers) for row in rows)
            )
            sent = [row.id for row, ok in zip(rows, outcomes, strict=True) if ok]
            failed = [row.id for row, ok in zip(rows, outcomes, strict=True) if not ok]
            if sent:
                await session.execute(
                    update(OutboxMessage)
                    .where(OutboxMessage.id.in_(sent))
                    .values(sent_at=datetime.now(UTC))
                )
            if failed:
                await session.execute(
                    update(OutboxMessage)
                    .where(OutboxMessage.id.in_(failed))
                    .values(attempts=OutboxMessage.attempts + 1)
                )
        if sent:
            log.debug("outbox.relayed", count=len(sent))
        return len(sent)

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
