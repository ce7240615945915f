"""Story content: dramas, episodes, characters, scenes, props, storyboards (shots), frame prompts
and the link tables between them.

Collections on these models are read-only views that already leave soft-deleted rows out;
rows are written through their own foreign-key columns (or a many-to-one relation), and link
rows through the tables at the bottom of this module.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from drama_catalog.models.base import Base, IdMixin, SoftDeleteMixin, TimestampMixin
from drama_catalog.models.types import IdType

LIVE = text("deleted_at IS NULL")

JsonValue = Any


def _live_where() -> dict[str, Any]:
    """Dialect options that make an index partial over rows that are not soft-deleted."""
    return {"postgresql_where": LIVE, "sqlite_where": LIVE}


episode_characters = Table(
    "episode_characters",
    Base.metadata,
    Column("episode_id", IdType, ForeignKey("episodes.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "character_id",
        IdType,
        ForeignKey("characters.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
)

storyboard_characters = Table(
    "storyboard_characters",
    Base.metadata,
    Column(
        "storyboard_id", IdType, ForeignKey("storyboards.id", ondelete="CASCADE"), primary_key=True
    ),
    Column(
        "character_id",
        IdType,
        ForeignKey("characters.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
)

storyboard_props = Table(
    "storyboard_props",
    Base.metadata,
    Column(
        "storyboard_id", IdType, ForeignKey("storyboards.id", ondelete="CASCADE"), primary_key=True
    ),
    Column(
        "prop_id", IdType, ForeignKey("props.id", ondelete="CASCADE"), primary_key=True, index=True
    ),
)


class Drama(IdMixin, TimestampMixin, SoftDeleteMixin, Base):
    __tablename__ = "dramas"

    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    genre: Mapped[str | None] = mapped_column(String(50))
    style: Mapped[str] = mapped_column(String(50), default="realistic", server_default="realistic")
    total_episodes: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    total_duration: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    status: Mapped[str] = mapped_column(String(20), default="draft", server_default="draft")
    thumbnail: Mapped[str | None] = mapped_column(String(500))
    tags: Mapped[JsonValue | None] = mapped_column(JSON(none_as_null=True))
    # ``metadata`` is reserved by the declarative base, hence the attribute name.
    meta: Mapped[JsonValue | None] = mapped_column("metadata", JSON(none_as_null=True))

    episodes: Mapped[list[Episode]] = relationship(
        primaryjoin="and_(Drama.id == Episode.drama_id, Episode.deleted_at.is_(None))",
        order_by="(Episode.episode_number, Episode.id)",
        viewonly=True,
        lazy="raise",
    )
    characters: Mapped[list[Character]] = relationship(
        primaryjoin="and_(Drama.id == Character.drama_id, Character.deleted_at.is_(None))",
        order_by="(Character.sort_order, Character.id)",
        viewonly=True,
        lazy="raise",
    )
    scenes: Mapped[list[Scene]] = relationship(
        primaryjoin="and_(Drama.id == Scene.drama_id, Scene.deleted_at.is_(None))",
        order_by="Scene.id",
        viewonly=True,
        lazy="raise",
    )
    props: Mapped[list[Prop]] = relationship(
        primaryjoin="and_(Drama.id == Prop.drama_id, Prop.deleted_at.is_(None))",
        order_by="Prop.id",
        viewonly=True,
        lazy="raise",
    )


# The drama list is read newest first over live rows, by either timestamp.
Index("idx_dramas_live_created_at", Drama.created_at.desc(), **_live_where())
Index("idx_dramas_live_updated_at", Drama.updated_at.desc(), **_live_where())


class Episode(IdMixin, TimestampMixin, SoftDeleteMixin, Base):
    __tablename__ = "episodes"

    drama_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("dramas.id", ondelete="CASCADE"), index=True
    )
    episode_number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    script_content: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    duration: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    status: Mapped[str] = mapped_column(String(20), default="draft", server_default="draft")
    video_url: Mapped[str | None] = mapped_column(String(500))
    thumbnail: Mapped[str | None] = mapped_column(String(500))

    drama: Mapped[Drama] = relationship(lazy="raise")
    storyboards: Mapped[list[Storyboard]] = relationship(
        primaryjoin="and_(Episode.id == Storyboard.episode_id, Storyboard.deleted_at.is_(None))",
        order_by="(Storyboard.storyboard_number, Storyboard.id)",
        viewonly=True,
        lazy="raise",
    )
    characters: Mapped[list[Character]] = relationship(
        secondary=episode_characters,
        secondaryjoin="and_(Character.id == episode_characters.c.character_id, "
        "Character.deleted_at.is_(None))",
        order_by="Character.id",
        viewonly=True,
        lazy="raise",
    )
    scenes: Mapped[list[Scene]] = relationship(
        primaryjoin="and_(Episode.id == Scene.episode_id, Scene.deleted_at.is_(None))",
        order_by="Scene.id",
        viewonly=True,
        lazy="raise",
    )

    __table_args__ = (
        Index(
            "uq_episodes_drama_id_episode_number_live",
            "drama_id",
            "episode_number",
            unique=True,
            **_live_where(),
        ),
    )


class Character(IdMixin, TimestampMixin, SoftDeleteMixin, Base):
    __tablename__ = "characters"

    drama_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("dramas.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str | None] = mapped_column(String(50))
    description: Mapped[str | None] = mapped_column(Text)
    appearance: Mapped[str | None] = mapped_column(Text)
    personality: Mapped[str | None] = mapped_column(Text)
    voice_style: Mapped[str | None] = mapped_column(String(200))
    image_url: Mapped[str | None] = mapped_column(String(500))
    local_path: Mapped[str | None] = mapped_column(Text)
    reference_images: Mapped[JsonValue | None] = mapped_column(JSON(none_as_null=True))
    seed_value: Mapped[str | None] = mapped_column(String(100))
    sort_order: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class Scene(IdMixin, TimestampMixin, SoftDeleteMixin, Base):
    """A background location of a drama (the "scene" of the API's URLs)."""

    __tablename__ = "scenes"

    drama_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("dramas.id", ondelete="CASCADE"), index=True
    )
    episode_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("episodes.id", ondelete="SET NULL"), index=True
    )
    location: Mapped[str] = mapped_column(String(200))
    time: Mapped[str] = mapped_column(String(100))
    prompt: Mapped[str] = mapped_column(Text)
    storyboard_count: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    image_url: Mapped[str | None] = mapped_column(String(500))
    local_path: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="pending", server_default="pending")


