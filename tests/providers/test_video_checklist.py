"""Every video adapter against its fake, for every case of the fake-server checklist."""

from __future__ import annotations

import httpx
import pytest

from drama_common.errors import PermanentProviderError, TransientProviderError
from drama_videogen.providers import video_provider_for
from tests.fakes import Scenario, mp4_bytes
from tests.providers.support import API_KEY
from tests.providers.video_cases import CASES, REQUEST, VideoCase, poll_to_end

pytestmark = pytest.mark.parametrize("case", CASES, ids=str)

INVALID = 'invalid request: 参数错误 "size"'


async def assert_video(
    case: VideoCase, client: httpx.AsyncClient, answer_url: str | None, data: bytes | None
) -> None:
    if case.fake.__name__ == "SoraFake":
        assert answer_url is None and data == mp4_bytes()
        return
    assert answer_url is not None and answer_url.endswith("/files/result.mp4")
    download = await client.get(answer_url)
    assert download.status_code == 200 and download.content == mp4_bytes()


async def test_submit_then_pending_running_succeeded(
    case: VideoCase, client: httpx.AsyncClient
) -> None:
    fake = case.fake(api_key=API_KEY)
    async with fake.running() as base_url:
        adapter = case.adapter(base_url, client)
        submission = await adapter.submit(REQUEST)
        assert submission.task_id == fake.task_id
        answers = await poll_to_end(adapter, submission.task_id)
        assert [a.status for a in answers] == ["pending", "running", "succeeded"]
        await assert_video(case, client, answers[-1].video_url, answers[-1].video_data)
    assert fake.submits == 1 and fake.polls == 3
    provider_calls = [c for c in fake.calls if c.kind != "file"]
    assert all(c.headers.get("authorization") == f"Bearer {API_KEY}" for c in provider_calls)


async def test_immediate_success(case: VideoCase, client: httpx.AsyncClient) -> None:
    fake = case.fake(api_key=API_KEY, scenario=Scenario.IMMEDIATE)
    async with fake.running() as base_url:
        adapter = case.adapter(base_url, client)
        submission = await adapter.submit(REQUEST)
        assert submission.task_id is not None
        answer = await adapter.poll(submission.task_id)
        assert answer.status == "succeeded"
        await assert_video(case, client, answer.video_url, answer.video_data)
    assert fake.polls == 1


async def test_failed_on_second_poll_is_terminal(
    case: VideoCase, client: httpx.AsyncClient
) -> None:
    fake = case.fake(api_key=API_KEY, scenario=Scenario.FAIL_ON_SECOND_POLL)
    async with fake.running() as base_url:
        adapter = case.adapter(base_url, client)
        submission = await adapter.submit(REQUEST)
        assert submission.task_id is not None
        answers = await poll_to_end(adapter, submission.task_id)
    assert [a.status for a in answers] == ["running", "failed"]
    assert answers[-1].error == case.failure
    assert fake.polls == 2  # not polled a third time


async def test_submit_4xx_is_permanent_with_innermost_message(
    case: VideoCase, client: httpx.AsyncClient
) -> None:
    fake = case.fake(api_key=API_KEY, scenario=Scenario.ERROR_4XX)
    async with fake.running() as base_url:
        with pytest.raises(PermanentProviderError) as caught:
            await case.adapter(base_url, client).submit(REQUEST)
    assert caught.value.message == INVALID
    assert caught.value.status == 400 and not caught.value.transient
    assert fake.submits == 1


async def test_submit_429_is_transient(case: VideoCase, client: httpx.AsyncClient) -> None:
    fake = case.fake(api_key=API_KEY, scenario=Scenario.RATE_LIMITED)
    async with fake.running() as base_url:
        with pytest.raises(TransientProviderError) as caught:
            await case.adapter(base_url, client).submit(REQUEST)
    assert caught.value.status == 429 and caught.value.message == "rate limit exceeded"


async def test_submit_5xx_then_success(case: VideoCase, client: httpx.AsyncClient) -> None:
    fake = case.fake(api_key=API_KEY, scenario=Scenario.ERROR_5XX_THEN_OK)
    async with fake.running() as base_url:
        adapter = case.adapter(base_url, client)
        with pytest.raises(TransientProviderError) as caught:
            await adapter.submit(REQUEST)
        assert caught.value.status == 502 and "upstream exploded" in caught.value.message
        submission = await adapter.submit(REQUEST)
    assert submission.task_id == fake.task_id and fake.submits == 2


