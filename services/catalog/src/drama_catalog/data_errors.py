"""Values the database refuses as bad data become a client's 400, never a 500.

PostgreSQL answers a value it cannot store (too long for a ``varchar(n)``, a number beyond its
column's range, a NUL character in text) with an error of SQLSTATE class 22, "data exception".
Drivers refuse some numbers before they reach the server: asyncpg will not encode one too wide
for an ``integer`` column (a general data exception caused by an ``OverflowError``), sqlite3
one wider than 64 bits (a bare ``OverflowError``).
All of these are bad input. The client gets our own message, never the SQL or its parameters.
"""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError

from drama_common.errors import BadRequest

DATA_EXCEPTION_CLASS = "22"
GENERAL_DATA_EXCEPTION = "22000"
"""What asyncpg reports, with the ``OverflowError`` as its cause, for a number it cannot encode."""
NUMBER_OUT_OF_RANGE = "22003"
MESSAGE_OF_STATE: dict[str, str] = {
    "22001": "value_too_long",
    NUMBER_OUT_OF_RANGE: "number_range",
    "22021": "bad_character",
    "22P05": "bad_character",
}
"""Message keys of the SQLSTATEs a client can cause; other data exceptions get ``bad_value``."""


def refused_value_state(error: BaseException) -> str | None:
    """The SQLSTATE of class 22 that ``error`` stands for, or ``None`` when it is no refusal
    of a value."""
    if isinstance(error, OverflowError):
        return NUMBER_OUT_OF_RANGE
    if not isinstance(error, DBAPIError):
        return None
    state = getattr(error.orig, "sqlstate", None) or getattr(error.orig, "pgcode", None)
    if state in (None, GENERAL_DATA_EXCEPTION) and _caused_by_overflow(error.orig):
        return NUMBER_OUT_OF_RANGE
    if state is None or not str(state).startswith(DATA_EXCEPTION_CLASS):
        return None
    return str(state)


def refused_value(state: str) -> BadRequest:
    """The client's error for a value refused with SQLSTATE ``state``."""
    return BadRequest(MESSAGE_OF_STATE.get(state, "bad_value"))


def _caused_by_overflow(error: BaseException | None) -> bool:
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, OverflowError):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False
