"""The media worker process: merge jobs from the bus, audio extraction by request-reply."""

from __future__ import annotations

import httpx

from drama_common.consumer import ConsumerPolicy, JobConsumer
from drama_common.messages import subjects
from drama_common.rpc import RpcServer
from drama_common.service import Service
from drama_common.storage import make_storage
from drama_media.extraction import AudioWork
from drama_media.settings import MediaSettings
from drama_media.work import MergeWork


class MediaService(Service):
    name = "media"

    def __init__(self, settings: MediaSettings) -> None:
        super().__init__(settings)
        self.media_settings = settings
        self._consumer: JobConsumer | None = None
        self._rpc: RpcServer | None = None
        self._http: httpx.AsyncClient | None = None

    async def start(self) -> None:
        settings = self.media_settings
        self._http = httpx.AsyncClient(timeout=settings.download_timeout_s)
        storage = make_storage(settings)
        merges = MergeWork(settings, self.bus.js, storage, self._http)
        audio = AudioWork(settings, storage, self._http)
        self._consumer = JobConsumer(
            self.bus.js,
            subjects.JOBS_STREAM,
            subjects.MEDIA_JOBS,
            subjects.MEDIA_CONSUMER,
            merges.handle,
            merges.give_up,
            ConsumerPolicy(
                concurrency=settings.concurrency,
                ack_wait_s=settings.ack_wait_s,
                max_deliver=settings.max_deliver,
                drain_s=settings.drain_timeout_s,
            ),
        )
        self._rpc = RpcServer(
            self.bus.client,
            subjects.MEDIA_RPC,
            subjects.MEDIA_QUEUE,
            {"audio.extract": audio.extract},
            language=lambda: settings.language,
            concurrency=settings.rpc_concurrency,
        )
        await self._consumer.start()
        await self._rpc.start()

    async def stop(self) -> None:
        if self._rpc is not None:
            await self._rpc.stop()
        if self._consumer is not None:
            await self._consumer.stop()
        if self._http is not None:
            await self._http.aclose()
