"""datadialoog-print: the 'Data dialogen' workshop on paper, from a YAML deck."""

__version__ = "0.1.0"
"""The one place the version is written; pyproject.toml reads it from here (importlib.metadata costs 60 ms)."""

from .errors import DatadialoogError, DeckError, Problem  # noqa: E402
from .load import load_deck  # noqa: E402
from .model import Attribute, Deck, Person, Series, Source  # noqa: E402

__all__ = ["Attribute", "DatadialoogError", "Deck", "DeckError", "Person", "Problem", "Series", "Source", "__version__", "load_deck"]
