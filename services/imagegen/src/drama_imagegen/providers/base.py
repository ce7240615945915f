"""What every image provider adapter offers."""

from __future__ import annotations

from typing import Protocol

from drama_common.provider_models import ImageRequest, ImageResult


class ImageProvider(Protocol):
    """A synchronous image generator: one call, one finished image (or a provider error).

    ``generate`` raises :class:`~drama_common.errors.TransientProviderError` when a retry may
    succeed and :class:`~drama_common.errors.PermanentProviderError` when it cannot.
    """

    name: str

    async def generate(self, request: ImageRequest) -> ImageResult: ...
