"""The catalog's database schema, one module per area."""

from drama_catalog.models.base import Base, SoftDeleteMixin
from drama_catalog.models.content import (
    Character,
    Drama,
    Episode,
    FramePrompt,
    Prop,
    Scene,
    Storyboard,
    episode_characters,
    storyboard_characters,
    storyboard_props,
)
from drama_catalog.models.generation import (
    AsyncTask,
    ImageGeneration,
    VideoGeneration,
    VideoMerge,
    new_task_id,
)
from drama_catalog.models.internal import AppSetting, DramaTally, OutboxMessage, ProcessedEvent
from drama_catalog.models.library import (
    AIServiceConfig,
    AIServiceProvider,
    Asset,
    CharacterLibraryItem,
)
from drama_catalog.models.types import ModelList, UTCDateTime, parse_model_list, utcnow

metadata = Base.metadata

__all__ = [
    "AIServiceConfig",
    "AIServiceProvider",
    "AppSetting",
    "Asset",
    "AsyncTask",
    "Base",
    "Character",
    "CharacterLibraryItem",
    "Drama",
    "DramaTally",
    "Episode",
    "FramePrompt",
    "ImageGeneration",
    "ModelList",
    "OutboxMessage",
    "ProcessedEvent",
    "Prop",
    "Scene",
    "SoftDeleteMixin",
    "Storyboard",
    "UTCDateTime",
    "VideoGeneration",
    "VideoMerge",
    "episode_characters",
    "metadata",
    "new_task_id",
    "parse_model_list",
    "storyboard_characters",
    "storyboard_props",
    "utcnow",
]
