"""Structured JSON logs carrying request and correlation ids, with secrets redacted."""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import MutableMapping
from typing import Any

import structlog

SECRET_FIELDS = re.compile(r"(api[_-]?key|authorization|secret|password|token)", re.I)
BEARER = re.compile(r"(Bearer\s+)[A-Za-z0-9._\-]+", re.I)
KEY_LIKE = re.compile(r"\b(sk|ak|AIza)[-_A-Za-z0-9]{12,}")


def _redact_value(value: Any) -> Any:
    if isinstance(value, str):
        return KEY_LIKE.sub("***", BEARER.sub(r"\1***", value))
    if isinstance(value, dict):
        return {
            k: "***" if SECRET_FIELDS.search(str(k)) else _redact_value(v) for k, v in value.items()
        }
    if isinstance(value, list | tuple):
        return [_redact_value(v) for v in value]
    return value


def redact(_logger: Any, _name: str, event: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    """Replace anything that looks like a credential before the line is written."""
    for key in list(event):
        if SECRET_FIELDS.search(key) and key not in {"token_count"}:
            event[key] = "***"
        else:
            event[key] = _redact_value(event[key])
    return event


def configure_logging(service: str, level: str = "INFO", json: bool = True) -> None:
    """Route stdlib and structlog records through one JSON renderer on stderr."""
    shared: list[Any] = [
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        structlog.processors.format_exc_info,
        redact,
    ]
    renderer: Any = structlog.processors.JSONRenderer() if json else structlog.dev.ConsoleRenderer()
    structlog.configure(
        processors=[*shared, renderer],
        wrapper_class=structlog.make_filtering_bound_logger(logging.getLevelName(level.upper())),
        logger_factory=structlog.PrintLoggerFactory(sys.stderr),
        cache_logger_on_first_use=False,
    )
    structlog.contextvars.bind_contextvars(service=service)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        structlog.stdlib.ProcessorFormatter(
            processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta, renderer],
            foreign_pre_chain=[*shared, structlog.stdlib.add_logger_name],
        )
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    # aiosqlite logs every statement with its parameters (API keys included) at DEBUG
    for noisy in ("httpx", "httpcore", "uvicorn.access", "faststream", "nats", "aiosqlite"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def bind_ids(*, request_id: str | None = None, correlation_id: str | None = None) -> None:
    """Attach ids to every log line of the current task."""
    ids = {"request_id": request_id, "correlation_id": correlation_id}
    structlog.contextvars.bind_contextvars(**{k: v for k, v in ids.items() if v})
