"""One text completion over a resolved AI config: OpenAI-compatible chat or Gemini.

Every failure is a :class:`~drama_common.errors.ProviderError` whose message names the
provider and the model: transient for timeouts, connection failures, 408/429 and 5xx;
permanent for other 4xx (carrying the provider's innermost message), refused content and
answers without text. The API key never appears in a message or a log line.
"""

from __future__ import annotations

import structlog

from drama_catalog.script import gemini_text, openai_chat
from drama_catalog.script.completion import Completion, permanent
from drama_common.errors import ProviderError
from drama_common.provider_models import ProviderSettings

__all__ = ["DEFAULT_TIMEOUT", "GEMINI_PROVIDERS", "Completion", "complete"]

log = structlog.get_logger()

GEMINI_PROVIDERS = frozenset({"gemini", "google"})
DEFAULT_TIMEOUT = 600.0


async def complete(
    settings: ProviderSettings,
    system: str,
    user: str,
    *,
    temperature: float | None = 0.7,
    max_tokens: int | None = None,
    request_timeout: float = DEFAULT_TIMEOUT,
) -> Completion:
    """Ask the configured model once (``system`` may be empty) and return its answer.

    ``temperature`` / ``max_tokens`` of ``None`` are not sent; ``request_timeout`` bounds the
    whole request in seconds.
    """
    is_gemini = settings.provider.lower() in GEMINI_PROVIDERS
    try:
        if not settings.model and not is_gemini:
            raise permanent(settings, "no model configured")
        if is_gemini:
            completion = await gemini_text.generate(
                settings,
                system,
                user,
                temperature=temperature,
                max_tokens=max_tokens,
                request_timeout=request_timeout,
            )
        else:
            completion = await openai_chat.chat(
                settings,
                system,
                user,
                temperature=temperature,
                max_tokens=max_tokens,
                request_timeout=request_timeout,
            )
    except ProviderError as exc:
        log.warning(
            "text completion failed",
            provider=settings.provider,
            model=settings.model,
            transient=exc.transient,
            status=exc.status,
            error=exc.message,
        )
        raise
    log.info(
        "text completion",
        provider=completion.provider,
        model=completion.model,
        finish_reason=completion.finish_reason,
        chars=len(completion.text),
    )
    return completion
