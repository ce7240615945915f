"""The ``keyword`` of list queries: too long or holding NUL is a 400 on every back end.

(The media library's ``search`` is lenient instead: the gateway cuts it to size.)
"""

from __future__ import annotations

import pytest

from drama_catalog.domains.search import MAX_KEYWORD_LENGTH
from drama_common.i18n import translate
from tests.contract.answers import data_of, error_of, translated
from tests.contract.content import new_drama, unique
from tests.fixtures.stack import Stack

KEYWORD_ROUTES = ["/dramas", "/character-library"]
BEYOND_SQLITE_LIKE = "k" * 50_001
"""Longer than the longest LIKE pattern SQLite accepts (50,000 bytes)."""


@pytest.mark.parametrize("path", KEYWORD_ROUTES)
@pytest.mark.parametrize("length", [MAX_KEYWORD_LENGTH + 1, len(BEYOND_SQLITE_LIKE)])
async def test_an_over_long_keyword_is_refused(stack: Stack, path: str, length: int) -> None:
    answer = await stack.api.get(path, params={"keyword": "k" * length})
    expected = await translated(stack.api, "keyword_too_long", limit=MAX_KEYWORD_LENGTH)
    assert error_of(answer, 400, "BAD_REQUEST") == expected


@pytest.mark.parametrize("path", KEYWORD_ROUTES)
async def test_a_keyword_holding_nul_is_refused(stack: Stack, path: str) -> None:
    answer = await stack.api.get(path, params={"keyword": "a\u0000b"})
    assert error_of(answer, 400, "BAD_REQUEST") == await translated(stack.api, "keyword_character")


async def test_a_keyword_of_the_longest_allowed_length_still_finds(stack: Stack) -> None:
    title = unique("search")
    description = title + "d" * (MAX_KEYWORD_LENGTH - len(title))
    drama = await new_drama(stack.api, title=title, description=description)
    answer = await stack.api.get("/dramas", params={"keyword": description})
    assert [item["id"] for item in data_of(answer)["items"]] == [drama["id"]]


async def test_the_refusal_follows_the_language_setting(stack: Stack) -> None:
    before = data_of(await stack.api.get("/settings/language"))["language"]
    try:
        data_of(await stack.api.put("/settings/language", json={"language": "en"}))
        answer = await stack.api.get("/dramas", params={"keyword": BEYOND_SQLITE_LIKE})
        expected = translate("keyword_too_long", "en", limit=MAX_KEYWORD_LENGTH)
        assert error_of(answer, 400, "BAD_REQUEST") == expected
    finally:
        await stack.api.put("/settings/language", json={"language": before})
