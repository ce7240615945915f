"""Entry point of the gateway process."""

from __future__ import annotations

import signal
from types import FrameType

import uvicorn

from drama_common.logging import configure_logging
from drama_gateway.app import create_app
from drama_gateway.settings import GatewaySettings


def _end_normally(signum: int, frame: FrameType | None) -> None:
    """SIGTERM outside uvicorn's own handling: before the server listens, or when uvicorn
    raises the signal again after its graceful shutdown. Either way the process ends with
    status 0, as the other services do."""
    raise SystemExit(0)


def main() -> None:
    settings = GatewaySettings()
    configure_logging("gateway", settings.log_level, settings.log_json)
    signal.signal(signal.SIGTERM, _end_normally)
    uvicorn.run(
        create_app(settings),
        host=settings.host,
        port=settings.port,
        log_config=None,
        access_log=False,
        timeout_graceful_shutdown=15,
    )


if __name__ == "__main__":
    main()
