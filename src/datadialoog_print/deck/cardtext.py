"""What each card says: the person's name (or pseudonym number), the attribute and its value as printed."""

from __future__ import annotations

from dataclasses import dataclass

from .language import Language, language
from .model import Attribute, Deck, Kind, Person, Series, Value
from .pseudonym import pseudonyms


@dataclass(frozen=True)
class Card:
    """One card as printed: the name (or pseudonym number), the attribute and its value."""

    person: Person
    shown_name: str
    pseudonymised: bool
    attribute: Attribute
    value: str


def value_text(attribute: Attribute, value: Value, lang: Language) -> str:
    """A value as the card prints it: "€ 12.000", "34 jaar", "HBO"."""
    if attribute.kind is not Kind.NUMBER:
        return str(value)
    number = lang.number(float(value), attribute.decimals, keep_zeros=True)
    unit = attribute.unit_one if value == 1 and attribute.unit_one else attribute.unit
    if not unit:
        return number
    return f"{unit} {number}" if attribute.unit_before else f"{number} {unit}"


def series_cards(deck: Deck, series: Series) -> list[Card]:
    """Every card of one series, person by person in deck order, attributes in deck order."""
    lang = language(deck.language)
    numbers = pseudonyms((p.name for p in deck.persons), deck.pseudonym_key)
    hidden = set(series.pseudonymised)
    cards = []
    for person in deck.persons_in(series):
        masked = person.name in hidden
        shown = str(numbers[person.name]) if masked else person.name
        for attribute in deck.attributes:
            cards.append(
                Card(person, shown, masked, attribute, value_text(attribute, person.values[attribute.key], lang))
            )
    return cards


def set_letters(sets: int) -> list[str]:
    """The letter of each card set: A, B, C, … One set needs no letter: [""]."""
    if sets <= 1:
        return [""]
    return [chr(ord("A") + i) for i in range(sets)]
