"""The video worker process."""

from __future__ import annotations

import httpx

from drama_common.consumer import ConsumerPolicy, JobConsumer
from drama_common.messages import subjects
from drama_common.rpc import RpcClient
from drama_common.service import Service
from drama_common.storage import make_storage
from drama_common.worker.configs import ConfigResolver
from drama_videogen.ledger import SubmissionLedger
from drama_videogen.settings import VideogenSettings
from drama_videogen.work import VideoWork


class VideogenService(Service):
    name = "videogen"

    def __init__(self, settings: VideogenSettings) -> None:
        super().__init__(settings)
        self.videogen_settings = settings
        self._consumer: JobConsumer | None = None
        self._http: httpx.AsyncClient | None = None

    async def start(self) -> None:
        settings = self.videogen_settings
        self._http = httpx.AsyncClient(timeout=settings.provider_timeout_s)
        catalog = RpcClient(
            self.bus.client, subjects.CATALOG_RPC, "catalog", settings.rpc_timeout_s
        )
        configs = ConfigResolver(catalog, settings.bus_secret.get_secret_value())
        ledger = await SubmissionLedger.open(self.bus.js, settings.jetstream_replicas)
        work = VideoWork(settings, self.bus.js, make_storage(settings), configs, self._http, ledger)
        self._consumer = JobConsumer(
            self.bus.js,
            subjects.JOBS_STREAM,
            subjects.VIDEO_JOBS,
            subjects.VIDEOGEN_CONSUMER,
            work.handle,
            work.give_up,
            ConsumerPolicy(
                concurrency=settings.concurrency,
                ack_wait_s=settings.ack_wait_s,
                max_deliver=settings.max_deliver,
                drain_s=settings.drain_timeout_s,
            ),
        )
        await self._consumer.start()

    async def stop(self) -> None:
        if self._consumer is not None:
            await self._consumer.stop()
        if self._http is not None:
            await self._http.aclose()
