"""Engine, sessions and schema migration for PostgreSQL (asyncpg) and SQLite (aiosqlite)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import structlog
from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Table, event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import URL, make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.pool import StaticPool

from drama_catalog.models import Base

log = structlog.get_logger()

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 30_000

_POSTGRES_NAMES = {"postgres", "postgresql"}


def async_url(url: str | URL) -> URL:
    """Normalise a database URL to its async driver: ``postgresql+asyncpg`` or
    ``sqlite+aiosqlite``. Other back ends are refused."""
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend in _POSTGRES_NAMES:
        return parsed.set(drivername="postgresql+asyncpg")
    if backend == "sqlite":
        return parsed.set(drivername="sqlite+aiosqlite")
    raise ValueError(f"unsupported database URL scheme: {parsed.drivername}")


def _is_memory(url: URL) -> bool:
    return url.database in (None, "", ":memory:") or url.query.get("mode") == "memory"


def _sqlite_engine(url: URL, **kwargs: Any) -> AsyncEngine:
    memory = _is_memory(url)
    if memory:
        kwargs.setdefault("poolclass", StaticPool)
    elif url.database:
        Path(url.database).expanduser().parent.mkdir(parents=True, exist_ok=True)

    connect_args = kwargs.pop("connect_args", {})
    connect_args.setdefault("timeout", SQLITE_BUSY_TIMEOUT_MS / 1000)
    engine = create_async_engine(url, connect_args=connect_args, **kwargs)

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take transaction control away from the driver so that BEGIN is ours (below):
        # DDL then runs inside transactions and SAVEPOINT works.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        if not memory:
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Connection) -> None:
        # IMMEDIATE takes the write lock up front, so two writers queue on the busy timeout
        # instead of one failing when it upgrades a read snapshot to a write.
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def make_engine(url: str | URL, **kwargs: Any) -> AsyncEngine:
    """Create the async engine for a database URL.

    Accepts ``postgresql://``, ``postgres://``, ``postgresql+asyncpg://``, ``sqlite:///path``
    and ``sqlite+aiosqlite:///path`` (and in-memory SQLite). SQLite files get WAL journaling,
    enforced foreign keys and a 30 s busy timeout; their folder is created when missing.
    Extra keyword arguments go to :func:`create_async_engine`. Statement parameters are kept
    out of error messages (they can hold API keys, and errors end up in logs).
    """
    kwargs.setdefault("hide_parameters", True)
    normalised = async_url(url)
    if normalised.get_backend_name() == "sqlite":
        return _sqlite_engine(normalised, **kwargs)
    kwargs.setdefault("pool_pre_ping", True)
    return create_async_engine(normalised, **kwargs)


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions that keep loaded attributes after commit (answers are built after it)."""
    return async_sessionmaker(engine, expire_on_commit=False)


def reader_engine(engine: AsyncEngine) -> AsyncEngine:
    """The engine for read-only sessions: on PostgreSQL its connections run in autocommit (no
    BEGIN / ROLLBACK per read); SQLite keeps the engine as it is (its reads share the writers'
    lock discipline)."""
    if engine.dialect.name == "postgresql":
        return engine.execution_options(isolation_level="AUTOCOMMIT")
    return engine


def conflict_insert(
    dialect_name: str, table: Table | type[Base]
) -> postgresql.Insert | sqlite.Insert:
    """An INSERT that supports ``on_conflict_do_nothing`` / ``on_conflict_do_update`` on the
    given back end (both take ``index_elements`` and ``index_where``, so the partial unique
    indexes over live rows can be the conflict target)."""
    if dialect_name == "postgresql":
        return postgresql.insert(table)
    if dialect_name == "sqlite":
        return sqlite.insert(table)
    raise ValueError(f"no upsert support for {dialect_name}")


def alembic_config(url: str | URL) -> Config:
    """An Alembic configuration for this package, built without an ini file."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    rendered = async_url(url).render_as_string(hide_password=False)
    config.set_main_option("sqlalchemy.url", rendered.replace("%", "%%"))
    return config


def _upgrade(connection: Connection, config: Config, revision: str) -> None:
    config.attributes["connection"] = connection
    command.upgrade(config, revision)


async def migrate(url: str | URL, revision: str = "head") -> None:
    """Upgrade the database at ``url`` to ``revision`` (the newest by default)."""
    config = alembic_config(url)
    engine = make_engine(url)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(_upgrade, config, revision)
    finally:
        await engine.dispose()
    log.info("catalog.db_migrated", revision=revision, backend=async_url(url).get_backend_name())
