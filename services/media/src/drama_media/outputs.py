"""Write an output file only once it is complete: FFmpeg writes beside it, then it is renamed."""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def partial_output(output: Path) -> Iterator[Path]:
    """Yield a hidden sibling path of ``output`` (same suffix) to write to.

    Call :func:`publish` with it once the content is checked; the partial file is removed when
    the block ends, so a failed or cancelled run leaves nothing behind.
    """
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(f".{output.stem}.{uuid.uuid4().hex[:8]}.partial{output.suffix}")
    try:
        yield partial
    finally:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()


def publish(partial: Path, output: Path) -> None:
    """Move a checked partial file onto its final name (atomic on one file system)."""
    os.replace(partial, output)
