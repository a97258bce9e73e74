"""``python -m datadialoog_print``: the same as the ``datadialoog-print`` command."""

from .cli import main

main()
