"""The ``bench`` marker: smoke runs of the benchmarks (``-m "not bench"`` leaves them out)."""

from __future__ import annotations

import os

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "bench: smoke runs of the benchmarks in bench/")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The smoke run takes longer than the normal suite allows per area, so it runs only when
    asked for: ``pytest -m bench`` or ``DRAMA_BENCH_SMOKE=1``."""
    if "bench" in (config.option.markexpr or "") or os.environ.get("DRAMA_BENCH_SMOKE"):
        return
    skip = pytest.mark.skip(reason="benchmark smoke run: use -m bench or DRAMA_BENCH_SMOKE=1")
    for item in items:
        if "bench" in item.keywords:
            item.add_marker(skip)
