"""Schemathesis over the gateway's own OpenAPI document: no generated request gets a 5xx.

Deterministic (``derandomize``), bounded (``EXAMPLES`` per operation); the calls run in a
thread because the in-process gateway serves on this test's event loop.
"""

from __future__ import annotations

import asyncio
from typing import Any

import schemathesis
from hypothesis import HealthCheck, given, settings

from tests.fixtures.stack import Stack

EXAMPLES = 15
LIGHT_EXAMPLES = 3
# operations that start real model, FFmpeg or provider work get fewer examples
HEAVY = (
    "generate",
    "batch",
    "finalize",
    "extract",
    "video-merges",
    "/videos",
    "/test",
    "audio",
    "parse",
    "frame-prompt",
)


def fuzz_operation(operation: Any, base_url: str, examples: int) -> list[str]:
    failures: list[str] = []

    @given(case=operation.as_strategy())
    @settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
        print_blob=False,
    )
    def run(case: Any) -> None:
        response = case.call(base_url=base_url, timeout=60)
        if response.status_code >= 500:
            failures.append(
                f"{case.method} {case.formatted_path} -> {response.status_code} "
                f"{response.text[:200]} (body={str(case.body)[:200]})"
            )
            raise AssertionError(failures[-1])

    try:
        run()
    except AssertionError:
        pass
    except Exception as error:  # an operation schemathesis cannot generate for
        if "Unsatisfiable" not in type(error).__name__:
            failures.append(f"{operation.verbose_name}: {type(error).__name__}: {error}")
    return failures[-1:]


def fuzz_all(base_url: str) -> tuple[int, list[str]]:
    schemathesis.experimental.OPEN_API_3_1.enable()  # FastAPI writes OpenAPI 3.1
    schema = schemathesis.from_uri(f"{base_url}/openapi.json", base_url=base_url)
    count, failures = 0, []
    for result in schema.get_all_operations():
        operation = result.ok()
        heavy = operation.method.upper() != "GET" and any(word in operation.path for word in HEAVY)
        failures += fuzz_operation(operation, base_url, LIGHT_EXAMPLES if heavy else EXAMPLES)
        count += 1
    return count, failures


async def test_no_generated_request_gets_a_5xx(stack: Stack) -> None:
    count, failures = await asyncio.to_thread(fuzz_all, stack.base_url)
    assert count > 50  # the document really describes the API
    assert failures == [], "\n".join(failures)
