"""The live-drama counters kept by the database's triggers agree with counting the rows,
whatever writes the rows: the ORM, plain SQL in bulk, soft deletes, restores, hard deletes."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import asyncpg
from sqlalchemy import func, select, text, update
from sqlalchemy.engine import make_url

from drama_catalog.db import make_engine, migrate, session_factory
from drama_catalog.models import Drama, DramaTally, utcnow
from tests.fixtures.infra import eventually

FreshDatabase = Callable[[str], Awaitable[str]]


async def _counts(url: str) -> tuple[int, int]:
    """(sum of the counters, live rows counted)."""
    engine = make_engine(url)
    try:
        async with session_factory(engine)() as session:
            tallied = await session.scalar(select(func.sum(DramaTally.live)))
            counted = await session.scalar(
                select(func.count()).select_from(Drama).where(Drama.live())
            )
    finally:
        await engine.dispose()
    return int(tallied or 0), int(counted or 0)


async def _run(url: str, *statements: str) -> None:
    engine = make_engine(url)
    try:
        async with engine.begin() as connection:
            for statement in statements:
                await connection.execute(text(statement))
    finally:
        await engine.dispose()


async def test_counters_follow_every_kind_of_write(
    backend: str, fresh_database: FreshDatabase
) -> None:
    url = await fresh_database(backend)
    await migrate(url)
    engine = make_engine(url)
    try:
        async with session_factory(engine)() as session, session.begin():
            session.add_all([Drama(title=f"drama {n}") for n in range(12)])
        async with session_factory(engine)() as session, session.begin():
            await session.execute(
                update(Drama).where(Drama.id.in_([2, 3, 4])).values(deleted_at=utcnow())
            )
            await session.execute(update(Drama).where(Drama.id == 5).values(title="renamed"))
    finally:
        await engine.dispose()
    assert await _counts(url) == (9, 9)

    await _run(
        url,
        "UPDATE dramas SET deleted_at = NULL WHERE id = 3",
        "UPDATE dramas SET deleted_at = CURRENT_TIMESTAMP WHERE id = 2",
        "DELETE FROM dramas WHERE id IN (1, 4)",
        "INSERT INTO dramas (title) SELECT title || ' copy' FROM dramas",
    )
    assert await _counts(url) == (19, 19)


async def test_upgrade_counts_the_dramas_already_there(
    backend: str, fresh_database: FreshDatabase
) -> None:
    url = await fresh_database(backend)
    await migrate(url, "0001")
    await _run(
        url,
        *(f"INSERT INTO dramas (title) VALUES ('before {n}')" for n in range(11)),
        "UPDATE dramas SET deleted_at = CURRENT_TIMESTAMP WHERE id IN (1, 9)",
    )
    await migrate(url)
    assert await _counts(url) == (9, 9)


async def test_upgrade_counts_a_drama_written_while_it_runs(
    postgres_available: bool, fresh_database: FreshDatabase
) -> None:
    """A drama whose insert commits while the upgrade waits for it is counted once (another
    catalog replica may still be writing while a new one migrates)."""
    url = await fresh_database("postgresql")
    await migrate(url, "0001")
    dsn = make_url(url).render_as_string(hide_password=False)
    writer = await asyncpg.connect(dsn)
    watcher = await asyncpg.connect(dsn)
    try:
        writing = writer.transaction()
        await writing.start()
        await writer.execute("INSERT INTO dramas (title) VALUES ('written meanwhile')")
        upgrade = asyncio.create_task(migrate(url))

        async def upgrade_waits_for_the_writer() -> bool:
            waiting = await watcher.fetchval(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            return bool(waiting) or upgrade.done()

        await eventually(upgrade_waits_for_the_writer, timeout=30)
        await writing.commit()
        await upgrade
    finally:
        await writer.close()
        await watcher.close()
    assert await _counts(url) == (1, 1)
