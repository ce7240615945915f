"""Entry point of the image worker process."""

from __future__ import annotations

from drama_common.service import run_service
from drama_imagegen.service import ImagegenService
from drama_imagegen.settings import ImagegenSettings


def main() -> None:
    run_service(ImagegenService(ImagegenSettings()))


if __name__ == "__main__":
    main()
