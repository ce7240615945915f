"""Real databases for the persistence tests: a SQLite file and a PostgreSQL database.

PostgreSQL comes from ``DATABASE_URL`` (default ``postgresql://postgres@127.0.0.1:5432/test``).
The server is shared with other people's tests, so every database made here has a unique name
and is dropped when the session ends. Without a reachable server the PostgreSQL cases are
skipped, except under ``CI`` where that is a failure.
"""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import asyncpg
import pytest
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from drama_catalog.db import make_engine, migrate, session_factory

DEFAULT_POSTGRES = "postgresql://postgres@127.0.0.1:5432/test"
BACKENDS = ("sqlite", "postgresql")

FreshDatabase = Callable[[str], Awaitable[str]]


def _admin_dsn() -> str:
    url = make_url(os.environ.get("DATABASE_URL") or DEFAULT_POSTGRES)
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


async def _admin_connection() -> asyncpg.Connection:
    return await asyncpg.connect(_admin_dsn(), timeout=30)


async def _probe() -> None:
    connection = await _admin_connection()
    await connection.close()


@pytest.fixture(scope="session")
def postgres_available() -> bool:
    """Checked outside the test loop, so it can be requested from a synchronous fixture."""
    try:
        asyncio.run(_probe())
    except (OSError, asyncpg.PostgresError) as error:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"no PostgreSQL server at {make_url(_admin_dsn())!r}: {error}")
    return True


@pytest.fixture(scope="session")
async def fresh_database(
    tmp_path_factory: pytest.TempPathFactory,
) -> AsyncIterator[FreshDatabase]:
    """Make a new, empty database of the given backend and return its URL."""
    created: list[str] = []
    folder: Path = tmp_path_factory.mktemp("catalog-db")

    async def make(backend: str) -> str:
        name = f"catalog_test_{uuid.uuid4().hex[:12]}"
        if backend == "sqlite":
            return f"sqlite:///{folder / name}.db"
        connection = await _admin_connection()
        try:
            await connection.execute(f'CREATE DATABASE "{name}"')
        finally:
            await connection.close()
        created.append(name)
        return make_url(_admin_dsn()).set(database=name).render_as_string(hide_password=False)

    yield make

    if created:
        connection = await _admin_connection()
        try:
            for name in created:
                await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await connection.close()


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """Each test using it runs once per backend."""
    name: str = request.param
    if name == "postgresql":
        request.getfixturevalue("postgres_available")
    return name


_migrated: dict[str, str] = {}


@pytest.fixture(scope="session")
async def migrated_url(backend: str, fresh_database: FreshDatabase) -> str:
    """A database of ``backend`` upgraded to head once per session (tests add their own rows)."""
    if backend not in _migrated:
        url = await fresh_database(backend)
        await migrate(url)
        _migrated[backend] = url
    return _migrated[backend]


@pytest.fixture
async def engine(migrated_url: str) -> AsyncIterator[AsyncEngine]:
    engine = make_engine(migrated_url)
    yield engine
    await engine.dispose()


@pytest.fixture
def sessions(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return session_factory(engine)
