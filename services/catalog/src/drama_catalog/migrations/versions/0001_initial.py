"""Initial catalog schema: the reference's 18 runtime tables plus outbox, processed events and
application settings; seeds the provider catalogue.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TS = sa.DateTime(timezone=True)
LIVE = sa.text("deleted_at IS NULL")
NOW = sa.func.current_timestamp()

Item = sa.Column[Any] | sa.Constraint


def _table(name: str, *items: Item, pk: Sequence[str] = ("id",)) -> None:
    op.create_table(name, *items, sa.PrimaryKeyConstraint(*pk, name=f"pk_{name}"))


def _id() -> sa.Column[Any]:
    return sa.Column("id", ID, nullable=False)


def _stamps(*, updated: bool = True, deleted: bool = True) -> list[sa.Column[Any]]:
    columns = [sa.Column("created_at", TS, nullable=False, server_default=NOW)]
    if updated:
        columns.append(sa.Column("updated_at", TS, nullable=False, server_default=NOW))
    if deleted:
        columns.append(sa.Column("deleted_at", TS, nullable=True))
    return columns


def _str(
    name: str, length: int, *, null: bool = True, default: str | None = None
) -> sa.Column[Any]:
    if default is not None:
        return sa.Column(name, sa.String(length), nullable=False, server_default=default)
    return sa.Column(name, sa.String(length), nullable=null)


def _text(name: str, *, null: bool = True) -> sa.Column[Any]:
    return sa.Column(name, sa.Text(), nullable=null)


def _int(name: str, *, default: int | None = None, null: bool = True) -> sa.Column[Any]:
    if default is None:
        return sa.Column(name, sa.Integer(), nullable=null)
    return sa.Column(name, sa.Integer(), nullable=False, server_default=str(default))


def _bool(name: str, *, default: bool) -> sa.Column[Any]:
    server_default = sa.true() if default else sa.false()
    return sa.Column(name, sa.Boolean(), nullable=False, server_default=server_default)


def _ref(name: str, *, null: bool = True) -> sa.Column[Any]:
    return sa.Column(name, ID, nullable=null)


def _json(name: str, *, null: bool = True) -> sa.Column[Any]:
    return sa.Column(name, sa.JSON(), nullable=null)


def _ts(name: str) -> sa.Column[Any]:
    return sa.Column(name, TS, nullable=True)


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    name = f"fk_{table}_{column}_{target}"
    return sa.ForeignKeyConstraint([column], [f"{target}.id"], name=name, ondelete="CASCADE")


def _index(table: str, *columns: str, **kw: Any) -> None:
    op.create_index(f"idx_{table}_{'_'.join(columns)}", table, list(columns), **kw)


def _live_unique(table: str, *columns: str) -> None:
    name = f"uq_{table}_{'_'.join(columns)}_live"
    op.create_index(
        name, table, list(columns), unique=True, postgresql_where=LIVE, sqlite_where=LIVE
    )


def _content_tables() -> None:
    _table(
        "dramas",
        _id(),
        _str("title", 200, null=False),
        _text("description"),
        _str("genre", 50),
        _str("style", 50, default="realistic"),
        _int("total_episodes", default=1),
        _int("total_duration", default=0),
        _str("status", 20, default="draft"),
        _str("thumbnail", 500),
        _json("tags"),
        _json("metadata"),
        *_stamps(),
    )
    _index("dramas", "deleted_at")
    for column in ("created_at", "updated_at"):
        op.create_index(
            f"idx_dramas_live_{column}",
            "dramas",
            [sa.text(f"{column} DESC")],
            postgresql_where=LIVE,
            sqlite_where=LIVE,
        )

    _table(
        "episodes",
        _id(),
        _ref("drama_id", null=False),
        _int("episode_number", null=False),
        _str("title", 200, null=False),
        _text("script_content"),
        _text("description"),
        _int("duration", default=0),
        _str("status", 20, default="draft"),
        _str("video_url", 500),
        _str("thumbnail", 500),
        *_stamps(),
        _fk("episodes", "drama_id", "dramas"),
    )
    _index("episodes", "drama_id")
    _index("episodes", "deleted_at")
    _live_unique("episodes", "drama_id", "episode_number")

    _table(
        "characters",
        _id(),
        _ref("drama_id", null=False),
        _str("name", 100, null=False),
        _str("role", 50),
        _text("description"),
        _text("appearance"),
        _text("personality"),
        _str("voice_style", 200),
        _str("image_url", 500),
        _text("local_path"),
        _json("reference_images"),
        _str("seed_value", 100),
        _int("sort_order", default=0),
        *_stamps(),
        _fk("characters", "drama_id", "dramas"),
    )
    _index("characters", "drama_id")
    _index("characters", "deleted_at")

    _table(
        "scenes",
        _id(),
        _ref("drama_id", null=False),
        _ref("episode_id"),
        _str("location", 200, null=False),
        _str("time", 100, null=False),
        _text("prompt", null=False),
        _int("storyboard_count", default=1),
        _str("image_url", 500),
        _text("local_path"),
        _str("status", 20, default="pending"),
        *_stamps(),
        _fk("scenes", "drama_id", "dramas"),
        sa.ForeignKeyConstraint(
            ["episode_id"],
            ["episodes.id"],
            name="fk_scenes_episode_id_episodes",
            ondelete="SET NULL",
        ),
    )
    for column in ("drama_id", "episode_id", "deleted_at"):
        _index("scenes", column)

    _table(
        "props",
        _id(),
        _ref("drama_id", null=False),
        _str("name", 100, null=False),
        _str("type", 50),
        _text("description"),
        _text("prompt"),
        _str("image_url", 500),
        _text("local_path"),
        _json("reference_images"),
        *_stamps(),
        _fk("props", "drama_id", "dramas"),
    )
    _index("props", "drama_id")
    _index("props", "deleted_at")

    _table(
        "storyboards",
        _id(),
        _ref("episode_id", null=False),
        _ref("scene_id"),
        _int("storyboard_number", null=False),
        _str("title", 255),
        _str("location", 255),
        _str("time", 255),
        _str("shot_type", 100),
        _str("angle", 100),
        _str("movement", 100),
        _text("action"),
        _text("result"),
        _text("atmosphere"),
        _text("image_prompt"),
        _text("video_prompt"),
        _text("bgm_prompt"),
        _str("sound_effect", 255),
        _text("dialogue"),
        _text("description"),
        _int("duration", default=5),
        _text("composed_image"),
        _text("video_url"),
        _str("status", 20, default="pending"),
        *_stamps(),
        _fk("storyboards", "episode_id", "episodes"),
    )
    for column in ("episode_id", "scene_id", "deleted_at"):
        _index("storyboards", column)
    _live_unique("storyboards", "episode_id", "storyboard_number")

    _table(
        "frame_prompts",
        _id(),
        _ref("storyboard_id", null=False),
        _str("frame_type", 20, null=False),
        _text("prompt", null=False),
        _text("description"),
        _str("layout", 50),
        *_stamps(deleted=False),
        _fk("frame_prompts", "storyboard_id", "storyboards"),
    )
    _index("frame_prompts", "frame_type")
    op.create_index(
        "uq_frame_prompts_storyboard_id_frame_type",
        "frame_prompts",
        ["storyboard_id", "frame_type"],
        unique=True,
    )

    for table, left, right in (
        ("episode_characters", "episode", "character"),
        ("storyboard_characters", "storyboard", "character"),
        ("storyboard_props", "storyboard", "prop"),
    ):
        _table(
            table,
            _ref(f"{left}_id", null=False),
            _ref(f"{right}_id", null=False),
            _fk(table, f"{left}_id", f"{left}s"),
            _fk(table, f"{right}_id", f"{right}s"),
            pk=(f"{left}_id", f"{right}_id"),
        )
        _index(table, f"{right}_id")


def _generation_tables() -> None:
    _table(
        "image_generations",
        _id(),
        _ref("storyboard_id"),
        _ref("drama_id", null=False),
        _ref("scene_id"),
        _ref("character_id"),
        _ref("prop_id"),
        _str("image_type", 20, default="storyboard"),
        _str("frame_type", 20),
        _str("provider", 50, null=False),
        _text("prompt", null=False),
        _text("negative_prompt"),
        _str("model", 100),
        _str("size", 20),
        _str("quality", 20),
        _str("style", 50),
        _int("steps"),
        sa.Column("cfg_scale", sa.Float(), nullable=True),
        sa.Column("seed", sa.BigInteger(), nullable=True),
        _text("image_url"),
        _text("minio_url"),
        _text("local_path"),
        _str("status", 20, default="pending"),
        _str("task_id", 200),
        _text("error_msg"),
        _int("width"),
        _int("height"),
        _json("reference_images"),
        *_stamps(deleted=False),
        _ts("completed_at"),
        _fk("image_generations", "drama_id", "dramas"),
    )
    for column in (
        "storyboard_id", "drama_id", "scene_id", "character_id", "prop_id", "image_type",
        "status", "task_id",
    ):  # fmt: skip
        _index("image_generations", column)

    _table(
        "video_generations",
        _id(),
        _ref("storyboard_id"),
        _ref("drama_id", null=False),
        _str("provider", 50, null=False),
        _text("prompt", null=False),
        _str("model", 100),
        _ref("image_gen_id"),
        _str("reference_mode", 20),
        _str("image_url", 1000),
        _str("first_frame_url", 1000),
        _str("last_frame_url", 1000),
        _text("reference_image_urls"),
        _int("duration"),
        _int("fps"),
        _str("resolution", 50),
        _str("aspect_ratio", 20),
        _str("style", 100),
        _int("motion_level"),
        _str("camera_motion", 100),
        sa.Column("seed", sa.BigInteger(), nullable=True),
        _str("video_url", 1000),
        _str("minio_url", 1000),
        _str("local_path", 500),
        _str("status", 20, default="pending"),
        _str("task_id", 200),
        _str("provider_task_id", 200),
        _int("attempts", default=0),
        _text("error_msg"),
        _ts("completed_at"),
        _int("width"),
        _int("height"),
        *_stamps(),
        _fk("video_generations", "drama_id", "dramas"),
    )
    for column in (
        "storyboard_id", "drama_id", "provider", "image_gen_id", "status", "task_id",
        "deleted_at",
    ):  # fmt: skip
        _index("video_generations", column)

    _table(
        "video_merges",
        _id(),
        _ref("episode_id", null=False),
        _ref("drama_id", null=False),
        _str("title", 200),
        _str("provider", 50, null=False),
        _str("model", 100),
        _str("status", 20, default="pending"),
        _json("scenes", null=False),
        _str("merged_url", 500),
        _int("duration"),
        _str("task_id", 100),
        _text("error_msg"),
        _ts("completed_at"),
        *_stamps(updated=False),
        _fk("video_merges", "episode_id", "episodes"),
        _fk("video_merges", "drama_id", "dramas"),
    )
    for column in ("episode_id", "drama_id", "status", "deleted_at"):
        _index("video_merges", column)

    _table(
        "async_tasks",
        sa.Column("id", sa.String(36), nullable=False),
        _str("type", 50, null=False),
        _str("status", 20, default="pending"),
        _int("progress", default=0),
        _str("message", 500),
        _text("error"),
        _text("result"),
        _str("resource_id", 36),
        _ts("completed_at"),
        *_stamps(),
    )
    for column in ("type", "status", "resource_id", "deleted_at"):
        _index("async_tasks", column)


def _library_tables() -> None:
    _table(
        "ai_service_configs",
        _id(),
        _str("service_type", 50, null=False),
        _str("provider", 50),
        _str("name", 100, null=False),
        _str("base_url", 255, null=False),
        _str("api_key", 255, null=False),
        _text("model"),
        _str("endpoint", 255),
        _str("query_endpoint", 255),
        _int("priority", default=0),
        _bool("is_default", default=False),
        _bool("is_active", default=True),
        _text("settings"),
        _int("requests_per_minute"),
        _int("max_in_flight"),
        *_stamps(deleted=False),
    )
    _index("ai_service_configs", "service_type")

    _table(
        "ai_service_providers",
        _id(),
        _str("name", 100, null=False),
        _str("display_name", 100, null=False),
        _str("service_type", 50, null=False),
        _str("provider", 50),
        _str("default_url", 255),
        _text("preset_models"),
        _text("description"),
        _bool("is_active", default=True),
        *_stamps(deleted=False),
    )
    op.create_index("idx_ai_service_providers_name", "ai_service_providers", ["name"], unique=True)

    _table(
        "assets",
        _id(),
        _ref("drama_id"),
        _ref("episode_id"),
        _ref("storyboard_id"),
        _int("storyboard_num"),
        _str("name", 200, null=False),
        _text("description"),
        _str("type", 20, null=False),
        _str("category", 50),
        _str("url", 1000, null=False),
        _str("thumbnail_url", 1000),
        _str("local_path", 500),
        sa.Column("file_size", sa.BigInteger(), nullable=True),
        _str("mime_type", 100),
        _int("width"),
        _int("height"),
        _int("duration"),
        _str("format", 50),
        _ref("image_gen_id"),
        _ref("video_gen_id"),
        _bool("is_favorite", default=False),
        _int("view_count", default=0),
        *_stamps(),
    )
    for column in (
        "drama_id", "episode_id", "storyboard_id", "type", "category", "image_gen_id",
        "video_gen_id", "deleted_at",
    ):  # fmt: skip
        _index("assets", column)

    _table(
        "character_libraries",
        _id(),
        _str("name", 100, null=False),
        _str("category", 50),
        _str("image_url", 500, null=False),
        _str("local_path", 500),
        _text("description"),
        _str("tags", 500),
        _str("source_type", 20, default="generated"),
        *_stamps(),
    )
    _index("character_libraries", "category")
    _index("character_libraries", "deleted_at")


def _internal_tables() -> None:
    _table(
        "outbox",
        _id(),
        _str("subject", 255, null=False),
        _text("payload", null=False),
        _json("headers"),
        *_stamps(updated=False, deleted=False),
        _ts("sent_at"),
        _int("attempts", default=0),
    )
    op.create_index(
        "idx_outbox_unsent",
        "outbox",
        ["id"],
        postgresql_where=sa.text("sent_at IS NULL"),
        sqlite_where=sa.text("sent_at IS NULL"),
    )
    _table(
        "processed_events",
        _str("event_id", 100, null=False),
        sa.Column("processed_at", TS, nullable=False, server_default=NOW),
        pk=("event_id",),
    )
    _table("app_settings", _str("key", 100, null=False), _text("value"), pk=("key",))


def _seed_providers() -> None:
    from drama_catalog.ai_providers_seed import PROVIDERS

    providers = sa.table(
        "ai_service_providers",
        sa.column("name", sa.String()),
        sa.column("display_name", sa.String()),
        sa.column("service_type", sa.String()),
        sa.column("provider", sa.String()),
        sa.column("default_url", sa.String()),
        sa.column("preset_models", sa.Text()),
        sa.column("description", sa.Text()),
        sa.column("is_active", sa.Boolean()),
        sa.column("created_at", TS),
        sa.column("updated_at", TS),
    )
    now = datetime.now(UTC)
    if op.get_bind().dialect.name == "sqlite":
        now = now.replace(tzinfo=None)
    rows: list[dict[str, Any]] = [
        {
            "name": entry.name,
            "display_name": entry.display_name,
            "service_type": entry.service_type,
            "provider": entry.provider,
            "default_url": entry.default_url,
            "preset_models": json.dumps(list(entry.preset_models), ensure_ascii=False),
            "description": entry.description,
            "is_active": True,
            "created_at": now,
            "updated_at": now,
        }
        for entry in PROVIDERS
    ]
    op.bulk_insert(providers, rows)


def upgrade() -> None:
    _content_tables()
    _generation_tables()
    _library_tables()
    _internal_tables()
    _seed_providers()


def downgrade() -> None:
    for table in (
        "app_settings", "processed_events", "outbox", "character_libraries", "assets",
        "ai_service_providers", "ai_service_configs", "async_tasks", "video_merges",
        "video_generations", "image_generations", "storyboard_props", "storyboard_characters",
        "episode_characters", "frame_prompts", "storyboards", "props", "scenes", "characters",
        "episodes", "dramas",
    ):  # fmt: skip
        op.drop_table(table)
