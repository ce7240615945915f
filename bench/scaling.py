"""Scaling: with a fake provider taking 500 ms, image-job throughput at 1, 8, 32 and 64 jobs in
flight per worker and with 1, 2 and 4 imagegen processes.

For each point the jobs are queued first with the provider's gate closed (every worker slot
then holds a generation waiting at the gate), so the API's create rate does not limit the
figure. Timing starts when the gate opens and ends at the last record's ``completed``.
Linear scaling would give ``processes x in_flight / 0.5 s``; the efficiency is the measured
throughput over that, and also over ``processes x in_flight`` times the single-slot
throughput measured in the same run.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from typing import Any

import httpx
import structlog

from bench.fake_provider import FakeProvider
from bench.infra import BenchSetupError
from bench.jobs import outbox_drained, submit_images, wait_finished
from bench.options import Options
from bench.stack import BenchStack, create_drama, create_image_config
from bench.stats import Target, at_least, ratios, spread, write_result

log = structlog.get_logger()
NAME = "scaling"
DELAY_MS = 500.0
SUBMITTERS = 32
TARGET_EFFICIENCY = 0.9


@dataclass(frozen=True)
class Sizes:
    processes: tuple[int, ...]
    in_flight: tuple[int, ...]
    waves: int
    runs: int


def sizes(options: Options) -> Sizes:
    if options.quick:
        return Sizes(processes=(1, 2), in_flight=(1, 8), waves=1, runs=1)
    return Sizes(processes=(1, 2, 4), in_flight=(1, 8, 32, 64), waves=4, runs=3)


async def _wait_gate_full(fake: FakeProvider, expected: int, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while (await fake.stats())["waiting"] < expected:
        if time.monotonic() > deadline:
            raise BenchSetupError(f"workers did not take {expected} jobs")
        await asyncio.sleep(0.05)


async def one_point(
    stack: BenchStack,
    fake: FakeProvider,
    api: httpx.AsyncClient,
    drama_id: int,
    slots: int,
    jobs: int,
) -> float:
    """Jobs per second for ``jobs`` jobs on ``slots`` worker slots in all."""
    await fake.set_gate(open_=False)
    sent = await submit_images(api, drama_id, jobs, SUBMITTERS)
    await outbox_drained(stack.database_url, timeout=120)
    await _wait_gate_full(fake, min(slots, jobs))
    opened = time.time()
    await fake.set_gate(open_=True)
    done = await wait_finished(stack.database_url, sent, timeout=300)
    if done.failed:
        raise BenchSetupError(f"{done.failed} scaling jobs failed")
    return jobs / (max(done.completed.values()) - opened)


async def run(options: Options) -> dict[str, Any]:
    plan = sizes(options)
    points: dict[tuple[int, int], list[float]] = {}
    async with BenchStack() as stack:
        fake = FakeProvider(stack.group, stack.root / "logs" / "fake.log", delay_ms=DELAY_MS)
        async with httpx.AsyncClient(base_url=stack.api_url, timeout=60) as api:
            await create_image_config(api, fake.base_url)
            drama_id = await create_drama(api)
            for processes in plan.processes:
                for in_flight in plan.in_flight:
                    stack.start_imagegen(processes, in_flight)
                    slots = processes * in_flight
                    jobs = slots * plan.waves
                    for _ in range(plan.runs):
                        rate = await one_point(stack, fake, api, drama_id, slots, jobs)
                        points.setdefault((processes, in_flight), []).append(rate)
                    log.info(
                        "bench.scaling.point",
                        processes=processes,
                        in_flight=in_flight,
                        jobs_per_s=[round(r, 2) for r in points[(processes, in_flight)]],
                    )
            stack.stop_imagegen()
    return write_result(NAME, _body(plan, points, options), _targets(plan, points), options.results)


def _body(
    plan: Sizes, points: dict[tuple[int, int], list[float]], options: Options
) -> dict[str, Any]:
    single = points[(1, 1)]
    rows = []
    for (processes, in_flight), rates in sorted(points.items()):
        slots = processes * in_flight
        ideal = slots / (DELAY_MS / 1000)
        rows.append(
            {
                "processes": processes,
                "in_flight_per_worker": in_flight,
                "jobs": slots * plan.waves,
                "jobs_per_s": spread(rates),
                "linear_jobs_per_s": ideal,
                "efficiency_vs_linear": spread([rate / ideal for rate in rates]),
                "efficiency_vs_measured_single_slot": spread(
                    ratios(rates, [s * slots for s in single])
                ),
            }
        )
    return {
        "quick": options.quick,
        "setup": {
            "provider_delay_ms": DELAY_MS,
            "waves": plan.waves,
            "runs": plan.runs,
            "submitters": SUBMITTERS,
        },
        "points": rows,
    }


def _targets(plan: Sizes, points: dict[tuple[int, int], list[float]]) -> list[Target]:
    targets = []
    for (processes, in_flight), rates in sorted(points.items()):
        ideal = processes * in_flight / (DELAY_MS / 1000)
        efficiency = spread([rate / ideal for rate in rates])["median"]
        targets.append(
            at_least(
                f"efficiency vs linear, {processes} process(es) x {in_flight} in flight (median)",
                efficiency,
                TARGET_EFFICIENCY,
            )
        )
    return targets
