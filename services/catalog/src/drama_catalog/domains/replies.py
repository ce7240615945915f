"""Small pieces of answers shared by the content domains."""

from __future__ import annotations

from typing import Any

from drama_catalog.context import CatalogContext
from drama_catalog.domains.common import MAX_ID
from drama_common.errors import BadRequest
from drama_common.i18n import translate


def message(context: CatalogContext, key: str) -> dict[str, str]:
    """``{"message": …}`` in the current language."""
    return {"message": translate(key, context.language)}


def optional_id(params: dict[str, Any], key: str) -> int | None:
    """An id given in a body (already an int from the gateway, or a numeric string); ``None``
    when absent, null or zero."""
    value = params.get(key)
    if value is None or value == "" or value == 0:
        return None
    text = str(value).strip()
    if isinstance(value, bool) or not (text.isascii() and text.isdigit()) or int(text) > MAX_ID:
        raise BadRequest("invalid_id", value=text[:40])
    return int(text) or None


def required_id(params: dict[str, Any], key: str) -> int:
    """Like :func:`optional_id`, but absent or zero is a bad request."""
    value = optional_id(params, key)
    if value is None:
        raise BadRequest("field_required", field=key)
    return value


def text_or_none(value: Any) -> str | None:
    """Empty text is stored as NULL."""
    return str(value) if value else None
