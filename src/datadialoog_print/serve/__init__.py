"""The browser workspace (``datadialoog-print serve``): the printing day without a terminal.

A Starlette app (:mod:`.app`) behind a guard (:mod:`.security`); one module per page group
(:mod:`.decks_page`, :mod:`.print_page`, :mod:`.downloads`, :mod:`.printers_page`), Jinja2 templates whose
every word comes from a table per language (:mod:`.page_words_nl`, :mod:`.page_words_en`), builds in one
worker thread (:mod:`.worker`), thumbnails with pypdfium2 (:mod:`.thumbs`). The pages call the
same library functions as the CLI.

A new page (the trainers' persons page, say) is one more module named ``*_page`` (found by
:mod:`.pagegroups`): its ``ROUTES`` (deck names through :func:`.pages.deck_folder`, pages through
:func:`.pages.page`) and, for the menu, its ``MENU`` entry; its templates extending ``base.html``, its
words in both tables (a test holds them key for key, and a missing word is an error, not a blank).
"""

from .app import create_app
from .server import serve

__all__ = ["create_app", "serve"]
