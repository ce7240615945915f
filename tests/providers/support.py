"""Constants and helpers shared by the provider adapter tests."""

from __future__ import annotations

from pydantic import SecretStr

from drama_common.provider_models import ProviderSettings

API_KEY = "sk-test-5ecret-KEY"
# Long enough for a loaded machine, short enough that a hanging fake fails a test quickly.
CLIENT_TIMEOUT = 30.0
HANG_TIMEOUT = 0.5


def settings(provider: str, base_url: str, model: str = "", key: str = API_KEY) -> ProviderSettings:
    return ProviderSettings(
        provider=provider, base_url=base_url, api_key=SecretStr(key), model=model
    )
