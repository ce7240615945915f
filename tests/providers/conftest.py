"""Fixtures of the provider adapter tests: HTTP clients with a normal and a short timeout."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from tests.providers.support import CLIENT_TIMEOUT, HANG_TIMEOUT


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(timeout=CLIENT_TIMEOUT) as http:
        yield http


@pytest.fixture
async def short_client() -> AsyncIterator[httpx.AsyncClient]:
    """A client whose timeout a hanging fake certainly exceeds."""
    async with httpx.AsyncClient(timeout=HANG_TIMEOUT) as http:
        yield http
