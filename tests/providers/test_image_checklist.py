"""Every image adapter against its fake, for every case of the fake-server checklist."""

from __future__ import annotations

from dataclasses import dataclass

import httpx
import pytest

from drama_common.errors import PermanentProviderError, TransientProviderError
from drama_common.provider_models import ImageRequest, ImageResult
from drama_imagegen.providers import image_provider_for
from tests.fakes import FakeProvider, GeminiImageFake, OpenAIImagesFake, Scenario, SeedreamFake
from tests.fakes import image_bytes as fake_image
from tests.providers.support import API_KEY, settings


@dataclass(frozen=True)
class ImageCase:
    fake: type[FakeProvider]
    provider: str
    model: str

    def __str__(self) -> str:
        return self.provider


CASES = [
    ImageCase(OpenAIImagesFake, "openai", "dall-e-3"),
    ImageCase(OpenAIImagesFake, "chatfire", "nano-banana-pro"),
    ImageCase(OpenAIImagesFake, "fal", "banana-2"),
    ImageCase(GeminiImageFake, "gemini", "gemini-3-pro-image-preview"),
    ImageCase(SeedreamFake, "volcengine", "doubao-seedream-4-5-251128"),
]
pytestmark = pytest.mark.parametrize("case", CASES, ids=str)
REQUEST = ImageRequest(prompt="a lighthouse at dusk", size="1920x1920")
INVALID = 'invalid request: 参数错误 "size"'


async def generate(
    case: ImageCase, base_url: str, client: httpx.AsyncClient, key: str = API_KEY
) -> ImageResult:
    adapter = image_provider_for(settings(case.provider, base_url, case.model, key), client)
    assert adapter.name == case.provider
    return await adapter.generate(REQUEST)


async def test_success(case: ImageCase, client: httpx.AsyncClient) -> None:
    fake = case.fake(api_key=API_KEY)
    async with fake.running() as base_url:
        result = await generate(case, base_url, client)
        if result.url is not None:
            download = await client.get(result.url)
            assert download.status_code == 200
            assert download.headers["content-type"] == "image/png"
            assert download.content == fake_image("PNG")
        else:
            assert result.data == fake_image("PNG") and result.mime_type == "image/png"
    assert fake.submits == 1


async def test_4xx_is_permanent_with_innermost_message(
    case: ImageCase, client: httpx.AsyncClient
) -> None:
    fake = case.fake(api_key=API_KEY, scenario=Scenario.ERROR_4XX)
    async with fake.running() as base_url:
        with pytest.raises(PermanentProviderError) as caught:
            await generate(case, base_url, client)
    assert caught.value.message == INVALID and caught.value.status == 400


async def test_429_is_transient(case: ImageCase, client: httpx.AsyncClient) -> None:
    fake = case.fake(api_key=API_KEY, scenario=Scenario.RATE_LIMITED)
    async with fake.running() as base_url:
        with pytest.raises(TransientProviderError) as caught:
            await generate(case, base_url, client)
    assert caught.value.status == 429


async def test_5xx_then_success(case: ImageCase, client: httpx.AsyncClient) -> None:
    fake = case.fake(api_key=API_KEY, scenario=Scenario.ERROR_5XX_THEN_OK)
    async with fake.running() as base_url:
        with pytest.raises(TransientProviderError) as caught:
            await generate(case, base_url, client)
        assert caught.value.status == 502
        result = await generate(case, base_url, client)
    assert result.url or result.data
    assert fake.submits == 2


async def test_hang_times_out_as_transient(
    case: ImageCase, short_client: httpx.AsyncClient
) -> None:
    fake = case.fake(api_key=API_KEY, scenario=Scenario.HANG)
    async with fake.running() as base_url:
        with pytest.raises(TransientProviderError, match="timed out"):
            await generate(case, base_url, short_client)


async def test_malformed_json_is_transient(case: ImageCase, client: httpx.AsyncClient) -> None:
    fake = case.fake(api_key=API_KEY, scenario=Scenario.MALFORMED)
    async with fake.running() as base_url:
        with pytest.raises(TransientProviderError, match="malformed JSON"):
            await generate(case, base_url, client)


async def test_empty_answer_is_permanent(case: ImageCase, client: httpx.AsyncClient) -> None:
    fake = case.fake(api_key=API_KEY, scenario=Scenario.EMPTY)
    async with fake.running() as base_url:
        with pytest.raises(PermanentProviderError, match=r"^empty result$"):
            await generate(case, base_url, client)


async def test_wrong_key_is_permanent_and_never_echoed(
    case: ImageCase, client: httpx.AsyncClient
) -> None:
    fake = case.fake(api_key=API_KEY)
    wrong = "sk-wrong-0000-1111"
    async with fake.running() as base_url:
        with pytest.raises(PermanentProviderError) as caught:
            await generate(case, base_url, client, key=wrong)
    assert caught.value.status in {400, 401}
    assert wrong not in str(caught.value) and API_KEY not in str(caught.value)
