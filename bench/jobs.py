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


async def create_image(api: httpx.AsyncClient, drama_id: int, number: int) -> int:
    """One image record through the API; answers its id."""
    body = {"drama_id": str(drama_id), "prompt": f"bench picture {number}", "size": "64x48"}
    answer = await api.post("/images", json=body)
    if answer.status_code >= 300:
        raise BenchSetupError(f"image create failed: {answer.status_code} {answer.text[:300]}")
    return int(answer.json()["data"]["id"])


async def submit_images(
    api: httpx.AsyncClient, drama_id: int, count: int, concurrency: int
) -> dict[int, float]:
    """Create ``count`` image records with ``concurrency`` requests open at once."""
    sent: dict[int, float] = {}
    numbers = iter(range(count))

    async def submitter() -> None:
        for number in numbers:
            started = time.time()
            sent[await create_image(api, drama_id, number)] = started

    await asyncio.gather(*(submitter() for _ in range(concurrency)))
    return sent


@dataclass(frozen=True)
class Calls:
    """Per record: when its API call was due (or began) and when it was answered."""

    due: dict[int, float]
    answered: dict[int, float]

    def both(self) -> dict[int, tuple[float, float]]:
        return {record: (self.due[record], self.answered[record]) for record in self.due}


async def submit_paced(
    api: httpx.AsyncClient, drama_id: int, count: int, per_second: float
) -> Calls:
    """Open loop: call ``i`` is made at ``start + i / per_second`` whatever became of the
    earlier ones, and its latency counts from that due time (a late call is not excused)."""
    due: dict[int, float] = {}
    answered: dict[int, float] = {}
    loop = asyncio.get_running_loop()
    start_wall, start_loop = time.time() + 0.05, loop.time() + 0.05

    async def one(number: int) -> None:
        await asyncio.sleep(max(0.0, start_loop + number / per_second - loop.time()))
        record = await create_image(api, drama_id, number)
        answered[record] = time.time()
        due[record] = start_wall + number / per_second

    await asyncio.gather(*(one(number) for number in range(count)))
    return Calls(due, answered)


async def submit_one_by_one(
    api: httpx.AsyncClient, database_url: str, drama_id: int, count: int
) -> Calls:
    """Each job submitted only once the one before it is finished: unloaded latency."""
    due: dict[int, float] = {}
    answered: dict[int, float] = {}
    for number in range(count):
        started = time.time()
        record = await create_image(api, drama_id, number)
        answered[record] = time.time()
        due[record] = started
        await wait_finished(database_url, {record: started}, timeout=30, poll_s=0.002)
    return Calls(due, answered)


async def wait_finished(
    database_url: str, sent: dict[int, float], timeout: float, poll_s: float = POLL_S
) -> Finished:
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
            await asyncio.sleep(poll_s)
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
