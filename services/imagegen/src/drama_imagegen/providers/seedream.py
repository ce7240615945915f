"""Volcengine Ark Seedream images (``POST {base}/images/generations``, providers.md §3.3).

Body: ``model``, ``prompt`` (with ``". Negative: <text>"`` appended when a negative prompt
is given), ``image`` only with references, ``sequential_image_generation: "disabled"`` and
``size``. ``watermark`` is not sent (as in the reference; upstream defaults it to true).

Answer: ``data[0].url`` (or ``b64_json``). A 2xx answer carrying an ``error`` object, at the
top or in ``data[0]``, is a permanent failure with ``error.message``. Other errors follow
:mod:`drama_common.provider_http` (transport, 408/429/5xx and malformed 2xx bodies are
transient; other 4xx permanent); no usable image is a permanent ``"empty result"``.
"""

from __future__ import annotations

from typing import Any

import httpx
import structlog

from drama_common.errors import PermanentProviderError
from drama_common.provider_http import bearer, call_json, join_url, provider_error, scrub
from drama_common.provider_models import ImageRequest, ImageResult, ProviderSettings
from drama_imagegen.providers.answers import first_image

log = structlog.get_logger()


class SeedreamProvider:
    def __init__(self, settings: ProviderSettings, client: httpx.AsyncClient) -> None:
        self.name = settings.provider or "volcengine"
        self._settings = settings
        self._client = client

    def body(self, request: ImageRequest) -> dict[str, Any]:
        prompt = request.prompt
        if request.negative_prompt:
            prompt = f"{prompt}. Negative: {request.negative_prompt}"
        body: dict[str, Any] = {"model": self._settings.model, "prompt": prompt}
        if request.reference_images:
            body["image"] = list(request.reference_images)
        body["sequential_image_generation"] = "disabled"
        if request.size:
            body["size"] = request.size
        return body

    def _refuse_error(self, answer: dict[str, Any]) -> None:
        data = answer.get("data")
        first = data[0] if isinstance(data, list) and data else None
        for holder in (answer, first):
            if isinstance(holder, dict) and holder.get("error") not in (None, "", {}):
                _, message = provider_error(holder)
                text = scrub(message or "image generation failed", self._settings.api_key)
                raise PermanentProviderError(text, provider=self.name)

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
        self._refuse_error(answer)
        return first_image(answer, provider=self.name)
