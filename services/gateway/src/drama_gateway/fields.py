"""Field types shared by request bodies."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator, WithJsonSchema

MAX_ID = 2**63 - 1


def _as_id(value: Any) -> Any:
    """A JSON number or a numeric string becomes an int; anything else fails validation."""
    if isinstance(value, bool):
        raise ValueError("an id must be a number or a numeric string")
    if isinstance(value, str):
        text = value.strip()
        if not text.isdigit() or not text.isascii():
            raise ValueError("an id must be a number or a numeric string")
        value = int(text)
    if isinstance(value, int) and 0 <= value <= MAX_ID:
        return value
    raise ValueError("an id must be a non-negative integer")


BodyId = Annotated[
    int,
    BeforeValidator(_as_id),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 0, "maximum": MAX_ID},
                {"type": "string", "pattern": "^[0-9]{1,18}$"},
            ]
        }
    ),
]
"""An entity id in a body: a JSON number or a numeric string (``0`` means "none")."""
