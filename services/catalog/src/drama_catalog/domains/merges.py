"""Catalog methods: merges."""

from __future__ import annotations

from drama_catalog.routing import Routes

routes = Routes()
