"""Transitions between clips: the names clients send, mapped onto FFmpeg's ``xfade``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

HARD_CUT_NAMES = frozenset({"", "none"})
"""Names meaning "no transition": the clips are simply joined."""

XFADE_NAMES = frozenset(
    {
        "fade",
        "fadeblack",
        "fadewhite",
        "fadegrays",
        "dissolve",
        "distance",
        "pixelize",
        "slideleft",
        "slideright",
        "slideup",
        "slidedown",
        "wipeleft",
        "wiperight",
        "wipeup",
        "wipedown",
        "circleopen",
        "circleclose",
        "horzopen",
        "horzclose",
        "vertopen",
        "vertclose",
    }
)
"""Names passed to ``xfade`` unchanged."""

ALIASES = {"fadein": "fade", "fadeout": "fade"}
DEFAULT_SECONDS = 1.0


@dataclass(frozen=True, slots=True)
class Transition:
    """How one clip hands over to the next: ``kind`` as clients name it, length in seconds.

    A ``duration`` of zero or less means the default of one second.
    """

    kind: str = "fade"
    duration: float = DEFAULT_SECONDS

    @property
    def xfade(self) -> str | None:
        """The ``xfade`` transition name, or ``None`` for a hard cut."""
        return xfade_name(self.kind)

    @property
    def seconds(self) -> float:
        return self.duration if self.duration > 0 else DEFAULT_SECONDS

    @classmethod
    def from_json(cls, value: Any) -> Transition | None:
        """Read a stored ``{"type": ..., "duration": ...}`` object; ``None`` when absent."""
        if not isinstance(value, dict) or not value:
            return None
        kind = value.get("type")
        try:
            duration = float(value.get("duration") or 0)
        except (TypeError, ValueError):
            duration = 0.0
        return cls(kind=kind if isinstance(kind, str) else "fade", duration=duration)


def xfade_name(kind: str | None) -> str | None:
    """Map a client's transition name onto ``xfade``; unknown names become ``fade``."""
    name = (kind or "").strip().lower()
    if name in HARD_CUT_NAMES:
        return None
    name = ALIASES.get(name, name)
    return name if name in XFADE_NAMES else "fade"
