"""URL handling, SQLite connection settings and the provider seed."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from sqlalchemy import delete, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from drama_catalog.ai_providers_seed import PROVIDERS, seed_ai_providers
from drama_catalog.db import async_url, make_engine, migrate, session_factory
from drama_catalog.models import AIServiceProvider, AppSetting, Drama, metadata

Sessions = async_sessionmaker[AsyncSession]


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgresql://u:p@db:5432/app", "postgresql+asyncpg://u:p@db:5432/app"),
        ("postgres://u@db/app", "postgresql+asyncpg://u@db/app"),
        ("postgresql+asyncpg://u@db/app", "postgresql+asyncpg://u@db/app"),
        ("postgresql+psycopg2://u@db/app", "postgresql+asyncpg://u@db/app"),
        ("sqlite:///data/catalog.db", "sqlite+aiosqlite:///data/catalog.db"),
        ("sqlite:////abs/catalog.db", "sqlite+aiosqlite:////abs/catalog.db"),
        ("sqlite+aiosqlite:///x.db", "sqlite+aiosqlite:///x.db"),
        ("sqlite://", "sqlite+aiosqlite://"),
    ],
)
def test_urls_are_normalised_to_async_drivers(given: str, expected: str) -> None:
    assert async_url(given).render_as_string(hide_password=False) == expected


def test_other_databases_are_refused() -> None:
    with pytest.raises(ValueError, match="mysql"):
        async_url("mysql://root@localhost/app")


async def test_sqlite_file_gets_wal_foreign_keys_and_busy_timeout(tmp_path: Path) -> None:
    path = tmp_path / "not" / "yet" / "there.db"
    engine = make_engine(f"sqlite:///{path}")
    try:
        async with engine.connect() as connection:
            journal = (await connection.exec_driver_sql("PRAGMA journal_mode")).scalar_one()
            keys = (await connection.exec_driver_sql("PRAGMA foreign_keys")).scalar_one()
            busy = (await connection.exec_driver_sql("PRAGMA busy_timeout")).scalar_one()
    finally:
        await engine.dispose()
    assert (journal, keys, busy) == ("wal", 1, 30_000)
    assert path.exists()


async def test_in_memory_sqlite_works(tmp_path: Path) -> None:
    engine = make_engine("sqlite://")
    try:
        async with engine.begin() as connection:
            await connection.run_sync(metadata.create_all)
        async with session_factory(engine)() as session, session.begin():
            session.add(Drama(title="内存剧"))
        async with session_factory(engine)() as session:
            titles = (await session.scalars(select(Drama.title))).all()
    finally:
        await engine.dispose()
    assert titles == ["内存剧"]


async def test_concurrent_sqlite_writers_do_not_lose_updates(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'busy.db'}"
    await migrate(url)
    engine = make_engine(url, pool_size=8)
    sessions = session_factory(engine)
    async with sessions() as session, session.begin():
        session.add(AppSetting(key="counter", value="0"))

    async def increment() -> None:
        async with sessions() as session, session.begin():
            row = await session.get(AppSetting, "counter")
            assert row is not None and row.value is not None
            await asyncio.sleep(0)
            row.value = str(int(row.value) + 1)

    try:
        await asyncio.gather(*(increment() for _ in range(8)))
        async with sessions() as session:
            final = await session.get(AppSetting, "counter")
    finally:
        await engine.dispose()
    assert final is not None and final.value == "8"


async def test_provider_seed_restores_the_catalogue(sessions: Sessions) -> None:
    async with sessions() as session, session.begin():
        await session.execute(
            update(AIServiceProvider)
            .where(AIServiceProvider.name == "openai-text")
            .values(is_active=False, preset_models=[], display_name="改过的")
        )
        await session.execute(
            delete(AIServiceProvider).where(AIServiceProvider.name == "vidu-lipsync")
        )

    async with sessions() as session, session.begin():
        inserted = await seed_ai_providers(session)
    async with sessions() as session, session.begin():
        again = await seed_ai_providers(session)

    async with sessions() as session:
        rows = {row.name: row for row in (await session.scalars(select(AIServiceProvider)))}
        raw = await session.scalar(
            text("SELECT preset_models FROM ai_service_providers WHERE name = 'openai-text'")
        )
    assert (inserted, again) == (1, 0)
    assert set(rows) == {entry.name for entry in PROVIDERS}
    openai_text = rows["openai-text"]
    assert openai_text.is_active
    assert openai_text.display_name == "OpenAI"
    assert openai_text.preset_models == ["gpt-5.2", "gpt-4.1", "gpt-4.1-mini"]
    assert raw == '["gpt-5.2", "gpt-4.1", "gpt-4.1-mini"]'
