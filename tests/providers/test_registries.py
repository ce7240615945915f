"""Which adapter a config's provider selects (providers.md §0.2)."""

from __future__ import annotations

import httpx
import pytest

from drama_common.errors import PermanentProviderError
from drama_imagegen.providers import image_provider_for
from drama_imagegen.providers.gemini import GeminiImageProvider
from drama_imagegen.providers.openai_images import OpenAIImageProvider
from drama_imagegen.providers.seedream import SeedreamProvider
from drama_videogen.providers import video_provider_for
from drama_videogen.providers.chatfire import ChatFireVideoProvider
from drama_videogen.providers.minimax import MiniMaxProvider
from drama_videogen.providers.pika import PikaProvider
from drama_videogen.providers.runway import RunwayProvider
from drama_videogen.providers.seedance import SeedanceProvider
from drama_videogen.providers.sora import SoraProvider
from tests.providers.support import settings


@pytest.mark.parametrize(
    ("provider", "adapter"),
    [
        ("gemini", GeminiImageProvider),
        ("google", GeminiImageProvider),
        ("volcengine", SeedreamProvider),
        ("volces", SeedreamProvider),
        ("doubao", SeedreamProvider),
        ("openai", OpenAIImageProvider),
        ("dalle", OpenAIImageProvider),
        ("chatfire", OpenAIImageProvider),
        ("fal", OpenAIImageProvider),
    ],
)
async def test_image_registry(provider: str, adapter: type, client: httpx.AsyncClient) -> None:
    chosen = image_provider_for(settings(provider, "http://127.0.0.1:1"), client)
    assert isinstance(chosen, adapter) and chosen.name == provider


@pytest.mark.parametrize(
    ("provider", "adapter"),
    [
        ("chatfire", ChatFireVideoProvider),
        ("doubao", SeedanceProvider),
        ("volcengine", SeedanceProvider),
        ("volces", SeedanceProvider),
        ("openai", SoraProvider),
        ("minimax", MiniMaxProvider),
        ("runway", RunwayProvider),
        ("pika", PikaProvider),
    ],
)
async def test_video_registry(provider: str, adapter: type, client: httpx.AsyncClient) -> None:
    chosen = video_provider_for(settings(provider, "http://127.0.0.1:1"), client)
    assert isinstance(chosen, adapter) and chosen.name == provider


@pytest.mark.parametrize("provider", ["gemini", "vidu", "fal"])
async def test_video_registry_refuses_unsupported(provider: str, client: httpx.AsyncClient) -> None:
    with pytest.raises(PermanentProviderError, match=f"unsupported video provider: {provider}"):
        video_provider_for(settings(provider, "http://127.0.0.1:1"), client)
