"""Small helpers every domain module uses: ids, live rows, pages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from drama_catalog.models import Base
from drama_catalog.serialize import JsonDict
from drama_common.envelope import paginated
from drama_common.errors import BadRequest, NotFound

Row = TypeVar("Row", bound=Base)
MAX_ID = 2**63 - 1
MAX_PAGE = 2**31 - 1


def id_param(params: dict[str, Any], key: str = "id", *, what: str = "drama") -> int:
    """A positive integer id; anything else is answered as not found (it matches no row)."""
    value = params.get(key)
    text = str(value).strip() if value is not None else ""
    if not (text.isascii() and text.isdigit()) or not 0 < int(text) <= MAX_ID:
        raise NotFound("not_found", what=what)
    return int(text)


def strict_id_param(params: dict[str, Any], key: str = "id") -> int:
    """A positive integer id; anything else is a bad request."""
    value = params.get(key)
    text = str(value).strip() if value is not None else ""
    if not (text.isascii() and text.isdigit()) or not 0 < int(text) <= MAX_ID:
        raise BadRequest("invalid_id", value=text[:40])
    return int(text)


async def get_live(session: AsyncSession, model: type[Row], row_id: int, what: str) -> Row:
    """The row with ``row_id`` that is not soft-deleted, else a not-found error."""
    row = await session.get(model, row_id)
    if row is None or getattr(row, "deleted_at", None) is not None:
        raise NotFound("not_found", what=what)
    return row


@dataclass(frozen=True)
class Page:
    page: int
    page_size: int

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


def page_of(params: dict[str, Any]) -> Page:
    """The reference's rules: page < 1 becomes 1; page_size < 1 or > 100 becomes 20."""
    page = _int_or(params.get("page"), 1)
    size = _int_or(params.get("page_size"), 20)
    if page > MAX_PAGE:
        raise BadRequest("number_range")
    return Page(page if page >= 1 else 1, size if 1 <= size <= 100 else 20)


def _int_or(value: Any, default: int) -> int:
    try:
        return int(value) if value is not None and value != "" else default
    except (TypeError, ValueError):
        return default


async def count_of(session: AsyncSession, query: Select[Any]) -> int:
    total = await session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    return int(total or 0)


async def newest_first_page(
    session: AsyncSession,
    query: Select[Row],
    model: Any,
    page: Page,
    serialize: Callable[[Row], JsonDict],
) -> JsonDict:
    """One page of ``query`` over ``model`` (a table with ``created_at`` and ``id``), newest
    first, in the reference's pagination shape."""
    total = await count_of(session, query)
    order = (model.created_at.desc(), model.id.desc())
    rows = await session.scalars(query.order_by(*order).offset(page.offset).limit(page.page_size))
    return paginated([serialize(row) for row in rows], page.page, page.page_size, total)
