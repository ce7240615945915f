"""OpenAI images API (``POST {base}/images/generations``), also used for ChatFire and for any
provider without a dedicated adapter (providers.md §3.1).

Body: ``model``, ``prompt``, ``size``/``quality`` when set, ``n: 1``, and ``image`` (the
reference URLs or data URIs, unchanged) only when there are references. Negative prompt,
style and seed are not part of this protocol and are not sent.

Answer: ``data[0].url`` or ``data[0].b64_json`` (the reference ignores ``b64_json``; we read
it, so gpt-image style answers work). Errors follow :mod:`drama_common.provider_http`:
transport failures, 408/429/5xx and a malformed 2xx body are transient, other 4xx permanent
with the provider's innermost message; an answer without a usable image is a permanent
``"empty result"``.
"""

from __future__ import annotations

from typing import Any

import httpx
import structlog

from drama_common.provider_http import bearer, call_json, join_url
from drama_common.provider_models import ImageRequest, ImageResult, ProviderSettings
from drama_imagegen.providers.answers import first_image

log = structlog.get_logger()


class OpenAIImageProvider:
    def __init__(self, settings: ProviderSettings, client: httpx.AsyncClient) -> None:
        self.name = settings.provider or "openai"
        self._settings = settings
        self._client = client

    def body(self, request: ImageRequest) -> dict[str, Any]:
        body: dict[str, Any] = {"model": self._settings.model, "prompt": request.prompt}
        if request.size:
            body["size"] = request.size
        if request.quality:
            body["quality"] = request.quality
        body["n"] = 1
        if request.reference_images:
            body["image"] = list(request.reference_images)
        return body

    async def generate(self, request: ImageRequest) -> ImageResult:
        settings = self._settings
        log.info("image_generate", provider=self.name, model=settings.model)
        answer = await call_json(
            self._client,
            "POST",
            join_url(settings.base_url, "/images/generations"),
            provider=self.name,
            api_key=settings.api_key,
            headers=bearer(settings.api_key),
            json=self.body(request),
        )
        return first_image(answer, provider=self.name)
