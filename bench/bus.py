"""Bus overhead: with an instant fake provider, the time from the API call to the record's
``completed`` and the wall time of a batch of image jobs. The baseline, in the same run, is the
provider work alone (generate, download, store) done by a plain loop with the same
concurrency, so the ratio shows what the API, outbox, JetStream, worker and event cost."""

from __future__ import annotations

import asyncio
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import structlog

from bench.fake_provider import FakeProvider
from bench.jobs import submit_images, wait_finished
from bench.options import Options
from bench.stack import BenchStack, create_drama, create_image_config
from bench.stats import Target, at_most, percentile, ratios, spread, write_result

log = structlog.get_logger()
NAME = "bus"
WORKER_CONCURRENCY = 16
SUBMITTERS = 16
WARMUP_JOBS = 20


@dataclass(frozen=True)
class Sizes:
    jobs: int
    runs: int


def sizes(options: Options) -> Sizes:
    return Sizes(jobs=20, runs=1) if options.quick else Sizes(jobs=1000, runs=3)


@dataclass(frozen=True)
class Batch:
    p50_ms: float
    p99_ms: float
    wall_s: float
    failed: int

    def as_json(self) -> dict[str, float]:
        return {key: round(float(value), 3) for key, value in self.__dict__.items()}


async def stack_batch(stack: BenchStack, api: httpx.AsyncClient, drama_id: int, jobs: int) -> Batch:
    started = time.time()
    sent = await submit_images(api, drama_id, jobs, SUBMITTERS)
    done = await wait_finished(stack.database_url, sent, timeout=max(120.0, jobs * 0.5))
    latencies = done.latencies()
    last = max(done.completed.values(), default=started)
    return Batch(
        percentile(latencies, 0.5) * 1000,
        percentile(latencies, 0.99) * 1000,
        last - started,
        done.failed,
    )


async def baseline_batch(fake: FakeProvider, jobs: int, folder: Path) -> Batch:
    """The provider work alone: the same calls, the same concurrency, no bus."""
    latencies: list[float] = []
    numbers = iter(range(jobs))

    async def one(http: httpx.AsyncClient) -> None:
        for number in numbers:
            begun = time.perf_counter()
            answer = await http.post(
                fake.base_url + "/images/generations",
                json={"model": "bench-image", "prompt": f"p {number}", "size": "64x48", "n": 1},
            )
            image = await http.get(answer.json()["data"][0]["url"])
            path = folder / f"image-{number}.png"
            await asyncio.to_thread(path.write_bytes, image.content)
            latencies.append(time.perf_counter() - begun)

    started = time.perf_counter()
    async with httpx.AsyncClient(timeout=60) as http:
        await asyncio.gather(*(one(http) for _ in range(SUBMITTERS)))
    wall = time.perf_counter() - started
    return Batch(percentile(latencies, 0.5) * 1000, percentile(latencies, 0.99) * 1000, wall, 0)


async def run(options: Options) -> dict[str, Any]:
    plan = sizes(options)
    stack_runs: list[Batch] = []
    base_runs: list[Batch] = []
    async with BenchStack() as stack:
        fake = FakeProvider(stack.group, stack.root / "logs" / "fake.log", delay_ms=0)
        async with httpx.AsyncClient(base_url=stack.api_url, timeout=60) as api:
            await create_image_config(api, fake.base_url)
            drama_id = await create_drama(api)
            stack.start_imagegen(1, WORKER_CONCURRENCY)
            await stack_batch(stack, api, drama_id, WARMUP_JOBS)
            for index in range(plan.runs):
                with tempfile.TemporaryDirectory() as folder:
                    base_runs.append(await baseline_batch(fake, plan.jobs, Path(folder)))
                stack_runs.append(await stack_batch(stack, api, drama_id, plan.jobs))
                log.info(
                    "bench.bus.run",
                    run=index,
                    through_stack=stack_runs[-1].as_json(),
                    baseline=base_runs[-1].as_json(),
                )
    body = {
        "quick": options.quick,
        "setup": {
            "jobs": plan.jobs,
            "runs": plan.runs,
            "submitters": SUBMITTERS,
            "imagegen_processes": 1,
            "worker_concurrency": WORKER_CONCURRENCY,
            "provider_delay_ms": 0,
        },
        "stack": _figures(stack_runs),
        "baseline": _figures(base_runs),
        "ratio_stack_to_baseline": {
            key: spread(
                ratios([getattr(s, key) for s in stack_runs], [getattr(b, key) for b in base_runs])
            )
            for key in ("p50_ms", "p99_ms", "wall_s")
        },
        "runs": [
            {"stack": s.as_json(), "baseline": b.as_json()}
            for s, b in zip(stack_runs, base_runs, strict=True)
        ],
    }
    return write_result(NAME, body, _targets(stack_runs, plan), options.results)


def _figures(batches: list[Batch]) -> dict[str, Any]:
    return {
        key: spread([getattr(b, key) for b in batches])
        for key in ("p50_ms", "p99_ms", "wall_s", "failed")
    }


def _targets(batches: list[Batch], plan: Sizes) -> list[Target]:
    figures = _figures(batches)
    wall_limit = 20.0 * plan.jobs / 1000
    return [
        at_most("p50 ms API call to completed (median)", figures["p50_ms"]["median"], 15.0),
        at_most("p99 ms API call to completed (median)", figures["p99_ms"]["median"], 60.0),
        at_most(f"wall s for {plan.jobs} jobs (median)", figures["wall_s"]["median"], wall_limit),
        at_most("failed jobs (max)", figures["failed"]["max"], 0.0),
    ]
