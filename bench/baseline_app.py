"""The gateway benchmark's baseline: a minimal FastAPI app that serves the same drama requests
by reading the catalog's tables directly (asyncpg, no bus, no second process).

Run it with ``uvicorn bench.baseline_app:app``; ``BENCH_DATABASE_URL`` names the database.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any

import asyncpg
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

POOL_SIZE = 10
RELATIONS = ("episodes", "characters", "scenes", "props")


class CreateBody(BaseModel):
    title: str = Field(min_length=1, max_length=100)
    description: str | None = None
    genre: str | None = None


def _row(record: asyncpg.Record) -> dict[str, Any]:
    return {
        key: value.isoformat() if isinstance(value, datetime) else value
        for key, value in record.items()
    }


def _answer(data: Any, status: int = 200) -> JSONResponse:
    return JSONResponse({"success": True, "data": data}, status_code=status)


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    url = os.environ["BENCH_DATABASE_URL"]
    app.state.pool = await asyncpg.create_pool(url, min_size=2, max_size=POOL_SIZE)
    yield
    await app.state.pool.close()


app = FastAPI(lifespan=_lifespan)


@app.get("/api/v1/dramas")
async def list_dramas(request: Request, page: int = 1, page_size: int = 20) -> JSONResponse:
    pool: asyncpg.Pool = request.app.state.pool
    async with pool.acquire() as connection:
        total = await connection.fetchval("SELECT count(*) FROM dramas WHERE deleted_at IS NULL")
        rows = await connection.fetch(
            "SELECT * FROM dramas WHERE deleted_at IS NULL ORDER BY updated_at DESC, id DESC "
            "OFFSET $1 LIMIT $2",
            (page - 1) * page_size,
            page_size,
        )
        ids = [row["id"] for row in rows]
        episodes = await connection.fetch(
            "SELECT * FROM episodes WHERE drama_id = ANY($1) AND deleted_at IS NULL", ids
        )
    items = [
        {**_row(row), "episodes": [_row(e) for e in episodes if e["drama_id"] == row["id"]]}
        for row in rows
    ]
    pages = (total + page_size - 1) // page_size
    return _answer(
        {
            "items": items,
            "pagination": {
                "page": page,
                "page_size": page_size,
                "total": total,
                "total_pages": pages,
            },
        }
    )


@app.get("/api/v1/dramas/{drama_id}")
async def get_drama(drama_id: int, request: Request) -> JSONResponse:
    pool: asyncpg.Pool = request.app.state.pool
    async with pool.acquire() as connection:
        row = await connection.fetchrow(
            "SELECT * FROM dramas WHERE id = $1 AND deleted_at IS NULL", drama_id
        )
        if row is None:
            return JSONResponse({"success": False, "error": {"code": "NOT_FOUND"}}, 404)
        data = _row(row)
        for table in RELATIONS:
            related = await connection.fetch(
                f"SELECT * FROM {table} WHERE drama_id = $1 AND deleted_at IS NULL", drama_id
            )
            data[table] = [_row(item) for item in related]
    return _answer(data)


@app.post("/api/v1/dramas")
async def create_drama(body: CreateBody, request: Request) -> JSONResponse:
    pool: asyncpg.Pool = request.app.state.pool
    async with pool.acquire() as connection:
        row = await connection.fetchrow(
            "INSERT INTO dramas (title, description, genre, style, status, total_episodes, "
            "total_duration, created_at, updated_at) VALUES ($1, $2, $3, 'ghibli', 'draft', 1, "
            "0, now(), now()) RETURNING *",
            body.title,
            body.description,
            body.genre,
        )
    return _answer({**_row(row), "episodes": [], "characters": [], "scenes": [], "props": []}, 201)
