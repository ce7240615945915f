"""The one place where exceptions become envelope answers."""

from __future__ import annotations

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException

from drama_common import envelope
from drama_common.errors import AppError, ErrorCode
from drama_common.i18n import translate
from drama_gateway.responses import JSONBody
from drama_gateway.state import language_of

log = structlog.get_logger()


def _describe(error: RequestValidationError) -> str:
    parts = []
    for item in error.errors()[:5]:
        where = ".".join(str(p) for p in item.get("loc", ()) if p not in ("body", "query"))
        parts.append(f"{where}: {item.get('msg', 'invalid')}" if where else item.get("msg", ""))
    return "; ".join(parts) or "invalid request"


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(AppError)
    async def app_error(request: Request, error: AppError) -> JSONBody:
        language = language_of(request)
        message = error.detail or translate(error.message_key, language, **error.params)
        return JSONBody(envelope.failure(error.code, message), status_code=error.status)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> JSONBody:
        message = translate("validation", language_of(request), reason=_describe(error))
        return JSONBody(envelope.failure(ErrorCode.BAD_REQUEST, message), status_code=400)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> JSONBody:
        if error.status_code in (404, 405):
            return JSONBody({"error": "API endpoint not found"}, status_code=404)
        code = {400: ErrorCode.BAD_REQUEST, 413: ErrorCode.PAYLOAD_TOO_LARGE}.get(
            error.status_code, ErrorCode.INTERNAL_ERROR
        )
        return JSONBody(envelope.failure(code, str(error.detail)), status_code=error.status_code)

    @app.exception_handler(Exception)
    async def crashed(request: Request, error: Exception) -> JSONBody:
        log.exception("gateway.unhandled", path=request.url.path)
        message = translate("internal", language_of(request))
        return JSONBody(envelope.failure(ErrorCode.INTERNAL_ERROR, message), status_code=500)
