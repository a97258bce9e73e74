"""The workspace's texts page: the deck's printed texts as forms with the loader's limits, refused in words,
saved with comments and backups kept, and printed by the next build."""

from __future__ import annotations

import hashlib
import html
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader
from starlette.testclient import TestClient

from datadialoog_print.assemble.decks import load_deck
from datadialoog_print.cli import cli
from datadialoog_print.deck.checker import PARAGRAPHS, TITLE
from datadialoog_print.deck.texts import CAUTION, QUESTION, SHEET_INTRODUCTION
from datadialoog_print.errors import DeckError
from datadialoog_print.serve.texts_page import editable_fields
from datadialoog_print.serve.words import TABLES
from datadialoog_print.trainer.yamledit import replace_texts

from .serveclient import shown_version, signed_in

DECK = Path("decks/mine")


@pytest.fixture
def client(tmp_path: Path, monkeypatch) -> TestClient:
    return signed_in(tmp_path, monkeypatch, new_deck="mine")


def version(client) -> str:
    """The version the texts page's form posts back (a browser's save always carries it)."""
    return shown_version(client, "/decks/mine/texts")


def state(folder: Path) -> dict:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*") if p.is_file()
    }


def field(file: str, *path) -> str:
    return "|".join([file, *map(str, path)])


def alerts(text: str) -> str:
    found = re.findall(r'class="error"[^>]*>(.*?)</p>', text, re.S)
    return " ".join(html.unescape(re.sub("<[^>]+>", " ", m)) for m in found)


LIMITED = [
    (("deck.yaml", "title"), TITLE),
    (("texts.yaml", "booklet", "introduction"), PARAGRAPHS),
    (("texts.yaml", "answer_sheet", "introduction"), SHEET_INTRODUCTION),
    (("texts.yaml", "answer_sheet", "caution"), CAUTION),
    (("texts.yaml", "part2", "questions", 0), QUESTION),
    (("texts.yaml", "part2", "statements", 0, "items", 0), 300),
    (("answers.yaml", "comparisons", 0, "assumption", "higher"), 300),
]


def test_the_page_offers_every_prose_text_with_the_loaders_limit(client):
    fields = {(f.file, *f.path): f for f in editable_fields(DECK)}
    for key, limit in LIMITED:
        assert fields[key].limit == limit, key
    assert ("texts.yaml", "run_sheet", "parts", 0, "see") not in fields  # a reference, not prose
    assert not any(f.file == "persons.yaml" for f in fields.values())
    page = client.get("/decks/mine/texts").text
    assert page.count('<div class="field">') == len(fields) and "Teksten van mine" in page
    assert (
        "Deel 2 › Stellingen 1 › Uitspraak 1" in page
        and "Rij Opleidingsniveau › Aanname › als reeks 1 hoger is" in page
    )
    assert 'href="/decks/mine/texts"' in client.get("/").text


@pytest.mark.parametrize("deck", ["default", "default-en"])
def test_every_label_is_from_the_language_tables(deck):
    for f in editable_fields(Path(__file__).parents[1] / "src/datadialoog_print/decks" / deck):
        words = [p for p in f.path if isinstance(p, str) and f.path[:2] != ("answer_sheet", "footnotes")]
        assert all(f"text_key_{p}" in TABLES[code] for p in words for code in TABLES), f.path


@pytest.mark.parametrize(("key", "limit"), LIMITED)
def test_each_limit_taken_at_max_and_refused_at_max_plus_one(client, key, limit):
    file, *path = key
    before = state(DECK)
    r = client.post("/decks/mine/texts", data={field(*key): "x" * (limit + 1)})
    dutch = lambda n: f"{n:,}".replace(",", ".")  # noqa: E731 - 20.000, as a Dutch page writes it
    assert r.status_code == 422 and f"{dutch(limit + 1)} tekens; hier passen er hoogstens {dutch(limit)}" in alerts(
        r.text
    )
    assert 'aria-invalid="true"' in r.text and state(DECK) == before
    with pytest.raises(DeckError):  # the loader refuses it too: the form's limit is not stricter or looser
        load_deck(
            DECK, replacing={file: replace_texts((DECK / file).read_text("utf-8"), {tuple(path): "x" * (limit + 1)})}
        )
    r = client.post("/decks/mine/texts", data={field(*key): "x" * limit, "version": version(client)})
    assert r.status_code == 200 and "Bewaard" in r.text, alerts(r.text)
    assert state(DECK) != before and (DECK / "backups").is_dir()


