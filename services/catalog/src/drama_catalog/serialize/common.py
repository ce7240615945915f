"""Building blocks of the answer shapes: timestamps, omitted keys, placeholders, storage paths
and key masking. Everything returned is plain ``dict``/``list``/``str``/``int``/``float``/
``bool``/``None``, ready for orjson."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import inspect

JsonDict = dict[str, Any]

ZERO_TIME = "0001-01-01T00:00:00Z"
STATIC_PREFIX = "/static"
MASK_CHAR = "*"
_MASK_MIN_LENGTH = 12


def timestamp(value: datetime | None) -> str | None:
    """RFC 3339 in UTC, fraction trimmed like Go's ``RFC3339Nano`` (``…T08:15:30.1234Z``)."""
    if value is None:
        return None
    if value.tzinfo is None:
        moment = value
    elif value.tzinfo is UTC:
        moment = value.replace(tzinfo=None)
    else:
        moment = value.astimezone(UTC).replace(tzinfo=None)
    text = moment.isoformat()
    return (text.rstrip("0") if moment.microsecond else text) + "Z"


def required_timestamp(value: datetime | None) -> str:
    """A timestamp key that is always present (the zero time when never set)."""
    return timestamp(value) or ZERO_TIME


def put_optional(target: JsonDict, key: str, value: Any) -> None:
    """Add ``key`` unless the value is empty (``None``, ``""``, ``[]``, ``{}``): Go's
    ``omitempty``."""
    if value is None or value == "" or value == [] or value == {}:
        return
    target[key] = value


def loaded(row: object, attribute: str) -> Any | None:
    """The value of a relationship when it was loaded, else ``None`` (never triggers a load:
    a loaded relationship is in the instance's state dictionary, an unloaded one is not). A
    plain result row (a Core select) has no relationships."""
    state = inspect(row, raiseerr=False)
    return None if state is None else state.dict.get(attribute)


def storage_path(path: str | None) -> str | None:
    """A storage-relative path in URL form: forward slashes, no leading ``./``."""
    if path is None:
        return None
    normalised = path.replace("\\", "/")
    while normalised.startswith("./"):
        normalised = normalised[2:]
    return normalised


def static_url(local_path: str | None, prefix: str = STATIC_PREFIX) -> str | None:
    """The public URL of a stored file: ``/static/<local_path>`` (absolute URLs unchanged)."""
    path = storage_path(local_path)
    if not path:
        return None
    if path.startswith(("http://", "https://", "data:")):
        return path
    return f"{prefix.rstrip('/')}/{path.lstrip('/')}"


def media_url(local_path: str | None, remote_url: str | None) -> str | None:
    """What a client shows for a media record: the stored copy if any, else the remote URL."""
    return static_url(local_path) or remote_url


def mask_api_key(api_key: str | None) -> str:
    """Hide a key: the first 3 and last 4 characters stay, the rest become asterisks; keys
    shorter than 12 characters are masked entirely."""
    if not api_key:
        return ""
    if len(api_key) < _MASK_MIN_LENGTH:
        return MASK_CHAR * len(api_key)
    return api_key[:3] + MASK_CHAR * (len(api_key) - 7) + api_key[-4:]


def is_masked_echo(candidate: str | None, stored_key: str | None) -> bool:
    """True when a client sent back the masked form of the stored key (so keep the stored
    key instead of overwriting it with asterisks)."""
    return bool(candidate) and candidate == mask_api_key(stored_key)


def drama_placeholder() -> JsonDict:
    return {
        "id": 0,
        "title": "",
        "description": None,
        "genre": None,
        "style": "",
        "total_episodes": 0,
        "total_duration": 0,
        "status": "",
        "thumbnail": None,
        "tags": None,
        "metadata": None,
        "created_at": ZERO_TIME,
        "updated_at": ZERO_TIME,
    }


def episode_placeholder() -> JsonDict:
    return {
        "id": 0,
        "drama_id": 0,
        "episode_number": 0,
        "title": "",
        "script_content": None,
        "description": None,
        "duration": 0,
        "status": "",
        "video_url": None,
        "thumbnail": None,
        "created_at": ZERO_TIME,
        "updated_at": ZERO_TIME,
        "drama": drama_placeholder(),
    }


def image_generation_placeholder() -> JsonDict:
    return {
        "id": 0,
        "drama_id": 0,
        "image_type": "",
        "provider": "",
        "prompt": "",
        "model": "",
        "size": "",
        "quality": "",
        "status": "",
        "created_at": ZERO_TIME,
        "updated_at": ZERO_TIME,
        "drama": drama_placeholder(),
    }


def video_generation_placeholder() -> JsonDict:
    return {
        "id": 0,
        "created_at": ZERO_TIME,
        "updated_at": ZERO_TIME,
        "drama_id": 0,
        "drama": drama_placeholder(),
        "provider": "",
        "prompt": "",
        "image_gen": image_generation_placeholder(),
        "status": "",
    }
