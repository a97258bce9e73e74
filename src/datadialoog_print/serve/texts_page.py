"""The texts page: a local deck's printed texts (title, booklet, statements, the answer sheet's assumptions) as
forms, with the limits the deck loader enforces, saved through the workspace's deck write path.

The fields are the texts the loader itself reads (:func:`~datadialoog_print.deck.checker.recording_texts`),
each with the limit and the "required" it is read with, less what is no prose (keys, references,
slide groups, attribute keys). A posted text is checked first with those limits, in words
(``text_*`` in the language tables, in the deck's language); then the changed files, rewritten in
place (:mod:`~datadialoog_print.trainer.yamledit`: comments kept), are loaded as a whole deck
(``load_deck(replacing=…)``), and only a deck that loads is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from starlette.requests import Request
from starlette.routing import Route

from ..deck.checker import LINE
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


def _at(data, path: tuple):
    for part in path:
        data = data[part]
    return data


def editable_fields(folder: Path) -> list[Field]:
    """Every prose text of the deck in ``folder``, as the loader reads it; a DeckError if the deck does not load."""
    from ..assemble.decks import load_deck
    from ..deck.checker import recording_texts
    from ..deck.yamlfile import read_yaml

    with recording_texts() as read:
        load_deck(folder)
    docs = {name: read_yaml(folder / name, name, []) for name in FILES}
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
    return sorted(out, key=lambda f: (FILES.index(f.file), docs[f.file].line(f.path) or 0))  # as the file reads


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
    """The form as posted: each field's text, the changed ones, and each refusal."""

    texts: dict[str, str]
    changed: dict[str, dict[tuple, str]]
    problems: dict[str, tuple[str, dict]]
    error: str = ""


def read_posted(fields: list[Field], form) -> Posted:
    texts, changed, problems = {}, {}, {}
    for f in fields:
        raw = form.get(f.id)
        text = f.value if raw is None else str(raw).replace("\r\n", "\n").replace("\r", "\n").strip()
        texts[f.id] = text
        if text == f.value:
            continue
        if problem := text_problem(f, text):
            problems[f.id] = problem
        changed.setdefault(f.file, {})[f.path] = text
    return Posted(texts, changed, problems)


def _new_files(folder: Path, posted: Posted) -> dict[str, str]:
    from ..trainer.yamledit import replace_texts

    return {
        name: replace_texts((folder / name).read_text(encoding="utf-8"), changes)
        for name, changes in posted.changed.items()
    }


def _check_and_save(folder: Path, fields: list[Field], posted: Posted) -> None:
    """The changed files loaded as a whole deck; each problem the loader finds put on its field; then saved (all
    under the deck's lock, :mod:`.deck_saving`)."""
    from ..assemble.decks import load_deck
    from ..deck.yamlfile import field_name
    from ..errors import DatadialoogError, DeckError
    from .deck_saving import editing

    try:
        with editing(folder) as edit:  # read, checked and written under the deck's lock: an import waits
            files = _new_files(folder, posted)
            load_deck(folder, replacing=files)
            edit.replace({name: text.encode("utf-8") for name, text in files.items()})
    except DeckError as exc:
        where = {(f.file, field_name(f.path)): f.id for f in fields}
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
    from ..deck.locate import Origin

    return "" if found.origin is Origin.LOCAL else "shipped"


def _show(request: Request, found, fields: list[Field], *, posted: Posted | None = None, status=200, saved=False):
    from ..assemble.decks import load_deck
    from .pages import words
    from .words import deck_words

    deck = load_deck(found.path)
    w = deck_words(deck)
    names = {
        ("answers.yaml", "comparisons"): [c.title for c in deck.comparisons],
        ("deck.yaml", "sources"): [source.name for source in deck.sources],
    }
    labels = {f.id: label(words(request), f, names) for f in fields}
    problems = {key: w.say(message) for key, message in (posted.problems if posted else {}).items()}
    return page(
        request,
        "texts.html",
        status=status,
        name=request.path_params["name"],
        deck=deck,
        fields=fields,
        groups=[(name, [f for f in fields if f.file == name]) for name in FILES if any(f.file == name for f in fields)],
        texts=posted.texts if posted else {f.id: f.value for f in fields},
        problems=problems,
        error=posted.error if posted else "",
        refusal=_refusal(found),
        saved=saved,
        labels=labels,
        dom={f.id: f"t{n}" for n, f in enumerate(fields, 1)},
    )


async def texts_page(request: Request):
    """GET /decks/NAME/texts: every prose text of the deck as a form field."""
    found = deck_folder(request.path_params["name"])
    fields = await off_loop(editable_fields, found.path)
    return await off_loop(_show, request, found, fields)


async def save_texts(request: Request):
    """POST /decks/NAME/texts: the changed texts checked and saved; the form again with each refusal (422)."""
    found = deck_folder(request.path_params["name"])
    fields = await off_loop(editable_fields, found.path)
    if _refusal(found):
        return await off_loop(lambda: _show(request, found, fields, status=403))
    async with request.form(max_files=0, max_fields=len(fields) + 10) as form:
        posted = read_posted(fields, form)
    if not posted.problems and posted.changed:
        await off_loop(_check_and_save, found.path, fields, posted)
    if posted.problems or posted.error:
        return await off_loop(lambda: _show(request, found, fields, posted=posted, status=422))
    fields = await off_loop(editable_fields, found.path)
    return await off_loop(lambda: _show(request, found, fields, saved=bool(posted.changed)))


ROUTES = [
    Route("/decks/{name}/texts", texts_page),
    Route("/decks/{name}/texts", save_texts, methods=["POST"]),
]
