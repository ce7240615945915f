"""Building the envelope answers and reading path ids the same way everywhere."""

from __future__ import annotations

from typing import Any

import orjson
from fastapi.responses import Response

from drama_common import envelope
from drama_common.errors import BadRequest

MAX_ID = 2**63 - 1


class JSONBody(Response):
    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content, option=orjson.OPT_NON_STR_KEYS)


def ok(data: Any = envelope._OMIT, status: int = 200) -> JSONBody:
    return JSONBody(envelope.success(data), status_code=status)


def raw(data: Any, status: int = 200) -> JSONBody:
    return JSONBody(data, status_code=status)


def entity_id(value: str | int) -> int:
    """A path or body id: a positive integer in range, else a 400 envelope."""
    text = str(value).strip()
    if not (text.isascii() and text.isdigit()) or int(text) > MAX_ID or int(text) == 0:
        raise BadRequest("invalid_id", value=text[:40])
    return int(text)
