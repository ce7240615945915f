"""URLs we fetch: http and https only, and no loopback, link-local or private address unless
``ALLOW_PRIVATE_URLS`` allows it; a worker given such a URL fails the job with the reason."""

from __future__ import annotations

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from drama_common.url_guard import UrlRefused, check_url
from tests.fakes import image_bytes, serve
from tests.faults.cluster import Cluster
from tests.faults.test_worker_kill import new_drama

REFUSED = [
    "http://127.0.0.1:{port}/frame.png",
    "http://localhost:{port}/frame.png",
    "http://[::1]:{port}/frame.png",
    "http://169.254.169.254/latest/meta-data/",
    "http://10.1.2.3/frame.png",
    "http://192.168.0.10/frame.png",
    "file:///etc/passwd",
    "ftp://example.com/frame.png",
    "gopher://127.0.0.1:{port}/_",
]


async def test_worker_refuses_internal_and_non_http_urls(cluster: Cluster) -> None:
    requests: list[str] = []

    async def frame(request: Request) -> Response:
        requests.append(request.url.path)
        return Response(image_bytes("PNG"), media_type="image/png")

    async with serve(Starlette(routes=[Route("/frame.png", frame)])) as root:
        port = root.rsplit(":", 1)[1]
        cluster.start("catalog")
        cluster.start("gateway")
        cluster.start("videogen", ALLOW_PRIVATE_URLS="false", MAX_DELIVER="2")
        await cluster.ready("catalog", "gateway", "videogen")
        drama_id = await new_drama(cluster)
        created = []
        for url in REFUSED:
            created.append(
                await cluster.data(
                    "POST",
                    "/videos",
                    json={
                        "drama_id": str(drama_id),
                        "prompt": "a frame that must not be fetched",
                        "reference_mode": "single",
                        "image_url": url.format(port=port),
                        "duration": 1,
                    },
                )
            )
        records = [await cluster.finished(f"/videos/{v['id']}") for v in created]

    for url, record in zip(REFUSED, records, strict=True):
        assert record["status"] == "failed", (url, record)
        reason = record["error_msg"]
        if url.startswith("http"):
            assert "internal address" in reason, (url, reason)
        else:
            assert "is not http or https" in reason, (url, reason)
    assert requests == []


@pytest.mark.parametrize("url", ["http://127.0.0.1/x", "http://10.0.0.1/x", "http://[::1]/x"])
async def test_the_setting_allows_private_addresses(url: str) -> None:
    with pytest.raises(UrlRefused):
        await check_url(url)
    assert await check_url(url, allow_private=True) == url


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "ftp://host/x", "data:text/plain,hi", "javascript:alert(1)", "http://"],
)
async def test_only_http_and_https_even_when_private_is_allowed(url: str) -> None:
    with pytest.raises(UrlRefused):
        await check_url(url, allow_private=True)
