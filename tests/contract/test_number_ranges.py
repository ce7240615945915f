"""Numbers too large for the database are refused with an envelope, never a 500."""

from __future__ import annotations

import pytest

from tests.contract.answers import error_of
from tests.fixtures.stack import Stack

HUGE = "99999999999999999999"


@pytest.mark.parametrize(
    "path",
    ["/dramas", "/images", "/videos", "/assets", "/character-library", "/video-merges"],
)
@pytest.mark.parametrize("page", [HUGE, str(2**63 - 1), str(2**62)])
async def test_huge_pages_are_refused(stack: Stack, path: str, page: str) -> None:
    answer = await stack.api.get(path, params={"page": page})
    assert answer.status_code in (200, 400), answer.text
    if answer.status_code == 400:
        error_of(answer, 400, "BAD_REQUEST")


async def test_huge_numbers_in_bodies_are_refused(stack: Stack) -> None:
    drama = (await stack.api.post("/dramas", json={"title": "range"})).json()["data"]
    answer = await stack.api.post(
        "/images", json={"drama_id": drama["id"], "prompt": "p", "seed": int(HUGE)}
    )
    error_of(answer, 400, "BAD_REQUEST")
