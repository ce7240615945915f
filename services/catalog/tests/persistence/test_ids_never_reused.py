"""A hard-deleted image or AI config leaves its id behind: the next record gets a new one on
both back ends (SQLite would otherwise hand the newest deleted id out again), and the upgrade
that makes it so keeps the rows, indexes and keys already there."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from sqlalchemy import Connection, inspect, text

from drama_catalog.db import make_engine, migrate

FreshDatabase = Callable[[str], Awaitable[str]]

NEW_IMAGE = (
    "INSERT INTO image_generations (drama_id, provider, prompt) "
    "VALUES (1, 'openai', 'a picture') RETURNING id"
)
NEW_CONFIG = (
    "INSERT INTO ai_service_configs (service_type, name, base_url, api_key) "
    "VALUES ('image', 'images', 'http://127.0.0.1:9', 'sk-test') RETURNING id"
)


async def _execute(url: str, *statements: str) -> list[int]:
    """Run the statements in one transaction; the id of each INSERT, in order."""
    engine = make_engine(url)
    ids: list[int] = []
    try:
        async with engine.begin() as connection:
            for statement in statements:
                result = await connection.execute(text(statement))
                if statement.startswith("INSERT"):
                    ids.append(int(result.scalar_one()))
    finally:
        await engine.dispose()
    return ids


def _shape(connection: Connection, table: str) -> tuple[object, ...]:
    inspector = inspect(connection)
    return (
        sorted(index["name"] for index in inspector.get_indexes(table)),
        [fk["name"] for fk in inspector.get_foreign_keys(table)],
        [column["name"] for column in inspector.get_columns(table)],
    )


async def _shapes(url: str) -> dict[str, tuple[object, ...]]:
    engine = make_engine(url)
    try:
        async with engine.connect() as connection:
            return {
                table: await connection.run_sync(_shape, table)
                for table in ("image_generations", "ai_service_configs")
            }
    finally:
        await engine.dispose()


async def test_newest_deleted_ids_are_not_handed_out_again(
    backend: str, fresh_database: FreshDatabase
) -> None:
    url = await fresh_database(backend)
    await migrate(url)
    await _execute(url, "INSERT INTO dramas (title) VALUES ('ids') RETURNING id")
    image, config = await _execute(url, NEW_IMAGE, NEW_CONFIG)

    await _execute(
        url,
        f"DELETE FROM image_generations WHERE id = {image}",
        f"DELETE FROM ai_service_configs WHERE id = {config}",
    )
    next_image, next_config = await _execute(url, NEW_IMAGE, NEW_CONFIG)

    assert next_image > image
    assert next_config > config


async def test_upgrade_keeps_the_rows_and_their_shape(fresh_database: FreshDatabase) -> None:
    url = await fresh_database("sqlite")
    await migrate(url, "0002")
    before = await _shapes(url)
    await _execute(url, "INSERT INTO dramas (title) VALUES ('kept') RETURNING id")
    images = await _execute(url, NEW_IMAGE, NEW_IMAGE, NEW_IMAGE)
    configs = await _execute(url, NEW_CONFIG, NEW_CONFIG)

    await migrate(url)

    assert await _shapes(url) == before
    engine = make_engine(url)
    try:
        async with engine.connect() as connection:
            kept_images = await connection.execute(text("SELECT id FROM image_generations"))
            kept_configs = await connection.execute(text("SELECT id FROM ai_service_configs"))
            assert sorted(kept_images.scalars()) == images
            assert sorted(kept_configs.scalars()) == configs
    finally:
        await engine.dispose()
    await _execute(url, f"DELETE FROM image_generations WHERE id = {images[-1]}")
    assert await _execute(url, NEW_IMAGE) == [images[-1] + 1]
