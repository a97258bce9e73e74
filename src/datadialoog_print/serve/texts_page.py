"""The texts page: a local deck's printed texts (title, booklet, statements, the answer sheet's assumptions) as
forms, with the limits the deck loader enforces, saved through the workspace's deck write path.

The fields are the texts the loader itself reads (:func:`~datadialoog_print.deck.checker.recording_texts`),
each with the limit and the "required" it is read with, less what is no prose (keys, references,
slide groups, attribute keys). A posted text is checked first with those limits, in words
(``text_*`` in the language tables, in the deck's language); then the changed files, rewritten in
place (:mod:`~datadialoog_print.trainer.yamledit`: comments kept), are loaded as a whole deck
(``load_deck(replacing=…)``), and only a deck that loads is written.

The page is read from one reading of the deck's files (:func:`read_snapshot`) and carries its version
(:mod:`~datadialoog_print.trainer.deckversion`) and, per field, a digest of the text it showed: a save
writes only the fields the person changed, and only onto the files the page was read from; a deck
changed in between is refused with the other change shown (:mod:`.stale`), what was typed kept.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from starlette.requests import Request
from starlette.routing import Route

from ..deck.checker import LINE
from . import notes
from .offload import off_loop
from .pages import deck_folder, page

FILES = ("deck.yaml", "texts.yaml", "answers.yaml")
"""The files whose texts the page edits, in the order it shows them (persons.yaml has its own page)."""

NOT_PROSE = {"key", "see", "slides", "attribute", "source", "pseudonym_key", "label", "unit", "unit_one", "pattern",
             "name", "categories", "footnote", "language", "persons_from", "must", "if_time"}  # fmt: skip
"""Keys whose texts are references or data, not prose: a form would only let them break the deck."""


@dataclass(frozen=True)
class Field:
    """One editable text: where it is, its limit and whether it may be empty, and its text as the file has it."""

    file: str
    path: tuple
    limit: int
    required: bool
    value: str

    @property
    def id(self) -> str:
        return "|".join([self.file, *map(str, self.path)])

    @property
    def paragraphs(self) -> bool:
        return self.limit > LINE or "\n" in self.value

    @property
    def digest(self) -> str:
        """What the page sends back with the field: whether the person changed it is told by this, not by the file."""
        return text_digest(self.value)


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class Snapshot:
    """The deck's files read once: their texts as fields, the deck they make, and the version they are."""

    fields: list[Field]
    deck: object
    texts: dict[str, str]
    """Each file's text as read (the changed files are rewritten from these)."""
    version: str


def _at(data, path: tuple):
    for part in path:
        data = data[part]
    return data


def editable_fields(folder: Path) -> list[Field]:
    """Every prose text of the deck in ``folder``, as the loader reads it; a DeckError if the deck does not load."""
    return read_snapshot(folder).fields


def read_snapshot(folder: Path) -> Snapshot:
    """The deck's files read once, so the fields, the deck and the version are of the same bytes; a DeckError if
    the deck does not load."""
    from ..assemble.decks import load_deck
    from ..deck.checker import recording_texts
    from ..deck.load import DECK_FILES
    from ..deck.yamlfile import decode_text, read_yaml
    from ..trainer.deckversion import TEXTS, bytes_version

    raw = {name: (folder / name).read_bytes() for name in DECK_FILES if (folder / name).is_file()}
    texts = {name: text for name, data in raw.items() if (text := decode_text(data, name, [])) is not None}
    with recording_texts() as read:
        deck = load_deck(folder, replacing=texts)  # a file that is no UTF-8 is read (and refused) by the loader
    docs = {name: read_yaml(folder / name, name, [], text=texts[name]) for name in FILES}
    out = []
    for (label, path), (limit, required) in read.items():
        name = Path(label).name
        if name not in FILES or any(part in NOT_PROSE for part in path if isinstance(part, str)):
            continue
        if path[0] not in {"deck.yaml": ("title", "subtitle", "sources"), "answers.yaml": ("comparisons",)}.get(
            name, (path[0],)
        ):
            continue
        value = _at(docs[name].data, path)
        out.append(Field(name, path, limit, required, str(value).strip()))
    fields = sorted(out, key=lambda f: (FILES.index(f.file), docs[f.file].line(f.path) or 0))  # as the file reads
    return Snapshot(fields, deck, texts, bytes_version(raw, TEXTS))


