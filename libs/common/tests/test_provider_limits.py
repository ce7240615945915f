"""Callers over a provider's limits wait for room instead of failing."""

from __future__ import annotations

import asyncio
import time

from drama_common.worker.limits import ProviderLimits


async def test_jobs_in_flight_never_exceed_the_limit() -> None:
    limits = ProviderLimits()
    running = peak = 0

    async def call() -> None:
        nonlocal running, peak
        async with limits.slot("config-1", None, 2):
            running += 1
            peak = max(peak, running)
            await asyncio.sleep(0.05)
            running -= 1

    await asyncio.gather(*(call() for _ in range(8)))
    assert peak == 2


async def test_requests_over_the_window_wait_for_it() -> None:
    limits = ProviderLimits(window_s=0.5)
    started: list[float] = []

    async def call() -> None:
        async with limits.slot("config-2", 2, None):
            started.append(time.monotonic())

    await asyncio.gather(*(call() for _ in range(5)))
    started.sort()
    assert len(started) == 5
    for earlier, later in zip(started, started[2:], strict=False):
        assert later - earlier >= 0.5


async def test_configs_do_not_share_budgets_and_no_limit_means_no_wait() -> None:
    limits = ProviderLimits(window_s=30.0)
    async with limits.slot("a", 1, 1):
        async with asyncio.timeout(5):
            async with limits.slot("b", 1, 1):
                pass
            async with limits.slot("c", None, None):
                pass
