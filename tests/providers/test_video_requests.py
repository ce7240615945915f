"""Video adapters: request shapes on the wire and provider-specific answers."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from drama_common.errors import PermanentProviderError, TransientProviderError
from drama_common.image_refs import to_data_uri
from drama_common.provider_models import VideoRequest
from drama_videogen.providers import VideoProvider, video_provider_for
from tests.fakes import (
    ChatFireVideoFake,
    MiniMaxFake,
    PikaFake,
    RunwayFake,
    Scenario,
    SeedanceFake,
    SoraFake,
    image_bytes,
)
from tests.providers.support import API_KEY, settings
from tests.providers.video_cases import poll_to_end

PNG = to_data_uri(image_bytes("PNG"))
JPG = to_data_uri(image_bytes("JPEG"))


def adapter(provider: str, base_url: str, model: str, client: httpx.AsyncClient) -> VideoProvider:
    return video_provider_for(settings(provider, base_url, model), client)


def image(url: str, role: str | None = None) -> dict[str, Any]:
    item: dict[str, Any] = {"type": "image_url", "image_url": {"url": url}}
    return item | ({"role": role} if role else {})


@pytest.mark.parametrize(
    ("request_", "items"),
    [
        (VideoRequest(prompt="p"), []),
        (VideoRequest(prompt="p", image_url=PNG, reference_mode="single"), [image(PNG)]),
        (VideoRequest(prompt="p", image_url=PNG), [image(PNG)]),  # mode inferred
        (
            VideoRequest(
                prompt="p", first_frame_url=PNG, last_frame_url=JPG, reference_mode="first_last"
            ),
            [image(PNG, "first_frame"), image(JPG, "last_frame")],
        ),
        (
            VideoRequest(prompt="p", reference_image_urls=[PNG, JPG], reference_mode="multiple"),
            [image(PNG, "reference_image"), image(JPG, "reference_image")],
        ),
    ],
)
async def test_seedance_content_by_mode(
    request_: VideoRequest, items: list[dict[str, Any]], client: httpx.AsyncClient
) -> None:
    fake = SeedanceFake(api_key=API_KEY)
    async with fake.running() as base_url:
        model = "doubao-seedance-1-5-pro-251215"
        await adapter("volces", base_url, model, client).submit(request_)
    call = fake.last()
    assert call.path == "/api/v3/contents/generations/tasks"
    assert call.json == {
        "model": model,
        "content": [{"type": "text", "text": "p  --ratio adaptive  --dur 5"}, *items],
        "generate_audio": True,
    }


async def test_seedance_optional_flags_and_no_audio_key(client: httpx.AsyncClient) -> None:
    fake = SeedanceFake(api_key=API_KEY)
    request = VideoRequest(
        prompt="p", aspect_ratio="9:16", duration=10, resolution="720p", seed=7, camera_fixed=False
    )
    async with fake.running() as base_url:
        await adapter("doubao", base_url, "doubao-seedance-2-0-260128", client).submit(request)
    body = fake.last().json
    assert "generate_audio" not in body
    assert body["content"] == [
        {
            "type": "text",
            "text": "p  --ratio 9:16  --dur 10  --resolution 720p  --seed 7  --camerafixed false",
        }
    ]


@pytest.mark.parametrize(
    ("final", "with_error", "expected"),
    [
        ("expired", False, "task expired"),
        ("cancelled", False, "task cancelled"),
        ("failed", False, "task failed"),
    ],
)
async def test_seedance_terminal_status_without_error_ends_task(
    final: str, with_error: bool, expected: str, client: httpx.AsyncClient
) -> None:
    fake = SeedanceFake(api_key=API_KEY, scenario=Scenario.FAIL_ON_SECOND_POLL)
    fake.final_status, fake.failure_error = final, with_error
    async with fake.running() as base_url:
        answers = await poll_to_end(adapter("volcengine", base_url, "m", client), fake.task_id)
    assert answers[-1].error == expected and fake.polls == 2


async def test_seedance_success_reports_duration(client: httpx.AsyncClient) -> None:
    fake = SeedanceFake(api_key=API_KEY, scenario=Scenario.IMMEDIATE)
    async with fake.running() as base_url:
        answer = await adapter("volcengine", base_url, "m", client).poll(fake.task_id)
    assert answer.status == "succeeded" and answer.duration == 5.0


@pytest.mark.parametrize(
    ("model", "expected"),
    [
        (
            "doubao-seedance-1-0-pro-250528",
            {
                "model": "doubao-seedance-1-0-pro-250528",
                "content": [
                    {"type": "text", "text": "p  --ratio 16:9  --dur 5"},
                    image(PNG),
                ],
            },
        ),
        (
            "sora-2",
            {
                "model": "sora-2",
                "prompt": "p",
                "seconds": "5",
                "size": "1280x720",
                "input_reference": PNG,
            },
        ),
        (
            "veo-3.0-generate-001",
            {
                "model": "veo-3.0-generate-001",
                "prompt": "p",
                "image_url": PNG,
                "duration": 5,
                "size": "16:9",
            },
        ),
    ],
)
async def test_chatfire_body_by_model(
    model: str, expected: dict[str, Any], client: httpx.AsyncClient
) -> None:
    fake = ChatFireVideoFake(api_key=API_KEY)
    async with fake.running() as base_url:
        await adapter("chatfire", base_url, model, client).submit(
            VideoRequest(prompt="p", image_url=PNG)
        )
    assert fake.last().path == "/v1/video/generations"
    assert fake.last().json == expected


@pytest.mark.parametrize("id_shape", ["task_id", "data"])
@pytest.mark.parametrize("url_shape", ["data", "content"])
async def test_chatfire_answer_shapes(
    id_shape: str, url_shape: str, client: httpx.AsyncClient
) -> None:
    fake = ChatFireVideoFake(api_key=API_KEY, scenario=Scenario.IMMEDIATE)
    fake.id_shape, fake.url_shape = id_shape, url_shape
    async with fake.running() as base_url:
        provider = adapter("chatfire", base_url, "veo-3.0-generate-001", client)
        submission = await provider.submit(VideoRequest(prompt="p"))
        assert submission.task_id == fake.task_id
        answer = await provider.poll(fake.task_id)
    assert answer.video_url is not None and answer.video_url.endswith("/files/result.mp4")


async def test_chatfire_bare_failed_status_ends_task(client: httpx.AsyncClient) -> None:
    fake = ChatFireVideoFake(api_key=API_KEY, scenario=Scenario.FAIL_ON_SECOND_POLL)
    fake.failure_error = False
    async with fake.running() as base_url:
        answers = await poll_to_end(adapter("chatfire", base_url, "m", client), fake.task_id)
    assert answers[-1].error == "video generation failed" and fake.polls == 2


async def test_minimax_body_and_query_urls(client: httpx.AsyncClient) -> None:
    fake = MiniMaxFake(api_key=API_KEY, scenario=Scenario.IMMEDIATE)
    request = VideoRequest(prompt="p", first_frame_url=PNG, last_frame_url=JPG, duration=6)
    async with fake.running() as base_url:
        provider = adapter("minimax", base_url, "MiniMax-Hailuo-02", client)
        submission = await provider.submit(request)
        assert submission.task_id == fake.task_id
        answer = await provider.poll(fake.task_id)
    assert answer.status == "succeeded" and answer.video_url is not None
    assert fake.last("submit").json == {
        "prompt": "p",
        "model": "MiniMax-Hailuo-02",
        "first_frame_image": PNG,
        "last_frame_image": JPG,
        "duration": 6,
        "resolution": "1080P",
    }
    assert fake.last("poll").query == {"task_id": fake.task_id}
    assert fake.last("retrieve").query == {"file_id": "205258526306433"}


async def test_minimax_reference_spelling_failed(client: httpx.AsyncClient) -> None:
    fake = MiniMaxFake(api_key=API_KEY, scenario=Scenario.FAIL_ON_SECOND_POLL)
    fake.fail_status = "Failed"
    async with fake.running() as base_url:
        answers = await poll_to_end(adapter("minimax", base_url, "m", client), fake.task_id)
    assert answers[-1].status == "failed" and fake.polls == 2


async def test_minimax_base_resp_codes_on_query(client: httpx.AsyncClient) -> None:
    fake = MiniMaxFake(api_key=API_KEY)
    async with fake.running() as base_url:
        provider = adapter("minimax", base_url, "m", client)
        fake.query_code = 1002
        with pytest.raises(TransientProviderError, match=r"\[1002\] rate limit exceeded"):
            await provider.poll(fake.task_id)
        fake.query_code = 1027
        answer = await provider.poll(fake.task_id)
    assert answer.status == "failed" and answer.error == "[1027] output new_sensitive"


async def test_minimax_numeric_file_id_and_retrieve_errors(client: httpx.AsyncClient) -> None:
    fake = MiniMaxFake(api_key=API_KEY, scenario=Scenario.IMMEDIATE)
    fake.file_id_as_number = True
    async with fake.running() as base_url:
        provider = adapter("minimax", base_url, "m", client)
        assert (await provider.poll(fake.task_id)).status == "succeeded"
        fake.retrieve_status = 500
        with pytest.raises(TransientProviderError, match="retrieve broke"):
            await provider.poll(fake.task_id)
        fake.retrieve_status = 404
        with pytest.raises(PermanentProviderError):
            await provider.poll(fake.task_id)
    assert fake.count("retrieve") == 3


@pytest.mark.parametrize(
    ("ref", "filename", "content_type", "data"),
    [
        (PNG, "reference.png", "image/png", image_bytes("PNG")),
        (JPG, "reference.jpg", "image/jpeg", image_bytes("JPEG")),
        ("/files/ref.webp", "reference.webp", "image/webp", image_bytes("WEBP")),
        (None, None, None, None),
    ],
)
async def test_sora_multipart(
    ref: str | None,
    filename: str | None,
    content_type: str | None,
    data: bytes | None,
    client: httpx.AsyncClient,
) -> None:
    fake = SoraFake(api_key=API_KEY)
    async with fake.running() as base_url:
        image_url = base_url.removesuffix("/v1") + ref if ref and ref.startswith("/") else ref
        request = VideoRequest(prompt="p", duration=8, image_url=image_url, resolution="720x1280")
        await adapter("openai", base_url, "sora-2", client).submit(request)
    call = fake.last()
    assert call.headers["content-type"].startswith("multipart/form-data")
    assert call.form == {"model": "sora-2", "prompt": "p", "seconds": "8", "size": "720x1280"}
    if ref is None:
        assert call.files == {}
    else:
        assert call.files == {"input_reference": (filename, content_type, data)}


async def test_sora_gateway_url_and_missing_content(client: httpx.AsyncClient) -> None:
    fake = SoraFake(api_key=API_KEY, scenario=Scenario.IMMEDIATE)
    fake.gateway_url = True
    async with fake.running() as base_url:
        provider = adapter("openai", base_url, "sora-2", client)
        answer = await provider.poll(fake.task_id)
        assert answer.video_url is not None and answer.video_data is None
        assert answer.duration == 4.0 and fake.count("content") == 0
        fake.gateway_url, fake.scenario = False, Scenario.EMPTY
        with pytest.raises(PermanentProviderError, match="Video content not found"):
            await poll_to_end(provider, fake.task_id)


@pytest.mark.parametrize(
    ("provider", "fake_type", "expected"),
    [
        (
            "runway",
            RunwayFake,
            {"model": "m", "prompt_image": PNG, "prompt_text": "p", "duration": 5,
             "aspect_ratio": "16:9", "seed": 3},
        ),
        (
            "pika",
            PikaFake,
            {"model": "m", "image": PNG, "prompt": "p", "duration": 5, "aspect_ratio": "16:9",
             "motion": 50, "seed": 3},
        ),
    ],
)  # fmt: skip
async def test_generic_bodies(
    provider: str, fake_type: type[RunwayFake], expected: dict[str, Any], client: httpx.AsyncClient
) -> None:
    fake = fake_type(api_key=API_KEY)
    async with fake.running() as base_url:
        request = VideoRequest(prompt="p", image_url=PNG, seed=3)
        await adapter(provider, base_url, "m", client).submit(request)
    assert fake.last().path == "/v1/video/generate" and fake.last().json == expected


async def test_empty_success_is_failed_without_url(client: httpx.AsyncClient) -> None:
    for fake, provider in [
        (SeedanceFake(api_key=API_KEY, scenario=Scenario.EMPTY), "volcengine"),
        (MiniMaxFake(api_key=API_KEY, scenario=Scenario.EMPTY), "minimax"),
        (ChatFireVideoFake(api_key=API_KEY, scenario=Scenario.EMPTY), "chatfire"),
        (RunwayFake(api_key=API_KEY, scenario=Scenario.EMPTY), "runway"),
    ]:
        async with fake.running() as base_url:
            answers = await poll_to_end(adapter(provider, base_url, "m", client), fake.task_id)
        assert answers[-1].status == "failed", provider
        assert answers[-1].error == "task completed but no video URL", provider
