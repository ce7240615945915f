"""Log lines carry no credentials, also inside the traceback of a logged exception."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator

import pytest
import structlog

from drama_common.logging import configure_logging

KEY = "sk-live-0123456789abcdefXYZ"


def _fail_with_key() -> None:
    raise RuntimeError(f"provider refused Authorization: Bearer {KEY} for key {KEY}")


@pytest.fixture
def restored_logging() -> Iterator[None]:
    """Logging as it was before the test (the test's configuration writes to a captured
    stream that is closed after it)."""
    config = structlog.get_config()
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    structlog.configure(**config)
    root.handlers[:] = handlers
    root.setLevel(level)


def test_exception_text_is_redacted(
    capsys: pytest.CaptureFixture[str], restored_logging: None
) -> None:
    configure_logging("test", "INFO", json=True)
    try:
        _fail_with_key()
    except RuntimeError:
        structlog.get_logger().exception("call.failed", api_key=KEY)

    line = json.loads(capsys.readouterr().err.strip().splitlines()[-1])
    assert KEY not in json.dumps(line)
    assert "RuntimeError: provider refused" in line["exception"]
    assert "_fail_with_key" in line["exception"]
    assert line["api_key"] == "***"
