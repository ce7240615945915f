"""The envelope every bus message shares: id, version, correlation id, timestamp."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from pydantic import BaseModel, ConfigDict, Field


def _new_id() -> str:
    return uuid.uuid4().hex


def _now() -> datetime:
    return datetime.now(UTC)


class Message(BaseModel):
    """Base of every message on the bus."""

    model_config = ConfigDict(extra="ignore")

    version: int = 1
    message_id: str = Field(default_factory=_new_id)
    correlation_id: str = ""
    request_id: str = ""
    created_at: datetime = Field(default_factory=_now)
