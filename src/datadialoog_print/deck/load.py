"""Read a deck folder into a validated :class:`~datadialoog_print.deck.model.Deck`.

The one entry point for decks: every problem of every file is collected with its file,
line and field, and all of them are reported together in one :class:`DeckError`, so a
trainer fixes a deck in one round instead of one error at a time.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..errors import DeckError, Problem
from .answers import read_comparisons, read_singles_out
from .checker import TITLE, Checker, suggest
from .deckfile import read_attributes, read_card_size, read_colours, read_series, read_sets, read_sources
from .language import LANGUAGES, slug
from .locate import resolve_deck_path
from .model import Deck
from .paperchecks import Printing
from .persons import persons_source, read_persons, translate_persons
from .texts import fill_texts, read_texts, values_for
from .typography import typeset
from .yamlfile import Doc, decode_text, read_file, read_yaml

DECK_FILES = ("deck.yaml", "persons.yaml", "answers.yaml", "texts.yaml")
"""The files of a deck folder, in the order they are read."""


def deck_digest(contents: dict[str, bytes]) -> str:
    """SHA-256 over the deck's files as read, each by name and content, in :data:`DECK_FILES` order."""
    h = hashlib.sha256()
    for name in DECK_FILES:
        h.update(name.encode("utf-8") + b"\0")
        h.update(contents[name])
        h.update(b"\0")
    return h.hexdigest()


