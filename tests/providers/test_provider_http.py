"""Error extraction and mapping shared by the adapters (real httpx responses and calls)."""

from __future__ import annotations

import json

import httpx
import pytest
from pydantic import SecretStr

from drama_common.errors import PermanentProviderError, TransientProviderError
from drama_common.provider_http import join_url, provider_error, raise_for_status, send, shorten

KEY = SecretStr("sk-echoed-key-123")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"error": {"message": "bad size", "code": "InvalidParameter"}},
         ("InvalidParameter", "bad size")),
        ({"error": {"code": 400, "message": "API key not valid.", "status": "INVALID_ARGUMENT"}},
         ("400", "API key not valid.")),
        ({"error": "quota exceeded"}, (None, "quota exceeded")),
        ({"base_resp": {"status_code": 1026, "status_msg": "input new_sensitive"}},
         ("1026", "input new_sensitive")),
        ({"base_resp": {"status_code": 0, "status_msg": "success"}}, (None, None)),
        ({"detail": "not found"}, (None, "not found")),
        ({"error": {"message": json.dumps({"error": {"message": "上游 错误", "code": "up"}})}},
         ("up", "上游 错误")),
        ([1, 2], (None, None)),
    ],
)  # fmt: skip
def test_provider_error_finds_innermost_message(
    body: object, expected: tuple[str | None, str | None]
) -> None:
    assert provider_error(body) == expected


def test_error_message_is_unescaped_and_scrubbed() -> None:
    raw = '{"error": {"message": "\\u53c2\\u6570\\u9519\\u8bef: key sk-echoed-key-123"}}'
    response = httpx.Response(400, content=raw.encode())
    with pytest.raises(PermanentProviderError) as caught:
        raise_for_status(response, provider="p", api_key=KEY)
    assert caught.value.message == "参数错误: key ***"


@pytest.mark.parametrize(
    ("status", "transient"),
    [(408, True), (429, True), (503, True), (401, False), (404, False), (422, False)],
)
def test_status_mapping(status: int, transient: bool) -> None:
    response = httpx.Response(status, text="<html>oops</html>")
    with pytest.raises(TransientProviderError if transient else PermanentProviderError) as caught:
        raise_for_status(response, provider="p", api_key=KEY)
    assert caught.value.message == "<html>oops</html>" and caught.value.status == status


def test_long_bodies_are_shortened() -> None:
    text = "a" * 600 + "b" * 600
    assert shorten(text) == "a" * 500 + " ... " + "b" * 500


def test_join_url_is_plain_concatenation() -> None:
    assert join_url("http://h/api/v3", "/x") == "http://h/api/v3/x"
    assert join_url("http://h/v1/", "/x") == "http://h/v1//x"


async def test_connection_refused_is_transient_without_key(client: httpx.AsyncClient) -> None:
    url = f"http://127.0.0.1:1/v1?key={KEY.get_secret_value()}"
    with pytest.raises(TransientProviderError, match="connection failed") as caught:
        await send(client, "GET", url, provider="p", api_key=KEY)
    assert KEY.get_secret_value() not in str(caught.value)
    assert caught.value.__cause__ is None
