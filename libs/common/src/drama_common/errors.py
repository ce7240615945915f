"""Errors as exceptions, each with the envelope code and HTTP status it maps to."""

from __future__ import annotations

from enum import StrEnum
from typing import Any


class ErrorCode(StrEnum):
    """The ``error.code`` values of the envelope (api.md §1.4, plus our additions)."""

    BAD_REQUEST = "BAD_REQUEST"
    UNAUTHORIZED = "UNAUTHORIZED"
    FORBIDDEN = "FORBIDDEN"
    NOT_FOUND = "NOT_FOUND"
    PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE"
    UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE"
    RATE_LIMIT_EXCEEDED = "RATE_LIMIT_EXCEEDED"
    INTERNAL_ERROR = "INTERNAL_ERROR"
    SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE"


STATUS_OF: dict[ErrorCode, int] = {
    ErrorCode.BAD_REQUEST: 400,
    ErrorCode.UNAUTHORIZED: 401,
    ErrorCode.FORBIDDEN: 403,
    ErrorCode.NOT_FOUND: 404,
    ErrorCode.PAYLOAD_TOO_LARGE: 413,
    ErrorCode.UNSUPPORTED_MEDIA_TYPE: 415,
    ErrorCode.RATE_LIMIT_EXCEEDED: 429,
    ErrorCode.INTERNAL_ERROR: 500,
    ErrorCode.SERVICE_UNAVAILABLE: 503,
}


class AppError(Exception):
    """An error that reaches the client as an envelope.

    ``message_key`` names a translated message (see :mod:`drama_common.i18n`); ``params`` fill
    its placeholders. ``detail`` is an untranslated text (e.g. a provider's own message).
    """

    code: ErrorCode = ErrorCode.INTERNAL_ERROR

    def __init__(
        self, message_key: str = "internal", detail: str | None = None, **params: Any
    ) -> None:
        super().__init__(detail or message_key)
        self.message_key = message_key
        self.detail = detail
        self.params = params

    @property
    def status(self) -> int:
        return STATUS_OF[self.code]


class BadRequest(AppError):
    code = ErrorCode.BAD_REQUEST


class Unauthorized(AppError):
    code = ErrorCode.UNAUTHORIZED


class Forbidden(AppError):
    code = ErrorCode.FORBIDDEN


class NotFound(AppError):
    code = ErrorCode.NOT_FOUND


class PayloadTooLarge(AppError):
    code = ErrorCode.PAYLOAD_TOO_LARGE


class UnsupportedMediaType(AppError):
    code = ErrorCode.UNSUPPORTED_MEDIA_TYPE


class RateLimited(AppError):
    code = ErrorCode.RATE_LIMIT_EXCEEDED


class InternalError(AppError):
    code = ErrorCode.INTERNAL_ERROR


class ServiceUnavailable(AppError):
    code = ErrorCode.SERVICE_UNAVAILABLE


def error_from_code(code: str, detail: str) -> AppError:
    """Rebuild an error that crossed the bus as ``(code, message)``."""
    for cls in (
        BadRequest,
        Unauthorized,
        Forbidden,
        NotFound,
        PayloadTooLarge,
        UnsupportedMediaType,
        RateLimited,
        ServiceUnavailable,
    ):
        if cls.code == code:
            return cls(detail=detail)
    return InternalError(detail=detail)


class ProviderError(Exception):
    """A provider call failed.

    ``transient`` errors (timeouts, 429, 5xx, connection resets) may succeed on retry;
    permanent ones (4xx, content refused, a provider's terminal ``failed``) must not be
    retried. ``message`` is the provider's innermost message, unescaped.
    """

    def __init__(
        self, message: str, *, transient: bool, provider: str = "", status: int | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.transient = transient
        self.provider = provider
        self.status = status


class TransientProviderError(ProviderError):
    def __init__(self, message: str, *, provider: str = "", status: int | None = None) -> None:
        super().__init__(message, transient=True, provider=provider, status=status)


class PermanentProviderError(ProviderError):
    def __init__(self, message: str, *, provider: str = "", status: int | None = None) -> None:
        super().__init__(message, transient=False, provider=provider, status=status)
