"""The deck as plain typed data: validated once by :mod:`load`, read by everything else.

Renderers and statistics never see YAML; they see these frozen dataclasses. The workshop's texts
(texts.yaml) are in :mod:`.workshop`.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .workshop import Texts

RECOGNISABLE_K = 2
"""A value shared by fewer than k persons singles them out (k-anonymity's k); the default k."""

Value = int | float | str
"""One attribute value of one person: a number, or the text of a category or code."""


class Kind(enum.Enum):
    """What an attribute's values are, which decides validation and statistics."""

    NUMBER = "number"
    """A count or amount; means and totals make sense."""
    CATEGORY = "category"
    """One of a fixed list of words (education level, sector)."""
    CODE = "code"
    """Free text that must match a pattern (a postcode); counted like a category."""


class Marker(enum.Enum):
    """A small shape printed beside a value so its source is known without colour."""

    TRIANGLE = "triangle"
    SQUARE = "square"
    CIRCLE = "circle"
    DIAMOND = "diamond"
    STAR = "star"


class MonoStyle(enum.Enum):
    """How a source's values are set in the black-and-white edition, where ink cannot tell sources apart."""

    SOLID = "solid"
    """Plain black text."""
    UNDERLINE = "underline"
    """Text with a rule under it."""
    BOXED = "boxed"
    """Text inside a thin frame."""
    ITALIC = "italic"
    """Italic text."""
    OUTLINE = "outline"
    """Outlined letters (only for large type)."""


class Measure(enum.Enum):
    """Which figure the answer sheet gives for an attribute."""

    MEAN = "mean"
    """The mean per series ("gemiddeld 39,5")."""
    TOTAL = "total"
    """The sum per series ("15")."""
    TOTAL_MEAN = "total_mean"
    """Sum and mean ("38 in totaal, gemiddeld 3,8")."""
    COUNT = "count"
    """How many persons have one of some categories ("9 van 10 WO/HBO")."""
    MODE = "mode"
    """The most frequent values, ties included ("vooral 3582/3583")."""
    DISTRIBUTION = "distribution"
    """How many persons per category; compared as a whole."""


@dataclass(frozen=True)
class Colour:
    """A named print colour, in CMYK fractions 0–1 (print shops want CMYK, not RGB)."""

    name: str
    cmyk: tuple[float, float, float, float]


CARD_PRESETS: dict[str, tuple[float, float]] = {
    "poker": (63.0, 88.0),
    "us-poker": (63.5, 88.9),
    "bridge": (57.0, 89.0),
    "tarot": (70.0, 120.0),
    "a7": (74.0, 105.0),
}
"""Named card sizes, width × height in mm, portrait."""

CARD_MIN_MM = 20.0
CARD_MAX_MM = (200.0, 280.0)
"""Smallest and largest card (width, height) in mm: a card smaller than 20 mm holds no
readable text; a larger one no longer fits on A4 with margins."""


@dataclass(frozen=True)
class CardSize:
    """The trimmed size of one card."""

    name: str
    """Preset name ("poker") or "custom"."""
    width_mm: float
    height_mm: float


@dataclass(frozen=True)
class Source:
    """A data source: all attributes printed in its ink come from it."""

    key: str
    name: str
    """As printed in the booklet ("Basisregistratie Personen (BRP)")."""
    description: str
    ink: Colour
    """The ink its values are printed in on colour cards."""
    marker: Marker | str
    """A shape, or a single letter, printed beside its values."""
    mono: MonoStyle
    """Its treatment in the black-and-white edition."""


@dataclass(frozen=True)
class Attribute:
    """One characteristic of a person; one card per person per attribute."""

    key: str
    label: str
    """As printed on the card ("Leeftijd")."""
    source: Source
    kind: Kind
    unit: str = ""
    """Printed with the value ("jaar", "€"); empty for none."""
    unit_one: str = ""
    """The unit after exactly 1 ("1 maand", not "1 maanden"); ``unit`` when empty."""
    unit_before: bool = False
    """Whether the unit goes before the number ("€ 7.600") or after it ("42 jaar")."""
    categories: tuple[str, ...] = ()
    """The allowed values of a category attribute, in their usual order."""
    pattern: str = ""
    """Regular expression a code value must match in full."""
    minimum: float | None = None
    maximum: float | None = None
    decimals: int = 0
    """Decimals a number is printed with on its card."""


@dataclass(frozen=True)
class Series:
    """A card set: persons who found work, or who did not."""

    key: str
    label: str
    """As printed ("Reeks 1")."""
    meaning: str
    """What the persons have in common ("heeft werk gevonden")."""
    colour: Colour
    """Card colour: the full-bleed fill and the back."""
    pseudonymised: tuple[str, ...] = ()
    """Names of persons printed with their pseudonym number instead of their name."""


@dataclass(frozen=True)
class Person:
    """A fictional person with a value for every attribute."""

    name: str
    series: str
    """Key of the person's series."""
    values: Mapping[str, Value]
    """Attribute key → value, in the deck's attribute order."""
    line: int = 0
    """Line of the person's entry in persons.yaml, for messages that come after loading."""


@dataclass(frozen=True)
class Wording:
    """Texts for an assumption that follow the data; the answer sheet picks the one the figures support."""

    higher: str = ""
    """When series 1's figure is clearly higher than series 2's."""
    lower: str = ""
    """When series 1's figure is clearly lower."""
    equal: str = ""
    """When the figures are about equal (within the comparison's threshold)."""
    different: str = ""
    """For unordered figures (most frequent values, distributions) that clearly differ."""


@dataclass(frozen=True)
class Correlation:
    """A remark on how this attribute relates to another one across all persons."""

    attribute: str
    """Key of the other attribute (both numbers)."""
    threshold: float
    """|r| below this counts as no relation."""
    positive: str
    negative: str
    none: str
    expect: str = ""
    """The remark the row is meant to print ('none', 'positive', 'negative'); empty when unstated."""
    line: int = 0
    """Line of ``expect`` in answers.yaml, for warnings."""


@dataclass(frozen=True)
class Margin:
    """How clearly a row must show its ``expect`` for the group to see it, in the terms the group counts.

    ``share`` is, for a count, the difference of the two series' shares of persons (0.3: 3 persons in 10
    apart); for a mean or total, how far apart as a share of the larger figure (0.2: 20 % apart); for a
    distribution, the total variation distance; for most frequent values (a postcode), the most persons,
    as a share of all, whose value occurs in both series (0.2: 4 of 20).
    """

    share: float
    of: int = 0
    """The "of" the deck wrote ("3 of 10" → 10), to say it back the same way; 0 for a plain share."""


@dataclass(frozen=True)
class Comparison:
    """One row of the answer sheet: which figure to compute for an attribute and what to discuss."""

    attribute: str
    measure: Measure
    title: str = ""
    """Heading of the row; the attribute's label when empty."""
    categories: tuple[str, ...] = ()
    """For COUNT: the categories counted together."""
    category_label: str = ""
    """For COUNT: how the counted categories are printed ("WO/HBO")."""
    equal_within: float = 0.1
    """Relative difference (or, for distributions, total variation distance) below which figures are "about equal"."""
    decimals: int = 1
    """Decimals for means on the answer sheet; a trailing zero is dropped (50, not 50,0)."""
    assumption: Wording = field(default_factory=Wording)
    """The claim for the group to test; a direction may have none where the row only observes."""
    correlation: Correlation | None = None
    footnote: str = ""
    """Printed under the answer sheet, marked with an asterisk."""
    expect: str = ""
    """The direction the row is meant to show ('higher', 'lower', 'equal', 'different'); empty when unstated."""
    margin: Margin | None = None
    """How clearly ``expect`` must show (see :class:`Margin`); None when nothing is expected."""
    line: int = 0
    """Line of the row in answers.yaml, for warnings that come after loading."""
    observation: Wording = field(default_factory=Wording)
    """What the figures show, printed as an observation (or a non-finding), not as an assumption."""
    question: Wording = field(default_factory=Wording)
    """The assumption put to the group as a question, per direction (printed on the slide and the sheet)."""
    caution: str = ""
    """Why the difference may not be a cause: what else could explain it (age, a spell still running)."""


@dataclass(frozen=True)
class SinglesOut:
    """The deck's statement that one value, held by one person, makes that person recognisable."""

    attribute: str
    """Key of the category or code attribute meant to carry the value."""
    value: str = ""
    """The value itself (when the texts name it, 'motorvoertuigen'); any value when empty."""
    line: int = 0
    """Line of the statement in answers.yaml."""


MAX_SETS = 26
"""Card sets one build can print: each is marked with a letter, A to Z."""


@dataclass(frozen=True)
class Deck:
    """A whole workshop: what to print and what the answer sheet says."""

    name: str
    """The deck folder's name; used for the output folder."""
    path: Path
    title: str
    subtitle: str
    language: str
    pseudonym_key: str
    card_size: CardSize
    sources: tuple[Source, ...]
    attributes: tuple[Attribute, ...]
    series: tuple[Series, ...]
    persons: tuple[Person, ...]
    comparisons: tuple[Comparison, ...]
    texts: Texts
    files: tuple[Path, ...]
    """Every file the deck was read from, for hashing (manifest) and messages."""
    singles_out: SinglesOut | None = None
    """Which attribute is meant to carry the one value that singles a person out (answers.yaml)."""
    sets: int = 1
    """Card sets to print, one per table (``sets:`` in deck.yaml; ``build --sets`` overrides it)."""

    def attribute(self, key: str) -> Attribute:
        """The attribute with this key."""
        return next(a for a in self.attributes if a.key == key)

    def persons_in(self, series: Series) -> tuple[Person, ...]:
        """The persons of one series, in deck order."""
        return tuple(p for p in self.persons if p.series == series.key)

    @property
    def card_count(self) -> int:
        """Cards in the whole deck: one per person per attribute."""
        return len(self.persons) * len(self.attributes)
