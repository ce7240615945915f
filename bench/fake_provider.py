"""A fake OpenAI-compatible images provider, run as its own process.

``POST /v1/images/generations`` answers ``data[0].url`` pointing at a small PNG it serves
itself, after ``--delay-ms``. A gate lets a benchmark hold every generation until it opens
it (``POST /control/gate``), so that all jobs can be queued before timing starts;
``GET /control/stats`` tells how many generations wait at the gate and how many were served.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import uvicorn
from PIL import Image
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bench.infra import BIN, Process, ProcessGroup, free_port, url_ok

PNG_PATH = "/files/image.png"


def png_bytes(width: int = 64, height: int = 48) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (40, 90, 160)).save(buffer, "PNG")
    return buffer.getvalue()


@dataclass
class FakeState:
    delay_s: float
    gate: asyncio.Event = field(default_factory=asyncio.Event)
    waiting: int = 0
    served: int = 0
    image: bytes = field(default_factory=png_bytes)


def create_app(delay_s: float) -> Starlette:
    state = FakeState(delay_s)
    state.gate.set()

    async def generate(request: Request) -> Response:
        await request.body()
        if not state.gate.is_set():
            state.waiting += 1
            try:
                await state.gate.wait()
            finally:
                state.waiting -= 1
        if state.delay_s > 0:
            await asyncio.sleep(state.delay_s)
        state.served += 1
        root = f"{request.url.scheme}://{request.url.netloc}"
        return JSONResponse({"created": 1700000000, "data": [{"url": root + PNG_PATH}]})

    async def image(_: Request) -> Response:
        return Response(state.image, media_type="image/png")

    async def gate(request: Request) -> Response:
        body = await request.json()
        if body.get("open"):
            state.gate.set()
        else:
            state.gate.clear()
        if "delay_ms" in body:
            state.delay_s = float(body["delay_ms"]) / 1000
        return JSONResponse({"open": state.gate.is_set()})

    async def stats(_: Request) -> Response:
        return JSONResponse(
            {"waiting": state.waiting, "served": state.served, "open": state.gate.is_set()}
        )

    return Starlette(
        routes=[
            Route("/v1/images/generations", generate, methods=["POST"]),
            Route(PNG_PATH, image, methods=["GET"]),
            Route("/control/gate", gate, methods=["POST"]),
            Route("/control/stats", stats, methods=["GET"]),
        ]
    )


class FakeProvider:
    """Client side of a fake provider process started in ``group``."""

    def __init__(self, group: ProcessGroup, log_path: Path, delay_ms: float) -> None:
        self.port = free_port()
        self.root = f"http://127.0.0.1:{self.port}"
        argv = [
            str(BIN / "python"),
            "-m",
            "bench.fake_provider",
            "--port",
            str(self.port),
            "--delay-ms",
            str(delay_ms),
        ]
        process = group.add(Process("fake-provider", argv, _env(), log_path))
        process.wait_ready(lambda: url_ok(self.root + "/control/stats"), timeout=60)

    @property
    def base_url(self) -> str:
        return self.root + "/v1"

    async def set_gate(self, *, open_: bool, delay_ms: float | None = None) -> None:
        body: dict[str, object] = {"open": open_}
        if delay_ms is not None:
            body["delay_ms"] = delay_ms
        async with httpx.AsyncClient(timeout=10) as http:
            (await http.post(self.root + "/control/gate", json=body)).raise_for_status()

    async def stats(self) -> dict[str, int]:
        async with httpx.AsyncClient(timeout=10) as http:
            answer = await http.get(self.root + "/control/stats")
            answer.raise_for_status()
            data: dict[str, int] = answer.json()
            return data


def _env() -> dict[str, str]:
    root = str(Path(__file__).resolve().parent.parent)
    return {**os.environ, "PYTHONPATH": root + os.pathsep + os.environ.get("PYTHONPATH", "")}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="fake OpenAI images provider")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--delay-ms", type=float, default=0.0)
    args = parser.parse_args(argv if argv is not None else sys.argv[1:])
    uvicorn.run(
        create_app(args.delay_ms / 1000),
        host="127.0.0.1",
        port=args.port,
        log_level="warning",
        access_log=False,
    )


if __name__ == "__main__":
    main()
