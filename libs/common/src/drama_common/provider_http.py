"""HTTP plumbing shared by the image and video provider adapters.

One rule set for every adapter, so that a worker can decide "retry or give up" from the
exception type alone:

* timeouts and connection errors → :class:`TransientProviderError`;
* HTTP 408, 429 and 5xx → :class:`TransientProviderError`;
* any other non-2xx → :class:`PermanentProviderError` carrying the provider's innermost
  error message (see :func:`provider_message`);
* a 2xx whose body is not JSON → :class:`TransientProviderError`. The provider accepted the
  call but the answer was mangled on the way (proxies, truncated bodies); whether the work
  happened is unknown, so the worker's bounded retry decides. Polls are idempotent anyway.

URLs are built by plain concatenation (``base_url + path``, providers.md §0.1), never with
``urljoin``, which would drop the ``/v1`` or ``/api/v3`` prefix of a base URL. The API key
is scrubbed from every message we raise, in case a provider echoes it back.
"""

from __future__ import annotations

import json
from typing import Any

import httpx
from pydantic import SecretStr

from drama_common.errors import PermanentProviderError, TransientProviderError

TRANSIENT_STATUSES = frozenset({408, 429})
_PREVIEW = 500


def join_url(base_url: str, path: str) -> str:
    """``base_url + path`` exactly as the reference does it (no slash normalisation)."""
    return base_url + path


def bearer(api_key: SecretStr) -> dict[str, str]:
    return {"Authorization": f"Bearer {api_key.get_secret_value()}"}


def scrub(text: str, api_key: SecretStr) -> str:
    """``text`` with every occurrence of the key replaced by ``***``."""
    secret = api_key.get_secret_value()
    return text.replace(secret, "***") if secret else text


def shorten(text: str) -> str:
    """A long body as its first and last 500 characters."""
    if len(text) <= 2 * _PREVIEW:
        return text
    return f"{text[:_PREVIEW]} ... {text[-_PREVIEW:]}"


def _decoded(value: Any) -> Any:
    """A message that is itself a JSON document (gateways wrap upstream errors) → decoded."""
    if isinstance(value, str) and value.strip().startswith("{"):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def provider_error(body: Any) -> tuple[str | None, str | None]:
    """``(code, message)`` of the innermost error in a decoded JSON body, if any.

    Understands ``{"error": "text"}``, ``{"error": {"code", "message"}}`` (OpenAI, Ark,
    Gemini, ChatFire), ``{"base_resp": {"status_code", "status_msg"}}`` (MiniMax) and plain
    ``{"message"|"msg"|"detail": "text"}``, following messages that wrap another JSON error.
    """
    body = _decoded(body)
    if not isinstance(body, dict):
        return None, body if isinstance(body, str) and body else None
    error = _decoded(body.get("error"))
    if isinstance(error, dict):
        code, message = provider_error(error)
        own = error.get("code")
        if own is None:
            own = error.get("status")
        return (code or (str(own) if own not in (None, "") else None)), message
    if isinstance(error, str) and error:
        return None, error
    base_resp = body.get("base_resp")
    if isinstance(base_resp, dict) and base_resp.get("status_code") not in (None, 0):
        return str(base_resp["status_code"]), str(base_resp.get("status_msg") or "")
    for key in ("message", "msg", "detail"):
        inner = _decoded(body.get(key))
        if isinstance(inner, dict):
            return provider_error(inner)
        if isinstance(inner, str) and inner:
            return None, inner
    return None, None


def provider_message(response: httpx.Response) -> str:
    """The innermost error message of an answer, else its (shortened) body, else its status."""
    try:
        _, message = provider_error(response.json())
    except ValueError:
        message = None
    if message:
        return message
    text = response.text.strip()
    return shorten(text) if text else f"HTTP {response.status_code}"


def raise_for_status(response: httpx.Response, *, provider: str, api_key: SecretStr) -> None:
    """Map a non-2xx answer to a provider error (see the module docstring)."""
    status = response.status_code
    if 200 <= status < 300:
        return
    message = scrub(provider_message(response), api_key)
    if status in TRANSIENT_STATUSES or status >= 500:
        raise TransientProviderError(message, provider=provider, status=status)
    raise PermanentProviderError(message, provider=provider, status=status)


async def send(
    client: httpx.AsyncClient,
    method: str,
    url: str,
    *,
    provider: str,
    api_key: SecretStr,
    **kwargs: Any,
) -> httpx.Response:
    """One HTTP call; transport failures become :class:`TransientProviderError`."""
    try:
        response = await client.request(method, url, **kwargs)
    except httpx.TimeoutException as exc:
        raise TransientProviderError(
            f"request timed out ({type(exc).__name__})", provider=provider
        ) from None
    except httpx.TransportError as exc:
        detail = scrub(str(exc) or type(exc).__name__, api_key)
        raise TransientProviderError(f"connection failed: {detail}", provider=provider) from None
    raise_for_status(response, provider=provider, api_key=api_key)
    return response


def json_body(response: httpx.Response, *, provider: str, api_key: SecretStr) -> Any:
    """The decoded JSON of a 2xx answer; malformed JSON is transient."""
    try:
        return response.json()
    except ValueError:
        preview = scrub(shorten(response.text[:200]), api_key)
        raise TransientProviderError(
            f"malformed JSON answer: {preview}", provider=provider, status=response.status_code
        ) from None


async def call_json(
    client: httpx.AsyncClient,
    method: str,
    url: str,
    *,
    provider: str,
    api_key: SecretStr,
    **kwargs: Any,
) -> dict[str, Any]:
    """:func:`send` then :func:`json_body`; a JSON answer that is not an object is malformed."""
    response = await send(client, method, url, provider=provider, api_key=api_key, **kwargs)
    body = json_body(response, provider=provider, api_key=api_key)
    if not isinstance(body, dict):
        raise TransientProviderError(
            "malformed JSON answer: not an object", provider=provider, status=response.status_code
        )
    return body


def failure_text(code: str | None, message: str | None, fallback: str) -> str:
    """``[code] message`` for a terminal failure, as stored in a poll's ``error``."""
    text = message or fallback
    return f"[{code}] {text}" if code else text
