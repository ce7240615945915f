"""Gemini ``generateContent`` text calls (providers.md §2), over httpx.

URL: ``base_url + endpoint`` with ``{model}`` substituted (endpoint default
``/v1beta/models/{model}:generateContent``). The key travels in the ``x-goog-api-key``
header, which Google accepts like ``?key=``, so it never shows up in a logged URL.
Unlike the reference we do send ``generationConfig`` (temperature, output-token limit), and we
join every non-thought text part of the first candidate.
"""

from __future__ import annotations

from typing import Any

import httpx

from drama_catalog.script.completion import Completion, permanent, relabel, transient
from drama_common.errors import ProviderError
from drama_common.provider_http import call_json
from drama_common.provider_models import ProviderSettings

DEFAULT_BASE_URL = "https://generativelanguage.googleapis.com"
DEFAULT_ENDPOINT = "/v1beta/models/{model}:generateContent"
DEFAULT_MODEL = "gemini-2.5-flash"
_BLOCKED = frozenset({"SAFETY", "PROHIBITED_CONTENT", "BLOCKLIST", "SPII", "RECITATION"})
_FINISH = {"STOP": "stop", "MAX_TOKENS": "length"}


def request_body(
    system: str, user: str, temperature: float | None, max_tokens: int | None
) -> dict[str, Any]:
    """``contents`` with the user text, ``systemInstruction`` when given, optional config."""
    body: dict[str, Any] = {"contents": [{"role": "user", "parts": [{"text": user}]}]}
    if system:
        body["systemInstruction"] = {"parts": [{"text": system}]}
    config: dict[str, Any] = {}
    if temperature is not None:
        config["temperature"] = temperature
    if max_tokens is not None:
        config["maxOutputTokens"] = max_tokens
    if config:
        body["generationConfig"] = config
    return body


def finish_reason(raw: str | None) -> str | None:
    """Gemini's ``finishReason`` in OpenAI words (``stop``, ``length``, ``content_filter``)."""
    if raw is None:
        return None
    if raw in _BLOCKED:
        return "content_filter"
    return _FINISH.get(raw, raw.lower())


def _completion(answer: dict[str, Any], settings: ProviderSettings, model: str) -> Completion:
    candidates = answer.get("candidates") or []
    if not candidates:
        feedback = answer.get("promptFeedback") or {}
        blocked = feedback.get("blockReason")
        if blocked:
            raise permanent(settings, f"the prompt was blocked ({blocked})")
        raise permanent(settings, "the answer has no candidates")
    first = candidates[0] if isinstance(candidates[0], dict) else {}
    reason = finish_reason(first.get("finishReason"))
    if reason == "content_filter":
        raise permanent(
            settings, f"the answer was blocked by the content filter ({first['finishReason']})"
        )
    parts = (first.get("content") or {}).get("parts") or []
    texts = [p.get("text") or "" for p in parts if isinstance(p, dict) and not p.get("thought")]
    text = "".join(texts)
    if not text.strip():
        if any(isinstance(p, dict) and p.get("thought") for p in parts):
            raise permanent(settings, "the answer holds only reasoning, no content")
        raise permanent(settings, f"the answer has no text (finish_reason={reason})")
    return Completion(
        text=text,
        finish_reason=reason,
        provider=settings.provider,
        model=answer.get("modelVersion") or model,
    )


async def generate(
    settings: ProviderSettings,
    system: str,
    user: str,
    *,
    temperature: float | None,
    max_tokens: int | None,
    request_timeout: float,
) -> Completion:
    """One ``generateContent`` call."""
    model = settings.model or DEFAULT_MODEL
    url = (settings.base_url or DEFAULT_BASE_URL) + (settings.endpoint or DEFAULT_ENDPOINT)
    url = url.replace("{model}", model)
    headers = {"x-goog-api-key": settings.api_key.get_secret_value()}
    body = request_body(system, user, temperature, max_tokens)
    try:
        async with httpx.AsyncClient(timeout=request_timeout) as client:
            answer = await call_json(
                client,
                "POST",
                url,
                provider=settings.provider,
                api_key=settings.api_key,
                json=body,
                headers=headers,
            )
    except ProviderError as exc:
        raise relabel(exc, settings) from None
    if not isinstance(answer, dict):
        raise transient(settings, "malformed answer: not an object")
    return _completion(answer, settings, model)
