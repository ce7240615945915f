"""Gateway benchmark: list, detail and create of dramas through gateway → NATS → catalog →
PostgreSQL, against a minimal FastAPI app reading the same rows directly; then list again
once the table has grown, to see whether listing slows down with the table."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import structlog

from bench.infra import BIN, Process, free_port, url_ok
from bench.options import Options
from bench.stack import BenchStack, create_drama
from bench.stats import Target, at_least, at_most, ratios, spread, write_result
from bench.wrk import Load, run_wrk

log = structlog.get_logger()
NAME = "gateway"
CREATE_BODY = json.dumps({"title": "bench drama", "description": "load", "genre": "bench"})
TARGET_RPS = {"list": 200.0, "detail": 500.0, "create": 500.0}
TARGET_P99_MS = 250.0
GROWN_SLOWDOWN_LIMIT = 0.9
"""List requests/s on the grown table over the small table: ``not slower`` allows 10 % noise."""


@dataclass(frozen=True)
class Sizes:
    seconds: float
    runs: int
    small_table: int
    grown_table: int


def sizes(options: Options) -> Sizes:
    if options.quick:
        return Sizes(seconds=1, runs=1, small_table=100, grown_table=2_000)
    return Sizes(seconds=10, runs=3, small_table=1_000, grown_table=100_000)


async def grow_dramas(database_url: str, template_id: int, total: int) -> int:
    """Copy the template drama until the live table holds ``total`` rows; answers the count."""
    connection = await asyncpg.connect(database_url)
    try:
        count = int(
            await connection.fetchval("SELECT count(*) FROM dramas WHERE deleted_at IS NULL")
        )
        missing = total - count
        if missing > 0:
            await connection.execute(
                "INSERT INTO dramas (title, description, genre, style, status, total_episodes, "
                "total_duration, created_at, updated_at) "
                "SELECT 'seeded ' || g, description, genre, style, status, total_episodes, "
                "total_duration, now() - g * interval '1 second', now() - g * interval '1 second' "
                "FROM dramas, generate_series(1, $2) AS g WHERE id = $1",
                template_id,
                missing,
            )
            await connection.execute("ANALYZE dramas")
        return int(
            await connection.fetchval("SELECT count(*) FROM dramas WHERE deleted_at IS NULL")
        )
    finally:
        await connection.close()


def start_baseline(stack: BenchStack) -> tuple[Process, str]:
    port = free_port()
    argv = [
        str(BIN / "python"),
        "-m",
        "uvicorn",
        "bench.baseline_app:app",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "warning",
        "--no-access-log",
    ]
    env = {**stack.env(), "BENCH_DATABASE_URL": stack.database_url, "PYTHONPATH": str(_repo_root())}
    process = stack.group.add(
        Process("baseline", argv, env, stack.root / "logs" / "baseline.log", cwd=_repo_root())
    )
    root = f"http://127.0.0.1:{port}"
    process.wait_ready(lambda: url_ok(root + "/api/v1/dramas?page_size=1"), timeout=60)
    return process, root + "/api/v1"


def _repo_root() -> Path:
    return Path(__file__).resolve().parent.parent


def _requests(drama_id: int) -> dict[str, tuple[str, str, str | None]]:
    return {
        "list": ("/dramas", "GET", None),
        "detail": (f"/dramas/{drama_id}", "GET", None),
        "create": ("/dramas", "POST", CREATE_BODY),
    }


def _pair(
    stack_api: str, base_api: str, path: str, method: str, body: str | None, seconds: float
) -> tuple[Load, Load]:
    """One baseline run, then one stack run, back to back."""
    base = run_wrk(base_api + path, seconds, method=method, body=body)
    full = run_wrk(stack_api + path, seconds, method=method, body=body)
    return full, base


def _series(loads: list[tuple[Load, Load]]) -> dict[str, Any]:
    stack_rps = [full.rps for full, _ in loads]
    base_rps = [base.rps for _, base in loads]
    return {
        "stack": {
            "rps": spread(stack_rps),
            "p50_ms": spread([full.p50_ms for full, _ in loads]),
            "p99_ms": spread([full.p99_ms for full, _ in loads]),
            "errors": sum(full.errors for full, _ in loads),
        },
        "baseline": {
            "rps": spread(base_rps),
            "p50_ms": spread([base.p50_ms for _, base in loads]),
            "p99_ms": spread([base.p99_ms for _, base in loads]),
            "errors": sum(base.errors for _, base in loads),
        },
        "rps_ratio_stack_to_baseline": spread(ratios(stack_rps, base_rps)),
        "p99_ratio_stack_to_baseline": spread(
            ratios([f.p99_ms for f, _ in loads], [b.p99_ms for _, b in loads])
        ),
        "runs": [{"stack": f.as_json(), "baseline": b.as_json()} for f, b in loads],
    }


async def run(options: Options) -> dict[str, Any]:
    plan = sizes(options)
    async with BenchStack() as stack:
        async with httpx.AsyncClient(base_url=stack.api_url, timeout=30) as api:
            drama_id = await create_drama(api)
        rows = await grow_dramas(stack.database_url, drama_id, plan.small_table)
        _, base_api = start_baseline(stack)
        endpoints: dict[str, Any] = {}
        for name, (path, method, payload) in _requests(drama_id).items():
            log.info("bench.gateway.endpoint", endpoint=name, rows=rows)
            loads = [
                _pair(stack.api_url, base_api, path, method, payload, plan.seconds)
                for _ in range(plan.runs)
            ]
            endpoints[name] = _series(loads)
        small_list = endpoints["list"]
        started = time.monotonic()
        grown = await grow_dramas(stack.database_url, drama_id, plan.grown_table)
        log.info("bench.gateway.grown", rows=grown, seconds=round(time.monotonic() - started, 1))
        grown_loads = [
            _pair(stack.api_url, base_api, "/dramas", "GET", None, plan.seconds)
            for _ in range(plan.runs)
        ]
        grown_list = _series(grown_loads)
    small_rps = [run["stack"]["rps"] for run in small_list["runs"]]
    grown_rps = [full.rps for full, _ in grown_loads]
    base_small = [run["baseline"]["rps"] for run in small_list["runs"]]
    base_grown = [base.rps for _, base in grown_loads]
    growth = {
        "rows_small": rows,
        "rows_grown": grown,
        "list": grown_list,
        "stack_rps_ratio_grown_to_small": spread(ratios(grown_rps, small_rps)),
        "baseline_rps_ratio_grown_to_small": spread(ratios(base_grown, base_small)),
    }
    targets = _targets(endpoints, growth)
    body = {
        "quick": options.quick,
        "load": {
            "tool": "wrk",
            "threads": 2,
            "connections": 32,
            "seconds": plan.seconds,
            "runs": plan.runs,
        },
        "endpoints": endpoints,
        "table_growth": growth,
    }
    return write_result(NAME, body, targets, options.results)


def _targets(endpoints: dict[str, Any], growth: dict[str, Any]) -> list[Target]:
    targets = []
    for name, limit in TARGET_RPS.items():
        figures = endpoints[name]["stack"]
        targets.append(at_least(f"{name} requests/s (median)", figures["rps"]["median"], limit))
        targets.append(
            at_most(f"{name} p99 ms (median)", figures["p99_ms"]["median"], TARGET_P99_MS)
        )
    targets.append(
        at_least(
            "list requests/s grown/small table (median)",
            growth["stack_rps_ratio_grown_to_small"]["median"],
            GROWN_SLOWDOWN_LIMIT,
        )
    )
    return targets
