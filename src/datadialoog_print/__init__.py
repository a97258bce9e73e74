"""datadialoog-print: the 'Data dialogen' workshop on paper, from a YAML deck."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("datadialoog-print")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.0.0"

from .errors import DatadialoogError, DeckError, Problem  # noqa: E402
from .load import load_deck  # noqa: E402
from .model import Attribute, Deck, Person, Series, Source  # noqa: E402

__all__ = ["Attribute", "DatadialoogError", "Deck", "DeckError", "Person", "Problem", "Series", "Source", "__version__", "load_deck"]
