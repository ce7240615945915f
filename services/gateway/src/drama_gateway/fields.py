"""Field types shared by request bodies."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator, WithJsonSchema

from drama_common.storage import StorageError, clean_key

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


def _as_storage_key(value: Any) -> Any:
    """A key of our storage (optionally as ``/static/<key>``); paths that escape are refused."""
    if not isinstance(value, str) or value == "":
        return value
    key = value.removeprefix("/static/")
    try:
        clean_key(key)
    except StorageError as error:
        raise ValueError(f"not a storage key: {error}") from error
    return value


def _as_image_reference(value: Any) -> Any:
    """A reference image: an http(s) URL, a ``data:`` URI, or one of our stored objects."""
    if isinstance(value, str) and value.startswith(("http://", "https://", "data:image/")):
        return value
    return _as_storage_key(value)


StorageKey = Annotated[str, BeforeValidator(_as_storage_key)]
"""A relative key of our storage, or ``/static/<key>``."""

ImageReference = Annotated[str, BeforeValidator(_as_image_reference)]
"""An image a provider may be given: http(s), a data URI or a stored object."""
