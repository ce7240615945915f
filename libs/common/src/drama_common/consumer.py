"""A durable JetStream pull consumer that runs jobs with bounded concurrency.

Each job is acked only after its handler returns. A handler raising a transient error is
redelivered with backoff until ``max_deliver``; the last delivery, a permanent error, or a
message that does not parse (it never will) goes to ``on_give_up`` (which publishes the
failure event) and is then terminated, so no job is ever lost silently.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeVar

import nats.errors
import nats.js.errors
import structlog
from nats.aio.msg import Msg
from nats.js import JetStreamContext
from nats.js.api import AckPolicy, ConsumerConfig, DeliverPolicy
from pydantic import BaseModel, ValidationError

from drama_common.errors import ProviderError
from drama_common.logging import bind_ids

log = structlog.get_logger()
Parsed = TypeVar("Parsed", bound=BaseModel)
FETCH_WAIT_S = 2.0
"""How long one fetch waits for a job before the loop checks whether it is stopping."""


class MalformedMessage(Exception):
    """A delivery's bytes are not the message its consumer expects; they never will be."""


@dataclass
class Delivery:
    """One delivery of a job: its bytes, how often it came, and a way to keep it alive."""

    data: bytes
    attempt: int
    max_deliver: int
    msg: Msg

    def parse(self, model: type[Parsed]) -> Parsed:
        """The message in this delivery, or :class:`MalformedMessage`."""
        try:
            return model.model_validate_json(self.data)
        except ValidationError as error:
            reason = f"malformed message: {error.error_count()} invalid fields"
            raise MalformedMessage(reason) from error

    @property
    def last_attempt(self) -> bool:
        return self.attempt >= self.max_deliver

    async def keep_alive(self) -> None:
        with contextlib.suppress(nats.errors.Error):
            await self.msg.in_progress()


JobHandler = Callable[[Delivery], Awaitable[None]]
GiveUp = Callable[[Delivery, str], Awaitable[None]]


@dataclass
class ConsumerPolicy:
    concurrency: int = 4
    ack_wait_s: float = 60.0
    max_deliver: int = 5
    backoff_s: tuple[float, ...] = (1.0, 5.0, 15.0, 30.0)
    drain_s: float = 10.0


class JobConsumer:
    def __init__(
        self,
        js: JetStreamContext,
        stream: str,
        subject: str,
        durable: str,
        handler: JobHandler,
        on_give_up: GiveUp,
        policy: ConsumerPolicy,
    ) -> None:
        self._js = js
        self._stream = stream
        self._subject = subject
        self._durable = durable
        self._handler = handler
        self._on_give_up = on_give_up
        self._policy = policy
        self._slots = asyncio.Semaphore(policy.concurrency)
        self._running: set[asyncio.Task[None]] = set()
        self._stopping = asyncio.Event()
        self._loop_task: asyncio.Task[None] | None = None
        self._subscription: JetStreamContext.PullSubscription | None = None

    async def start(self) -> None:
        config = ConsumerConfig(
            durable_name=self._durable,
            filter_subject=self._subject,
            ack_policy=AckPolicy.EXPLICIT,
            deliver_policy=DeliverPolicy.ALL,
            ack_wait=self._policy.ack_wait_s,
            max_deliver=self._policy.max_deliver,
            max_ack_pending=max(1000, self._policy.concurrency * 4),
        )
        subscription = await self._js.pull_subscribe(
            self._subject, durable=self._durable, stream=self._stream, config=config
        )
        self._subscription = subscription
        self._loop_task = asyncio.create_task(self._loop(subscription))

    async def stop(self) -> None:
        """Stop taking jobs; let running ones finish within the policy's drain time, then
        cancel them (a cancelled job is not acked, so the server delivers it again)."""
        self._stopping.set()
        if self._loop_task is not None:
            self._loop_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._loop_task
        if self._subscription is not None:
            # A fetch cancelled mid-wait leaves its inbox behind; unsubscribing it keeps the
            # connection's drain on exit from waiting out its whole timeout.
            with contextlib.suppress(nats.errors.Error):
                await self._subscription.unsubscribe()
            self._subscription = None
        if self._running:
            await asyncio.wait(self._running, timeout=self._policy.drain_s)
        for task in list(self._running):
            task.cancel()
        if self._running:
            await asyncio.wait(self._running, timeout=5)

    async def _loop(self, subscription: JetStreamContext.PullSubscription) -> None:
        idle = True
        while not self._stopping.is_set():
            await self._slots.acquire()
            self._slots.release()
            try:
                messages = await subscription.fetch(self._batch(idle), timeout=FETCH_WAIT_S)
            except (TimeoutError, nats.errors.TimeoutError):
                idle = True
                continue
            except (nats.errors.Error, nats.js.errors.Error) as error:
                log.warning("consumer.fetch_failed", durable=self._durable, reason=str(error))
                await asyncio.sleep(1.0)
                continue
            idle = not messages
            for msg in messages:
                await self._slots.acquire()
                task = asyncio.create_task(self._run(msg))
                self._running.add(task)
                task.add_done_callback(self._running.discard)

    def _free_slots(self) -> int:
        return self._policy.concurrency - len(self._running)

    def _batch(self, idle: bool) -> int:
        """One job after an idle wait, else as many as there are free slots.

        A batch fetch that follows one which timed out can meet that one's late "request
        timeout" status, take it for "no messages" and fall back to a lingering pull that
        holds the first job it gets until the batch fills or the wait ends (up to
        ``FETCH_WAIT_S``). A single-job fetch returns with its first job, so waking from idle
        costs no such stall; once jobs flow, batches take what is there at once."""
        return 1 if idle else max(1, self._free_slots())

    async def _run(self, msg: Msg) -> None:
        try:
            attempt = int(msg.metadata.num_delivered)
            delivery = Delivery(msg.data, attempt, self._policy.max_deliver, msg)
            bind_ids(correlation_id=(msg.headers or {}).get("Correlation-Id"))
            beat = asyncio.create_task(self._heartbeat(delivery))
            try:
                await self._handler(delivery)
            except ProviderError as error:
                await self._retry_or_give_up(delivery, error.message, error.transient)
            except MalformedMessage as error:
                await self._retry_or_give_up(delivery, str(error), False)
            except asyncio.CancelledError:
                raise
            except Exception as error:
                log.exception("consumer.job_crashed", durable=self._durable)
                await self._retry_or_give_up(delivery, f"{type(error).__name__}: {error}", True)
            else:
                await msg.ack()
            finally:
                beat.cancel()
        finally:
            self._slots.release()

    async def _heartbeat(self, delivery: Delivery) -> None:
        """Tell the server the job is alive, so a long provider call is not redelivered."""
        while True:
            await asyncio.sleep(max(1.0, self._policy.ack_wait_s / 3))
            await delivery.keep_alive()

    async def _retry_or_give_up(self, delivery: Delivery, reason: str, transient: bool) -> None:
        if transient and not delivery.last_attempt:
            backoff = self._policy.backoff_s
            delay = backoff[min(delivery.attempt - 1, len(backoff) - 1)]
            log.info(
                "consumer.retry",
                durable=self._durable,
                attempt=delivery.attempt,
                delay_s=delay,
                reason=reason,
            )
            await delivery.msg.nak(delay=delay)
            return
        log.warning(
            "consumer.give_up", durable=self._durable, attempt=delivery.attempt, reason=reason
        )
        try:
            await self._on_give_up(delivery, reason)
        except Exception:
            log.exception("consumer.give_up_failed", durable=self._durable)
        await delivery.msg.term()
