"""Where an image job's time goes, hop by hop, from timestamps the stack already keeps.

For each record: the client's clock before and after the API call; the record's
``created_at`` and its outbox row's ``sent_at`` (catalog, database); the ``created_at`` of the
worker's ``processing`` and ``completed`` events (worker clock, read back from the events
stream); and the record's ``completed_at`` (catalog, when the event was applied). All clocks
are this machine's.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

import asyncpg
import nats
from nats.js.api import DeliverPolicy

from bench.stats import percentile

HOPS = (
    ("api_answer", "API call to its answer (gateway, RPC, catalog transaction)"),
    ("relay", "record inserted to its job published (rest of the transaction, outbox relay)"),
    ("to_worker", "job published (relay's PubAck) to the worker's processing event"),
    ("worker", "processing event to completed event (provider, download, store)"),
    ("apply", "completed event to the record's completed (event consumer, transaction)"),
)


@dataclass
class Stamps:
    sent: float
    answered: float
    created: float = 0.0
    published: float = 0.0
    processing: float = 0.0
    finished: float = 0.0
    completed: float = 0.0

    def hops(self) -> dict[str, float]:
        return {
            "api_answer": self.answered - self.sent,
            "relay": self.published - self.created,
            "to_worker": self.processing - self.published,
            "worker": self.finished - self.processing,
            "apply": self.completed - self.finished,
        }


async def breakdown(
    database_url: str, nats_url: str, calls: dict[int, tuple[float, float]]
) -> dict[str, dict[str, float | str]]:
    """p50/p99 ms of each hop over the records in ``calls`` (id -> sent, answered)."""
    stamps = {record: Stamps(sent, answered) for record, (sent, answered) in calls.items()}
    await _database_stamps(database_url, stamps)
    await _event_stamps(nats_url, stamps)
    whole = [s for s in stamps.values() if s.processing and s.finished and s.completed]
    out: dict[str, dict[str, float | str]] = {}
    for name, meaning in HOPS:
        values = [s.hops()[name] for s in whole]
        out[name] = {
            "what": meaning,
            "p50_ms": round(percentile(values, 0.5) * 1000, 3),
            "p99_ms": round(percentile(values, 0.99) * 1000, 3),
        }
    return out


async def _database_stamps(database_url: str, stamps: dict[int, Stamps]) -> None:
    connection = await asyncpg.connect(database_url)
    try:
        rows = await connection.fetch(
            "SELECT id, created_at, completed_at FROM image_generations WHERE id = ANY($1)",
            list(stamps),
        )
        for row in rows:
            stamp = stamps[int(row["id"])]
            stamp.created = _epoch(row["created_at"])
            stamp.completed = _epoch(row["completed_at"]) if row["completed_at"] else 0.0
        jobs = await connection.fetch(
            "SELECT payload, sent_at FROM outbox WHERE subject = 'jobs.image' "
            "AND sent_at IS NOT NULL"
        )
    finally:
        await connection.close()
    for job in jobs:
        record = int(json.loads(job["payload"])["generation_id"])
        if record in stamps:
            stamps[record].published = _epoch(job["sent_at"])


async def _event_stamps(nats_url: str, stamps: dict[int, Stamps]) -> None:
    """The worker's own timestamps, from every image event the stream holds."""
    client = await nats.connect(nats_url)
    try:
        js = client.jetstream()
        last = (await js.stream_info("EVENTS")).state.last_seq
        subscription = await js.subscribe(
            "events.image.>", ordered_consumer=True, deliver_policy=DeliverPolicy.ALL
        )
        seen = 0
        while seen < last:
            try:
                msg = await subscription.next_msg(timeout=2.0)
            except (TimeoutError, nats.errors.TimeoutError):
                break
            seen = int(msg.metadata.sequence.stream)
            event = json.loads(msg.data)
            stamp = stamps.get(int(event["record_id"]))
            if stamp is None:
                continue
            moment = datetime.fromisoformat(event["created_at"]).timestamp()
            if event["outcome"] == "processing":
                stamp.processing = moment
            elif event["outcome"] == "completed":
                stamp.finished = moment
        await subscription.unsubscribe()
    finally:
        await client.close()


def _epoch(moment: datetime) -> float:
    return moment.timestamp()
