"""Every benchmark runs end to end in its ``--quick`` form and writes a complete JSON result.

The figures of a quick run mean nothing and are not checked; the fields are.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.bench
ROOT = Path(__file__).resolve().parents[2]
SPREAD = {"min", "median", "max", "runs"}


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bench-results")
    done = subprocess.run(
        [sys.executable, "-m", "bench.run_all", "--quick", "--results", str(folder)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=280,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return folder


def _result(folder: Path, name: str) -> dict:  # type: ignore[type-arg]
    data = json.loads((folder / f"{name}.json").read_text())
    assert data["benchmark"] == name and data["quick"] is True
    assert data["targets"] and all({"target", "value", "met"} <= set(t) for t in data["targets"])
    assert data["all_targets_met"] == all(t["met"] for t in data["targets"])
    return data


def test_summary_lists_every_benchmark(results: Path) -> None:
    summary = json.loads((results / "summary.json").read_text())
    assert set(summary) == {"gateway", "bus", "scaling", "merges"}
    assert not [name for name, outcome in summary.items() if "error" in outcome]


def test_gateway_result(results: Path) -> None:
    data = _result(results, "gateway")
    for endpoint in ("list", "detail", "create"):
        figures = data["endpoints"][endpoint]
        assert set(figures["stack"]["rps"]) >= SPREAD and set(figures["baseline"]["rps"]) >= SPREAD
        assert set(figures["stack"]["p99_ms"]) >= SPREAD
        assert set(figures["rps_ratio_stack_to_baseline"]) >= SPREAD
    growth = data["table_growth"]
    assert growth["rows_grown"] > growth["rows_small"]
    assert set(growth["stack_rps_ratio_grown_to_small"]) >= SPREAD


def test_bus_result(results: Path) -> None:
    data = _result(results, "bus")
    for key in ("p50_ms", "p99_ms", "wall_s"):
        assert set(data["paced"][key]) >= SPREAD and set(data["burst"][key]) >= SPREAD
        assert set(data["baseline"][key]) >= SPREAD
        assert set(data["ratio_burst_to_baseline"][key]) >= SPREAD
    assert data["paced"]["failed"]["max"] == 0 and data["burst"]["failed"]["max"] == 0
    assert data["setup"]["paced_jobs_per_s"] > 0 and set(data["judged_on"])
    for hops in (data["unloaded"]["hops"], *data["paced"]["hops_per_run"]):
        assert set(hops) == {"api_answer", "relay", "to_worker", "worker", "apply"}
        assert all(hop["p50_ms"] is not None for hop in hops.values())


def test_scaling_result(results: Path) -> None:
    data = _result(results, "scaling")
    points = {(p["processes"], p["in_flight_per_worker"]) for p in data["points"]}
    assert (1, 1) in points and len(points) >= 2
    for point in data["points"]:
        assert set(point["jobs_per_s"]) >= SPREAD and set(point["efficiency_vs_linear"]) >= SPREAD


def test_merges_result(results: Path) -> None:
    data = _result(results, "merges")
    assert data["uniform"]["strategy"] == "copy" and data["mixed"]["strategy"] == "normalise"
    for case in ("uniform", "mixed"):
        assert set(data[case]["ratio_merge_to_bare"]) >= SPREAD
