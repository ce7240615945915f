"""Both storage backends behave the same: the local folder and a real S3 server."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from pydantic import SecretStr

from drama_common.settings import CommonSettings
from drama_common.storage import ObjectStorage, StorageError, clean_key, make_storage
from tests.fixtures.infra import S3Server


@pytest.fixture(params=["local", "s3"])
async def storage(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[ObjectStorage]:
    if request.param == "local":
        yield make_storage(CommonSettings(storage_backend="local", storage_root=str(tmp_path)))
        return
    s3: S3Server = request.getfixturevalue("s3_server")
    yield make_storage(
        CommonSettings(
            storage_backend="s3",
            s3_endpoint=s3.endpoint,
            s3_bucket=s3.bucket,
            s3_access_key=SecretStr(s3.access_key),
            s3_secret_key=SecretStr(s3.secret_key),
        )
    )


async def test_round_trip_ranges_and_delete(storage: ObjectStorage, tmp_path: Path) -> None:
    key = f"images/{tmp_path.name}/帧 one's.png"
    data = bytes(range(256)) * 8
    info = await storage.put_bytes(key, data, "image/png")
    assert info.size == len(data)
    assert await storage.get_bytes(key) == data
    assert await storage.get_range(key, 10, 19) == data[10:20]
    stat = await storage.stat(key)
    assert stat is not None and stat.size == len(data)
    copy = tmp_path / "copy.bin"
    await storage.download(key, copy)
    assert copy.read_bytes() == data
    source = tmp_path / "source.bin"
    source.write_bytes(b"clip")
    await storage.put_file(f"videos/{tmp_path.name}.mp4", source, "video/mp4")
    assert await storage.get_bytes(f"videos/{tmp_path.name}.mp4") == b"clip"
    await storage.delete(key)
    assert await storage.stat(key) is None
    assert not await storage.exists(key)
    with pytest.raises(StorageError):
        await storage.get_bytes(key)


async def test_s3_refuses_wrong_credentials(s3_server: S3Server) -> None:
    wrong = make_storage(
        CommonSettings(
            storage_backend="s3",
            s3_endpoint=s3_server.endpoint,
            s3_bucket=s3_server.bucket,
            s3_access_key=SecretStr(s3_server.access_key),
            s3_secret_key=SecretStr("not-the-secret"),
        )
    )
    with pytest.raises(Exception, match=r"(?i)signature|denied|credential"):
        await wrong.put_bytes("images/x.png", b"x", "image/png")


@pytest.mark.parametrize(
    "key", ["../etc/passwd", "/etc/passwd", "a/../../b", "a//b", "%2e%2e/secret", "a/./b", ""]
)
def test_keys_cannot_escape(key: str) -> None:
    with pytest.raises(StorageError):
        clean_key(key)
