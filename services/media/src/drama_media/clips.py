"""What a merge takes and gives: clips, the output target and the result."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Literal

from drama_media.probe import MediaInfo
from drama_media.transitions import Transition


@dataclass(frozen=True, slots=True)
class ClipInput:
    """One shot's clip, in merge order.

    ``start``/``end`` trim the clip (seconds); an ``end`` that is absent or not after
    ``start`` means "to the end". ``transition`` leads into the *next* clip and overrides
    the merge's default transition.
    """

    path: Path
    shot: int
    start: float | None = None
    end: float | None = None
    transition: Transition | None = None

    @property
    def trimmed(self) -> bool:
        start = self.start or 0.0
        return start > 0 or (self.end is not None and self.end > start)


@dataclass(frozen=True, slots=True)
class OutputTarget:
    """The frame size and rate a normalising pass encodes to (size rounded up to even)."""

    width: int = 1280
    height: int = 720
    fps: Fraction = Fraction(24)

    def __post_init__(self) -> None:
        if self.width <= 0 or self.height <= 0 or self.fps <= 0:
            raise ValueError("output target needs a positive size and frame rate")
        object.__setattr__(self, "width", self.width + self.width % 2)
        object.__setattr__(self, "height", self.height + self.height % 2)
        object.__setattr__(self, "fps", Fraction(self.fps).limit_denominator(1001))

    @property
    def frame_seconds(self) -> float:
        return float(1 / self.fps)


Strategy = Literal["copy", "normalise"]


@dataclass(frozen=True, slots=True)
class MergeResult:
    """A verified merged file: where it is, how it was made, and what it holds."""

    path: Path
    strategy: Strategy
    duration: float
    width: int
    height: int
    fps: Fraction
    clips: int
    info: MediaInfo
