"""Choosing the video adapter for a resolved AI config (providers.md §0.2 and §5.3)."""

from __future__ import annotations

from collections.abc import Callable

import httpx

from drama_common.errors import PermanentProviderError
from drama_common.provider_models import ProviderSettings
from drama_videogen.providers.base import VideoProvider
from drama_videogen.providers.chatfire import ChatFireVideoProvider
from drama_videogen.providers.minimax import MiniMaxProvider
from drama_videogen.providers.pika import PikaProvider
from drama_videogen.providers.runway import RunwayProvider
from drama_videogen.providers.seedance import SeedanceProvider
from drama_videogen.providers.sora import SoraProvider

_ADAPTERS: dict[str, Callable[[ProviderSettings, httpx.AsyncClient], VideoProvider]] = {
    "chatfire": ChatFireVideoProvider,
    "doubao": SeedanceProvider,
    "volcengine": SeedanceProvider,
    "volces": SeedanceProvider,
    "openai": SoraProvider,
    "minimax": MiniMaxProvider,
    "runway": RunwayProvider,
    "pika": PikaProvider,
}


def video_provider_for(settings: ProviderSettings, client: httpx.AsyncClient) -> VideoProvider:
    """The adapter for ``settings.provider``; other providers (``gemini``, ``vidu``, ``fal``,
    …) have no video client and raise :class:`PermanentProviderError`
    ``"unsupported video provider: <name>"``."""
    adapter = _ADAPTERS.get(settings.provider.lower())
    if adapter is None:
        raise PermanentProviderError(
            f"unsupported video provider: {settings.provider}", provider=settings.provider
        )
    return adapter(settings, client)