def read_deck(
    deck: str | Path | None = None,
    *,
    replacing: dict[str, str] | None = None,
    printing: Printing | None = None,
) -> Deck:
    """Read and validate a deck folder (or a deck name under ``decks/``); raise DeckError with every problem.

    ``replacing`` maps a file name to text that stands in for that file, so a change (an
    import) can be validated as part of the whole deck before anything is written.
    ``printing`` holds what the deck cannot know itself (the font's letters, the booklet's places
    and the slides' groups); without it those go unchecked. This is the deck stage's own reader:
    everything else reads decks through :func:`~datadialoog_print.assemble.decks.load_deck`, the one
    ``load_deck``, which always passes them.
    """
    folder = resolve_deck_path(deck)
    replacing = replacing or {}
    problems: list[Problem] = []

    def label(name: str) -> str:
        return str(folder / name)

    docs: dict[str, Doc | None] = {}
    files = {name: folder / name for name in DECK_FILES}

    read_bytes: dict[str, bytes] = {}  # what each file held when it was read: the deck's hashes are of these

    def read(name: str) -> None:
        path = files[name]
        if name in replacing:
            read_bytes[name] = replacing[name].encode("utf-8")
            docs[name] = read_yaml(path, label(name), problems, text=replacing[name])
        else:  # read_file says what stands there instead of a file (nothing, a folder, a pipe, a dead link)
            raw = read_file(path, str(path), problems)
            text = None if raw is None else decode_text(raw, str(path), problems)
            docs[name] = None if text is None else read_yaml(path, str(path), problems, text=text)
            if raw is not None:
                read_bytes[name] = raw

    read("deck.yaml")
    base = persons_source(docs["deck.yaml"], folder, problems)
    if base is not None:
        files["persons.yaml"] = base / "persons.yaml"
        if (folder / "persons.yaml").is_file():
            problems.append(
                Problem(
                    label("persons.yaml"),
                    None,
                    "",
                    "this deck takes its persons from another deck (persons_from); remove this file or persons_from",
                )
            )
    for name in DECK_FILES[1:]:
        read(name)
    for extra in sorted(folder.glob("*.y*ml")):
        if extra.name not in DECK_FILES:
            problems.append(
                Problem(
                    str(extra),
                    None,
                    "",
                    f"not a deck file; a deck has {', '.join(DECK_FILES)}{suggest(extra.name, DECK_FILES)}",
                )
            )
    if problems:
        raise DeckError(problems)

    main = Checker(docs["deck.yaml"], problems, printing)
    root = main.mapping(docs["deck.yaml"].data, ()) or {}
    main.keys(
        root,
        (),
        ["title", "language", "pseudonym_key", "sources", "attributes", "series"],
        ["subtitle", "card_size", "colours", "persons_from", "translate", "sets"],
    )
    title = main.text(root, "title", (), limit=TITLE)
    subtitle = main.text(root, "subtitle", (), required=False, limit=TITLE)
    pseudonym_key = main.text(root, "pseudonym_key", ())
    language = main.choice(root, "language", (), sorted(LANGUAGES), "nl") or "nl"
    if isinstance(root.get("language"), str) and root["language"] not in LANGUAGES:
        problems[-1] = Problem(
            main.doc.label,
            main.doc.line(("language",)),
            "language",
            f"language '{root['language']}' is not supported; languages on offer: "
            + ", ".join(f"{code} ({lang.name})" for code, lang in sorted(LANGUAGES.items())),
        )
    colours = read_colours(main, root.get("colours", {}), ("colours",))
    card_size = read_card_size(main, root.get("card_size", "poker"), ("card_size",))
    sets = read_sets(main, root, ())
    sources = read_sources(main, root.get("sources", []), ("sources",), colours)
    attributes = read_attributes(main, root.get("attributes", []), ("attributes",), sources)
    series_paths = read_series(main, root.get("series", []), ("series",), colours)
    stems: dict[tuple[str, str], str] = {}
    for series, spath in series_paths:
        stem = (slug(series.label), series.colour.name)
        if stem in stems:
            main.error(
                spath + ("label",),
                f"gives the same card file name as series '{stems[stem]}'; change the label or colour",
            )
        stems.setdefault(stem, series.key)
    for key in sources:
        if not any(a.source.key == key for a in attributes) and attributes:
            main.error(("sources",), f"source '{key}' has no attributes")

    texts_checker = Checker(docs["texts.yaml"], problems, printing)
    texts = read_texts(texts_checker, docs["texts.yaml"].data)

    pc = Checker(docs["persons.yaml"], problems, printing)
    proot = pc.mapping(docs["persons.yaml"].data, ()) or {}
    pc.keys(proot, (), ["persons"])
    raw_persons = proot.get("persons", [])
    if "translate" in root:
        raw_persons = translate_persons(main, root["translate"], raw_persons, attributes)
    # Attributes declared but unusable (an unknown source, say) were reported once; their values are not "unknown".
    listed = root.get("attributes")
    if isinstance(listed, list):
        declared = {str(a["key"]) for a in listed if isinstance(a, dict) and "key" in a}
    else:  # reported above: no person's value is "unknown" for want of a list of attributes
        declared = (
            {str(k) for p in raw_persons if isinstance(p, dict) for k in p} if isinstance(raw_persons, list) else set()
        )
    persons = read_persons(
        pc,
        raw_persons,
        ("persons",),
        attributes,
        [s.key for s, _ in series_paths],
        declared=declared - {a.key for a in attributes},
    )

    if texts is not None:
        texts = fill_texts(texts, values_for(persons, [s for s, _ in series_paths], attributes, language))
    names = {p.name: p for p in persons}
    for series, spath in series_paths if isinstance(raw_persons, list) else ():
        if not any(p.series == series.key for p in persons):
            main.error(spath, f"series '{series.key}' ({series.label}) has no persons in persons.yaml")
        for j, name in enumerate(series.pseudonymised if persons else ()):
            if name not in names:
                main.error(spath + ("pseudonymised", j), f"no person named '{name}'{suggest(name, names)}")
            elif names[name].series != series.key:
                main.error(
                    spath + ("pseudonymised", j), f"'{name}' is in series {names[name].series}, not {series.key}"
                )

    ac = Checker(docs["answers.yaml"], problems, printing)
    aroot = ac.mapping(docs["answers.yaml"].data, ()) or {}
    ac.keys(aroot, (), ["comparisons"], ["singles_out"])
    comparisons = read_comparisons(
        ac,
        aroot.get("comparisons", []),
        ("comparisons",),
        attributes,
        dict(texts.footnotes) if texts else {},
        declared=declared,
    )
    singles_out = (
        read_singles_out(ac, aroot["singles_out"], ("singles_out",), attributes) if "singles_out" in aroot else None
    )
    if texts is not None and texts.run_sheet is not None:
        # The debrief's order names comparisons by their attribute (one without a row is simply not shown).
        rows = {a.key for a in attributes} | declared
        for key in ("must", "if_time"):
            for i, name in enumerate(getattr(texts.run_sheet, key)):
                if name not in rows:
                    texts_checker.error(
                        ("run_sheet", "debrief", key, i),
                        f"'{name}' is no attribute of the deck; one of: {', '.join(sorted(rows))}{suggest(name, rows)}",
                    )

    if problems:
        raise DeckError(problems)
    deck = Deck(
        name=folder.resolve().name,
        path=folder,
        title=title,
        subtitle=subtitle,
        language=language,
        pseudonym_key=pseudonym_key,
        card_size=card_size,
        sources=tuple(sources.values()),
        attributes=tuple(attributes),
        series=tuple(s for s, _ in series_paths),
        persons=tuple(persons),
        comparisons=tuple(comparisons),
        texts=texts,
        files=tuple(files[name] for name in DECK_FILES),
        digests=tuple(hashlib.sha256(read_bytes[name]).hexdigest() for name in DECK_FILES),
        digest=deck_digest(read_bytes),
        singles_out=singles_out,
        sets=sets,
    )
    return typeset(deck)
