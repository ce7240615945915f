"""A failed statement's error names the statement but not its parameters: errors end up in
log lines, and parameters can hold an AI config's API key."""

from __future__ import annotations

import pytest
from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine

from drama_catalog.models import AIServiceConfig

KEY = "zq7Hw2Lm9Xc4Vb8Nt3Rk6Yp1-not-shaped-like-a-key"


async def test_failed_insert_does_not_show_the_key(engine: AsyncEngine) -> None:
    nameless = insert(AIServiceConfig).values(
        service_type="image", name=None, base_url="http://127.0.0.1:9", api_key=KEY
    )
    with pytest.raises(IntegrityError) as caught:
        async with engine.begin() as connection:
            await connection.execute(nameless)

    assert "ai_service_configs" in str(caught.value)
    assert KEY not in str(caught.value)
    assert KEY not in repr(caught.value)
