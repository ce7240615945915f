"""Bad input at the gateway: each answered with a clear envelope and nothing half-written."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from tests.fakes import image_bytes
from tests.fixtures.stack import Stack

LIMIT = 4 * 1024 * 1024


def envelope_error(answer: httpx.Response, status: int, code: str) -> str:
    assert answer.status_code == status, answer.text[:300]
    body = answer.json()
    assert body["success"] is False and body["error"]["code"] == code, body
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    return str(body["error"]["message"])


async def dramas_titled(stack: Stack, title: str) -> int:
    answer = await stack.api.get("/dramas", params={"keyword": title})
    assert answer.status_code == 200, answer.text
    return int(answer.json()["data"]["pagination"]["total"])


async def test_bodies_over_the_limit_are_refused_and_write_nothing(stack: Stack) -> None:
    title = f"huge-{uuid.uuid4().hex[:10]}"
    body = b'{"title": "%s", "description": "%s"}' % (title.encode(), b"x" * (LIMIT + 10))
    declared = await stack.api.post(
        "/dramas", content=body, headers={"content-type": "application/json"}
    )
    envelope_error(declared, 413, "PAYLOAD_TOO_LARGE")

    async def chunks() -> AsyncIterator[bytes]:  # no Content-Length: counted while read
        for start in range(0, len(body), 1 << 20):
            yield body[start : start + (1 << 20)]

    streamed = await stack.api.post(
        "/dramas", content=chunks(), headers={"content-type": "application/json"}
    )
    envelope_error(streamed, 413, "PAYLOAD_TOO_LARGE")
    assert await dramas_titled(stack, title) == 0


async def test_json_nested_absurdly_deep_is_refused(stack: Stack) -> None:
    title = f"deep-{uuid.uuid4().hex[:10]}"
    nested = "[" * 100_000 + "1" + "]" * 100_000
    deep = f'{{"title": "{title}", "x": {nested}}}'
    answer = await stack.api.post(
        "/dramas", content=deep.encode(), headers={"content-type": "application/json"}
    )
    envelope_error(answer, 400, "BAD_REQUEST")
    assert await dramas_titled(stack, title) == 0


@pytest.mark.parametrize(
    ("content_type", "content"),
    [
        ("application/xml", b"<drama><title>x</title></drama>"),
        ("text/plain", b"title=hello"),
        ("application/x-www-form-urlencoded", b"title=hello&genre=x"),
        ("application/json", b'{"title": '),
        ("application/json", b"\xff\xfe\x00garbage"),
        ("application/json", b'["a", "list"]'),
    ],
)
async def test_wrong_content_types_and_broken_json(
    stack: Stack, content_type: str, content: bytes
) -> None:
    answer = await stack.api.post(
        "/dramas", content=content, headers={"content-type": content_type}
    )
    envelope_error(answer, 400, "BAD_REQUEST")


async def test_multipart_to_a_json_route_is_a_clear_error(stack: Stack) -> None:
    answer = await stack.api.post("/dramas", files={"file": ("a.png", image_bytes("PNG"))})
    assert answer.status_code in (400, 415), answer.text
    assert answer.json()["success"] is False


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("photo.jpg", image_bytes("PNG")),  # PNG bytes named .jpg
        ("photo.png", b"MZ\x90\x00" + b"\x00" * 200),  # a Windows program named .png
        ("notes.png", b"just some text, not an image at all"),
        ("photo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'><script>1</script></svg>"),
    ],
)
async def test_a_file_whose_content_does_not_match_is_refused_and_not_stored(
    stack: Stack, name: str, content: bytes
) -> None:
    folder = Path(stack.env["storage_root"]) / "characters"
    before = set(folder.rglob("*")) if folder.exists() else set()
    answer = await stack.api.post("/upload/image", files={"file": (name, content)})
    envelope_error(answer, 400, "BAD_REQUEST")
    after = set(folder.rglob("*")) if folder.exists() else set()
    assert after == before


@pytest.mark.parametrize(
    "path",
    [
        "/dramas/99999999999999999999999999",
        "/dramas/-1",
        "/dramas/0",
        "/dramas/1e3",
        "/dramas/2147483648",
        "/dramas/9223372036854775808",
        "/images/18446744073709551616",
        "/videos/9223372036854775807",
        "/video-merges/-5",
        "/ai-configs/%00",
        "/episodes/1.5/storyboards",
        "/dramas/0x10/characters",
        "/images/%20",
        "/tasks/99999999999999999999",
    ],
)
async def test_ids_out_of_range_are_400_or_404_never_500(stack: Stack, path: str) -> None:
    answer = await stack.api.get(path)
    assert answer.status_code in (400, 404), (path, answer.text)
    assert answer.json()["success"] is False
    # a delete of an unknown id may succeed as the reference's does; it never crashes
    deleted = await stack.api.delete(path)
    assert deleted.status_code in (200, 400, 404, 405), (path, deleted.text)


async def raw_get(stack: Stack, target: str) -> tuple[int, bytes]:
    """One request with the target exactly as written (no client-side path cleaning)."""
    parts = urlsplit(stack.base_url)
    reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
    try:
        writer.write(
            f"GET {target} HTTP/1.1\r\nHost: {parts.netloc}\r\nConnection: close\r\n\r\n".encode(
                "latin-1"
            )
        )
        await writer.drain()
        answer = await asyncio.wait_for(reader.read(), 30)
    finally:
        writer.close()
    status = int(answer.split(b" ", 2)[1])
    return status, answer.partition(b"\r\n\r\n")[2]


@pytest.mark.parametrize(
    "target",
    [
        "/static/../pyproject.toml",
        "/static/../../../../etc/passwd",
        "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/static/..%2f..%2f..%2fetc%2fpasswd",
        "/static/%252e%252e/etc/passwd",
        "/static//etc/passwd",
        "/static/%2Fetc%2Fpasswd",
        "/static/images/../../../etc/passwd",
        "/static/..\\..\\etc\\passwd",
        "/static/C:/Windows/win.ini",
        "/static/%00/etc/passwd",
        "/static/~/.ssh/id_rsa",
    ],
)
async def test_static_paths_never_leave_storage(stack: Stack, target: str) -> None:
    status, body = await raw_get(stack, target)
    assert status in (400, 404), (target, status, body[:200])
    assert b"root:" not in body and b"[tool" not in body


async def test_numbers_beyond_64_bits_are_a_clear_error(stack: Stack) -> None:
    """Found by the OpenAPI fuzzing: an integer past 64 bits inside free-form JSON."""
    body = {"title": f"big-{uuid.uuid4().hex[:10]}"}
    created = await stack.api.post("/dramas", json=body)
    drama_id = created.json()["data"]["id"]
    for path in (f"/dramas/{drama_id}/progress", "/dramas/0/progress"):
        answer = await stack.api.put(
            path, json={"current_step": "outline", "step_data": {"n": 21872850465301987324}}
        )
        assert answer.status_code in (200, 400, 404), (path, answer.text)
        assert answer.json()["success"] is (answer.status_code == 200)
