"""Fixtures of the fault tests: a cluster of real service processes on a private NATS."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.faults.cluster import Cluster
from tests.fixtures.infra import NatsServer, _drop_postgres, _fresh_postgres, postgres_base_url


@pytest.fixture
async def cluster_database(tmp_path: Path) -> AsyncIterator[str]:
    """A database of this test's own: PostgreSQL when the environment names one, else SQLite."""
    base = postgres_base_url()
    if base is None:
        yield f"sqlite:///{tmp_path / 'catalog.db'}"
        return
    url, name = await _fresh_postgres(base)
    yield url
    await _drop_postgres(base, name)


@pytest.fixture
async def cluster(
    private_nats: NatsServer, tmp_path: Path, cluster_database: str
) -> AsyncIterator[Cluster]:
    running = Cluster(private_nats, tmp_path, cluster_database)
    try:
        yield running
    finally:
        running.close()
        await running.dispose()