class Prop(IdMixin, TimestampMixin, SoftDeleteMixin, Base):
    __tablename__ = "props"

    drama_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("dramas.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(100))
    type: Mapped[str | None] = mapped_column(String(50))
    description: Mapped[str | None] = mapped_column(Text)
    prompt: Mapped[str | None] = mapped_column(Text)
    image_url: Mapped[str | None] = mapped_column(String(500))
    local_path: Mapped[str | None] = mapped_column(Text)
    reference_images: Mapped[JsonValue | None] = mapped_column(JSON(none_as_null=True))


class Storyboard(IdMixin, TimestampMixin, SoftDeleteMixin, Base):
    """One shot of an episode. ``scene_id`` names its background and is deliberately not a
    foreign key: the language model's scene ids are stored as given."""

    __tablename__ = "storyboards"

    episode_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("episodes.id", ondelete="CASCADE"), index=True
    )
    scene_id: Mapped[int | None] = mapped_column(IdType, index=True)
    storyboard_number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str | None] = mapped_column(String(255))
    location: Mapped[str | None] = mapped_column(String(255))
    time: Mapped[str | None] = mapped_column(String(255))
    shot_type: Mapped[str | None] = mapped_column(String(100))
    angle: Mapped[str | None] = mapped_column(String(100))
    movement: Mapped[str | None] = mapped_column(String(100))
    action: Mapped[str | None] = mapped_column(Text)
    result: Mapped[str | None] = mapped_column(Text)
    atmosphere: Mapped[str | None] = mapped_column(Text)
    image_prompt: Mapped[str | None] = mapped_column(Text)
    video_prompt: Mapped[str | None] = mapped_column(Text)
    bgm_prompt: Mapped[str | None] = mapped_column(Text)
    sound_effect: Mapped[str | None] = mapped_column(String(255))
    dialogue: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    duration: Mapped[int] = mapped_column(Integer, default=5, server_default="5")
    composed_image: Mapped[str | None] = mapped_column(Text)
    video_url: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="pending", server_default="pending")

    episode: Mapped[Episode] = relationship(lazy="raise")
    background: Mapped[Scene | None] = relationship(
        primaryjoin="and_(foreign(Storyboard.scene_id) == Scene.id, Scene.deleted_at.is_(None))",
        viewonly=True,
        lazy="raise",
    )
    characters: Mapped[list[Character]] = relationship(
        secondary=storyboard_characters,
        secondaryjoin="and_(Character.id == storyboard_characters.c.character_id, "
        "Character.deleted_at.is_(None))",
        order_by="Character.id",
        viewonly=True,
        lazy="raise",
    )
    props: Mapped[list[Prop]] = relationship(
        secondary=storyboard_props,
        secondaryjoin="and_(Prop.id == storyboard_props.c.prop_id, Prop.deleted_at.is_(None))",
        order_by="Prop.id",
        viewonly=True,
        lazy="raise",
    )

    __table_args__ = (
        Index(
            "uq_storyboards_episode_id_storyboard_number_live",
            "episode_id",
            "storyboard_number",
            unique=True,
            **_live_where(),
        ),
    )


class FramePrompt(IdMixin, TimestampMixin, Base):
    """A generated frame prompt of a shot; at most one per (shot, frame type). Hard-deleted."""

    __tablename__ = "frame_prompts"

    storyboard_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("storyboards.id", ondelete="CASCADE")
    )
    frame_type: Mapped[str] = mapped_column(String(20), index=True)
    prompt: Mapped[str] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    layout: Mapped[str | None] = mapped_column(String(50))

    __table_args__ = (
        Index(
            "uq_frame_prompts_storyboard_id_frame_type", "storyboard_id", "frame_type", unique=True
        ),
    )
