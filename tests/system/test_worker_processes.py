"""Each worker starts as its own process, declares its consumer, reports health and metrics,
and exits cleanly on SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx
import nats
import pytest

from drama_common.messages import subjects
from tests.fixtures.infra import NatsServer, eventually, free_port

BIN = Path(sys.executable).parent
WORKERS = {
    "imagegen": subjects.IMAGEGEN_CONSUMER,
    "videogen": subjects.VIDEOGEN_CONSUMER,
    "media": subjects.MEDIA_CONSUMER,
}


@pytest.mark.parametrize("worker", sorted(WORKERS))
async def test_worker_lifecycle(worker: str, private_nats: NatsServer, tmp_path: Path) -> None:
    port = free_port()
    env = {
        **os.environ,
        "NATS_URL": private_nats.url,
        "STORAGE_ROOT": str(tmp_path / "storage"),
        "HEALTH_PORT": str(port),
    }
    process = subprocess.Popen(
        [str(BIN / f"drama-{worker}")],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http:

            async def ready() -> bool:
                try:
                    return (await http.get("/ready")).status_code == 200
                except httpx.HTTPError:
                    return False

            await eventually(ready, timeout=60)
            assert (await http.get("/health")).json() == {"status": "ok"}
            assert "python_info" in (await http.get("/metrics")).text

        client = await nats.connect(private_nats.url)
        try:
            js = client.jetstream()
            consumer = await js.consumer_info(subjects.JOBS_STREAM, WORKERS[worker])
            assert consumer.config.durable_name == WORKERS[worker]
        finally:
            await client.close()

        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=60) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
