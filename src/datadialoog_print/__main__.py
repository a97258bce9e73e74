"""``python -m datadialoog_print``: the same as the ``datadialoog-print`` command."""

import os
import sys


def run() -> None:
    """The entry point, guarded from its first import on: Ctrl-C while the CLI loads is one line and exit 130 too."""
    try:
        from .cli import main
    except KeyboardInterrupt:
        print("stopped; nothing changed", file=sys.stderr, flush=True)
        os._exit(130)  # not sys.exit: see cli.group._stopped
    main()


if __name__ == "__main__":  # not when a worker process re-imports the main module (spawn does)
    run()
