"""Output-folder helpers for tests: a snapshot of every file (hidden ones too), to say "nothing changed"."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path


def snapshot(folder: Path) -> dict[str, str]:
    """Every file and folder under ``folder``, by relative path, with the SHA-256 of each file."""
    folder = Path(folder)
    if not folder.exists():
        return {}
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "folder"
        for p in sorted(folder.rglob("*"))
    }


def child_temp(folder: Path) -> dict[str, str]:
    """The environment for a child process this test may kill: its temporary files (a build's scratch folder, a
    bug log) go into ``folder`` (made here), inside the test's own tmp_path, not the machine's /tmp, where a
    SIGKILLed process would leave them behind run after run."""
    Path(folder).mkdir(parents=True, exist_ok=True)
    return {**os.environ, "TMPDIR": str(folder)}
