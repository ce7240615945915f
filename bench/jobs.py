"""Image jobs for the bus and scaling benchmarks: submit through the API, then read from the
database when each record reached ``completed`` (timestamps with microseconds)."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from datetime import datetime

import asyncpg
import httpx

from bench.infra import BenchSetupError

FINISHED = ("completed", "failed")
POLL_S = 0.05


@dataclass(frozen=True)
class Finished:
    """When each record was submitted (wall clock, before the API call) and completed."""

    sent: dict[int, float]
    completed: dict[int, float]
    failed: int

    def latencies(self) -> list[float]:
        return [self.completed[i] - self.sent[i] for i in self.completed]


async def submit_images(
    api: httpx.AsyncClient, drama_id: int, count: int, concurrency: int
) -> dict[int, float]:
    """Create ``count`` image records with ``concurrency`` requests open at once."""
    sent: dict[int, float] = {}
    numbers = iter(range(count))

    async def submitter() -> None:
        for number in numbers:
            body = {"drama_id": str(drama_id), "prompt": f"bench picture {number}", "size": "64x48"}
            started = time.time()
            answer = await api.post("/images", json=body)
            if answer.status_code >= 300:
                raise BenchSetupError(
                    f"image create failed: {answer.status_code} {answer.text[:300]}"
                )
            sent[int(answer.json()["data"]["id"])] = started

    await asyncio.gather(*(submitter() for _ in range(concurrency)))
    return sent


async def wait_finished(database_url: str, sent: dict[int, float], timeout: float) -> Finished:
    """Poll the database until every record in ``sent`` is completed or failed."""
    ids = list(sent)
    connection = await asyncpg.connect(database_url)
    try:
        deadline = time.monotonic() + timeout
        while True:
            done = await connection.fetchval(
                "SELECT count(*) FROM image_generations WHERE id = ANY($1) AND status = ANY($2)",
                ids,
                list(FINISHED),
            )
            if done >= len(ids):
                break
            if time.monotonic() > deadline:
                raise BenchSetupError(f"only {done} of {len(ids)} images finished in {timeout} s")
            await asyncio.sleep(POLL_S)
        rows = await connection.fetch(
            "SELECT id, status, completed_at FROM image_generations WHERE id = ANY($1)", ids
        )
    finally:
        await connection.close()
    completed = {
        int(r["id"]): _epoch(r["completed_at"])
        for r in rows
        if r["status"] == "completed" and r["completed_at"] is not None
    }
    return Finished(sent, completed, len(ids) - len(completed))


async def outbox_drained(database_url: str, timeout: float) -> None:
    """Wait until the catalog's outbox has published every job."""
    connection = await asyncpg.connect(database_url)
    try:
        deadline = time.monotonic() + timeout
        while await connection.fetchval("SELECT count(*) FROM outbox WHERE sent_at IS NULL"):
            if time.monotonic() > deadline:
                raise BenchSetupError("the outbox did not drain")
            await asyncio.sleep(POLL_S)
    finally:
        await connection.close()


def _epoch(moment: datetime) -> float:
    return moment.timestamp()
