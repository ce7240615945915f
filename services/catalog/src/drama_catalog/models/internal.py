"""Tables of our own that the reference does not have: the transactional outbox, the ledger of
applied events (for idempotent consumers) and key/value application settings."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from drama_catalog.models.base import Base, CreatedMixin, IdMixin
from drama_catalog.models.types import UTCDateTime, utcnow


class OutboxMessage(IdMixin, CreatedMixin, Base):
    """A message written in the same transaction as the change it announces; the relay
    publishes it (message id = ``id``) and then sets ``sent_at``."""

    __tablename__ = "outbox"

    subject: Mapped[str] = mapped_column(String(255))
    payload: Mapped[str] = mapped_column(Text)
    headers: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    __table_args__ = (
        Index(
            "idx_outbox_unsent",
            "id",
            postgresql_where=text("sent_at IS NULL"),
            sqlite_where=text("sent_at IS NULL"),
        ),
    )


class ProcessedEvent(Base):
    """An event id that has already been applied; a second delivery is skipped."""

    __tablename__ = "processed_events"

    event_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    processed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class DramaTally(Base):
    """Live dramas, counted in a few shards by database triggers on ``dramas`` (migration
    0002): the sum over the shards is the number of live dramas."""

    __tablename__ = "drama_tally"

    shard: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    live: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")


class AppSetting(Base):
    """A key/value application setting (e.g. the language)."""

    __tablename__ = "app_settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str | None] = mapped_column(Text)
