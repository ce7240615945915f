"""Image provider adapters: plain HTTP clients, one per provider wire protocol."""

from drama_imagegen.providers.base import ImageProvider
from drama_imagegen.providers.registry import image_provider_for

__all__ = ["ImageProvider", "image_provider_for"]
