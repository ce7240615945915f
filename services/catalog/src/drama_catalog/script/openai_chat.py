"""OpenAI-compatible chat completions (openai, chatfire, deepseek, openrouter, doubao, qwen…).

The URL is ``base_url + endpoint`` (endpoint default ``/chat/completions``, providers.md §1).
A model that refuses ``temperature`` or ``max_tokens`` (a 400 naming the parameter) is asked
once more without it; ``max_tokens`` is then sent as ``max_completion_tokens``.
"""

from __future__ import annotations

import json
from typing import Any

import openai
import structlog
from openai.types.chat import ChatCompletion

from drama_catalog.script.completion import (
    Completion,
    is_transient_status,
    label,
    permanent,
    transient,
)
from drama_common.errors import PermanentProviderError
from drama_common.provider_http import provider_error, shorten
from drama_common.provider_models import ProviderSettings

DEFAULT_ENDPOINT = "/chat/completions"
OPENAI_BASE_URL = "https://api.openai.com/v1"
_REJECTABLE = frozenset({400, 422})

log = structlog.get_logger()


def request_body(
    settings: ProviderSettings,
    system: str,
    user: str,
    temperature: float | None,
    max_tokens: int | None,
) -> dict[str, Any]:
    """The JSON body: model, messages (system only when given) and the optional knobs."""
    messages = [{"role": "system", "content": system}] if system else []
    messages.append({"role": "user", "content": user})
    body: dict[str, Any] = {"model": settings.model, "messages": messages}
    if temperature is not None:
        body["temperature"] = temperature
    if max_tokens is not None:
        body["max_tokens"] = max_tokens
    return body


def _status_message(exc: openai.APIStatusError) -> str:
    """The provider's innermost error message, else the (shortened) body."""
    text = exc.response.text
    try:
        _, message = provider_error(json.loads(text))
    except ValueError:
        message = None
    return message or shorten(text.strip()) or f"HTTP {exc.status_code}"


def without_rejected(body: dict[str, Any], message: str) -> dict[str, Any] | None:
    """The body to retry with when ``message`` rejects a parameter we sent, else ``None``."""
    lowered = message.lower()
    retry = dict(body)
    if "max_tokens" in body and ("max_tokens" in lowered or "max_completion_tokens" in lowered):
        retry["max_completion_tokens"] = retry.pop("max_tokens")
    if "temperature" in body and "temperature" in lowered:
        del retry["temperature"]
    return retry if retry != body else None


async def _post(
    client: openai.AsyncOpenAI, path: str, body: dict[str, Any], settings: ProviderSettings
) -> ChatCompletion:
    try:
        return await client.post(path, cast_to=ChatCompletion, body=body)
    except openai.APITimeoutError:
        raise transient(settings, "request timed out") from None
    except openai.APIConnectionError as exc:
        cause = exc.__cause__ or exc
        raise transient(settings, f"connection failed: {cause}") from None
    except openai.APIStatusError as exc:
        message = f"HTTP {exc.status_code}: {_status_message(exc)}"
        make = transient if is_transient_status(exc.status_code) else permanent
        raise make(settings, message, exc.status_code) from None
    except (openai.APIResponseValidationError, ValueError) as exc:
        raise transient(settings, f"malformed answer: {exc}") from None


def _completion(answer: ChatCompletion, settings: ProviderSettings) -> Completion:
    """The answer's text, or a permanent error when there is none to use."""
    if not isinstance(answer, ChatCompletion) or not answer.choices:
        raise permanent(settings, "the answer has no choices")
    choice = answer.choices[0]
    reason = choice.finish_reason
    if reason == "content_filter":
        raise permanent(settings, "the answer was blocked by the provider's content filter")
    message = choice.message
    content = message.content if message is not None else None
    if content is None or not content.strip():
        extra = (message.model_extra or {}) if message is not None else {}
        if extra.get("reasoning_content") or extra.get("reasoning"):
            raise permanent(
                settings,
                f"the answer holds only reasoning, no content (finish_reason={reason})",
            )
        raise permanent(settings, f"the answer has no content (finish_reason={reason})")
    return Completion(
        text=content,
        finish_reason=reason,
        provider=settings.provider,
        model=answer.model or settings.model,
    )


async def chat(
    settings: ProviderSettings,
    system: str,
    user: str,
    *,
    temperature: float | None,
    max_tokens: int | None,
    request_timeout: float,
) -> Completion:
    """One chat completion, with at most one retry for a rejected parameter."""
    base_url = settings.base_url or (OPENAI_BASE_URL if settings.provider == "openai" else "")
    if not base_url:
        raise permanent(settings, "no base_url configured")
    path = settings.endpoint or DEFAULT_ENDPOINT
    body = request_body(settings, system, user, temperature, max_tokens)
    async with openai.AsyncOpenAI(
        api_key=settings.api_key.get_secret_value() or "unset",
        base_url=base_url,
        timeout=request_timeout,
        max_retries=0,
    ) as client:
        try:
            answer = await _post(client, path, body, settings)
        except PermanentProviderError as exc:
            reason = exc.message.removeprefix(f"{label(settings)}: ")
            retry = without_rejected(body, reason) if exc.status in _REJECTABLE else None
            if retry is None:
                raise
            log.info(
                "model rejected a parameter, retrying once without it",
                provider=settings.provider,
                model=settings.model,
                dropped=sorted(set(body) - set(retry)),
            )
            answer = await _post(client, path, retry, settings)
    return _completion(answer, settings)
