"""Contract: the image upload routes (api.md §2.8 and §2.6 upload-image)."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from PIL import Image

from drama_catalog.models import Character, Drama, utcnow
from tests.contract.answers import data_of, error_of
from tests.contract.content import insert_rows, unique
from tests.fixtures.stack import Stack, start_stack

SMALL_LIMIT = 4096


def image_bytes(fmt: str, size: tuple[int, int] = (16, 12)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 40, 90)).save(buffer, format=fmt)
    return buffer.getvalue()


def upload(name: str, data: bytes, mime: str = "image/png") -> dict[str, tuple[str, bytes, str]]:
    return {"file": (name, data, mime)}


def stored_uploads(stack: Stack) -> set[str]:
    folder = Path(stack.env["storage_root"]) / "characters"
    return {p.name for p in folder.iterdir()} if folder.is_dir() else set()


async def new_character(stack: Stack, *, drama_deleted: bool = False) -> Character:
    drama = Drama(title=unique("drama"), deleted_at=utcnow() if drama_deleted else None)
    await insert_rows(stack, drama)
    character = Character(drama_id=drama.id, name=unique("hero"), local_path="images/old.png")
    await insert_rows(stack, character)
    return character


async def character_row(stack: Stack, character_id: int) -> Character:
    context = stack.services["catalog"].context  # type: ignore[attr-defined]
    async with context.reading() as session:
        row = await session.get(Character, character_id)
    assert row is not None
    return row


@pytest.fixture(scope="module")
async def small_gateway(stack: Stack) -> AsyncIterator[httpx.AsyncClient]:
    """A second gateway on the same bus and storage, with a tiny upload limit."""
    running, stop = await start_stack(
        stack.env, kinds=(), gateway_env={"max_upload_bytes": SMALL_LIMIT}
    )
    yield running.api
    await stop()


@pytest.mark.parametrize(
    ("fmt", "name", "extension"),
    [
        ("PNG", "frame.png", ".png"),
        ("JPEG", "frame.jpg", ".jpg"),
        ("JPEG", "Frame.JPEG", ".jpeg"),
        ("GIF", "frame.gif", ".gif"),
        ("WEBP", "frame.webp", ".webp"),
    ],
)
async def test_image_upload_is_stored_and_served(
    stack: Stack, fmt: str, name: str, extension: str
) -> None:
    content = image_bytes(fmt)

    data = data_of(await stack.api.post("/upload/image", files=upload(name, content)))

    assert set(data) == {"url", "local_path", "filename", "size"}
    assert data["filename"] == name and data["size"] == len(content)
    assert data["local_path"].startswith("characters/")
    assert data["local_path"].endswith(extension)
    assert data["url"] == f"/static/{data['local_path']}"
    whole = await stack.http.get(data["url"])
    assert whole.status_code == 200 and whole.content == content


async def test_upload_is_readable_by_range(stack: Stack) -> None:
    content = image_bytes("PNG", (40, 30))
    data = data_of(await stack.api.post("/upload/image", files=upload("a.png", content)))

    part = await stack.http.get(f"/static/{data['local_path']}", headers={"Range": "bytes=0-7"})

    assert part.status_code == 206
    assert part.content == content[:8] == b"\x89PNG\r\n\x1a\n"
    assert part.headers["content-range"] == f"bytes 0-7/{len(content)}"


async def test_upload_without_extension_takes_the_content_type(stack: Stack) -> None:
    data = data_of(
        await stack.api.post("/upload/image", files=upload("blob", image_bytes("WEBP"), ""))
    )

    assert data["local_path"].endswith(".webp")


async def test_upload_over_the_limit_is_413(small_gateway: httpx.AsyncClient, stack: Stack) -> None:
    before = stored_uploads(stack)
    content = image_bytes("PNG")
    content += b"\0" * (SMALL_LIMIT + 1 - len(content))

    message = error_of(
        await small_gateway.post("/upload/image", files=upload("big.png", content)),
        413,
        "PAYLOAD_TOO_LARGE",
    )

    assert str(SMALL_LIMIT) in message
    assert stored_uploads(stack) == before


async def test_body_far_over_the_limit_is_413(small_gateway: httpx.AsyncClient) -> None:
    content = image_bytes("PNG") + b"\0" * (SMALL_LIMIT + 100_000)

    error_of(
        await small_gateway.post("/upload/image", files=upload("big.png", content)),
        413,
        "PAYLOAD_TOO_LARGE",
    )


async def test_upload_at_the_limit_is_accepted(small_gateway: httpx.AsyncClient) -> None:
    content = image_bytes("PNG")
    content += b"\0" * (SMALL_LIMIT - len(content))

    data = data_of(await small_gateway.post("/upload/image", files=upload("edge.png", content)))

    assert data["size"] == SMALL_LIMIT


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("photo.jpg", "PNG"),
        ("photo.png", "JPEG"),
        ("anim.gif", "WEBP"),
        ("x.webp", "GIF"),
    ],
)
async def test_content_not_matching_the_extension_is_400(stack: Stack, name: str, fmt: str) -> None:
    before = stored_uploads(stack)

    message = error_of(
        await stack.api.post("/upload/image", files=upload(name, image_bytes(fmt))),
        400,
        "BAD_REQUEST",
    )

    assert "扩展名" in message or "extension" in message
    assert stored_uploads(stack) == before


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("notes.png", b"just some text, not an image at all"),
        ("doc.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"),
        ("empty.png", b""),
        ("bitmap.bmp", image_bytes("BMP")),
        ("bitmap.png", image_bytes("BMP")),
    ],
)
async def test_content_that_is_no_allowed_image_is_400(
    stack: Stack, name: str, content: bytes
) -> None:
    message = error_of(
        await stack.api.post("/upload/image", files=upload(name, content)), 400, "BAD_REQUEST"
    )

    assert "JPEG/PNG/GIF/WebP" in message


async def test_allowed_content_with_a_foreign_extension_is_400(stack: Stack) -> None:
    message = error_of(
        await stack.api.post("/upload/image", files=upload("picture.exe", image_bytes("PNG"))),
        400,
        "BAD_REQUEST",
    )

    assert ".exe" in message


async def test_upload_without_file_is_400(stack: Stack) -> None:
    error_of(
        await stack.api.post("/upload/image", data={"other": "x"}, files={"x": ("a", b"")}),
        400,
        "BAD_REQUEST",
    )
    error_of(await stack.api.post("/upload/image", json={"file": "x"}), 400, "BAD_REQUEST")


async def test_character_upload_points_the_character_at_the_image(stack: Stack) -> None:
    character = await new_character(stack)
    content = image_bytes("JPEG")

    data = data_of(
        await stack.api.post(
            f"/characters/{character.id}/upload-image",
            files=upload("face.jpg", content, "image/jpeg"),
        )
    )

    assert set(data) == {"url", "local_path", "filename", "size"}
    assert data["size"] == len(content) and data["filename"] == "face.jpg"
    row = await character_row(stack, character.id)
    assert (row.image_url, row.local_path) == (data["url"], data["local_path"])
    assert (await stack.http.get(data["url"])).content == content


async def test_character_upload_checks_the_file_first(stack: Stack) -> None:
    character = await new_character(stack)

    error_of(
        await stack.api.post(
            f"/characters/{character.id}/upload-image", files=upload("face.jpg", image_bytes("PNG"))
        ),
        400,
        "BAD_REQUEST",
    )

    row = await character_row(stack, character.id)
    assert (row.image_url, row.local_path) == (None, "images/old.png")


@pytest.mark.parametrize("character_id", ["987654321", "abc", "0", "99999999999999999999"])
async def test_character_upload_for_an_unknown_character_is_404(
    stack: Stack, character_id: str
) -> None:
    before = stored_uploads(stack)

    error_of(
        await stack.api.post(
            f"/characters/{character_id}/upload-image", files=upload("face.png", image_bytes("PNG"))
        ),
        404,
        "NOT_FOUND",
    )

    assert stored_uploads(stack) == before


async def test_character_upload_when_the_drama_is_gone_is_403(stack: Stack) -> None:
    character = await new_character(stack, drama_deleted=True)
    before = stored_uploads(stack)

    error_of(
        await stack.api.post(
            f"/characters/{character.id}/upload-image", files=upload("face.png", image_bytes("PNG"))
        ),
        403,
        "FORBIDDEN",
    )

    assert stored_uploads(stack) == before
    assert (await character_row(stack, character.id)).image_url is None
