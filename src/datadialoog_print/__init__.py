"""datadialoog-print: the 'Data dialogen' workshop on paper, from a YAML deck."""

__version__ = "0.1.0"
"""The one place the version is written; pyproject.toml reads it from here (importlib.metadata costs 60 ms)."""

__all__ = [
    "Attribute",
    "BuildOptions",
    "DatadialoogError",
    "Deck",
    "DeckError",
    "Person",
    "Problem",
    "Series",
    "Source",
    "__version__",
    "answer_sheet",
    "deck_findings",
    "lesson_summary",
    "load_deck",
]

_EXPORTS = {
    "DatadialoogError": "errors",
    "DeckError": "errors",
    "Problem": "errors",
    "load_deck": "assemble.decks",
    "Attribute": "deck.model",
    "Deck": "deck.model",
    "Person": "deck.model",
    "Series": "deck.model",
    "Source": "deck.model",
    "answer_sheet": "figures.stats",
    "deck_findings": "figures.lessontext",
    "lesson_summary": "figures.lessontext",
    "BuildOptions": "assemble.options",
}


def __getattr__(name: str):
    """The public names, imported when first used, so ``import datadialoog_print`` stays light
    (``check`` never loads ReportLab)."""
    if name in _EXPORTS:
        from importlib import import_module

        value = getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
