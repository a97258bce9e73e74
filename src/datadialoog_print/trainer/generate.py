"""A new deck with fresh fictional persons that keep the source deck's lesson (``datadialoog-print generate``).

The new deck has the source deck's sources, attributes, texts and answer sheet; only the
persons are new. They keep every direction the source states (``expect``), with a margin a
group can see, and exactly one value that singles a person out (``singles_out``); the
share of pre-pseudonymised persons stays the source's. One seed gives one deck, byte for
byte: every random choice comes from ``random.Random(seed)``. The deck is written to a
staging folder, checked whole, and only then moved into place (:mod:`.deckwrite`).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path
from random import Random

import yaml

from ..assemble.decks import load_deck
from ..deck.language import language
from ..deck.model import Deck, Measure
from ..deck.yamlfile import read_yaml
from ..figures.lessontext import broken, verdict_text
from ..figures.stats import rare_values
from .bounds import MAX_CANDIDATES, MAX_PERSONS_PER_SERIES, MAX_SEED, STRENGTHS
from .candidates import Candidate, Column, figure_columns, measure
from .deckversion import files_of, require, version_of
from .deckwrite import write_new_deck
from .draft import CannotGenerate, Singled, aim_targets, loosened, make_values
from .names import draw_names, surname_of
from .newdeck import persons_yaml, target_folder, without_keys
from .personas import Personas, personas
from .reference import Reference, reference_for


@dataclass(frozen=True)
class Generated:
    """What ``generate_deck`` made."""

    path: Path
    deck: Deck
    """The new deck, loaded and checked."""
    source: Deck
    renamed: tuple[tuple[str, str], ...]
    """Source persons the texts name (B. Bos), and the new person who stands in for each."""
    seed: int
    strength: str = "original"
    candidates: tuple[Candidate, ...] = ()
    """Every seed tried (``--candidates``), with its gaps; the deck is the strongest of them."""
    table: tuple[list[str], list[Column]] = ([], [])
    """With ``--candidates``: the rows' titles and the columns the generate page shows (:func:`figure_columns`)."""
    shipped: str = ""
    """The shipped deck the lesson comes from, which every candidate is measured against."""


@dataclass(frozen=True)
class Tried:
    """One seed's draft: measured, and the files it would write."""

    candidate: Candidate
    files: dict[str, str]
    renamed: tuple[tuple[str, str], ...]


def check_request(*, seed: int, persons_per_series: int | None, strength: str, candidates: int) -> None:
    """Refuse, naming the option, what ``generate`` does not take: the CLI and the workspace ask the same."""
    if seed < 0:  # Random(-5) draws as Random(5): a negative seed would repeat another deck
        raise CannotGenerate(f"seed {seed} is below 0; give a whole number from 0")
    if seed > MAX_SEED:
        raise CannotGenerate(f"seed {seed} is above {MAX_SEED}")
    if candidates >= 1 and seed + candidates - 1 > MAX_SEED:  # every seed tried is one generate takes
        raise CannotGenerate(f"seeds {seed} to {seed + candidates - 1} go above {MAX_SEED}; start lower")
    if persons_per_series is not None and not 1 <= persons_per_series <= MAX_PERSONS_PER_SERIES:
        raise CannotGenerate(f"persons per series {persons_per_series} is not from 1 to {MAX_PERSONS_PER_SERIES}")
    if strength not in STRENGTHS:
        raise CannotGenerate(f"strength '{strength}' is not one of: {', '.join(STRENGTHS)}")
    if not 1 <= candidates <= MAX_CANDIDATES:
        raise CannotGenerate(f"candidates {candidates} is not from 1 to {MAX_CANDIDATES}")


def try_seeds(
    origin: Deck, *, seed: int, persons_per_series: int | None, strength: str, candidates: int
) -> list[Tried]:
    """``candidates`` drafts from ``seed`` on, each measured against ``origin``; nothing is written."""
    check_request(seed=seed, persons_per_series=persons_per_series, strength=strength, candidates=candidates)
    reference = reference_for(origin)
    tried = []
    for offset in range(candidates):
        files, renamed, values, series = _draft(origin, seed + offset, persons_per_series, strength, reference)
        found = Tried(measure(origin, values, series, seed + offset, reference), files, renamed)
        if strength == "original" and found.candidate.score < 1 - 1e-9:
            continue  # weaker than the shipped deck on some row: not offered as 'original' (the draft's bands forbid it)
        tried.append(found)
    if not tried:
        raise CannotGenerate(f"no seed from {seed} to {seed + candidates - 1} made a deck as clear as the original")
    return tried