def text_problem(field: Field, text: str) -> tuple[str, dict] | None:
    """Why the loader would refuse ``text`` for ``field``, as a language table's key: empty, too long, a glyph
    the font lacks, a brace that is no placeholder; None when it takes it."""
    from ..deck.checker import Checker
    from ..deck.texts import TEXT_PLACEHOLDERS, placeholders
    from ..deck.yamlfile import Doc
    from ..paper.fonts import missing_glyphs
    from .person_cells import shown_chars

    if field.required and not text:
        return "text_empty", {}
    if len(text) > field.limit:
        return "text_too_long", {"length": len(text), "limit": field.limit}
    if missing := missing_glyphs(text):
        return "text_glyph", {"chars": shown_chars(missing)}
    if field.file == "texts.yaml":
        found: list = []
        placeholders(Checker(Doc("texts.yaml", None), found), text, field.path)
        if found:
            return "text_placeholder", {"names": ", ".join("{" + p + "}" for p in sorted(TEXT_PLACEHOLDERS))}
    return None


@dataclass
class Posted:
    """The form as posted: each field's text, the changed ones, each refusal, and the digests the page was read with."""

    texts: dict[str, str]
    changed: dict[str, dict[tuple, str]]
    problems: dict[str, tuple[str, dict]]
    was: dict[str, str]
    error: str = ""


def read_posted(fields: list[Field], form) -> Posted:
    """What the person changed: a field whose text differs from the one the page showed (its digest, ``was|ID``;
    without one, from the file's), written onto the files as they are now."""
    texts, changed, problems, was = {}, {}, {}, {}
    for f in fields:
        raw = form.get(f.id)
        text = f.value if raw is None else str(raw).replace("\r\n", "\n").replace("\r", "\n").strip()
        texts[f.id] = text
        shown = str(form.get(f"was|{f.id}") or "")
        was[f.id] = shown or f.digest
        if (text_digest(text) == shown) if shown else (text == f.value):
            continue
        if text == f.value:  # changed on the page, but to what the file already says
            continue
        if problem := text_problem(f, text):
            problems[f.id] = problem
        changed.setdefault(f.file, {})[f.path] = text
    return Posted(texts, changed, problems, was)


def _new_files(snap: Snapshot, posted: Posted) -> dict[str, str]:
    from ..trainer.yamledit import replace_texts

    return {name: replace_texts(snap.texts[name], changes) for name, changes in posted.changed.items()}


def _check_and_save(folder: Path, snap: Snapshot, posted: Posted, version: str | None) -> None:
    """The changed files loaded as a whole deck; each problem the loader finds put on its field; then saved, under
    the deck's lock and only if the files are still those the page was read from (else StaleDeck)."""
    from ..assemble.decks import load_deck
    from ..deck.yamlfile import field_name
    from ..errors import DatadialoogError, DeckError
    from ..trainer.deckversion import TEXTS, StaleDeck, given, require
    from ..trainer.deckwrite import save_deck_files

    try:  # no version, no save; the page was read from other files than these: StaleDeck
        require(folder, snap.version, given(folder, version, TEXTS))
        files = _new_files(snap, posted)
        load_deck(folder, replacing={**snap.texts, **files})
        save_deck_files(folder, {name: text.encode("utf-8") for name, text in files.items()}, version=snap.version)
    except StaleDeck:
        raise
    except DeckError as exc:
        where = {(f.file, field_name(f.path)): f.id for f in snap.fields}
        for p in exc.problems:
            key = where.get((Path(p.file).name, p.field))
            if key is not None:
                posted.problems.setdefault(key, ("text_refused", {"message": p.message}))
            else:
                posted.error = posted.error or p.message
    except DatadialoogError as exc:  # the lock held too long, a full disk: the message on the page, nothing written
        posted.error = exc.format_message()


