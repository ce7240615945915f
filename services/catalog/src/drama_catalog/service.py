"""The catalog process: database, RPC handlers, outbox relay, event and script consumers."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncEngine

from drama_catalog.context import CatalogContext
from drama_catalog.db import make_engine, migrate, reader_engine, session_factory
from drama_catalog.domains import all_routes
from drama_catalog.domains.app_settings import load_language
from drama_catalog.events import EventApplier
from drama_catalog.generation.apply import apply_event
from drama_catalog.outbox import OutboxRelay
from drama_catalog.routing import bind_methods
from drama_catalog.script.jobs import ScriptJobRunner
from drama_catalog.settings import CatalogSettings
from drama_catalog.sweeper import Sweeper
from drama_common.consumer import ConsumerPolicy, JobConsumer
from drama_common.messages import subjects
from drama_common.rpc import RpcServer
from drama_common.service import Service
from drama_common.storage import make_storage


class CatalogService(Service):
    name = "catalog"

    def __init__(self, settings: CatalogSettings) -> None:
        super().__init__(settings)
        self.catalog_settings = settings
        self.engine: AsyncEngine | None = None
        self.context: CatalogContext | None = None
        self._parts: list[JobConsumer] = []

    async def start(self) -> None:
        settings = self.catalog_settings
        await migrate(settings.database_url)
        self.engine = make_engine(
            settings.database_url, pool_size=settings.db_pool_size, max_overflow=0
        )
        context = CatalogContext(
            settings=settings,
            sessions=session_factory(self.engine),
            readers=session_factory(reader_engine(self.engine)),
            storage=make_storage(settings),
            language=settings.language,
        )
        self.context = context
        context.language = await load_language(context)
        handlers = bind_methods(all_routes(), context)
        self._rpc = RpcServer(
            self.bus.client,
            subjects.CATALOG_RPC,
            subjects.CATALOG_QUEUE,
            handlers,
            language=lambda: context.language,
            concurrency=settings.rpc_concurrency,
        )
        self._relay = OutboxRelay(context, self.bus.js)
        context.publish_committed = self._relay.publish_committed
        applier = EventApplier(context, apply_event)
        events = JobConsumer(
            self.bus.js,
            subjects.EVENTS_STREAM,
            subjects.EVENTS,
            subjects.CATALOG_EVENTS_CONSUMER,
            applier.handle,
            applier.give_up,
            ConsumerPolicy(concurrency=8, max_deliver=10, drain_s=settings.drain_timeout_s),
        )
        runner = ScriptJobRunner(context)
        scripts = JobConsumer(
            self.bus.js,
            subjects.JOBS_STREAM,
            subjects.SCRIPT_JOBS,
            subjects.SCRIPT_CONSUMER,
            runner.handle,
            runner.give_up,
            ConsumerPolicy(
                concurrency=settings.script_concurrency,
                ack_wait_s=120,
                drain_s=settings.drain_timeout_s,
                max_deliver=3,
            ),
        )
        self._parts = [events, scripts]
        self._sweeper = Sweeper(context)
        for part in self._parts:
            await part.start()
        self._relay.start()
        self._sweeper.start()
        await self._rpc.start()

    async def stop(self) -> None:
        await self._rpc.stop()
        await self._sweeper.stop()
        for part in self._parts:
            await part.stop()
        await self._relay.stop()
        if self.engine is not None:
            await self.engine.dispose()
