"""Live dramas counted by the database itself: a small table of shard counters kept by
triggers on ``dramas``, so the drama list answers its total without scanning every live row.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SHARDS = 8
"""Counters the live count is spread over (a drama counts in shard ``id % 8``), so that
concurrent creations rarely wait for one another's row lock."""

_TRIGGERS = ("drama_tally_insert", "drama_tally_update", "drama_tally_delete")

_POSTGRES_FUNCTION = f"""
CREATE FUNCTION drama_tally_track() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.deleted_at IS NULL THEN
        UPDATE drama_tally SET live = live - 1 WHERE shard = OLD.id % {SHARDS};
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.deleted_at IS NULL THEN
        UPDATE drama_tally SET live = live + 1 WHERE shard = NEW.id % {SHARDS};
    END IF;
    RETURN NULL;
END
$$
"""

_POSTGRES_TRIGGERS = (
    "CREATE TRIGGER drama_tally_insert AFTER INSERT ON dramas FOR EACH ROW "
    "WHEN (NEW.deleted_at IS NULL) EXECUTE FUNCTION drama_tally_track()",
    "CREATE TRIGGER drama_tally_update AFTER UPDATE OF deleted_at ON dramas FOR EACH ROW "
    "WHEN ((OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL)) "
    "EXECUTE FUNCTION drama_tally_track()",
    "CREATE TRIGGER drama_tally_delete AFTER DELETE ON dramas FOR EACH ROW "
    "WHEN (OLD.deleted_at IS NULL) EXECUTE FUNCTION drama_tally_track()",
)

_SQLITE_TRIGGERS = (
    "CREATE TRIGGER drama_tally_insert AFTER INSERT ON dramas WHEN NEW.deleted_at IS NULL "
    f"BEGIN UPDATE drama_tally SET live = live + 1 WHERE shard = NEW.id % {SHARDS}; END",
    "CREATE TRIGGER drama_tally_update AFTER UPDATE OF deleted_at ON dramas "
    "WHEN (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL) "
    "BEGIN UPDATE drama_tally "
    "SET live = live + CASE WHEN NEW.deleted_at IS NULL THEN 1 ELSE -1 END "
    f"WHERE shard = NEW.id % {SHARDS}; END",
    "CREATE TRIGGER drama_tally_delete AFTER DELETE ON dramas WHEN OLD.deleted_at IS NULL "
    f"BEGIN UPDATE drama_tally SET live = live - 1 WHERE shard = OLD.id % {SHARDS}; END",
)


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    if postgres:
        # Writers wait from here until the migration commits, so no drama is committed
        # between the count below and the triggers (SQLite's write lock does the same).
        op.execute("LOCK TABLE dramas IN SHARE ROW EXCLUSIVE MODE")
    op.create_table(
        "drama_tally",
        sa.Column("shard", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("live", sa.BigInteger(), nullable=False, server_default="0"),
        sa.PrimaryKeyConstraint("shard", name="pk_drama_tally"),
    )
    op.execute(
        "INSERT INTO drama_tally (shard, live) "
        f"SELECT s.shard, (SELECT count(*) FROM dramas d "
        f"WHERE d.deleted_at IS NULL AND d.id % {SHARDS} = s.shard) "
        f"FROM ({' UNION ALL '.join(f'SELECT {n} AS shard' for n in range(SHARDS))}) s"
    )
    if postgres:
        op.execute(_POSTGRES_FUNCTION)
        for statement in _POSTGRES_TRIGGERS:
            op.execute(statement)
    else:
        for statement in _SQLITE_TRIGGERS:
            op.execute(statement)


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for trigger in _TRIGGERS:
        op.execute(f"DROP TRIGGER {trigger} ON dramas" if postgres else f"DROP TRIGGER {trigger}")
    if postgres:
        op.execute("DROP FUNCTION drama_tally_track()")
    op.drop_table("drama_tally")
