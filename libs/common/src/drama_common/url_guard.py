"""Which URLs we agree to fetch: http(s) only, and no internal address unless allowed."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from urllib.parse import urlsplit

from drama_common.errors import BadRequest


class UrlRefused(BadRequest):
    def __init__(self, reason: str) -> None:
        super().__init__("url_refused", reason=reason)
        self.reason = reason


def _internal(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    return (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
    )


async def check_url(url: str, *, allow_private: bool = False) -> str:
    """Return ``url`` if it may be fetched, else raise :class:`UrlRefused`."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise UrlRefused(f"scheme {parts.scheme or '(none)'} is not http or https")
    host = parts.hostname
    if not host:
        raise UrlRefused("no host")
    if allow_private:
        return url
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(
            host, parts.port or 80, type=socket.SOCK_STREAM
        )
    except socket.gaierror as error:
        raise UrlRefused(f"host {host} does not resolve") from error
    for info in infos:
        if _internal(str(info[4][0])):
            raise UrlRefused(f"host {host} is an internal address")
    return url
