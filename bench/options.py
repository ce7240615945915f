"""What every benchmark is told: quick or full, and where results go."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Options:
    """``quick``: a tiny run that only proves the benchmark works (figures mean little).
    ``results``: the folder for the JSON results (default ``bench/results``)."""

    quick: bool = False
    results: Path | None = None
