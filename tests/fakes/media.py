"""Small real media files for the fakes to serve: images via Pillow, an MP4 via FFmpeg."""

from __future__ import annotations

import functools
import io
import subprocess
import tempfile
from pathlib import Path

from PIL import Image


@functools.cache
def image_bytes(fmt: str = "PNG", size: tuple[int, int] = (32, 24)) -> bytes:
    """A solid-colour image in ``fmt`` (``PNG``, ``JPEG`` or ``WEBP``)."""
    out = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(out, format=fmt)
    return out.getvalue()


@functools.cache
def mp4_bytes() -> bytes:
    """A real 1 s, 320x240 H.264 MP4 (made once per process with FFmpeg)."""
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "clip.mp4"
        subprocess.run(
            ["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
             "testsrc=size=320x240:rate=24:duration=1", "-pix_fmt", "yuv420p",
             "-c:v", "libx264", "-preset", "ultrafast", "-movflags", "+faststart",
             str(target)],
            check=True,
            timeout=120,
        )  # fmt: skip
        return target.read_bytes()


FILE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".webp": "image/webp"}


def file_for(name: str) -> tuple[bytes, str] | None:
    """What ``GET /files/<name>`` serves: ``(bytes, content type)``, or ``None`` (404).

    ``*.png``/``*.jpg``/``*.webp`` → an image, ``*.mp4`` → the MP4, ``*.bin`` → PNG bytes
    without a declared type (empty content type), names starting with ``missing`` → 404.
    """
    if name.startswith("missing"):
        return None
    suffix = Path(name).suffix
    if suffix == ".mp4":
        return mp4_bytes(), "video/mp4"
    if suffix == ".bin":
        return image_bytes("PNG"), ""
    fmt = {".png": "PNG", ".jpg": "JPEG", ".webp": "WEBP"}.get(suffix)
    return (image_bytes(fmt), FILE_TYPES[suffix]) if fmt else None
