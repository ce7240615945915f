"""Turning a language model's reply into JSON, telling a cut-off reply from a malformed one.

Models wrap JSON in code fences and prose, leave trailing commas and now and then close one
brace too many. Those slips are repaired. A reply that stops in the middle of a value (the
token budget ran out) is *not* repaired: completing it would silently drop data, so it is
reported as :class:`ModelReplyTruncated` and the caller can ask again with a smaller batch.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

import json_repair

_OPENERS = {"{": "}", "[": "]"}
_CLOSERS = {"}": "{", "]": "["}
_FENCE = re.compile(r"```[ \t]*(?:json|JSON|json5)?[ \t]*\r?\n?(.*?)(?:```|\Z)", re.S)
_TRAILING_COMMA = re.compile(r",(\s*[}\]])")
_ABSENT = frozenset({"", "null", "undefined"})
_PREVIEW = 120
_MAX_STARTS = 8


class ModelReplyError(Exception):
    """The model answered, but not with the JSON we asked for."""

    def __init__(self, message: str, reply: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.reply = reply


class ModelReplyTruncated(ModelReplyError):
    """The reply stops before its JSON value is complete (token limit reached)."""


class ModelReplySyntaxError(ModelReplyError):
    """The reply holds no JSON value, or one that cannot be read even after repair."""


class ModelReplyShapeError(ModelReplyError):
    """Valid JSON, but not the shape the prompt asked for (e.g. a string instead of a list)."""


def clean_text(value: Any) -> str | None:
    """A model-supplied text, or ``None`` when it is absent.

    ``None``, ``""``, and the literal strings ``"null"`` / ``"undefined"`` (any case, after
    stripping) are absent, so they never overwrite a stored value. Numbers become text.
    """
    if value is None or isinstance(value, dict | list):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value).strip()
    return None if text.lower() in _ABSENT else text


def _preview(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _PREVIEW else flat[:_PREVIEW] + "…"


@dataclass
class _Span:
    """The first complete top-level value found from a start position."""

    text: str
    complete: bool


def _scan(text: str, start: int) -> _Span:
    """Follow brackets from ``text[start]`` (an opener) until the value closes.

    Strings are respected. A closer whose opener is nowhere on the stack is a surplus brace
    and is dropped. Running out of text with open structures means the reply was cut off.
    """
    stack: list[str] = []
    out: list[str] = []
    in_string = False
    escaped = False
    for ch in text[start:]:
        if in_string:
            out.append(ch)
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
            continue
        if ch == '"':
            in_string = True
        elif ch in _OPENERS:
            stack.append(ch)
        elif ch in _CLOSERS:
            opener = _CLOSERS[ch]
            if opener not in stack:
                continue
            while stack and stack[-1] != opener:
                out.append(_OPENERS[stack.pop()])
            stack.pop()
            out.append(ch)
            if not stack:
                return _Span("".join(out), complete=True)
            continue
        out.append(ch)
    return _Span("".join(out), complete=False)


def _unfence(text: str) -> str:
    """The content of the first code fence, or the text itself when there is none."""
    match = _FENCE.search(text)
    if match and match.group(1).strip():
        return match.group(1)
    return text


def _strip_trailing_commas(text: str) -> str:
    """Drop commas before a closer, outside strings."""
    parts = re.split(r'("(?:[^"\\]|\\.)*")', text)
    return "".join(
        part if index % 2 else _TRAILING_COMMA.sub(r"\1", part) for index, part in enumerate(parts)
    )


def _strict(candidate: str) -> Any:
    """Strict JSON, allowing trailing commas; raises ``ValueError``."""
    try:
        return json.loads(candidate)
    except ValueError:
        return json.loads(_strip_trailing_commas(candidate))


def _repaired(candidate: str) -> Any:
    """``json_repair``'s reading of ``candidate``, if it is a non-trivial value of the same kind."""
    repaired = json_repair.repair_json(
        _strip_trailing_commas(candidate), return_objects=True, ensure_ascii=False
    )
    expected = dict if candidate.startswith("{") else list
    if isinstance(repaired, expected) and (repaired or not candidate[1:-1].strip()):
        return repaired
    return None


def parse_model_json(text: str, finish_reason: str | None) -> Any:
    """The JSON value a model reply carries.

    Raises :class:`ModelReplyTruncated` when ``finish_reason`` is ``"length"`` or the value
    is left open, and :class:`ModelReplySyntaxError` for anything else that is not JSON.
    Each opening bracket of the reply (after any code fence) is tried in order, strictly
    first; only when no candidate is valid JSON is a repaired reading accepted.
    """
    if finish_reason == "length":
        raise ModelReplyTruncated(
            "model reply was cut off at the token limit (finish_reason=length)", text
        )
    body = _unfence(text or "").strip()
    if not body:
        raise ModelReplySyntaxError("model reply is empty", text)
    starts = [i for i, ch in enumerate(body) if ch in _OPENERS][:_MAX_STARTS]
    if not starts:
        raise ModelReplySyntaxError(
            f"model reply holds no JSON object or array: {_preview(body)}", text
        )
    candidates: list[str] = []
    for start in starts:
        span = _scan(body, start)
        if not span.complete:
            raise ModelReplyTruncated(
                "model reply ends before its JSON is complete (probably truncated): "
                f"…{_preview(body[-_PREVIEW:])}",
                text,
            )
        candidates.append(span.text)
    first_error: ValueError | None = None
    for candidate in candidates:
        try:
            return _strict(candidate)
        except ValueError as exc:
            first_error = first_error or exc
    for candidate in candidates:
        value = _repaired(candidate)
        if value is not None:
            return value
    raise ModelReplySyntaxError(f"invalid JSON in model reply: {first_error}", text)
