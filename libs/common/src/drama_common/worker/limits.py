"""Keeping to a provider's limits: requests a minute and jobs in flight, per AI config.

A caller over the limit waits for room rather than failing.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field


@dataclass
class _Budget:
    per_minute: int
    in_flight: asyncio.Semaphore
    recent: deque[float] = field(default_factory=deque)
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


class ProviderLimits:
    """Budgets per AI config; ``window_s`` is the length of the "minute" (shorter in tests)."""

    def __init__(self, window_s: float = 60.0) -> None:
        self._budgets: dict[str, _Budget] = {}
        self._window = window_s

    def _budget(self, key: str, per_minute: int, in_flight: int) -> _Budget:
        budget = self._budgets.get(key)
        if budget is None:
            budget = _Budget(per_minute, asyncio.Semaphore(max(1, in_flight)))
            self._budgets[key] = budget
        return budget

    async def _wait_for_minute(self, budget: _Budget) -> None:
        async with budget.lock:
            while True:
                now = time.monotonic()
                while budget.recent and now - budget.recent[0] >= self._window:
                    budget.recent.popleft()
                if len(budget.recent) < budget.per_minute:
                    budget.recent.append(now)
                    return
                await asyncio.sleep(self._window - (now - budget.recent[0]) + 0.01)

    @asynccontextmanager
    async def slot(
        self, key: str, per_minute: int | None, in_flight: int | None
    ) -> AsyncIterator[None]:
        """Hold one call's room under the limits of ``key`` (no limits: no waiting)."""
        if not per_minute and not in_flight:
            yield
            return
        budget = self._budget(key, per_minute or 10**9, in_flight or 10**6)
        async with budget.in_flight:
            if per_minute:
                await self._wait_for_minute(budget)
            yield
