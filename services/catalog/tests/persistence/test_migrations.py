"""The one migration builds the same schema on SQLite and PostgreSQL, equal to the models."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection, inspect, select, text

from drama_catalog.ai_providers_seed import PROVIDERS
from drama_catalog.db import alembic_config, make_engine, migrate, session_factory
from drama_catalog.models import AIServiceProvider, metadata

FreshDatabase = Callable[[str], Awaitable[str]]
Schema = dict[str, dict[str, Any]]


def _where(options: dict[str, Any]) -> str | None:
    for key in ("postgresql_where", "sqlite_where"):
        if options.get(key) is not None:
            return str(options[key]).strip("() ").lower()
    return None


def _describe(connection: Connection) -> Schema:
    """Tables, columns with nullability, keys and indexes as plain comparable values."""
    inspector = inspect(connection)
    schema: Schema = {}
    for table in inspector.get_table_names():
        indexes = {
            index["name"]: (
                tuple(index["column_names"]),
                bool(index["unique"]),
                _where(index.get("dialect_options", {})),
            )
            for index in inspector.get_indexes(table)
        }
        foreign_keys = {
            (
                fk["name"],
                tuple(fk["constrained_columns"]),
                fk["referred_table"],
                tuple(fk["referred_columns"]),
                fk["options"].get("ondelete"),
            )
            for fk in inspector.get_foreign_keys(table)
        }
        schema[table] = {
            "columns": {c["name"]: c["nullable"] for c in inspector.get_columns(table)},
            "primary_key": tuple(inspector.get_pk_constraint(table)["constrained_columns"]),
            "indexes": indexes,
            "foreign_keys": foreign_keys,
        }
    return schema


def _model_differences(connection: Connection) -> list[Any]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(compare_metadata(context, metadata))


async def _inspect(url: str) -> tuple[Schema, list[Any]]:
    engine = make_engine(url)
    try:
        async with engine.connect() as connection:
            schema = await connection.run_sync(_describe)
            differences = await connection.run_sync(_model_differences)
    finally:
        await engine.dispose()
    return schema, differences


async def test_upgrade_head_builds_schema_and_seeds_providers(
    backend: str, fresh_database: FreshDatabase
) -> None:
    url = await fresh_database(backend)

    await migrate(url)
    await migrate(url)

    engine = make_engine(url)
    try:
        async with engine.connect() as connection:
            version = await connection.execute(text("SELECT version_num FROM alembic_version"))
            tables = await connection.run_sync(lambda c: set(inspect(c).get_table_names()))
            assert version.scalar_one() == "0003"
        async with session_factory(engine)() as session:
            providers = (await session.scalars(select(AIServiceProvider))).all()
    finally:
        await engine.dispose()
    assert tables == set(metadata.tables) | {"alembic_version"}
    assert len(tables) == 23
    catalogue = {entry.name: entry for entry in PROVIDERS}
    assert {row.name for row in providers} == set(catalogue)
    for row in providers:
        entry = catalogue[row.name]
        assert row.preset_models == list(entry.preset_models)
        assert (row.service_type, row.provider, row.is_active) == (
            entry.service_type,
            entry.provider,
            True,
        )
        assert row.created_at.utcoffset() is not None


async def test_same_migration_gives_same_schema_on_both_backends(
    fresh_database: FreshDatabase, postgres_available: bool
) -> None:
    sqlite_url = await fresh_database("sqlite")
    postgres_url = await fresh_database("postgresql")
    await migrate(sqlite_url)
    await migrate(postgres_url)

    on_sqlite, sqlite_differences = await _inspect(sqlite_url)
    on_postgres, postgres_differences = await _inspect(postgres_url)

    assert on_sqlite.keys() == on_postgres.keys()
    for table in on_sqlite:
        assert on_sqlite[table] == on_postgres[table], table
    assert on_sqlite["storyboards"]["indexes"][
        "uq_storyboards_episode_id_storyboard_number_live"
    ] == (("episode_id", "storyboard_number"), True, "deleted_at is null")
    assert on_sqlite["episodes"]["indexes"]["uq_episodes_drama_id_episode_number_live"][1:] == (
        True,
        "deleted_at is null",
    )
    assert sqlite_differences == []
    assert postgres_differences == []


def _downgrade(connection: Connection, url: str) -> None:
    config = alembic_config(url)
    config.attributes["connection"] = connection
    command.downgrade(config, "base")


async def test_downgrade_to_base_and_upgrade_again(
    backend: str, fresh_database: FreshDatabase
) -> None:
    url = await fresh_database(backend)
    await migrate(url)

    engine = make_engine(url)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(_downgrade, url)
        async with engine.connect() as connection:
            left = await connection.run_sync(lambda c: set(inspect(c).get_table_names()))
    finally:
        await engine.dispose()
    assert left == {"alembic_version"}

    await migrate(url)
    schema, differences = await _inspect(url)
    assert set(schema) == set(metadata.tables) | {"alembic_version"}
    assert differences == []
