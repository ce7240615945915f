"""The table of RPC methods a catalog answers, filled by each domain module."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from drama_catalog.context import CatalogContext
from drama_common.rpc import Handler

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
    """The RPC handler table: each method with the catalog's context bound."""

    def bind(method: Method) -> Handler:
        async def handle(params: dict[str, Any]) -> Any:
            return await method(context, params)

        return handle

    return {name: bind(method) for name, method in routes.methods.items()}
