"""Fake AI provider servers speaking each provider's real wire protocol (providers.md §11).

Each fake is a small Starlette app with recorded calls and scenario switches; run it on
127.0.0.1 with a free port inside the test's event loop::

    from tests.fakes import OpenAIImagesFake, Scenario

    fake = OpenAIImagesFake(api_key="sk-test")           # scenario=Scenario.SUCCESS
    async with fake.running() as base_url:               # "http://127.0.0.1:<port>/v1"
        settings = ProviderSettings(provider="openai", base_url=base_url,
                                    api_key=SecretStr("sk-test"), model="dall-e-3")
        fake.scenario = Scenario.ERROR_5XX_THEN_OK       # switch at any time
        ...
        assert fake.submits == 2 and fake.last().json["n"] == 1

``fake.running()`` yields root URL + the provider's production prefix (``/v1``,
``/api/v3``, or none for Gemini and the generic Runway/Pika shapes), so adapters' URL
concatenation is exercised. ``serve(app)`` runs any ASGI app and yields the root URL.

Common API (:class:`~tests.fakes.base.FakeProvider`):

* ``scenario`` — one of :class:`Scenario`: ``SUCCESS``, ``IMMEDIATE``, ``ERROR_4XX``,
  ``RATE_LIMITED``, ``ERROR_5XX_THEN_OK``, ``HANG``, ``MALFORMED``, ``ERROR_IN_200``,
  ``EMPTY``, ``POLL_5XX_THEN_OK``, ``POLL_HANG``, ``POLL_MALFORMED``, ``POLL_4XX``,
  ``FAIL_ON_SECOND_POLL``. Submit-side scenarios act on the generate/submit call.
* ``calls`` — every request as :class:`Call` (``kind``, ``method``, ``path``, ``query``,
  lower-cased ``headers``, ``json``, multipart ``form`` and ``files``); ``kind`` is
  ``submit`` (image generate or video submit), ``poll``, ``retrieve`` (MiniMax file),
  ``content`` (Sora download) or ``file``. ``submits``, ``polls``, ``count(kind)`` and
  ``last(kind)`` read them.
* Auth is checked on every provider call (Bearer key; Gemini ``x-goog-api-key`` or
  ``?key=``); a wrong key gets the provider's own refusal (401 envelope; Gemini 400
  ``INVALID_ARGUMENT``; MiniMax HTTP 200 with ``base_resp`` 1004).
* Video tasks advance one stage per poll: pending → running → succeeded.
* ``GET /files/<name>`` serves ``.png``/``.jpg``/``.webp`` images, ``.bin`` (PNG bytes without
  a Content-Type) and ``.mp4`` (a real 1 s 320x240 H.264 clip); ``missing*`` → 404.
* A hanging request is released (503) when the server stops, so tests end promptly.

Provider-specific switches are documented in each module: :mod:`openai_images`,
:mod:`gemini`, :mod:`volcengine` (Seedream, Seedance), :mod:`minimax`, :mod:`sora`,
:mod:`chatfire`, :mod:`generic` (Runway, Pika).
"""

from tests.fakes.base import Call, FakeProvider, Scenario, VideoFake
from tests.fakes.chatfire import ChatFireVideoFake
from tests.fakes.gemini import GeminiImageFake
from tests.fakes.generic import PikaFake, RunwayFake
from tests.fakes.media import image_bytes, mp4_bytes
from tests.fakes.minimax import MiniMaxFake
from tests.fakes.openai_images import OpenAIImagesFake
from tests.fakes.server import serve
from tests.fakes.sora import SoraFake
from tests.fakes.volcengine import SeedanceFake, SeedreamFake

__all__ = [
    "Call",
    "ChatFireVideoFake",
    "FakeProvider",
    "GeminiImageFake",
    "MiniMaxFake",
    "OpenAIImagesFake",
    "PikaFake",
    "RunwayFake",
    "Scenario",
    "SeedanceFake",
    "SeedreamFake",
    "SoraFake",
    "VideoFake",
    "image_bytes",
    "mp4_bytes",
    "serve",
]
