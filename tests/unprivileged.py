"""Commands run as a process that file permissions bind, for the cases a root process would walk through.

The test machine runs as root, which may write into a read-only folder and remove anyone's file.
:func:`unprivileged` runs a command as this same user without its powers: itself when it is not
root, else through ``setpriv`` with every capability dropped (root then obeys the permission bits as
any user does, while it can still read this checkout). Without ``setpriv`` the test is skipped with
one line, except in CI (``CI=true``), where that is a failure.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess

import pytest


def unprivileged(command: list[str], *, umask: int | None = None) -> list[str]:
    """``command`` as a process that permissions bind (and with ``umask``, if given)."""
    if umask is not None:
        command = ["sh", "-c", f'umask {umask:03o} && exec "$@"', "sh", *command]
    if os.geteuid() != 0:
        return command
    drop = _dropping()
    if drop is None:
        if os.environ.get("CI"):
            pytest.fail("setpriv (util-linux) that may drop capabilities is needed to test permissions as root")
        pytest.skip("running as root without a setpriv that drops capabilities: permissions cannot bind")
    return [*drop, *command]


@functools.cache
def _dropping() -> tuple[str, ...] | None:
    """The setpriv prefix that drops every capability, if it works here (a container may forbid it)."""
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    prefix = (setpriv, "--bounding-set=-all", "--inh-caps=-all", "--")
    probe = subprocess.run([*prefix, "sh", "-c", "grep -q '^CapEff:.*0000000000000000' /proc/self/status"], timeout=30)
    return prefix if probe.returncode == 0 else None
