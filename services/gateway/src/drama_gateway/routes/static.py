"""``/static/<key>``: stored objects from whichever backend holds them, with Range support."""

from __future__ import annotations

import re

from fastapi import APIRouter, Request, Response
from fastapi.responses import FileResponse

from drama_common.storage import StorageError, clean_key
from drama_gateway.responses import raw
from drama_gateway.state import state_of

router = APIRouter()
RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def _not_found() -> Response:
    return raw({"error": "file not found"}, status=404)


@router.api_route("/static/{key:path}", methods=["GET", "HEAD"], include_in_schema=False)
async def static_file(key: str, request: Request) -> Response:
    storage = state_of(request).storage
    raw_path = request.scope.get("raw_path", b"").decode("latin-1")
    try:
        safe = clean_key(key)
        if ".." in raw_path or "%2e%2e" in raw_path.lower():
            raise StorageError("traversal")
    except StorageError:
        return raw({"error": "invalid path"}, status=400)
    local = storage.local_path(safe)
    if local is not None:
        if not local.is_file():
            return _not_found()
        return FileResponse(local)
    info = await storage.stat(safe)
    if info is None:
        return _not_found()
    headers = {"Accept-Ranges": "bytes", "Content-Type": info.content_type}
    wanted = request.headers.get("range")
    if wanted and (match := RANGE.match(wanted.strip())):
        first, last = match.groups()
        if first == "" and last == "":
            return Response(status_code=416, headers={"Content-Range": f"bytes */{info.size}"})
        if first == "":
            start, end = max(0, info.size - int(last)), info.size - 1
        else:
            start = int(first)
            end = min(int(last), info.size - 1) if last else info.size - 1
        if start >= info.size or start > end:
            return Response(status_code=416, headers={"Content-Range": f"bytes */{info.size}"})
        body = b"" if request.method == "HEAD" else await storage.get_range(safe, start, end)
        headers["Content-Range"] = f"bytes {start}-{end}/{info.size}"
        headers["Content-Length"] = str(end - start + 1)
        return Response(body, status_code=206, headers=headers)
    body = b"" if request.method == "HEAD" else await storage.get_bytes(safe)
    headers["Content-Length"] = str(info.size)
    return Response(body, headers=headers)
