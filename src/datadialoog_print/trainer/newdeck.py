"""Start a new deck as a copy of an existing one, ready to edit.

An edition that borrows its persons from another deck (``persons_from``) is copied as a
standalone deck: its persons, translated, are written into its own persons.yaml, so the
trainer can edit them.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from ..assemble.decks import load_deck
from ..deck.load import DECK_FILES
from ..deck.locate import decks_dir as default_dir
from ..deck.locate import resolve_deck_path
from ..deck.model import Deck
from ..errors import DatadialoogError, short
from ..folderlock import read_consistently
from .deckversion import bytes_version, files_of, require
from .deckwrite import write_new_deck

_NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
"""A deck name: a folder name that works on every system and in a URL; never a path."""


def check_deck_name(name: str) -> str:
    """``name`` if it can be a new deck's folder under ``decks/``; a clear error otherwise."""
    if not _NAME.fullmatch(name):  # match() with $ would let a trailing newline through
        raise DatadialoogError(
            f"{short(repr(name))} is not a deck name: use 1 to 64 lower-case letters, digits, '-' and '_', starting with a "
            "letter or digit (e.g. mijn-deck); a new deck always goes into decks/ in this folder"
        )
    return name


def target_folder(name: str, decks_dir: Path | None = None) -> Path:
    """Where a new deck called NAME goes: ``decks/NAME`` here, never a path; refuses a bad or taken name."""
    target = (decks_dir or default_dir()) / check_deck_name(name)
    if target.exists():
        raise DatadialoogError(f"{target} already exists; choose another name (nothing was changed)")
    return target


def new_deck(
    name: str,
    *,
    source: str | Path | None = None,
    decks_dir: Path | None = None,
    version: str | None = None,
    title: str | None = None,
) -> Path:
    """Copy the deck files of ``source`` (the default deck; a local or a shipped one) into ``decks/NAME``,
    creating ``decks/``; never overwrites, never writes outside ``decks/``; whole or not at all (:mod:`.deckwrite`).
    ``version``: the source as the caller saw it; StaleDeck if the files copied are not those. ``title``: the new
    deck's own title, written into its deck.yaml in place (every comment kept), so two decks are not listed under
    one title; None keeps the source's."""
    target = target_folder(name, decks_dir)
    files = standalone_files(resolve_deck_path(source), target.name, version=version)
    if title is not None:
        from .yamledit import replace_texts

        text = files["deck.yaml"].decode("utf-8")
        files["deck.yaml"] = replace_texts(text, {("title",): " ".join(title.split())}).encode("utf-8")
    return write_new_deck(target, files).path


def standalone_files(origin: Path, name: str, *, version: str | None = None) -> dict[str, bytes]:
    """The deck files of the deck at ``origin`` as a deck of its own called ``name``: a deck that takes its persons
    from another (``persons_from``) gets them written out, so the copy needs nothing beside it. ``version``: the
    files as the caller saw them; StaleDeck if these are not those."""

    def read() -> tuple[Deck, dict[str, bytes]]:
        """The deck checked and its files' bytes, from one moment (no import halfway through them)."""
        deck = load_deck(origin)  # copy only a deck that works
        return deck, {file: (origin / file).read_bytes() for file in DECK_FILES if (origin / file).is_file()}

    try:
        deck, files = read_consistently(origin, DECK_FILES, read, doing="is changing the deck")
        if version is not None:
            require(origin, bytes_version(files, files_of(version)), version)
        if "persons.yaml" not in files:
            text = files["deck.yaml"].decode("utf-8")
            files["deck.yaml"] = without_keys(text, ("persons_from", "translate")).encode("utf-8")
            persons = [
                {"name": p.name, "series": int(p.series) if p.series.isdigit() else p.series, **p.values}
                for p in deck.persons
            ]
            comment = f"Persons of the deck '{comment_line(name)}', copied from '{comment_line(deck.name)}'."
            files["persons.yaml"] = persons_yaml(persons, comment).encode("utf-8")
    except (OSError, UnicodeError) as exc:
        raise DatadialoogError(f"cannot read the deck {origin}: {exc}; nothing was changed") from None
    return files


def persons_yaml(persons: list[dict], comment: str) -> str:
    """persons.yaml as a trainer would write it: block style, fields in deck order, codes quoted."""
    body = yaml.dump(  # libyaml's dumper writes the same text three times as fast (10 000 persons: 2 s, not 7)
        {"persons": persons},
        Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper),
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=100,
    )
    # a heading of several lines keeps them (generate's); a name inside one is made safe where it is put in
    return "".join(f"# {comment_line(line)}\n" for line in comment.split("\n")) + body


def comment_line(text: str) -> str:
    """``text`` safe as one YAML comment line: a line break, a control or an invisible character in it (a
    spreadsheet's or a folder's name may hold one) written as its escape, ``\\n`` or ``\\u2028``, so the comment
    stays one line and the file stays what it says."""
    import unicodedata

    return "".join(ascii(ch)[1:-1] if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp") else ch for ch in text)


def without_keys(text: str, keys: tuple[str, ...]) -> str:
    """YAML text without some top-level keys (and the comment lines right above them), other lines untouched."""
    lines = text.splitlines(keepends=True)
    out: list[str] = []
    skipping = False
    for line in lines:
        top = line[:1] not in (" ", "\t", "\n", "#", "") and ":" in line
        if top:
            skipping = line.split(":", 1)[0].strip() in keys
            if skipping:
                while out and out[-1].startswith("#"):
                    out.pop()
        if not skipping:
            out.append(line)
    return "".join(out).rstrip("\n") + "\n"
