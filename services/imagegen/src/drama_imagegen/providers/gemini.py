"""Gemini image generation (``POST {base}/v1beta/models/{model}:generateContent``, §3.2).

Body: one content (no ``role``) whose parts are the reference images as ``inlineData`` (in
order) followed by one text part: the prompt, ``"\\n\\nNegative prompt: …"`` when given and
``"\\n\\nImage size: <size>"``; plus ``generationConfig.responseModalities = ["IMAGE"]``.
Reference URLs are downloaded (without credentials); one that cannot be had is skipped.

Auth deviates from the reference on purpose: the key travels in the ``x-goog-api-key``
header, which Google accepts like ``?key=``, so it never appears in URLs, httpx's request
logs or exception texts.

Answer: the first part holding ``inlineData`` in ``candidates[0].content.parts`` (the
reference reads only ``parts[0]`` and fails when the model writes text first); the result is
the decoded bytes with the answer's own MIME type. No image, or bad base64, is a permanent
``"empty result"``; a prompt blocked by ``promptFeedback.blockReason`` is permanent with
that reason. Other errors follow :mod:`drama_common.provider_http`.
"""

from __future__ import annotations

import base64
from typing import Any

import httpx
import structlog

from drama_common.errors import PermanentProviderError
from drama_common.image_refs import decode_base64, load_reference, sniff_mime
from drama_common.provider_http import call_json, join_url
from drama_common.provider_models import ImageRequest, ImageResult, ProviderSettings
from drama_imagegen.providers.answers import EMPTY_RESULT

log = structlog.get_logger()

DEFAULT_MODEL = "gemini-3-pro-image-preview"


def _inline_data(part: Any) -> dict[str, Any] | None:
    """The ``inlineData`` (or snake-case ``inline_data``) of a part, if it holds base64."""
    if not isinstance(part, dict):
        return None
    inline = part.get("inlineData") or part.get("inline_data")
    if isinstance(inline, dict) and isinstance(inline.get("data"), str):
        return inline
    return None


class GeminiImageProvider:
    def __init__(self, settings: ProviderSettings, client: httpx.AsyncClient) -> None:
        self.name = settings.provider or "gemini"
        self._settings = settings
        self._client = client

    @property
    def model(self) -> str:
        return self._settings.model or DEFAULT_MODEL

    async def body(self, request: ImageRequest) -> dict[str, Any]:
        parts: list[dict[str, Any]] = []
        for ref in request.reference_images:
            loaded = await load_reference(self._client, ref)
            if loaded is not None:
                mime, data = loaded
                encoded = base64.b64encode(data).decode()
                parts.append({"inlineData": {"mimeType": mime, "data": encoded}})
        text = request.prompt
        if request.negative_prompt:
            text += f"\n\nNegative prompt: {request.negative_prompt}"
        text += f"\n\nImage size: {request.size}"
        parts.append({"text": text})
        return {
            "contents": [{"parts": parts}],
            "generationConfig": {"responseModalities": ["IMAGE"]},
        }

    def _image(self, answer: dict[str, Any]) -> ImageResult:
        candidates = answer.get("candidates")
        if not candidates:
            feedback = answer.get("promptFeedback")
            reason = feedback.get("blockReason") if isinstance(feedback, dict) else None
            if reason:
                raise PermanentProviderError(f"prompt blocked: {reason}", provider=self.name)
        first = candidates[0] if isinstance(candidates, list) and candidates else {}
        content = first.get("content") if isinstance(first, dict) else None
        parts = content.get("parts") if isinstance(content, dict) else None
        for part in parts if isinstance(parts, list) else []:
            inline = _inline_data(part)
            if inline is not None:
                try:
                    data = decode_base64(inline["data"])
                except ValueError:
                    break
                if data:
                    mime = inline.get("mimeType") or inline.get("mime_type")
                    return ImageResult(data=data, mime_type=mime or sniff_mime(data))
        reason = first.get("finishReason") if isinstance(first, dict) else None
        log.warning("image_answer_empty", provider=self.name, finish_reason=reason)
        raise PermanentProviderError(EMPTY_RESULT, provider=self.name)

    async def generate(self, request: ImageRequest) -> ImageResult:
        settings = self._settings
        log.info("image_generate", provider=self.name, model=self.model)
        path = f"/v1beta/models/{self.model}:generateContent"
        answer = await call_json(
            self._client,
            "POST",
            join_url(settings.base_url, path),
            provider=self.name,
            api_key=settings.api_key,
            headers={"x-goog-api-key": settings.api_key.get_secret_value()},
            json=await self.body(request),
        )
        return self._image(answer)