def label(w, field: Field, names: dict[tuple[str, str], list[str]]) -> str:
    """Where a text stands, in the page's words: "Deel 2 › Stellingen 1 › Uitspraak 2"; a source and a comparison
    by their own name ("Rij Leeftijd › Aanname")."""
    parts = []
    for i, part in enumerate(field.path):
        if isinstance(part, int):
            own = names.get((field.file, field.path[0])) if i == 1 else None
            parts[-1] = f"{parts[-1]} {own[part] if own and part < len(own) else part + 1}"
        else:
            parts.append(w.get(f"text_key_{part}", part))  # a footnote's own key is the deck's word
    return " › ".join(parts)


def _refusal(found) -> str:
    from ..deck.locate import Origin, is_shipped

    return "" if found.origin is Origin.LOCAL and not is_shipped(found.path) else "shipped"


def _show(request: Request, found, snap: Snapshot, *, posted: Posted | None = None, status=200, saved=False, **more):
    from .decks_page import copy_name
    from .pages import words
    from .words import deck_words

    deck, fields = snap.deck, snap.fields
    w = deck_words(deck)
    names = {
        ("answers.yaml", "comparisons"): [c.title for c in deck.comparisons],
        ("deck.yaml", "sources"): [source.name for source in deck.sources],
    }
    labels = {f.id: label(words(request), f, names) for f in fields}
    problems = {key: w.say(message) for key, message in (posted.problems if posted else {}).items()}
    refusal = _refusal(found)
    return page(
        request,
        "texts.html",
        status=status,
        name=request.path_params["name"],
        deck=deck,
        fields=fields,
        groups=[(name, [f for f in fields if f.file == name]) for name in FILES if any(f.file == name for f in fields)],
        texts={f.id: f.value for f in fields} | (posted.texts if posted else {}),
        was={f.id: f.digest for f in fields} | (posted.was if posted else {}),
        version=more.pop("version", None) or snap.version,
        problems=problems,
        error=posted.error if posted else "",
        refusal=refusal,
        copy=copy_name(deck) if refusal else None,
        saved=saved,
        labels=labels,
        dom={f.id: f"t{n}" for n, f in enumerate(fields, 1)},
        sw=w,
        **more,
    )


async def texts_page(request: Request):
    """GET /decks/NAME/texts: every prose text of the deck as a form field, with the version it was read at."""
    found = deck_folder(request.path_params["name"])
    snap = await off_loop(read_snapshot, found.path)
    saved = notes.note(request) == "saved"  # sent here by a save (Post/Redirect/Get)
    return notes.shown(request, await off_loop(lambda: _show(request, found, snap, saved=saved)))


async def save_texts(request: Request):
    """POST /decks/NAME/texts: the changed texts checked and saved if the deck is still the ``version`` the page
    was read at (``anyway``: the version a refusal named); the form again with each refusal (422), or with what
    changed in between (409), what was typed kept."""
    from ..trainer.deckversion import StaleDeck
    from .stale import notice
    from .words import deck_words

    found = deck_folder(request.path_params["name"])
    snap = await off_loop(read_snapshot, found.path)
    if _refusal(found):
        return await off_loop(lambda: _show(request, found, snap, status=403))
    async with request.form(max_files=0, max_fields=2 * len(snap.fields) + 10) as form:
        posted = read_posted(snap.fields, form)
        version = str(form.get("anyway") or form.get("version") or "") or None
        seen = str(form.get("version") or "") or None
    if not posted.problems and posted.changed:
        try:
            await off_loop(_check_and_save, found.path, snap, posted, version)
        except StaleDeck as exc:
            told = await off_loop(notice, exc, deck_words(snap.deck))
            return await off_loop(
                lambda: _show(request, found, snap, posted=posted, status=409, stale=told, version=seen)
            )
    if posted.problems or posted.error:
        return await off_loop(lambda: _show(request, found, snap, posted=posted, status=422, version=seen))
    # a refresh asks for the page, never the save again
    return notes.after_save(request, request.url.path, "saved" if posted.changed else "")


ROUTES = [
    Route("/decks/{name}/texts", texts_page),
    Route("/decks/{name}/texts", save_texts, methods=["POST"]),
]
