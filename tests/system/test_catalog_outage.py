"""A killed catalog turns into 503 envelopes at once; a restarted one is used again."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest

from tests.fixtures.infra import NatsServer, eventually
from tests.fixtures.stack import Stack, stack_env, start_stack

BIN = Path(sys.executable).parent


def start_catalog(env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [str(BIN / "drama-catalog")],
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


@pytest.fixture
def catalog_env(private_nats: NatsServer, tmp_path: Path) -> dict[str, str]:
    return {
        "NATS_URL": private_nats.url,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'catalog.db'}",
        "STORAGE_ROOT": str(tmp_path / "storage"),
        "LOG_LEVEL": "WARNING",
    }


@pytest.fixture
def catalog_process(catalog_env: dict[str, str]) -> Iterator[list[subprocess.Popen[bytes]]]:
    processes = [start_catalog(catalog_env)]
    yield processes
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=30)


@pytest.fixture
async def gateway_only(catalog_env: dict[str, str], tmp_path: Path) -> AsyncIterator[Stack]:
    env = stack_env(catalog_env["NATS_URL"], catalog_env["DATABASE_URL"], tmp_path)
    stack, stop = await start_stack(env, kinds=())
    yield stack
    await stop()


async def language_answer(stack: Stack) -> httpx.Response:
    return await stack.api.get("/settings/language")


async def test_gateway_answers_503_within_two_seconds_and_recovers(
    catalog_process: list[subprocess.Popen[bytes]],
    catalog_env: dict[str, str],
    gateway_only: Stack,
) -> None:
    async def served() -> bool:
        return (await language_answer(gateway_only)).status_code == 200

    await eventually(served, timeout=60)

    catalog_process[0].send_signal(signal.SIGKILL)
    catalog_process[0].wait(timeout=10)
    await asyncio.sleep(0.2)
    started = time.monotonic()
    answer = await language_answer(gateway_only)
    waited = time.monotonic() - started
    assert answer.status_code == 503
    body = answer.json()
    assert body["success"] is False
    assert body["error"]["code"] == "SERVICE_UNAVAILABLE"
    assert waited < 2.0

    catalog_process.append(start_catalog(catalog_env))
    await eventually(served, timeout=60)
    assert (await language_answer(gateway_only)).json()["data"]["language"] in ("zh", "en")
