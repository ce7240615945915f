"""The offline ``local`` image provider: a deterministic placeholder picture drawn with Pillow.

Colours and shapes come from a hash of the prompt and seed text, so the same request always
gives the same PNG bytes. The prompt is printed as a wrapped caption (with a CJK font when one
is installed), the optional title across the top.
"""

from __future__ import annotations

import colorsys
import hashlib
import io
import random
from collections.abc import Sequence
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

CJK_FONT_CANDIDATES: tuple[Path, ...] = (
    Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
    Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
    Path("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc"),
)
MAX_SIDE = 8192
MAX_CAPTION_LINES = 4

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont
RGB = tuple[int, int, int]


def _font(size: int, candidates: Sequence[Path]) -> Font:
    for path in candidates:
        try:
            return ImageFont.truetype(str(path), size)
        except OSError:
            continue
    try:
        return ImageFont.load_default(size=size)
    except (OSError, TypeError, ImportError):
        return ImageFont.load_default()


def _drawable(text: str, font: Font) -> str:
    """Text the font can take: the bitmap fallback font only knows Latin-1."""
    if isinstance(font, ImageFont.FreeTypeFont):
        return text
    return text.encode("latin-1", "replace").decode("latin-1")


def _palette(rng: random.Random) -> list[RGB]:
    hue = rng.random()
    colours: list[RGB] = []
    for step in range(5):
        h = (hue + step * 0.13 + rng.uniform(-0.03, 0.03)) % 1.0
        light = 0.25 + 0.5 * rng.random()
        r, g, b = colorsys.hls_to_rgb(h, light, 0.45 + 0.4 * rng.random())
        colours.append((round(r * 255), round(g * 255), round(b * 255)))
    return colours


def _background(width: int, height: int, top: RGB, bottom: RGB) -> Image.Image:
    mask = Image.linear_gradient("L").resize((width, height))
    return Image.composite(
        Image.new("RGB", (width, height), bottom), Image.new("RGB", (width, height), top), mask
    )


def _shapes(image: Image.Image, rng: random.Random, colours: list[RGB]) -> None:
    width, height = image.size
    layer = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    unit = max(min(width, height), 1)
    for index in range(6 + rng.randrange(6)):
        r, g, b = colours[index % len(colours)]
        fill = (r, g, b, 60 + rng.randrange(120))
        x, y = rng.randrange(width), rng.randrange(height)
        size = max(1, round(unit * rng.uniform(0.08, 0.45)))
        box = (x - size, y - size, x + size, y + size)
        kind = rng.randrange(3)
        if kind == 0:
            draw.ellipse(box, fill=fill)
        elif kind == 1:
            draw.rectangle(box, fill=fill)
        else:
            draw.polygon([(x, y - size), (x + size, y + size), (x - size, y + size)], fill=fill)
    image.paste(Image.alpha_composite(image.convert("RGBA"), layer).convert("RGB"))


def wrap_text(text: str, font: Font, max_width: float) -> list[str]:
    """Break ``text`` into lines no wider than ``max_width``.

    Lines break at spaces where possible and between any two characters otherwise, which
    also suits Chinese and Japanese text written without spaces.
    """
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        for char in paragraph:
            candidate = line + char
            if line and font.getlength(candidate) > max_width:
                head, space, tail = line.rpartition(" ")
                if space and head and not char.isspace():
                    lines.append(head)
                    line = tail + char
                else:
                    lines.append(line.rstrip())
                    line = char.lstrip()
            else:
                line = candidate
        lines.append(line.rstrip())
    return lines


def _caption(image: Image.Image, text: str, font: Font, *, at_bottom: bool, max_lines: int) -> None:
    width, height = image.size
    margin = max(2, width // 40)
    lines = wrap_text(_drawable(text, font), font, width - 2 * margin)
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], lines[max_lines - 1].rstrip()[:-1] + "…"]
    ascent, descent = font.getmetrics() if isinstance(font, ImageFont.FreeTypeFont) else (10, 2)
    line_height = ascent + descent + max(1, margin // 4)
    band = line_height * len(lines) + margin
    top = height - band if at_bottom else 0
    overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
    ImageDraw.Draw(overlay).rectangle((0, top, width, top + band), fill=(0, 0, 0, 140))
    image.paste(Image.alpha_composite(image.convert("RGBA"), overlay).convert("RGB"))
    draw = ImageDraw.Draw(image)
    y = top + margin // 2
    for line in lines:
        draw.text((margin, y), line, font=font, fill=(255, 255, 255))
        y += line_height


def render_image(
    prompt: str,
    width: int,
    height: int,
    *,
    title: str | None = None,
    seed_text: str = "",
    font_paths: Sequence[Path] = CJK_FONT_CANDIDATES,
) -> bytes:
    """Draw a ``width`` × ``height`` PNG for ``prompt``; equal inputs give equal bytes."""
    if not (0 < width <= MAX_SIDE and 0 < height <= MAX_SIDE):
        raise ValueError(f"image size must be within 1..{MAX_SIDE} pixels per side")
    digest = hashlib.sha256(f"{seed_text}\x00{prompt}".encode()).digest()
    rng = random.Random(digest)
    colours = _palette(rng)
    image = _background(width, height, colours[0], colours[1])
    _shapes(image, rng, colours[2:])
    text_size = max(8, min(width, height) // 18)
    if prompt.strip():
        _caption(
            image,
            prompt.strip(),
            _font(text_size, font_paths),
            at_bottom=True,
            max_lines=MAX_CAPTION_LINES,
        )
    if title and title.strip():
        _caption(
            image,
            title.strip(),
            _font(round(text_size * 1.3), font_paths),
            at_bottom=False,
            max_lines=1,
        )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()
