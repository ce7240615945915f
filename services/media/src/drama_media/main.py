"""Entry point of the media worker process."""

from __future__ import annotations

from drama_common.service import run_service
from drama_media.service import MediaService
from drama_media.settings import MediaSettings


def main() -> None:
    run_service(MediaService(MediaSettings()))


if __name__ == "__main__":
    main()