@pytest.mark.parametrize(
    ("key", "text", "message"),
    [
        (("texts.yaml", "booklet", "title"), "", "mag niet leeg zijn"),
        (("texts.yaml", "booklet", "title"), "Instructie 中", "het lettertype kan 中 niet drukken"),
        (("answers.yaml", "comparisons", 0, "caution"), "Let op \u0d9e", "niet drukken"),
        (("texts.yaml", "booklet", "introduction"), "Met {onbekend} erin", "een accolade die geen invulplek is"),
        (("texts.yaml", "booklet", "introduction"), "Een { alleen", "een accolade die geen invulplek is"),
    ],
)
def test_refusals_in_the_decks_words_and_nothing_written(client, key, text, message):
    before = state(DECK)
    r = client.post("/decks/mine/texts", data={field(*key): text})
    assert r.status_code == 422 and message in alerts(r.text), alerts(r.text)
    assert "1 tekst past niet" in r.text and state(DECK) == before
    target = r.text.split('role="alert"><p>')[1].split('<a href="#')[1].split('"')[0]  # the summary links the field
    assert f'id="{target}" name="{field(*key)}"' in r.text


def test_an_optional_text_may_be_emptied_and_a_placeholder_is_kept(client):
    r = client.post(
        "/decks/mine/texts",
        data={
            field("deck.yaml", "subtitle"): "",
            field("texts.yaml", "booklet", "introduction"): "Voor {persons} personen.",
            "version": version(client),
        },
    )
    assert r.status_code == 200, alerts(r.text)
    deck = load_deck(DECK)
    assert deck.subtitle == "" and deck.texts.introduction.startswith(f"Voor {len(deck.persons)} personen.")


def test_a_shipped_deck_is_not_changed(client):
    r = client.post("/decks/default/texts", data={field("deck.yaml", "title"): "Anders"})
    assert r.status_code == 403 and "Anders" not in load_deck("default").title


def test_saved_texts_round_trip_into_the_build(client, tmp_path):
    """Four texts changed: the files keep every comment and other line, the deck reloads with them, the booklet
    and the answer sheet print them."""
    old = {name: (DECK / name).read_text("utf-8") for name in ("deck.yaml", "texts.yaml", "answers.yaml")}
    changes = {
        field("deck.yaml", "title"): "Datadialogen Zuid",
        field("texts.yaml", "booklet", "title"): "Handleiding voor de gespreksleider",
        field("texts.yaml", "part2", "statements", 0, "items", 0): "om te zien wie er hulp nodig heeft.",
        field(
            "texts.yaml", "booklet", "introduction"
        ): "Eerste alinea van de nieuwe inleiding.\n\nTweede alinea: met een dubbele punt.",
        field("answers.yaml", "comparisons", 0, "assumption", "higher"): "Wie hoger is opgeleid, vindt sneller werk?",
    }
    r = client.post("/decks/mine/texts", data={**changes, "version": version(client)})
    assert r.status_code == 200 and "Bewaard" in r.text, alerts(r.text)
    for name, text in old.items():
        new = (DECK / name).read_text("utf-8")
        comments = [line for line in text.splitlines() if line.lstrip().startswith("#")]
        assert all(c in new.splitlines() for c in comments), name
        assert len(list((DECK / "backups").glob(f"{Path(name).stem}-*.yaml"))) == 1
    deck = load_deck(DECK)
    assert deck.title == "Datadialogen Zuid" and deck.texts.booklet_title == "Handleiding voor de gespreksleider"
    assert deck.texts.statements[0].items[0] == "om te zien wie er hulp nodig heeft."
    page = client.get("/decks/mine/texts").text
    assert "Eerste alinea van de nieuwe inleiding.\n\nTweede alinea" in html.unescape(page)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(DECK), "-o", str(out), "--only", "booklet", "-q"])
    assert result.exit_code == 0, result.output
    booklet = next(p for p in out.glob("*.pdf"))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(booklet).pages)
    for printed in (
        "Datadialogen Zuid",
        "Handleiding voor de gespreksleider",
        "om te zien wie er hulp nodig heeft.",
        "Tweede alinea: met een dubbele punt.",
        "Wie hoger is opgeleid, vindt sneller werk?",
    ):
        assert printed in text, printed


def test_a_save_while_another_writer_holds_the_deck_is_a_message(client, monkeypatch):
    """The deck locked by an import past the bounded wait: the lock's message on the page (422), nothing written."""
    from datadialoog_print import folderlock
    from datadialoog_print.trainer.deckwrite import edit_deck

    monkeypatch.setattr(folderlock, "LOCK_WAIT_S", 0.2)
    read = version(client)
    with edit_deck(DECK):
        before = state(DECK)
        r = client.post("/decks/mine/texts", data={field("deck.yaml", "title"): "Anders", "version": read})
        assert state(DECK) == before
    assert r.status_code == 422 and "is changing the deck decks/mine (waited 0.2 s)" in html.unescape(r.text), r.text


def test_a_full_disk_while_saving_is_a_message(client, monkeypatch):
    """ENOSPC while the new texts.yaml is written: the message on the page (422, not a server error), nothing kept."""
    import errno
    import os

    before = state(DECK)
    read = version(client)

    def full(fd, data):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with monkeypatch.context() as patched:  # undo only this, not the fixture's chdir
        patched.setattr(os, "write", full)
        r = client.post("/decks/mine/texts", data={field("texts.yaml", "booklet", "title"): "Anders", "version": read})
    assert r.status_code == 422 and "the disk is full; nothing was changed" in html.unescape(r.text), r.text
    assert state(DECK) == before
