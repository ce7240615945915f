"""The ``bench`` marker: smoke runs of the benchmarks (``-m "not bench"`` leaves them out)."""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "bench: smoke runs of the benchmarks in bench/")
