"""Entry point of the catalog process."""

from __future__ import annotations

from drama_catalog.service import CatalogService
from drama_catalog.settings import CatalogSettings
from drama_common.service import run_service


def main() -> None:
    run_service(CatalogService(CatalogSettings()))


if __name__ == "__main__":
    main()
