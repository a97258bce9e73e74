"""``python -m datadialoog_print``: the same as the ``datadialoog-print`` command."""

from .cli import main

if __name__ == "__main__":  # not when a worker process re-imports the main module (spawn does)
    main()
