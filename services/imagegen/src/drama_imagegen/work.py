"""One image job: ask the provider (or draw locally), check the image, store it, report."""

from __future__ import annotations

import asyncio
import contextlib
import io
from dataclasses import dataclass

import httpx
import structlog
from nats.js import JetStreamContext
from PIL import Image, UnidentifiedImageError

from drama_common.consumer import Delivery
from drama_common.errors import PermanentProviderError
from drama_common.messages import subjects
from drama_common.messages.jobs import ImageJob
from drama_common.provider_models import ImageRequest
from drama_common.storage import ObjectStorage
from drama_common.worker.configs import ConfigResolver
from drama_common.worker.events import Reporter
from drama_common.worker.fetch import fetch_bytes, inline_own_image
from drama_common.worker.limits import ProviderLimits
from drama_imagegen.local_image import render_image
from drama_imagegen.providers.registry import image_provider_for
from drama_imagegen.settings import ImagegenSettings
from drama_imagegen.sizes import parse_size

log = structlog.get_logger()
FORMATS = {
    "PNG": ("png", "image/png"),
    "JPEG": ("jpg", "image/jpeg"),
    "WEBP": ("webp", "image/webp"),
}


def image_key(generation_id: int, extension: str) -> str:
    return f"images/generation-{generation_id}.{extension}"


@dataclass
class StoredImage:
    key: str
    mime_type: str
    width: int
    height: int


def inspect_image(data: bytes) -> tuple[str, str, int, int]:
    """Extension, MIME type and size of an image, or a permanent failure if it is none."""
    if not data:
        raise PermanentProviderError("the provider returned an empty image")
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
        with Image.open(io.BytesIO(data)) as image:
            kind = image.format or ""
            width, height = image.size
    except (UnidentifiedImageError, OSError, SyntaxError) as error:
        raise PermanentProviderError("the provider returned data that is not an image") from error
    extension, mime = FORMATS.get(kind, ("png", "image/png"))
    return extension, mime, width, height


class ImageWork:
    def __init__(
        self,
        settings: ImagegenSettings,
        js: JetStreamContext,
        storage: ObjectStorage,
        configs: ConfigResolver,
        http: httpx.AsyncClient,
    ) -> None:
        self._settings = settings
        self._report = Reporter(js, subjects.IMAGE_EVENTS, "image")
        self._storage = storage
        self._configs = configs
        self._http = http
        self._limits = ProviderLimits()

    async def handle(self, delivery: Delivery) -> None:
        job = delivery.parse(ImageJob)
        log.info(
            "image.job_started",
            generation_id=job.generation_id,
            attempt=delivery.attempt,
            provider=job.provider,
        )
        stored = await self._existing(job.generation_id)
        if stored is None:
            stored = await self._make(job, delivery)
        await self._report(
            job.generation_id,
            job.correlation_id,
            "completed",
            storage_key=stored.key,
            mime_type=stored.mime_type,
            width=stored.width,
            height=stored.height,
        )
        log.info("image.job_completed", generation_id=job.generation_id, key=stored.key)

    async def _make(self, job: ImageJob, delivery: Delivery) -> StoredImage:
        """Generate and store the image while the ``processing`` report is on its way; the
        report is waited for before this returns, so it is stored before the outcome."""
        reporting = asyncio.create_task(self._report_processing(job))
        try:
            data = await self._generate(job, delivery)
            stored = await self._store(job.generation_id, data)
        except BaseException:
            with contextlib.suppress(Exception):
                await reporting
            raise
        await reporting
        return stored

    async def _report_processing(self, job: ImageJob) -> None:
        """Tell the catalog the work has begun (the record moves to ``processing``)."""
        await self._report(job.generation_id, job.correlation_id, "processing")

    async def give_up(self, delivery: Delivery, reason: str) -> None:
        job = delivery.parse(ImageJob)
        await self._report(job.generation_id, job.correlation_id, "failed", error=reason)

    async def _existing(self, generation_id: int) -> StoredImage | None:
        """An image stored by an earlier delivery that died before reporting."""
        for extension, mime in FORMATS.values():
            key = image_key(generation_id, extension)
            if await self._storage.exists(key):
                data = await self._storage.get_bytes(key)
                _, _, width, height = inspect_image(data)
                return StoredImage(key, mime, width, height)
        return None

    async def _generate(self, job: ImageJob, delivery: Delivery) -> bytes:
        default = (self._settings.default_width, self._settings.default_height)
        width, height = parse_size(job.size, job.width, job.height, default)
        if job.config_id is None or job.provider == "local":
            return render_image(
                job.prompt,
                width,
                height,
                title=job.title or None,
                seed_text=f"{job.generation_id}:{job.prompt}",
            )
        config = await self._configs.resolve(job.config_id, job.config_version)
        if job.model:
            config = config.model_copy(update={"model": job.model})
        provider = image_provider_for(config, self._http)
        request = ImageRequest(
            prompt=job.prompt,
            size=job.size,
            quality=job.quality,
            style=job.style,
            negative_prompt=job.negative_prompt,
            width=width,
            height=height,
            reference_images=[
                inlined
                for url in job.reference_images
                if (inlined := await inline_own_image(url, self._storage))
            ],
        )
        await delivery.keep_alive()
        async with self._limits.slot(
            str(job.config_id), config.requests_per_minute, config.max_in_flight
        ):
            await delivery.keep_alive()
            result = await provider.generate(request)
        if result.data:
            return result.data
        if result.url:
            return await fetch_bytes(
                result.url,
                self._storage,
                self._http,
                allow_private=self._settings.allow_private_urls,
            )
        raise PermanentProviderError("the provider returned no image")

    async def _store(self, generation_id: int, data: bytes) -> StoredImage:
        extension, mime, width, height = inspect_image(data)
        key = image_key(generation_id, extension)
        await self._storage.put_bytes(key, data, mime)
        return StoredImage(key, mime, width, height)
