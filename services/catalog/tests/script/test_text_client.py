"""The text client against fake OpenAI-compatible and Gemini servers on 127.0.0.1."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest
from pydantic import SecretStr

from drama_catalog.script.text_client import complete
from drama_common.errors import PermanentProviderError, TransientProviderError
from drama_common.provider_models import ProviderSettings

if TYPE_CHECKING:
    from .conftest import Recorder


def openai_settings(url: str, model: str, key: str, **extra: str) -> ProviderSettings:
    return ProviderSettings(
        provider="chatfire", base_url=f"{url}/v1", api_key=SecretStr(key), model=model, **extra
    )


async def test_openai_success_sends_system_user_and_options(
    openai_fake: tuple[str, Recorder], api_key: str
) -> None:
    url, recorder = openai_fake
    settings = openai_settings(url, "ok-1", api_key)
    result = await complete(settings, "你是编剧", "写一个角色", temperature=0.5, max_tokens=300)
    assert json.loads(result.text) == {"echo": "写一个角色", "角色": "林晓"}
    assert (result.finish_reason, result.provider, result.model) == ("stop", "chatfire", "ok-1")
    request = recorder.for_model("ok-1")[-1]
    assert request["path"] == "/v1/chat/completions"
    assert request["auth"] == f"Bearer {api_key}"
    assert request["body"]["messages"] == [
        {"role": "system", "content": "你是编剧"},
        {"role": "user", "content": "写一个角色"},
    ]
    assert request["body"]["temperature"] == 0.5
    assert request["body"]["max_tokens"] == 300


async def test_openai_omits_empty_system_and_unset_options(
    openai_fake: tuple[str, Recorder], api_key: str
) -> None:
    url, recorder = openai_fake
    await complete(openai_settings(url, "ok-2", api_key), "", "hi", temperature=None)
    body = recorder.for_model("ok-2")[-1]["body"]
    assert body["messages"] == [{"role": "user", "content": "hi"}]
    assert "temperature" not in body and "max_tokens" not in body


async def test_openai_custom_endpoint_is_appended_to_base_url(
    openai_fake: tuple[str, Recorder], api_key: str
) -> None:
    url, recorder = openai_fake
    settings = ProviderSettings(
        provider="volcengine",
        base_url=f"{url}/api/v3",
        api_key=SecretStr(api_key),
        model="ok-3",
        endpoint="/custom/chat",
    )
    await complete(settings, "", "hi")
    assert recorder.for_model("ok-3")[-1]["path"] == "/api/v3/custom/chat"


@pytest.mark.parametrize(
    ("model", "fragment"),
    [
        ("empty-choices", "no choices"),
        ("null-content", "no content"),
        ("reasoning-only", "only reasoning"),
        ("filtered", "content filter"),
        ("bad-request", "model not found: bad-request"),
    ],
)
async def test_openai_permanent_failures(
    openai_fake: tuple[str, Recorder], api_key: str, model: str, fragment: str
) -> None:
    url, recorder = openai_fake
    before = len(recorder.for_model(model))
    with pytest.raises(PermanentProviderError) as caught:
        await complete(openai_settings(url, model, api_key), "", "x")
    message = caught.value.message
    assert fragment in message
    assert f"chatfire/{model}" in message
    assert api_key not in message
    assert caught.value.provider == "chatfire"
    assert len(recorder.for_model(model)) == before + 1


async def test_openai_wrong_key_is_permanent_and_key_is_not_shown(
    openai_fake: tuple[str, Recorder],
) -> None:
    url, _ = openai_fake
    with pytest.raises(PermanentProviderError) as caught:
        await complete(openai_settings(url, "ok-4", "sk-wrong-key-abcdefghijkl"), "", "x")
    assert caught.value.status == 401
    assert "Incorrect API key" in caught.value.message
    assert "sk-wrong-key" not in str(caught.value)


@pytest.mark.parametrize(("model", "status"), [("rate-limited", 429), ("server-error", 502)])
async def test_openai_transient_statuses(
    openai_fake: tuple[str, Recorder], api_key: str, model: str, status: int
) -> None:
    url, _ = openai_fake
    with pytest.raises(TransientProviderError) as caught:
        await complete(openai_settings(url, model, api_key), "", "x")
    assert caught.value.status == status
    assert f"chatfire/{model}" in caught.value.message


async def test_openai_timeout_is_transient(openai_fake: tuple[str, Recorder], api_key: str) -> None:
    url, _ = openai_fake
    with pytest.raises(TransientProviderError, match="timed out"):
        await complete(openai_settings(url, "slow", api_key), "", "x", request_timeout=0.5)


async def test_unreachable_server_is_transient(api_key: str) -> None:
    settings = openai_settings("http://127.0.0.1:9", "ok", api_key)
    with pytest.raises(TransientProviderError, match="connection failed"):
        await complete(settings, "", "x", request_timeout=10)


async def test_max_tokens_rejected_is_retried_once_as_max_completion_tokens(
    openai_fake: tuple[str, Recorder], api_key: str
) -> None:
    url, recorder = openai_fake
    result = await complete(
        openai_settings(url, "no-max-tokens", api_key), "", "x", max_tokens=1200
    )
    assert result.finish_reason == "stop"
    first, second = recorder.for_model("no-max-tokens")[-2:]
    assert first["body"]["max_tokens"] == 1200
    assert "max_tokens" not in second["body"]
    assert second["body"]["max_completion_tokens"] == 1200
    assert second["body"]["temperature"] == 0.7


async def test_temperature_rejected_is_retried_once_without_it(
    openai_fake: tuple[str, Recorder], api_key: str
) -> None:
    url, recorder = openai_fake
    await complete(openai_settings(url, "no-temperature", api_key), "", "x", max_tokens=50)
    first, second = recorder.for_model("no-temperature")[-2:]
    assert first["body"]["temperature"] == 0.7
    assert "temperature" not in second["body"]
    assert second["body"]["max_tokens"] == 50


async def test_parameter_retry_happens_only_once(
    openai_fake: tuple[str, Recorder], api_key: str
) -> None:
    url, recorder = openai_fake
    before = len(recorder.for_model("always-rejects"))
    with pytest.raises(PermanentProviderError, match="max_tokens"):
        await complete(openai_settings(url, "always-rejects", api_key), "", "x", max_tokens=9)
    assert len(recorder.for_model("always-rejects")) == before + 2


async def test_no_retry_when_the_rejected_parameter_was_not_sent(
    openai_fake: tuple[str, Recorder], api_key: str
) -> None:
    url, recorder = openai_fake
    before = len(recorder.for_model("always-rejects"))
    with pytest.raises(PermanentProviderError):
        await complete(openai_settings(url, "always-rejects", api_key), "", "x")
    assert len(recorder.for_model("always-rejects")) == before + 1


def gemini_settings(url: str, model: str, key: str) -> ProviderSettings:
    return ProviderSettings(provider="gemini", base_url=url, api_key=SecretStr(key), model=model)


async def test_gemini_success_joins_text_parts_and_skips_thoughts(
    gemini_fake: tuple[str, Recorder], api_key: str
) -> None:
    url, recorder = gemini_fake
    result = await complete(
        gemini_settings(url, "gemini-ok", api_key), "系统", "用户", temperature=0.3, max_tokens=64
    )
    assert json.loads(result.text) == {"名字": "林晓"}
    assert (result.finish_reason, result.provider, result.model) == ("stop", "gemini", "gemini-ok")
    body = recorder.for_model("gemini-ok")[-1]["body"]
    assert body["contents"] == [{"role": "user", "parts": [{"text": "用户"}]}]
    assert body["systemInstruction"] == {"parts": [{"text": "系统"}]}
    assert body["generationConfig"] == {"temperature": 0.3, "maxOutputTokens": 64}
    assert api_key not in recorder.for_model("gemini-ok")[-1]["query"]


async def test_gemini_without_system_prompt(
    gemini_fake: tuple[str, Recorder], api_key: str
) -> None:
    url, recorder = gemini_fake
    await complete(gemini_settings(url, "gemini-plain", api_key), "", "hi", temperature=None)
    body = recorder.for_model("gemini-plain")[-1]["body"]
    assert "systemInstruction" not in body and "generationConfig" not in body


async def test_gemini_max_tokens_finish_reason_is_length(
    gemini_fake: tuple[str, Recorder], api_key: str
) -> None:
    url, _ = gemini_fake
    result = await complete(gemini_settings(url, "cut", api_key), "", "x")
    assert result.finish_reason == "length"


@pytest.mark.parametrize(
    ("model", "fragment"),
    [
        ("no-candidates", "blocked"),
        ("safety", "content filter"),
        ("thought-only", "only reasoning"),
    ],
)
async def test_gemini_permanent_failures(
    gemini_fake: tuple[str, Recorder], api_key: str, model: str, fragment: str
) -> None:
    url, _ = gemini_fake
    with pytest.raises(PermanentProviderError) as caught:
        await complete(gemini_settings(url, model, api_key), "", "x")
    assert fragment in caught.value.message
    assert f"gemini/{model}" in caught.value.message


async def test_gemini_bad_key_is_permanent_with_innermost_message(
    gemini_fake: tuple[str, Recorder],
) -> None:
    url, _ = gemini_fake
    with pytest.raises(PermanentProviderError) as caught:
        await complete(gemini_settings(url, "gemini-ok", "AIzaWrongKey1234567890"), "", "x")
    assert caught.value.status == 400
    assert "API key not valid." in caught.value.message
    assert "AIzaWrongKey" not in str(caught.value)


@pytest.mark.parametrize(("model", "status"), [("rate-limited", 429), ("unavailable", 503)])
async def test_gemini_transient_statuses(
    gemini_fake: tuple[str, Recorder], api_key: str, model: str, status: int
) -> None:
    url, _ = gemini_fake
    with pytest.raises(TransientProviderError) as caught:
        await complete(gemini_settings(url, model, api_key), "", "x")
    assert caught.value.status == status