async def test_submit_hang_times_out_as_transient(
    case: VideoCase, short_client: httpx.AsyncClient
) -> None:
    fake = case.fake(api_key=API_KEY, scenario=Scenario.HANG)
    async with fake.running() as base_url:
        with pytest.raises(TransientProviderError, match="timed out"):
            await case.adapter(base_url, short_client).submit(REQUEST)


async def test_submit_malformed_json_is_transient(
    case: VideoCase, client: httpx.AsyncClient
) -> None:
    fake = case.fake(api_key=API_KEY, scenario=Scenario.MALFORMED)
    async with fake.running() as base_url:
        with pytest.raises(TransientProviderError, match="malformed JSON"):
            await case.adapter(base_url, client).submit(REQUEST)


async def test_submit_refused_in_2xx_is_permanent(
    case: VideoCase, client: httpx.AsyncClient
) -> None:
    fake = case.fake(api_key=API_KEY, scenario=Scenario.ERROR_IN_200)
    async with fake.running() as base_url:
        with pytest.raises(PermanentProviderError) as caught:
            await case.adapter(base_url, client).submit(REQUEST)
    assert caught.value.message


async def test_wrong_key_is_permanent_and_never_echoed(
    case: VideoCase, client: httpx.AsyncClient
) -> None:
    fake = case.fake(api_key=API_KEY)
    wrong = "sk-wrong-0000-1111"
    async with fake.running() as base_url:
        adapter = video_provider_for(case.settings(base_url, key=wrong), client)
        with pytest.raises(PermanentProviderError) as caught:
            await adapter.submit(REQUEST)
    assert wrong not in str(caught.value) and API_KEY not in str(caught.value)
    assert fake.last().headers.get("authorization") == f"Bearer {wrong}"


async def test_poll_5xx_is_transient_then_progresses(
    case: VideoCase, client: httpx.AsyncClient
) -> None:
    fake = case.fake(api_key=API_KEY, scenario=Scenario.POLL_5XX_THEN_OK)
    async with fake.running() as base_url:
        adapter = case.adapter(base_url, client)
        submission = await adapter.submit(REQUEST)
        assert submission.task_id is not None
        with pytest.raises(TransientProviderError) as caught:
            await adapter.poll(submission.task_id)
        assert caught.value.status == 502
        answers = await poll_to_end(adapter, submission.task_id)
    assert [a.status for a in answers] == ["running", "succeeded"]


async def test_poll_hang_times_out_as_transient(
    case: VideoCase, client: httpx.AsyncClient, short_client: httpx.AsyncClient
) -> None:
    fake = case.fake(api_key=API_KEY, scenario=Scenario.POLL_HANG)
    async with fake.running() as base_url:
        submission = await case.adapter(base_url, client).submit(REQUEST)
        assert submission.task_id is not None
        with pytest.raises(TransientProviderError, match="timed out"):
            await case.adapter(base_url, short_client).poll(submission.task_id)


async def test_poll_malformed_json_is_transient(case: VideoCase, client: httpx.AsyncClient) -> None:
    fake = case.fake(api_key=API_KEY, scenario=Scenario.POLL_MALFORMED)
    async with fake.running() as base_url:
        adapter = case.adapter(base_url, client)
        submission = await adapter.submit(REQUEST)
        assert submission.task_id is not None
        with pytest.raises(TransientProviderError, match="malformed JSON"):
            await adapter.poll(submission.task_id)


async def test_poll_4xx_is_permanent(case: VideoCase, client: httpx.AsyncClient) -> None:
    fake = case.fake(api_key=API_KEY, scenario=Scenario.POLL_4XX)
    async with fake.running() as base_url:
        adapter = case.adapter(base_url, client)
        submission = await adapter.submit(REQUEST)
        assert submission.task_id is not None
        with pytest.raises(PermanentProviderError) as caught:
            await adapter.poll(submission.task_id)
    assert caught.value.status == 404 and caught.value.message == INVALID
