"""Reading envelope answers in contract tests."""

from __future__ import annotations

import re
from typing import Any

import httpx

from drama_common.i18n import translate

TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


def data_of(response: httpx.Response, status: int = 200) -> Any:
    """The ``data`` of a success envelope (``None`` when the envelope has no ``data``)."""
    assert response.status_code == status, response.text
    body = response.json()
    assert body["success"] is True, body
    assert TIMESTAMP.match(body["timestamp"]), body
    assert "error" not in body
    return body.get("data")


def error_of(response: httpx.Response, status: int, code: str) -> str:
    """The message of an error envelope, after checking its status and code."""
    assert response.status_code == status, response.text
    body = response.json()
    assert body["success"] is False, body
    assert body["error"]["code"] == code, body
    assert "data" not in body
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    return str(body["error"]["message"])


async def translated(api: httpx.AsyncClient, key: str, **params: Any) -> str:
    """The message ``key`` in the language the service is set to."""
    language = data_of(await api.get("/settings/language"))["language"]
    return translate(key, language, **params)
