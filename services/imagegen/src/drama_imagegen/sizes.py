"""Reading the requested size of an image."""

from __future__ import annotations

import re

SIZE = re.compile(r"^\s*(\d{2,5})\s*[xX*×]\s*(\d{2,5})\s*$")
MAX_SIDE = 4096


def parse_size(
    size: str, width: int | None, height: int | None, default: tuple[int, int]
) -> tuple[int, int]:
    """Width and height from explicit numbers, then ``WxH`` text, then the default."""
    if width and height:
        return min(width, MAX_SIDE), min(height, MAX_SIDE)
    match = SIZE.match(size or "")
    if match:
        return min(int(match.group(1)), MAX_SIDE), min(int(match.group(2)), MAX_SIDE)
    return default
