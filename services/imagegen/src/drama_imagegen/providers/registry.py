"""Choosing the image adapter for a resolved AI config (providers.md §0.2 and §5.3)."""

from __future__ import annotations

import httpx

from drama_common.provider_models import ProviderSettings
from drama_imagegen.providers.base import ImageProvider
from drama_imagegen.providers.gemini import GeminiImageProvider
from drama_imagegen.providers.openai_images import OpenAIImageProvider
from drama_imagegen.providers.seedream import SeedreamProvider

GEMINI = frozenset({"gemini", "google"})
SEEDREAM = frozenset({"volcengine", "volces", "doubao"})


def image_provider_for(settings: ProviderSettings, client: httpx.AsyncClient) -> ImageProvider:
    """Gemini for ``gemini``/``google``, Seedream for ``volcengine``/``volces``/``doubao``,
    and the OpenAI images protocol for everything else (``openai``, ``dalle``, ``chatfire``
    and unknown providers such as ``fal``), exactly as the reference routes them."""
    provider = settings.provider.lower()
    if provider in GEMINI:
        return GeminiImageProvider(settings, client)
    if provider in SEEDREAM:
        return SeedreamProvider(settings, client)
    return OpenAIImageProvider(settings, client)
