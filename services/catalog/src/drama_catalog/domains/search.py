"""Substring search in list queries: the client's keyword, checked, as an escaped LIKE."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, or_
from sqlalchemy.orm import InstrumentedAttribute

from drama_common.errors import BadRequest

MAX_KEYWORD_LENGTH = 200
"""The longest keyword accepted, in characters. SQLite refuses LIKE patterns over 50,000 bytes;
far below that, a text this long is no longer a search a person types."""
NUL = "\x00"
ESCAPE = "\\"


def keyword_of(params: dict[str, Any]) -> str | None:
    """The ``keyword`` of a list query, or ``None`` when the query has none.

    Refused when longer than :data:`MAX_KEYWORD_LENGTH` or when it holds a NUL character:
    PostgreSQL cannot take one in text and SQLite's LIKE stops reading the pattern there.
    """
    value = params.get("keyword")
    if value is None or value == "":
        return None
    text = str(value)
    if len(text) > MAX_KEYWORD_LENGTH:
        raise BadRequest("keyword_too_long", limit=MAX_KEYWORD_LENGTH)
    if NUL in text:
        raise BadRequest("keyword_character")
    return text


def containing(
    text: str, *columns: InstrumentedAttribute[Any], ignore_case: bool = False
) -> ColumnElement[bool]:
    """Rows where any of ``columns`` contains ``text`` as written (its ``%``, ``_`` and ``\\``
    match themselves)."""
    escaped = text.replace(ESCAPE, ESCAPE * 2).replace("%", ESCAPE + "%").replace("_", ESCAPE + "_")
    pattern = f"%{escaped}%"
    return or_(
        *(
            column.ilike(pattern, escape=ESCAPE)
            if ignore_case
            else column.like(pattern, escape=ESCAPE)
            for column in columns
        )
    )
