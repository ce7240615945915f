from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from drama_imagegen.local_image import CJK_FONT_CANDIDATES, render_image, wrap_text

PROMPT = "雨夜的街头，女主角撑着红伞回头一望 — close-up, neon light, cinematic"


def decode(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def test_same_inputs_give_same_bytes() -> None:
    first = render_image(PROMPT, 640, 360, title="第1集", seed_text="shot-1")
    second = render_image(PROMPT, 640, 360, title="第1集", seed_text="shot-1")

    assert first == second
    assert first[:8] == b"\x89PNG\r\n\x1a\n"


def test_different_prompt_or_seed_gives_a_different_picture() -> None:
    base = render_image(PROMPT, 320, 240, title=None, seed_text="a")

    assert render_image(PROMPT + "!", 320, 240, title=None, seed_text="a") != base
    assert render_image(PROMPT, 320, 240, title=None, seed_text="b") != base


@pytest.mark.parametrize(("width", "height"), [(1, 1), (7, 5), (320, 240), (1080, 1920)])
def test_size_is_honoured_exactly(width: int, height: int) -> None:
    image = decode(render_image(PROMPT, width, height, title="标题", seed_text="s"))

    assert image.size == (width, height)
    assert image.mode == "RGB"


def test_picture_is_not_blank() -> None:
    image = decode(render_image(PROMPT, 320, 240, title=None, seed_text="s"))

    colours = image.getcolors(maxcolors=1_000_000)
    assert colours is not None and len(colours) > 20


def test_without_cjk_font_it_falls_back_and_still_draws(tmp_path: Path) -> None:
    data = render_image(
        PROMPT, 320, 240, title="标题", seed_text="s", font_paths=[tmp_path / "missing.ttf"]
    )

    assert decode(data).size == (320, 240)


def test_caption_uses_the_cjk_font_when_installed() -> None:
    font_file = next((p for p in CJK_FONT_CANDIDATES if p.is_file()), None)
    if font_file is None:
        pytest.skip("no CJK font installed")
    with_font = render_image(PROMPT, 320, 240, title=None, seed_text="s")
    without = render_image(
        PROMPT, 320, 240, title=None, seed_text="s", font_paths=[Path("/nonexistent.ttf")]
    )

    assert with_font != without


def test_wrapping_keeps_lines_within_width() -> None:
    from PIL import ImageFont

    font = ImageFont.load_default(size=16)
    lines = wrap_text("a fairly long caption that must wrap over several lines " * 3, font, 120)

    assert len(lines) > 3
    assert all(font.getlength(line) <= 120 for line in lines)


@pytest.mark.parametrize("size", [(0, 10), (10, -1), (9000, 10)])
def test_impossible_sizes_are_refused(size: tuple[int, int]) -> None:
    with pytest.raises(ValueError):
        render_image(PROMPT, size[0], size[1], title=None, seed_text="")
