"""What a text provider answers, and how provider errors name the provider and the model."""

from __future__ import annotations

from dataclasses import dataclass

from drama_common.errors import (
    PermanentProviderError,
    ProviderError,
    TransientProviderError,
)
from drama_common.provider_models import ProviderSettings


@dataclass(frozen=True)
class Completion:
    """The text a model answered, why it stopped, and who answered."""

    text: str
    finish_reason: str | None
    provider: str
    model: str


def label(settings: ProviderSettings) -> str:
    """``provider/model`` as it appears in messages."""
    return f"{settings.provider}/{settings.model or '?'}"


def _scrubbed(text: str, settings: ProviderSettings) -> str:
    secret = settings.api_key.get_secret_value()
    return text.replace(secret, "***") if secret else text


def permanent(
    settings: ProviderSettings, message: str, status: int | None = None
) -> PermanentProviderError:
    """A permanent failure of this provider/model with ``message``."""
    return PermanentProviderError(
        f"{label(settings)}: {_scrubbed(message, settings)}",
        provider=settings.provider,
        status=status,
    )


def transient(
    settings: ProviderSettings, message: str, status: int | None = None
) -> TransientProviderError:
    """A failure of this provider/model that may pass on retry."""
    return TransientProviderError(
        f"{label(settings)}: {_scrubbed(message, settings)}",
        provider=settings.provider,
        status=status,
    )


def relabel(exc: ProviderError, settings: ProviderSettings) -> ProviderError:
    """``exc`` (raised by the shared HTTP helpers) re-raised with provider/model named."""
    make = transient if exc.transient else permanent
    return make(settings, exc.message, exc.status)


def is_transient_status(status: int) -> bool:
    """408, 429 and 5xx may pass on retry; any other error status will not."""
    return status in (408, 429) or status >= 500
