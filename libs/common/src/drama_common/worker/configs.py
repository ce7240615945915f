"""Resolving an AI config by id through the catalog; the key arrives sealed."""

from __future__ import annotations

import time

from pydantic import SecretStr

from drama_common.provider_models import ProviderSettings
from drama_common.rpc import RpcClient
from drama_common.sealing import unseal


class ConfigResolver:
    """Asks the catalog for a config and keeps the answer briefly."""

    def __init__(self, catalog: RpcClient, bus_secret: str, ttl_s: float = 30.0) -> None:
        self._catalog = catalog
        self._secret = bus_secret
        self._ttl = ttl_s
        self._cache: dict[tuple[int, str], tuple[float, ProviderSettings]] = {}

    async def resolve(self, config_id: int, version: str = "") -> ProviderSettings:
        """The config as the catalog has it; a kept copy serves only a job that names the
        same ``version`` (the config's last change), so an edited key or address is used from
        the next job on."""
        cached = self._cache.get((config_id, version))
        if cached is not None and time.monotonic() - cached[0] < self._ttl:
            return cached[1]
        answer = await self._catalog.call("ai_configs.resolve", {"id": config_id})
        sealed = str(answer.pop("sealed_key", "") or "")
        settings = ProviderSettings(
            **answer, api_key=SecretStr(unseal(sealed, self._secret) if sealed else "")
        )
        self._cache[(config_id, version)] = (time.monotonic(), settings)
        return settings
