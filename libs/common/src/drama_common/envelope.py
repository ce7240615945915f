"""The reference's response envelope (api.md §1.2)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from drama_common.errors import ErrorCode

_OMIT: Any = object()


def now_stamp() -> str:
    """UTC, RFC 3339, second precision, ``Z`` suffix."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def success(data: Any = _OMIT) -> dict[str, Any]:
    """A success body; ``data`` is left out entirely when not given."""
    body: dict[str, Any] = {"success": True}
    if data is not _OMIT:
        body["data"] = data
    body["timestamp"] = now_stamp()
    return body


def failure(code: ErrorCode | str, message: str) -> dict[str, Any]:
    return {
        "success": False,
        "error": {"code": str(code), "message": message},
        "timestamp": now_stamp(),
    }


def paginated(items: list[Any], page: int, page_size: int, total: int) -> dict[str, Any]:
    pages = (total + page_size - 1) // page_size if total and page_size > 0 else 0
    return {
        "items": items,
        "pagination": {
            "page": page,
            "page_size": page_size,
            "total": total,
            "total_pages": pages,
        },
    }
