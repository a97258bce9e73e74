"""Fictional names for generated persons: an initial and a common surname, combined at random.

A person's migration background picks the surname's group most of the time, as in the
source deck (not always: a Dutch background goes with any name); a woman's surname takes
its woman's form where the group has one ("Wiśniewska"). No surname of the source deck is
used, nor a well-known person's name (``deck/data/well_known_names.yaml``). See ``deck/data/names.yaml`` for how
this keeps real persons' names out on purpose.
"""

from __future__ import annotations

from random import Random

from ..deck.model import Deck, Value
from ..deck.plausible import plausibility
from .draft import CannotGenerate
from .personas import NameGroup, NameMix, Personas


def surname_of(name: str) -> str:
    """The surname of "K. Yılmaz" or "L. de Graaf", for comparing names across decks."""
    parts = name.split(". ", 1)
    return (parts[1] if len(parts) == 2 and len(parts[0]) <= 3 else name).strip().casefold()


def _beyond_ascii(text: str) -> bool:
    return any(ord(ch) > 127 for ch in text)


def _fits(text: str, needs: str, letters: str) -> bool:
    """Whether a name has what ``needs`` asks: "ascii" a letter beyond ASCII, "special" one of ``letters``."""
    if needs == "special":
        return any(ch in letters for ch in text.casefold())
    return _beyond_ascii(text) if needs == "ascii" else True


def _feminine(group: NameGroup, surname: str) -> str:
    for ending, form in group.feminine.items():
        if surname.endswith(ending):
            return surname[: -len(ending)] + form
    return surname


def draw_names(
    deck: Deck, persons: list[dict[str, Value]], personas: Personas, rng: Random, *, avoid: set[str]
) -> list[str]:
    """One unique name per person, none with a surname in ``avoid`` (casefolded)."""
    mix: NameMix = personas.languages.get(deck.language) or next(iter(personas.languages.values()))
    groups = {
        key: NameGroup(tuple(s for s in g.surnames if s.casefold() not in avoid), g.feminine)
        for key, g in personas.groups.items()
        if key in mix.mix
    }
    groups = {key: g for key, g in groups.items() if g.surnames}
    order = [key for key in mix.mix if key in groups]
    weights = [mix.mix[key] for key in order]
    room = len(personas.initials) * sum(len(g.surnames) for g in groups.values())
    if len(persons) > room // 2:
        raise CannotGenerate(f"the name list makes about {room} names; {len(persons)} persons need more")
    keys = {a.key for a in deck.attributes}
    known = plausibility()
    used: set[str] = set()
    taken: set[str] = set()
    """Surnames given already: each once in a deck while the group has others."""
    chosen: list[str] = []
    group_of: list[str] = []

    def background(values: dict[str, Value]) -> str | None:
        if mix.background_attribute not in keys:
            return None
        value = personas.canonical(mix.background_attribute, values[mix.background_attribute])
        group = mix.background_groups.get(str(value))
        return group if group in groups else None

    home = mix.background_groups.get(mix.background_home)

    def group_for(values: dict[str, Value]) -> str:
        own = background(values)
        if own and rng.random() < mix.background_share:
            return own
        if own and own != home and home in groups:
            return home
        return rng.choices(order, weights)[0]

    def name(values: dict[str, Value], group: str, *, needs: str = "") -> str:
        """A fresh name of ``group``; with ``needs``, a surname with a letter beyond ASCII ("ascii") or with one
        of the mix's special letters ("special")."""
        surnames = [s for s in groups[group].surnames if _fits(s, needs, mix.letters)]
        woman = mix.feminine_attribute in keys and (
            personas.canonical(mix.feminine_attribute, values[mix.feminine_attribute]) == mix.feminine_value
        )
        fresh = [s for s in surnames if s not in taken]
        for _ in range(200):
            surname = rng.choice(fresh or surnames)
            full = f"{rng.choice(personas.initials)}. {_feminine(groups[group], surname) if woman else surname}"
            if full not in used and known.who(full) is None:  # never a well-known person's name
                taken.add(surname)
                return full
        raise CannotGenerate(f"the name list ran out of names for the group '{group}'")

    def _ensure(needs: str, wanted: int) -> None:
        """Rename persons until ``wanted`` names fit ``needs``: a person whose own group has such surnames keeps
        the group; anyone else whose background allows any name gets one drawn evenly from every fitting
        surname of the mix, so no one surname turns up in deck after deck."""
        rich = [k for k in order if any(_fits(s, needs, mix.letters) for s in groups[k].surnames)]
        while rich and sum(_fits(n, needs, mix.letters) for n in chosen) < wanted:
            plain = [i for i, n in enumerate(chosen) if not _fits(n, needs, mix.letters)]
            own = [i for i in plain if group_of[i] in rich and group_of[i] != home]
            free = [i for i in plain if background(persons[i]) in (None, home)]
            i = rng.choice(own or free or plain)
            if group_of[i] in rich and group_of[i] != home:
                group = group_of[i]
            else:
                pool = [(k, s) for k in rich for s in groups[k].surnames if _fits(s, needs, mix.letters)]
                group = rng.choice(pool)[0]
            used.discard(chosen[i])
            chosen[i] = name(persons[i], group, needs=needs)
            used.add(chosen[i])
            group_of[i] = group

    for values in persons:
        group = group_for(values)
        full = name(values, group)
        used.add(full)
        chosen.append(full)
        group_of.append(group)

    for needs, wanted in (("special", mix.special), ("ascii", mix.beyond_ascii)):
        _ensure(needs, min(wanted, len(persons)))
    return chosen
