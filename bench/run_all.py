"""Run every benchmark: ``python -m bench.run_all [--quick] [--only NAME ...] [--results DIR]``.

Each benchmark writes ``<results>/<name>.json``; this also writes ``summary.json`` listing each
one's targets. A benchmark that cannot run (the stack not ready, a tool missing) is recorded
as an error in the summary and the others still run; the exit code is 1 then.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import structlog

from bench import bus, gateway, merges, scaling
from bench.options import Options
from bench.stats import RESULTS

log = structlog.get_logger()
Benchmark = Callable[[Options], Awaitable[dict[str, Any]]]
BENCHMARKS: dict[str, Benchmark] = {
    "gateway": gateway.run,
    "bus": bus.run,
    "scaling": scaling.run,
    "merges": merges.run,
}


def parse(argv: list[str]) -> tuple[Options, list[str]]:
    parser = argparse.ArgumentParser(prog="python -m bench.run_all", description=__doc__)
    parser.add_argument(
        "--quick", action="store_true", help="tiny runs that only check each benchmark works"
    )
    parser.add_argument("--only", nargs="+", choices=sorted(BENCHMARKS), default=None)
    parser.add_argument(
        "--results",
        type=Path,
        default=None,
        help=f"folder for the JSON results (default {RESULTS})",
    )
    args = parser.parse_args(argv)
    return Options(quick=args.quick, results=args.results), args.only or list(BENCHMARKS)


async def run_all(options: Options, names: list[str]) -> dict[str, Any]:
    summary: dict[str, Any] = {}
    for name in names:
        started = time.monotonic()
        log.info("bench.started", benchmark=name, quick=options.quick)
        try:
            result = await BENCHMARKS[name](options)
        except Exception as error:
            log.exception("bench.failed", benchmark=name)
            summary[name] = {"error": f"{type(error).__name__}: {error}"[:2000]}
            continue
        summary[name] = {
            "seconds": round(time.monotonic() - started, 1),
            "all_targets_met": result["all_targets_met"],
            "targets": result["targets"],
        }
    folder = options.results or RESULTS
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "summary.json").write_text(json.dumps(summary, indent=2) + "\n")
    return summary


def main(argv: list[str] | None = None) -> int:
    options, names = parse(sys.argv[1:] if argv is None else argv)
    summary = asyncio.run(run_all(options, names))
    failed = [name for name, outcome in summary.items() if "error" in outcome]
    log.info(
        "bench.done",
        failed=failed,
        targets_missed={
            name: [t["target"] for t in outcome.get("targets", []) if not t["met"]]
            for name, outcome in summary.items()
        },
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
