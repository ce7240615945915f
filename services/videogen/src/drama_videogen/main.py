"""Entry point of the video worker process."""

from __future__ import annotations

from drama_common.service import run_service
from drama_videogen.service import VideogenService
from drama_videogen.settings import VideogenSettings


def main() -> None:
    run_service(VideogenService(VideogenSettings()))


if __name__ == "__main__":
    main()
