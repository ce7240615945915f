"""The job consumer on a real JetStream server: a message that does not parse is given up at
its first delivery (it never will parse), a crash is retried, and a give-up step that fails
still ends the message instead of leaving it to time out."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import nats
from nats.js import JetStreamContext

from drama_common.consumer import ConsumerPolicy, Delivery, JobConsumer
from drama_common.messages.events import GenerationEvent
from tests.fixtures.infra import eventually

POLICY = ConsumerPolicy(concurrency=2, ack_wait_s=5, max_deliver=3, backoff_s=(0.1,), drain_s=2)


class Journal:
    """What the consumer did: each handled delivery's attempt, each give-up's reason."""

    def __init__(self, crash_until: int = 0, give_up_fails: bool = False) -> None:
        self.attempts: list[int] = []
        self.given_up: list[str] = []
        self._crash_until = crash_until
        self._give_up_fails = give_up_fails

    async def handle(self, delivery: Delivery) -> None:
        self.attempts.append(delivery.attempt)
        delivery.parse(GenerationEvent)
        if delivery.attempt <= self._crash_until:
            raise RuntimeError("handler crashed")

    async def give_up(self, delivery: Delivery, reason: str) -> None:
        self.given_up.append(reason)
        if self._give_up_fails:
            raise RuntimeError("could not report the failure")


@asynccontextmanager
async def consuming(nats_url: str, journal: Journal) -> AsyncIterator[tuple[JetStreamContext, str]]:
    client = await nats.connect(nats_url)
    name = f"policy_{uuid.uuid4().hex[:10]}"
    js = client.jetstream()
    await js.add_stream(name=name, subjects=[f"{name}.>"])
    consumer = JobConsumer(
        js, name, f"{name}.jobs", f"{name}_worker", journal.handle, journal.give_up, POLICY
    )
    await consumer.start()
    try:
        yield js, f"{name}.jobs"
    finally:
        await consumer.stop()
        await js.delete_stream(name)
        await client.close()


async def _pending(js: JetStreamContext, subject: str) -> tuple[int, int]:
    """(delivered but not yet acked or ended, not yet delivered) of the test's consumer."""
    stream = subject.split(".")[0]
    info = await js.consumer_info(stream, f"{stream}_worker")
    return int(info.num_ack_pending), int(info.num_pending)


def _event() -> bytes:
    return GenerationEvent(
        message_id=f"image-1-{uuid.uuid4().hex}",
        correlation_id="image-1",
        kind="image",
        record_id=1,
        outcome="completed",
        storage_key="images/generation-1.png",
    ).model_dump_json().encode()


async def test_malformed_message_is_given_up_at_once(nats_url: str) -> None:
    journal = Journal()
    async with consuming(nats_url, journal) as (js, subject):
        await js.publish(subject, b'{"kind": "image", "record_id": "not a number"}')
        await eventually(lambda: bool(journal.given_up), timeout=10)
        assert await _settled(js, subject)
    assert journal.attempts == [1]
    assert journal.given_up[0].startswith("malformed message")


async def test_crash_is_retried_then_succeeds(nats_url: str) -> None:
    journal = Journal(crash_until=1)
    async with consuming(nats_url, journal) as (js, subject):
        await js.publish(subject, _event())
        await eventually(lambda: len(journal.attempts) == 2, timeout=10)
        assert await _settled(js, subject)
    assert journal.attempts == [1, 2]
    assert journal.given_up == []


async def test_failing_give_up_still_ends_the_message(nats_url: str) -> None:
    journal = Journal(give_up_fails=True)
    async with consuming(nats_url, journal) as (js, subject):
        await js.publish(subject, b"not json at all")
        await eventually(lambda: bool(journal.given_up), timeout=10)
        assert await _settled(js, subject)
        await asyncio.sleep(POLICY.ack_wait_s + 1)
    assert journal.attempts == [1]


async def _settled(js: JetStreamContext, subject: str) -> bool:
    async def nothing_left() -> bool:
        return await _pending(js, subject) == (0, 0)

    await eventually(nothing_left, timeout=10)
    return True
