"""Video provider adapters: plain HTTP clients that submit a task and poll it."""

from drama_videogen.providers.base import VideoProvider
from drama_videogen.providers.registry import video_provider_for

__all__ = ["VideoProvider", "video_provider_for"]