def generate_deck(
    name: str,
    *,
    seed: int,
    source: str | Path | None = None,
    persons_per_series: int | None = None,
    decks_dir: Path | None = None,
    strength: str = "original",
    candidates: int = 1,
    version: str | None = None,
) -> Generated:
    """Write ``decks/NAME``: the source deck (the default deck) with fresh persons that keep its lesson.

    ``strength`` ('mild', 'original', 'strong') says how clearly, against the shipped deck the lesson comes from;
    ``candidates`` tries that many seeds from ``seed`` on and keeps the one whose weakest row is strongest.
    The source and the deck written are read as every command reads a deck (the documents' checks too).
    ``version``: the source as the caller saw it (a page's candidates); StaleDeck if it has changed since.
    """
    check_request(seed=seed, persons_per_series=persons_per_series, strength=strength, candidates=candidates)
    target = target_folder(name, decks_dir)
    origin = load_deck(source)
    if version is not None:
        require(origin.path, version_of(origin, files_of(version)), version)
    tried = try_seeds(
        origin, seed=seed, persons_per_series=persons_per_series, strength=strength, candidates=candidates
    )
    best = max(tried, key=lambda t: t.candidate.rank)
    made = _write(target, best.files)
    return Generated(
        path=target,
        deck=made,
        source=origin,
        renamed=best.renamed,
        seed=best.candidate.seed,
        strength=strength,
        candidates=tuple(t.candidate for t in tried) if candidates > 1 else (),
        table=figure_columns(origin, tried) if candidates > 1 else ([], []),
        shipped=reference_for(origin).deck.name,
    )


def _draft(origin: Deck, seed: int, persons_per_series: int | None, strength: str, reference: Reference):
    """The new deck's files for one seed, whom its texts now name, and the persons' values and series."""
    data = personas()
    sizes = [persons_per_series or len(origin.persons_in(s)) for s in origin.series]
    if len(set(sizes)) == 1:
        request = f"{sizes[0]} person{'s' if sizes[0] != 1 else ''} per series"
    else:
        request = " and ".join(map(str, sizes)) + " persons in the two series"
    if min(sizes) < 1:
        raise CannotGenerate("a deck needs at least 1 person per series")
    rng = Random(seed)
    singled = _singled(origin, sizes, rng)
    _check_feasible(origin, sizes, singled, data, request)
    series = [i for i, n in enumerate(sizes) for _ in range(n)]
    aim = data.aims[strength]
    targets = aim_targets(origin, reference.bands(origin, aim.low, aim.high), data.together, persons=sizes)

    def draw(aimed: dict) -> list:
        return make_values(
            origin,
            data,
            series=series,
            singled=singled,
            rng=rng,
            request=request,
            targets=aimed,
            reference=reference.deck,
        )

    try:
        values = draw(targets)
    except CannotGenerate:
        # Few persons make few possible figures: a band 1.0-1.3 times the original may hold none that the rules
        # allow (4 persons' interventions). Once, the band's upper end moves out by its width; never the lower.
        values = draw({i: loosened(t) for i, t in targets.items()})
    names = draw_names(origin, values, data, rng, avoid={surname_of(p.name) for p in origin.persons})
    hidden = _pseudonymised(origin, sizes, rng)
    renamed = _stand_ins(origin, names, series, hidden, singled)
    files = _files(origin, names, values, series, hidden, renamed, seed=seed, sizes=sizes, strength=strength)
    return files, renamed, values, series


def _write(target: Path, files: dict[str, str]) -> Deck:
    """The files into ``target`` in one step (:mod:`.deckwrite`), once the staged deck keeps its lesson."""

    def keeps_lesson(made: Deck) -> None:
        if lost := broken(made):  # the draft keeps every intention; this guards the files written from it
            raise CannotGenerate(" ".join(verdict_text(made, v) for v in lost))

    data = {name: text.encode("utf-8") for name, text in files.items()}
    return write_new_deck(target, data, check=keeps_lesson)


def _singled(deck: Deck, sizes: list[int], rng: Random) -> Singled | None:
    """The value meant to single one person out, and where that person sits among the new ones."""
    spec = deck.singles_out
    if spec is None:
        return None
    attribute = deck.attribute(spec.attribute)
    value = spec.value
    if not value:
        rare = rare_values(deck).get(spec.attribute, ())
        options = attribute.categories or tuple(dict.fromkeys(str(p.values[spec.attribute]) for p in deck.persons))
        value = rare[0][0] if len(rare) == 1 else rng.choice(options)
    holders = [p for p in deck.persons if str(p.values[spec.attribute]) == value]
    keys = [s.key for s in deck.series]
    series = keys.index(holders[0].series) if len(holders) == 1 else rng.randrange(len(sizes))
    return Singled(spec.attribute, value, sum(sizes[:series]) + rng.randrange(sizes[series]))


def _check_feasible(deck: Deck, sizes: list[int], singled: Singled | None, data: Personas, request: str) -> None:
    """Refuse at once, and say why, what no drawing of persons can give."""
    for c in deck.comparisons:
        lead = f"cannot make {request} that keep the lesson of '{deck.name}': {c.title} (expect: {c.expect})"
        if c.measure is Measure.MODE and c.expect == "different" and min(sizes) < data.mode_count:
            raise CannotGenerate(
                f"{lead} needs each series' most frequent value held by at least {data.mode_count} of its "
                f"persons; that takes at least {data.mode_count} persons per series",
                words=("generate_needs_mode", {"row": c.title, "count": data.mode_count}),
            )
        if c.measure is Measure.DISTRIBUTION and c.expect == "equal" and singled and c.attribute == singled.attribute:
            within = c.equal_within
            holder_series = next(i for i in range(len(sizes)) if singled.holder < sum(sizes[: i + 1]))
            alone = 1 / sizes[holder_series]
            if alone > within + 1e-12:
                need = math.ceil(1 / within - 1e-9) if within else "more"
                raise CannotGenerate(
                    f"{lead} needs the two series' distributions at most {within:g} apart (equal_within in answers.yaml), but the one person "
                    f"with '{singled.value}' (singles_out) alone puts them {alone:.2f} apart; that takes at least "
                    f"{need} persons per series",
                    words=("generate_needs_spread", {"row": c.title, "value": singled.value, "count": need}),
                )


