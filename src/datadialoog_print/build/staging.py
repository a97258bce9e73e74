"""Writing output safely: every file is staged and renamed into place only when the whole build succeeded.

A build that fails half-way (a value too long for a card, a full disk) leaves the
output folder exactly as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from ..errors import OutputError


class Staging:
    """A hidden folder beside the output; ``commit`` moves its files into the output folder."""

    def __init__(self, out_dir: Path):
        self.out_dir = Path(out_dir)
        if self.out_dir.exists() and not self.out_dir.is_dir():
            raise OutputError(f"output folder {self.out_dir} is a file, not a folder")
        try:
            self.out_dir.mkdir(parents=True, exist_ok=True)
            self.dir = Path(tempfile.mkdtemp(prefix=".staging-", dir=self.out_dir))
        except OSError as exc:
            raise OutputError(f"cannot write to {self.out_dir}: {exc.strerror or exc}") from exc
        self.files: list[str] = []

    def path(self, name: str) -> Path:
        """Where to write the file that will become ``out_dir/name``."""
        self.files.append(name)
        return self.dir / name

    def commit(self) -> list[Path]:
        """Move every staged file into place (each rename is atomic) and return their final paths."""
        done = []
        for name in self.files:
            target = self.out_dir / name
            os.replace(self.dir / name, target)
            done.append(target)
        self.discard()
        return done

    def discard(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, kind, value, traceback) -> None:
        self.discard()
