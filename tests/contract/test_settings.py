"""Contract of /settings/language (api.md §2.18): read, switch, refuse, and messages follow."""

from __future__ import annotations

from tests.contract.answers import data_of, error_of
from tests.fixtures.stack import Stack


async def test_language_is_read_switched_and_validated(stack: Stack) -> None:
    before = data_of(await stack.api.get("/settings/language"))["language"]
    assert before in ("zh", "en")
    try:
        switched = data_of(await stack.api.put("/settings/language", json={"language": "en"}))
        assert switched["language"] == "en" and switched["message"]
        assert data_of(await stack.api.get("/settings/language")) == {"language": "en"}
        missing = error_of(await stack.api.get("/dramas/999999999"), 404, "NOT_FOUND")
        assert "not found" in missing
        error_of(
            await stack.api.put("/settings/language", json={"language": "fr"}), 400, "BAD_REQUEST"
        )
        error_of(await stack.api.put("/settings/language", json={}), 400, "BAD_REQUEST")
        error_of(
            await stack.api.put("/settings/language", json={"language": 1}), 400, "BAD_REQUEST"
        )
    finally:
        await stack.api.put("/settings/language", json={"language": before})
    assert data_of(await stack.api.get("/settings/language")) == {"language": before}
