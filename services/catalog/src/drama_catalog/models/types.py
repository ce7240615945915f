"""Column types that behave the same on PostgreSQL and SQLite."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import BigInteger, Dialect, Integer, Text
from sqlalchemy.types import DateTime, TypeDecorator

# SQLite only auto-increments a column declared exactly ``INTEGER PRIMARY KEY``.
IdType = BigInteger().with_variant(Integer(), "sqlite")


def utcnow() -> datetime:
    """The current instant as an aware UTC datetime."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp that is always stored as UTC and always read back as an aware UTC datetime.

    PostgreSQL keeps it in ``timestamptz``; SQLite has no time zones, so the value is written as
    naive UTC text and the zone is attached again when read. Naive values handed in are taken
    to be UTC already.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        value = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        if dialect.name == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def parse_model_list(raw: str | None) -> list[str]:
    """Read a stored model list leniently, the way the reference does.

    A JSON array gives its string items, a JSON string gives a one-item list, any other
    non-empty text is taken as one model name, and NULL or blank text is an empty list.
    """
    if raw is None or not raw.strip():
        return []
    try:
        value: Any = json.loads(raw)
    except ValueError:
        return [raw]
    if isinstance(value, list):
        return [str(item) for item in value if item is not None]
    if isinstance(value, str):
        return [value] if value else []
    return [raw]


class ModelList(TypeDecorator[list[str]]):
    """A list of model names kept as JSON array text; an empty list is stored as NULL."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: list[str] | str | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        items = [value] if isinstance(value, str) else list(value)
        items = [item for item in items if item]
        if not items:
            return None
        return json.dumps(items, ensure_ascii=False)

    def process_result_value(self, value: str | None, dialect: Dialect) -> list[str]:
        return parse_model_list(value)
