"""The table of RPC methods a catalog answers, filled by each domain module."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import structlog

from drama_catalog.context import CatalogContext
from drama_catalog.data_errors import refused_value, refused_value_state
from drama_common.rpc import Handler

log = structlog.get_logger()

Method = Callable[[CatalogContext, dict[str, Any]], Awaitable[Any]]


class Routes:
    """Collects ``@routes.method("dramas.list")`` handlers of one domain module."""

    def __init__(self) -> None:
        self.methods: dict[str, Method] = {}

    def method(self, name: str) -> Callable[[Method], Method]:
        def register(handler: Method) -> Method:
            if name in self.methods:
                raise ValueError(f"method {name} registered twice")
            self.methods[name] = handler
            return handler

        return register

    def include(self, other: Routes) -> None:
        for name, handler in other.methods.items():
            if name in self.methods:
                raise ValueError(f"method {name} registered twice")
            self.methods[name] = handler


def bind_methods(routes: Routes, context: CatalogContext) -> dict[str, Handler]:
    """The RPC handler table: each method with the catalog's context bound.

    A value the database refuses as bad data (see :mod:`drama_catalog.data_errors`) leaves as a
    ``BadRequest``; the handler's transaction has already rolled back by then.
    """

    def bind(name: str, method: Method) -> Handler:
        async def handle(params: dict[str, Any]) -> Any:
            try:
                return await method(context, params)
            except Exception as error:
                state = refused_value_state(error)
                if state is None:
                    raise
                log.info("rpc.value_refused", method=name, sqlstate=state)
                raise refused_value(state) from error

        return handle

    return {name: bind(name, method) for name, method in routes.methods.items()}
