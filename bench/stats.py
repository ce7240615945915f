"""Summaries of repeated measurements, target checks and result files."""

from __future__ import annotations

import json
import math
import os
import platform
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import structlog

log = structlog.get_logger()
RESULTS = Path(__file__).resolve().parent / "results"


def percentile(values: Sequence[float], fraction: float) -> float:
    """The ``fraction`` (0..1) percentile by linear interpolation; NaN for no values."""
    if not values:
        return math.nan
    ordered = sorted(values)
    position = (len(ordered) - 1) * fraction
    low = math.floor(position)
    high = math.ceil(position)
    weight = position - low
    return ordered[low] * (1 - weight) + ordered[high] * weight


def spread(values: Sequence[float]) -> dict[str, float]:
    """``min``/``median``/``max`` (and the run count) of per-run figures."""
    clean = [v for v in values if not math.isnan(v)]
    if not clean:
        return {"min": math.nan, "median": math.nan, "max": math.nan, "runs": 0}
    return {
        "min": round(min(clean), 4),
        "median": round(statistics.median(clean), 4),
        "max": round(max(clean), 4),
        "runs": len(clean),
    }


def ratios(numerators: Sequence[float], denominators: Sequence[float]) -> list[float]:
    """Per-run ratios (run i against run i's baseline)."""
    return [n / d if d else math.nan for n, d in zip(numerators, denominators, strict=True)]


@dataclass(frozen=True)
class Target:
    """A goal on one figure: ``value`` compared to ``limit`` with ``at_least`` or ``at_most``."""

    name: str
    value: float
    limit: float
    at_least: bool

    @property
    def met(self) -> bool:
        if math.isnan(self.value):
            return False
        return self.value >= self.limit if self.at_least else self.value <= self.limit

    def as_json(self) -> dict[str, Any]:
        sign = ">=" if self.at_least else "<="
        return {
            "target": f"{self.name} {sign} {self.limit}",
            "value": round(self.value, 4),
            "met": self.met,
        }


def at_least(name: str, value: float, limit: float) -> Target:
    return Target(name, value, limit, True)


def at_most(name: str, value: float, limit: float) -> Target:
    return Target(name, value, limit, False)


def write_result(
    name: str, body: dict[str, Any], targets: Sequence[Target], folder: Path | None = None
) -> dict[str, Any]:
    """Write ``<folder>/<name>.json`` with the figures, the targets and the machine."""
    result = {
        "benchmark": name,
        "finished_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": {
            "cpus": _cpus(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        **body,
        "targets": [target.as_json() for target in targets],
        "all_targets_met": all(target.met for target in targets),
    }
    out = folder or RESULTS
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{name}.json"
    path.write_text(json.dumps(_clean(result), indent=2, default=str) + "\n")
    for target in targets:
        log.info("bench.target", benchmark=name, **target.as_json())
    log.info("bench.result_written", path=str(path))
    return result


def _cpus() -> int:
    return os.cpu_count() or 0


def _clean(value: Any) -> Any:
    """The value with NaN (not JSON) written as ``null``."""
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dict):
        return {key: _clean(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(item) for item in value]
    return value
