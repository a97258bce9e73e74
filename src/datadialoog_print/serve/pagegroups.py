"""The workspace's page groups, found by their module's name: a new page is one module, nothing to register.

A page group is a module of this package named ``*_page`` (or ``downloads``, a build's files) with its
``ROUTES``; one that belongs in the menu says so with ``MENU = (word key, path, place)``. Its words are in
the page word tables like every page's, and a test holds every menu entry to both tables.
"""

from __future__ import annotations

import pkgutil
from functools import cache
from importlib import import_module
from types import ModuleType

EXTRA = ("downloads",)
"""Page groups whose name says what they serve rather than ``_page``."""


@cache
def page_groups() -> tuple[ModuleType, ...]:
    """Every page group, by name (their routes do not overlap, so their order does not matter)."""
    package = import_module(__package__)
    names = sorted(m.name for m in pkgutil.iter_modules(package.__path__) if m.name.endswith("_page"))
    return tuple(import_module(f"{__package__}.{name}") for name in (*names, *EXTRA))


def page_routes() -> list:
    """The routes of every page group."""
    return [route for module in page_groups() for route in module.ROUTES]


@cache
def menu() -> tuple[tuple[str, str], ...]:
    """The menu: (word key, path) of each page group that has an entry, in the places they ask for."""
    entries = sorted(module.MENU for module in page_groups() if hasattr(module, "MENU"))
    return tuple((key, path) for key, path, _ in sorted(entries, key=lambda entry: entry[2]))