def _pseudonymised(deck: Deck, sizes: list[int], rng: Random) -> list[list[int]]:
    """Per series, which of the new persons (0-based within it) are pre-pseudonymised: the source's share."""
    out = []
    for series, size in zip(deck.series, sizes, strict=True):
        total = len(deck.persons_in(series))
        share = len(series.pseudonymised) / total if total else 0.0
        count = math.floor(share * size + 0.5)
        if share > 0:
            count = max(count, 1)
        if share < 1:
            count = min(count, size - 1)
        out.append(sorted(rng.sample(range(size), max(count, 0))))
    return out


def _stand_ins(
    deck: Deck, names: list[str], series: list[int], hidden: list[list[int]], singled: Singled | None
) -> tuple[tuple[str, str], ...]:
    """For each source person the texts name, a new person of the same series printed with a name."""
    texts = "".join(f.read_text(encoding="utf-8") for f in (deck.path / "texts.yaml", deck.path / "answers.yaml"))
    keys = [s.key for s in deck.series]
    free: list[list[str]] = [[] for _ in keys]
    position = [0] * len(keys)
    for index, (name, s) in enumerate(zip(names, series, strict=True)):
        if position[s] not in hidden[s] and not (singled and index == singled.holder):
            free[s].append(name)
        position[s] += 1
    out = []
    for person in deck.persons:
        s = keys.index(person.series)
        if _pattern(person.name).search(texts) and free[s]:
            out.append((person.name, free[s].pop(0)))
    return tuple(out)


def _pattern(name: str) -> re.Pattern:
    return re.compile(rf"(?<![\w.]){re.escape(name)}(?!\w)")


def _files(
    deck: Deck,
    names: list[str],
    values: list[dict],
    series: list[int],
    hidden: list[list[int]],
    renamed: tuple[tuple[str, str], ...],
    *,
    seed: int,
    sizes: list[int],
    strength: str,
) -> dict[str, str]:
    """The new deck's four files as text."""
    keys = [s.key for s in deck.series]
    records = [
        {"name": n, "series": int(keys[s]) if keys[s].isdigit() else keys[s], **v}
        for n, s, v in zip(names, series, values, strict=True)
    ]
    starts = [sum(sizes[:i]) for i in range(len(sizes))]
    pseudonymised = [[names[starts[i] + j] for j in hidden[i]] for i in range(len(sizes))]
    lang = language(deck.language)  # the heading stays when the persons are imported or edited: the deck's words
    if len(set(sizes)) == 1:
        per = lang.t("persons_file_per_series", count=sizes[0])
    else:
        per = lang.t("persons_file_sizes", sizes=lang["and"].join(map(str, sizes)))
    made = lang.t("persons_file_generated", seed=seed, source=deck.name, strength=strength, per=per)
    comment = f"{made}\n{lang['persons_file_names']}"  # a heading of two lines

    def renaming(text: str) -> str:
        for old, new in renamed:
            text = _pattern(old).sub(new, text)
        return text

    deck_text = without_keys((deck.path / "deck.yaml").read_text(encoding="utf-8"), ("persons_from", "translate"))
    return {
        "deck.yaml": _with_pseudonymised(deck_text, pseudonymised),
        "persons.yaml": persons_yaml(records, comment),
        "answers.yaml": renaming((deck.path / "answers.yaml").read_text(encoding="utf-8")),
        "texts.yaml": renaming((deck.path / "texts.yaml").read_text(encoding="utf-8")),
    }


def _with_pseudonymised(text: str, names: list[list[str]]) -> str:
    """deck.yaml with each series' ``pseudonymised`` list replaced in place; every other line as it was."""
    doc = read_yaml(Path("deck.yaml"), "deck.yaml", [], text=text)
    lines = text.splitlines(keepends=True)
    for i in reversed(range(len(names))):
        path = ("series", i, "pseudonymised")
        if doc is None or path not in doc.lines:
            continue
        start = doc.lines[path] - 1
        later = [n for p, n in doc.lines.items() if p[:3] != path and n - 1 > start]
        end = min(later) - 1 if later else len(lines)
        while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
            end -= 1  # blank lines and comments before the next key belong to it
        indent = lines[start][: len(lines[start]) - len(lines[start].lstrip())]
        flow = yaml.safe_dump(names[i], default_flow_style=True, allow_unicode=True, width=10_000).strip()
        lines[start:end] = [f"{indent}pseudonymised: {flow}\n"]
    return "".join(lines)
