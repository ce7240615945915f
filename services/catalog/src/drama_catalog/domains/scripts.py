"""Catalog methods: scripts."""

from __future__ import annotations

from drama_catalog.routing import Routes

routes = Routes()
