"""Alembic environment for the catalog schema.

:func:`drama_catalog.db.migrate` hands over an open connection in
``config.attributes["connection"]``; the ``alembic`` command line (with ``-x``-free configs
whose ``sqlalchemy.url`` names the database) is served too, through an async engine.
"""

from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy import Connection

from drama_catalog.models import metadata

config = context.config


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=False,
    )
    with context.begin_transaction():
        context.run_migrations()


async def _run_with_own_engine(url: str) -> None:
    from drama_catalog.db import make_engine

    engine = make_engine(url)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(_run)
    finally:
        await engine.dispose()


def run_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=metadata,
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("no database: set sqlalchemy.url or pass a connection")
    asyncio.run(_run_with_own_engine(url))


if context.is_offline_mode():
    run_offline()
else:
    run_online()
