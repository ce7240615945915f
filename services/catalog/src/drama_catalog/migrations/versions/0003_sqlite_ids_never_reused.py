"""SQLite: ids of hard-deleted records are never handed out again.

Without ``AUTOINCREMENT`` SQLite gives a new row the largest id in use plus one, so deleting
the newest image or AI config frees its id for the next one. Everything keyed by a record's
id would then see the deleted record's leftovers: the stored image a worker takes for an
earlier delivery's result, the event ids already marked as applied (the new record stayed
``pending``), the worker's cached credentials of a deleted config. The two hard-deleted tables
are rebuilt with ``AUTOINCREMENT``; nothing references them, so the rebuild (copy, drop,
rename) touches no other table. PostgreSQL sequences never hand out an id twice: nothing to do.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

HARD_DELETED = ("image_generations", "ai_service_configs")


def _rebuild(autoincrement: bool) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in HARD_DELETED:
        with op.batch_alter_table(
            table, recreate="always", table_kwargs={"sqlite_autoincrement": autoincrement}
        ):
            pass


def upgrade() -> None:
    _rebuild(autoincrement=True)


def downgrade() -> None:
    _rebuild(autoincrement=False)
