"""Container health check: exit 0 when the service in this container answers ``/health``.

A worker answers on ``HEALTH_PORT``; the gateway answers on its API port (``PORT``, 5678 by
default). One image runs every service, so both are tried and the first 200 wins.
Standard library only: it runs inside the image with nothing else to rely on.
"""

from __future__ import annotations

import os
import sys
import urllib.error
import urllib.request

GATEWAY_PORT = 5678


def candidate_ports(environ: dict[str, str]) -> list[int]:
    """The ports to try, in order, without repeats or zeros: ``HEALTH_PORT``, then the
    gateway's ``PORT`` (5678 when unset)."""
    ports: list[int] = []
    for raw in (environ.get("HEALTH_PORT", ""), environ.get("PORT", str(GATEWAY_PORT))):
        if raw.strip().isdigit() and int(raw) > 0 and int(raw) not in ports:
            ports.append(int(raw))
    return ports


def answers(port: int, timeout: float) -> bool:
    url = f"http://127.0.0.1:{port}/health"
    try:
        with urllib.request.urlopen(url, timeout=timeout) as reply:
            return bool(reply.status == 200)
    except (urllib.error.URLError, OSError, ValueError):
        return False


def main() -> int:
    environ = dict(os.environ)
    return 0 if any(answers(port, timeout=3.0) for port in candidate_ports(environ)) else 1


if __name__ == "__main__":
    sys.exit(main())
