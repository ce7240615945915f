"""Image adapters: request shapes on the wire and provider-specific answers."""

from __future__ import annotations

import base64

import httpx
import pytest

from drama_common.errors import PermanentProviderError
from drama_common.image_refs import to_data_uri
from drama_common.provider_models import ImageRequest
from drama_imagegen.providers import image_provider_for
from tests.fakes import GeminiImageFake, OpenAIImagesFake, Scenario, SeedreamFake, image_bytes
from tests.providers.support import API_KEY, settings

PLAIN = ImageRequest(prompt="a red kite", size="1920x1920", negative_prompt="blurry")


async def test_openai_body_without_and_with_references(client: httpx.AsyncClient) -> None:
    fake = OpenAIImagesFake(api_key=API_KEY)
    refs = ["https://example.com/a.png", to_data_uri(image_bytes("PNG"))]
    async with fake.running() as base_url:
        adapter = image_provider_for(settings("openai", base_url, "dall-e-3"), client)
        await adapter.generate(PLAIN)
        await adapter.generate(PLAIN.model_copy(update={"reference_images": refs}))
    first, second = [c for c in fake.calls if c.kind == "submit"]
    assert first.path == "/v1/images/generations"
    assert first.json == {
        "model": "dall-e-3",
        "prompt": "a red kite",
        "size": "1920x1920",
        "quality": "standard",
        "n": 1,
    }
    assert second.json["image"] == refs


@pytest.mark.parametrize("answer", ["b64", "bad_b64"])
async def test_openai_b64_answers(answer: str, client: httpx.AsyncClient) -> None:
    fake = OpenAIImagesFake(api_key=API_KEY)
    fake.answer = answer
    async with fake.running() as base_url:
        adapter = image_provider_for(settings("chatfire", base_url, "gpt-image-1"), client)
        if answer == "bad_b64":
            with pytest.raises(PermanentProviderError, match="empty result"):
                await adapter.generate(PLAIN)
            return
        result = await adapter.generate(PLAIN)
    assert result.url is None and result.data == image_bytes("PNG")
    assert result.mime_type == "image/png"


async def test_gemini_body_references_and_header_auth(client: httpx.AsyncClient) -> None:
    fake = GeminiImageFake(api_key=API_KEY)
    async with fake.running() as base_url:
        root = base_url
        refs = [
            f"{root}/files/ref.jpg",
            f"{root}/files/missing.png",  # 404: skipped, request still sent
            f"{root}/files/ref.bin",  # no Content-Type: sniffed
            to_data_uri(image_bytes("WEBP")),
        ]
        adapter = image_provider_for(settings("google", base_url, "gemini-2.5-flash-image"), client)
        request = PLAIN.model_copy(update={"reference_images": refs})
        result = await adapter.generate(request)
    assert result.data == image_bytes("PNG")
    call = fake.last()
    assert call.path == "/v1beta/models/gemini-2.5-flash-image:generateContent"
    assert call.headers["x-goog-api-key"] == API_KEY
    assert "authorization" not in call.headers and "key" not in call.query
    parts = call.json["contents"][0]["parts"]
    assert "role" not in call.json["contents"][0]
    assert [p["inlineData"]["mimeType"] for p in parts[:-1]] == [
        "image/jpeg",
        "image/png",
        "image/webp",
    ]
    assert base64.b64decode(parts[0]["inlineData"]["data"]) == image_bytes("JPEG")
    assert parts[-1] == {"text": "a red kite\n\nNegative prompt: blurry\n\nImage size: 1920x1920"}
    assert call.json["generationConfig"] == {"responseModalities": ["IMAGE"]}


@pytest.mark.parametrize(
    ("layout", "outcome"),
    [
        ("text_first", None),
        ("text_only", "empty result"),
        ("bad_b64", "empty result"),
        ("blocked", "prompt blocked: SAFETY"),
    ],
)
async def test_gemini_answer_layouts(
    layout: str, outcome: str | None, client: httpx.AsyncClient
) -> None:
    fake = GeminiImageFake(api_key=API_KEY)
    fake.layout = layout
    async with fake.running() as base_url:
        adapter = image_provider_for(settings("gemini", base_url, ""), client)
        if outcome is None:
            result = await adapter.generate(PLAIN)
            assert result.data == image_bytes("PNG") and result.mime_type == "image/png"
        else:
            with pytest.raises(PermanentProviderError) as caught:
                await adapter.generate(PLAIN)
            assert caught.value.message == outcome
    assert fake.last().path == "/v1beta/models/gemini-3-pro-image-preview:generateContent"


async def test_gemini_fake_accepts_query_key_like_google(client: httpx.AsyncClient) -> None:
    fake = GeminiImageFake(api_key=API_KEY)
    async with fake.running() as base_url:
        url = f"{base_url}/v1beta/models/m:generateContent?key={API_KEY}"
        answer = await client.post(url, json={"contents": []})
    assert answer.status_code == 200 and answer.json()["candidates"]


async def test_seedream_body_and_201(client: httpx.AsyncClient) -> None:
    fake = SeedreamFake(api_key=API_KEY)
    fake.success_status = 201
    async with fake.running() as base_url:
        adapter = image_provider_for(settings("doubao", base_url, "doubao-seedream-4-0"), client)
        request = PLAIN.model_copy(update={"reference_images": ["https://x.test/a.png"]})
        result = await adapter.generate(request)
    assert result.url is not None and result.url.endswith("/files/result.png")
    call = fake.last()
    assert call.path == "/api/v3/images/generations"
    assert call.json == {
        "model": "doubao-seedream-4-0",
        "prompt": "a red kite. Negative: blurry",
        "image": ["https://x.test/a.png"],
        "sequential_image_generation": "disabled",
        "size": "1920x1920",
    }


async def test_seedream_error_in_200_is_permanent_and_unescaped(
    client: httpx.AsyncClient,
) -> None:
    fake = SeedreamFake(api_key=API_KEY, scenario=Scenario.ERROR_IN_200)
    async with fake.running() as base_url:
        adapter = image_provider_for(settings("volces", base_url, "m"), client)
        with pytest.raises(PermanentProviderError) as caught:
            await adapter.generate(PLAIN)
    assert caught.value.message == "内容不合规"
