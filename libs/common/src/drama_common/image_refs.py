"""Reference images as providers want them: bytes with a MIME type, or a data URI.

A reference is a ``data:`` URI, an ``http(s)`` URL (downloaded without credentials) or, as a
last resort, raw base64 (assumed JPEG, like the reference implementation).
"""

from __future__ import annotations

import base64
import binascii

import httpx
import structlog

log = structlog.get_logger()

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF8", "image/gif"),
)


def sniff_mime(data: bytes, default: str = "image/jpeg") -> str:
    """The image MIME type from magic bytes (PNG, JPEG, GIF, WEBP), else ``default``."""
    for magic, mime in _SIGNATURES:
        if data.startswith(magic):
            return mime
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return default


def decode_base64(text: str) -> bytes:
    """Strict base64 decoding; raises ``ValueError`` on anything else."""
    try:
        return base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ValueError(f"bad base64: {exc}") from None


def parse_data_uri(uri: str) -> tuple[str, bytes]:
    """``(mime, bytes)`` of a ``data:<mime>;base64,<payload>`` URI; ``ValueError`` if bad."""
    header, sep, payload = uri.partition(",")
    if not uri.startswith("data:") or not sep or not header.endswith(";base64"):
        raise ValueError("invalid data URI")
    mime = header[len("data:") : -len(";base64")].split(";")[0] or "image/jpeg"
    return mime, decode_base64(payload)


def to_data_uri(data: bytes, mime: str | None = None) -> str:
    return f"data:{mime or sniff_mime(data)};base64,{base64.b64encode(data).decode()}"


async def load_reference(client: httpx.AsyncClient, ref: str) -> tuple[str, bytes] | None:
    """``(mime, bytes)`` of a reference image, or ``None`` if it cannot be had."""
    if ref.startswith("data:"):
        try:
            return parse_data_uri(ref)
        except ValueError:
            log.warning("reference_image_skipped", reason="invalid data URI")
            return None
    if ref.startswith(("http://", "https://")):
        try:
            response = await client.get(ref)
        except httpx.HTTPError as exc:
            log.warning("reference_image_skipped", reason=type(exc).__name__)
            return None
        if response.status_code != 200:
            log.warning("reference_image_skipped", status=response.status_code)
            return None
        declared = response.headers.get("content-type", "").split(";")[0].strip()
        if not declared.startswith("image/"):
            declared = sniff_mime(response.content)
        return declared, response.content
    try:
        return "image/jpeg", decode_base64(ref)
    except ValueError:
        log.warning("reference_image_skipped", reason="neither URL, data URI nor base64")
        return None
