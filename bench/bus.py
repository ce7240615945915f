"""Bus overhead: with an instant fake provider, the time from the API call to the record's
``completed``, measured three ways on one image worker (16 jobs in flight):

- ``unloaded``: one job at a time (the next is sent once the last is finished), with where
  the time goes, hop by hop (bench/hops.py);
- ``paced``: open loop, jobs sent at a fixed rate below the stack's capacity, each latency
  counted from the moment its call was due; the p50/p99 targets are judged on these figures;
- ``burst``: the jobs sent as fast as 16 submitters can; the wall-time target is judged on
  this. Its latencies are reported as measured, but they are mostly time spent queued behind
  earlier jobs (submission outruns completion), not the path's overhead.

The baseline, in the same run, is the provider work alone (generate, download, store) done by
a plain loop with the burst's concurrency, so the burst ratio shows what the API, outbox,
JetStream, worker and event cost at full load."""

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
from bench.hops import breakdown
from bench.jobs import Calls, submit_images, submit_one_by_one, submit_paced, wait_finished
from bench.options import Options
from bench.stack import BenchStack, create_drama, create_image_config
from bench.stats import Target, at_most, percentile, ratios, spread, write_result

log = structlog.get_logger()
NAME = "bus"
WORKER_CONCURRENCY = 16
SUBMITTERS = 16
WARMUP_JOBS = 20
PACED_PER_S = 40.0
"""The paced arrival rate: below the stack's burst capacity on the 2-core bench machine (the
burst figures in the same result show that capacity)."""


@dataclass(frozen=True)
class Sizes:
    jobs: int
    runs: int
    paced_jobs: int
    paced_per_s: float
    unloaded_jobs: int


def sizes(options: Options) -> Sizes:
    if options.quick:
        return Sizes(jobs=20, runs=1, paced_jobs=20, paced_per_s=20.0, unloaded_jobs=5)
    return Sizes(jobs=1000, runs=3, paced_jobs=1000, paced_per_s=PACED_PER_S, unloaded_jobs=50)


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


async def timed_batch(stack: BenchStack, calls: Calls) -> tuple[Batch, dict[str, Any]]:
    """Latencies from each call's due time to its record's ``completed``, and the hops."""
    done = await wait_finished(stack.database_url, calls.due, timeout=120)
    latencies = done.latencies()
    first = min(calls.due.values())
    last = max(done.completed.values(), default=first)
    batch = Batch(
        percentile(latencies, 0.5) * 1000,
        percentile(latencies, 0.99) * 1000,
        last - first,
        done.failed,
    )
    return batch, await breakdown(stack.database_url, stack.nats_url, calls.both())


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
    burst: list[Batch] = []
    base_runs: list[Batch] = []
    paced: list[Batch] = []
    paced_hops: list[dict[str, Any]] = []
    async with BenchStack() as stack:
        fake = FakeProvider(stack.group, stack.root / "logs" / "fake.log", delay_ms=0)
        async with httpx.AsyncClient(base_url=stack.api_url, timeout=60) as api:
            await create_image_config(api, fake.base_url)
            drama_id = await create_drama(api)
            stack.start_imagegen(1, WORKER_CONCURRENCY)
            await stack_batch(stack, api, drama_id, WARMUP_JOBS)
            calls = await submit_one_by_one(api, stack.database_url, drama_id, plan.unloaded_jobs)
            unloaded, unloaded_hops = await timed_batch(stack, calls)
            log.info("bench.bus.unloaded", figures=unloaded.as_json(), hops=unloaded_hops)
            for index in range(plan.runs):
                calls = await submit_paced(api, drama_id, plan.paced_jobs, plan.paced_per_s)
                batch, hops = await timed_batch(stack, calls)
                paced.append(batch)
                paced_hops.append(hops)
                with tempfile.TemporaryDirectory() as folder:
                    base_runs.append(await baseline_batch(fake, plan.jobs, Path(folder)))
                burst.append(await stack_batch(stack, api, drama_id, plan.jobs))
                log.info(
                    "bench.bus.run",
                    run=index,
                    paced=paced[-1].as_json(),
                    burst=burst[-1].as_json(),
                    baseline=base_runs[-1].as_json(),
                )
    body = {
        "quick": options.quick,
        "setup": {
            "burst_jobs": plan.jobs,
            "runs": plan.runs,
            "submitters": SUBMITTERS,
            "paced_jobs": plan.paced_jobs,
            "paced_jobs_per_s": plan.paced_per_s,
            "unloaded_jobs": plan.unloaded_jobs,
            "imagegen_processes": 1,
            "worker_concurrency": WORKER_CONCURRENCY,
            "provider_delay_ms": 0,
        },
        "judged_on": {
            "p50_ms and p99_ms targets": "paced (open loop at paced_jobs_per_s; the overhead)",
            "wall_s target": "burst (1000 jobs as fast as 16 submitters can)",
        },
        "unloaded": {**unloaded.as_json(), "hops": unloaded_hops},
        "paced": {**_figures(paced), "hops_per_run": paced_hops},
        "burst": {
            **_figures(burst),
            "jobs_per_s": spread([plan.jobs / b.wall_s for b in burst]),
            "note": "latencies here are mostly queueing: submission outruns completion",
        },
        "baseline": _figures(base_runs),
        "ratio_burst_to_baseline": {
            key: spread(
                ratios([getattr(s, key) for s in burst], [getattr(b, key) for b in base_runs])
            )
            for key in ("p50_ms", "p99_ms", "wall_s")
        },
        "runs": [
            {"paced": p.as_json(), "burst": s.as_json(), "baseline": b.as_json()}
            for p, s, b in zip(paced, burst, base_runs, strict=True)
        ],
    }
    return write_result(NAME, body, _targets(paced, burst, plan), options.results)


def _figures(batches: list[Batch]) -> dict[str, Any]:
    return {
        key: spread([getattr(b, key) for b in batches])
        for key in ("p50_ms", "p99_ms", "wall_s", "failed")
    }


def _targets(paced: list[Batch], burst: list[Batch], plan: Sizes) -> list[Target]:
    steady, full = _figures(paced), _figures(burst)
    rate = f"{plan.paced_per_s:g} jobs/s"
    wall_limit = 20.0 * plan.jobs / 1000
    return [
        at_most(
            f"paced p50 ms API call to completed at {rate} (median)",
            steady["p50_ms"]["median"],
            15.0,
        ),
        at_most(
            f"paced p99 ms API call to completed at {rate} (median)",
            steady["p99_ms"]["median"],
            60.0,
        ),
        at_most(
            f"burst wall s for {plan.jobs} jobs (median)", full["wall_s"]["median"], wall_limit
        ),
        at_most(
            "failed jobs, paced and burst (max)",
            max(steady["failed"]["max"], full["failed"]["max"]),
            0.0,
        ),
    ]
