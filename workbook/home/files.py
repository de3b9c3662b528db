"""Writing files so that a crash or a full disk never leaves half a file behind.

Everything is written to a temporary file beside the target, flushed to disk, then renamed over
the target: a reader sees the old file or the new one, never half of one.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

__all__ = ["text_replacing", "write_atomically"]


@contextmanager
def _replacing(path: Path, binary: bool) -> Iterator[IO[Any]]:
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        handle: IO[Any] = (
            os.fdopen(descriptor, "wb")
            if binary
            else os.fdopen(descriptor, "w", encoding="utf-8", newline="")
        )
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@contextmanager
def text_replacing(path: Path) -> Iterator[IO[str]]:
    """A UTF-8 text file (newlines written as given) that replaces `path` when closed."""
    with _replacing(path, binary=False) as handle:
        yield handle


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data` in one step."""
    with _replacing(path, binary=True) as handle:
        handle.write(data)
