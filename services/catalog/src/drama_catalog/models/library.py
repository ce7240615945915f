"""Configuration and library tables: AI service configs, the provider catalogue, the media
library (assets) and the global character library."""

from __future__ import annotations

from sqlalchemy import BigInteger, Boolean, Index, Integer, String, Text, false, true
from sqlalchemy.orm import Mapped, mapped_column

from drama_catalog.models.base import (
    NEVER_REUSED_IDS,
    Base,
    IdMixin,
    SoftDeleteMixin,
    TimestampMixin,
)
from drama_catalog.models.types import IdType, ModelList


class AIServiceConfig(IdMixin, TimestampMixin, Base):
    """Credentials and models of one AI provider for one service type. Hard-deleted.

    The default config of a service type is the first active row by ``priority`` descending,
    then ``created_at`` descending; ``model[0]`` is its default model.
    """

    __tablename__ = "ai_service_configs"
    __table_args__ = NEVER_REUSED_IDS

    service_type: Mapped[str] = mapped_column(String(50), index=True)
    provider: Mapped[str | None] = mapped_column(String(50))
    name: Mapped[str] = mapped_column(String(100))
    base_url: Mapped[str] = mapped_column(String(255))
    api_key: Mapped[str] = mapped_column(String(255))
    model: Mapped[list[str]] = mapped_column(ModelList, nullable=True, default=list)
    endpoint: Mapped[str | None] = mapped_column(String(255))
    query_endpoint: Mapped[str | None] = mapped_column(String(255))
    priority: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    is_default: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    is_active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    settings: Mapped[str | None] = mapped_column(Text)
    requests_per_minute: Mapped[int | None] = mapped_column(Integer)
    max_in_flight: Mapped[int | None] = mapped_column(Integer)


class AIServiceProvider(IdMixin, TimestampMixin, Base):
    """One entry of the provider catalogue (seeded, see ``drama_catalog.ai_providers_seed``)."""

    __tablename__ = "ai_service_providers"

    name: Mapped[str] = mapped_column(String(100))
    display_name: Mapped[str] = mapped_column(String(100))
    service_type: Mapped[str] = mapped_column(String(50))
    provider: Mapped[str | None] = mapped_column(String(50))
    default_url: Mapped[str | None] = mapped_column(String(255))
    preset_models: Mapped[list[str]] = mapped_column(ModelList, nullable=True, default=list)
    description: Mapped[str | None] = mapped_column(Text)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())

    __table_args__ = (Index("idx_ai_service_providers_name", "name", unique=True),)


class Asset(IdMixin, TimestampMixin, SoftDeleteMixin, Base):
    """A media-library item. The ids it carries are plain references, not owners."""

    __tablename__ = "assets"

    drama_id: Mapped[int | None] = mapped_column(IdType, index=True)
    episode_id: Mapped[int | None] = mapped_column(IdType, index=True)
    storyboard_id: Mapped[int | None] = mapped_column(IdType, index=True)
    storyboard_num: Mapped[int | None] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    type: Mapped[str] = mapped_column(String(20), index=True)
    category: Mapped[str | None] = mapped_column(String(50), index=True)
    url: Mapped[str] = mapped_column(String(1000))
    thumbnail_url: Mapped[str | None] = mapped_column(String(1000))
    local_path: Mapped[str | None] = mapped_column(String(500))
    file_size: Mapped[int | None] = mapped_column(BigInteger)
    mime_type: Mapped[str | None] = mapped_column(String(100))
    width: Mapped[int | None] = mapped_column(Integer)
    height: Mapped[int | None] = mapped_column(Integer)
    duration: Mapped[int | None] = mapped_column(Integer)
    format: Mapped[str | None] = mapped_column(String(50))
    image_gen_id: Mapped[int | None] = mapped_column(IdType, index=True)
    video_gen_id: Mapped[int | None] = mapped_column(IdType, index=True)
    is_favorite: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    view_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class CharacterLibraryItem(IdMixin, TimestampMixin, SoftDeleteMixin, Base):
    """A reusable character portrait, shared by all dramas."""

    __tablename__ = "character_libraries"

    name: Mapped[str] = mapped_column(String(100))
    category: Mapped[str | None] = mapped_column(String(50), index=True)
    image_url: Mapped[str] = mapped_column(String(500))
    local_path: Mapped[str | None] = mapped_column(String(500))
    description: Mapped[str | None] = mapped_column(Text)
    tags: Mapped[str | None] = mapped_column(String(500))
    source_type: Mapped[str] = mapped_column(
        String(20), default="generated", server_default="generated"
    )
