"""Declarative base, naming convention and the column groups most tables share."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, MetaData, func
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from drama_catalog.models.types import IdType, UTCDateTime, utcnow

NAMING_CONVENTION = {
    "ix": "idx_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class IdMixin:
    """Auto-increment integer primary key (every table but ``async_tasks``)."""

    id: Mapped[int] = mapped_column(IdType, primary_key=True, autoincrement=True)


NEVER_REUSED_IDS = {"sqlite_autoincrement": True}
"""Table options of hard-deleted tables: on SQLite a deleted row's id is not handed out again
(migration 0003); everything keyed by a record's id relies on that."""


class CreatedMixin:
    created_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, server_default=func.current_timestamp()
    )


class TimestampMixin(CreatedMixin):
    """``created_at`` and ``updated_at``, both set by the application (and by the database when a
    row is written outside the ORM)."""

    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, onupdate=utcnow, server_default=func.current_timestamp()
    )


class SoftDeleteMixin:
    """Rows are hidden by setting ``deleted_at``; every read must filter on :meth:`live`."""

    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True, index=True)

    @classmethod
    def live(cls) -> ColumnElement[bool]:
        """The condition that selects rows that are not soft-deleted."""
        return cls.deleted_at.is_(None)

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    def soft_delete(self) -> None:
        self.deleted_at = utcnow()
