"""No save undoes another (issue 32): every page that writes a deck sends the version it was read at; a save against
a deck changed since is refused in the deck's language, with the other change shown and what was typed kept; of two
saves at once one lands; the CLI's import meets the same lock and the same check."""

from __future__ import annotations

import html
import re
import threading
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from starlette.testclient import TestClient

from datadialoog_print.assemble.decks import load_deck
from datadialoog_print.cli import cli
from datadialoog_print.deck.locate import shipped_dir
from datadialoog_print.serve.app import create_app
from datadialoog_print.trainer.deckversion import PERSONS, StaleDeck, version_of
from datadialoog_print.trainer.deckwrite import edit_deck, save_deck_files

from .serveclient import BASE, PORT, TOKEN, signed_in

MINE = Path("decks/mine")


@pytest.fixture
def client(tmp_path: Path, monkeypatch) -> TestClient:
    return signed_in(tmp_path, monkeypatch, new_deck="mine")


def text(page: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def field(page: str, name: str) -> str:
    return html.unescape(re.search(rf'name="{re.escape(name)}" value="([^"]*)"', page).group(1))


def table(first_name: str) -> dict[str, list[str]]:
    """The persons page's table as it posts it, the second person renamed (the first, B. Bos, is named by the texts,
    and the last ones are pre-pseudonymised: renaming those asks more of the form)."""
    deck = load_deck(MINE)
    out: dict[str, list[str]] = {}
    for i, p in enumerate(deck.persons):
        cells = [("name", first_name if i == 1 else p.name), ("series", p.series)]
        for key, value in [*cells, *((a.key, str(p.values[a.key])) for a in deck.attributes)]:
            out.setdefault(key, []).append(value)
    return out


def texts_form(page: str, **changes: str) -> dict[str, str]:
    """The texts page's form as it posts it (every field, its digest, the version), with ``changes`` typed."""
    form = {html.unescape(k): html.unescape(v) for k, v in re.findall(r'name="(was\|[^"]+)" value="([^"]*)"', page)}
    form |= {
        html.unescape(k): html.unescape(v)
        for k, v in re.findall(r'<input type="text" id="t\d+" name="([^"]+)" value="([^"]*)"', page)
    }
    form |= {
        html.unescape(k): html.unescape(v)
        for k, v in re.findall(r'<textarea id="t\d+" name="([^"]+)"[^>]*>(.*?)</textarea>', page, re.S)
    }
    form["version"] = field(page, "version")
    return form | {k.replace("__", "|"): v for k, v in changes.items()}


def test_two_tabs_saving_persons_the_second_is_refused_with_the_first_change_shown(client):
    first, second = client.get("/decks/mine/persons").text, client.get("/decks/mine/persons").text
    saved = client.post("/decks/mine/persons", data={**table("Tab Een"), "version": field(first, "version")})
    assert saved.status_code == 200 and "Bewaard" in saved.text
    refused = client.post("/decks/mine/persons", data={**table("Tab Twee"), "version": field(second, "version")})
    assert refused.status_code == 409
    said = text(refused.text)
    assert "Niet bewaard: dit kaartspel is veranderd nadat deze pagina geopend werd" in said
    assert "De personen zijn veranderd op " in said and "heet nu Tab Een" in said
    assert 'value="Tab Twee"' in refused.text  # what was typed, still in the form
    assert "Tab Een" in (MINE / "persons.yaml").read_text(encoding="utf-8")
    assert "Tab Twee" not in (MINE / "persons.yaml").read_text(encoding="utf-8")
    anyway = field(refused.text, "anyway")
    again = client.post(
        "/decks/mine/persons", data={**table("Tab Twee"), "version": field(second, "version"), "anyway": anyway}
    )
    assert again.status_code == 200 and "Tab Twee" in (MINE / "persons.yaml").read_text(encoding="utf-8")


def test_two_tabs_saving_texts_the_second_keeps_the_first_title(client):
    """The stale tab's subtitle is refused, the first tab's title shown; saved anyway, only what it changed is
    written: the other tab's title stays (the stale tab never reverts it)."""
    a, b = client.get("/decks/mine/texts").text, client.get("/decks/mine/texts").text
    assert (
        client.post("/decks/mine/texts", data=texts_form(a, **{"deck.yaml__title": "Titel van tab A"})).status_code
        == 200
    )
    typed = texts_form(b, **{"deck.yaml__subtitle": "Ondertitel van tab B"})
    refused = client.post("/decks/mine/texts", data=typed)
    assert refused.status_code == 409
    said = text(refused.text)
    assert "Het kaartspel zelf (titel, bronnen, kenmerken en reeksen) is veranderd op" in said
    assert "Titel: ‘Titel van tab A’" in said
    assert "Ondertitel van tab B" in refused.text  # typed, kept
    assert yaml.safe_load((MINE / "deck.yaml").read_text(encoding="utf-8"))["subtitle"] != "Ondertitel van tab B"
    again = client.post("/decks/mine/texts", data={**typed, "anyway": field(refused.text, "anyway")})
    assert again.status_code == 200
    deck = yaml.safe_load((MINE / "deck.yaml").read_text(encoding="utf-8"))
    assert (deck["title"], deck["subtitle"]) == ("Titel van tab A", "Ondertitel van tab B")


def test_a_texts_page_that_is_not_stale_writes_only_what_was_changed(client):
    """Unchanged fields are told by the digest the page showed, not by comparing with the file."""
    page = client.get("/decks/mine/texts").text
    form = texts_form(page, **{"deck.yaml__title": "Nieuwe titel"})
    before = (MINE / "texts.yaml").read_bytes()
    assert client.post("/decks/mine/texts", data=form).status_code == 200
    assert (MINE / "texts.yaml").read_bytes() == before


def test_two_saves_at_the_same_moment_one_lands_one_is_refused(client, tmp_path):
    """Two tabs read the deck, then save at once: the lock lets one in, the other finds the deck changed."""
    page = client.get("/decks/mine/persons").text
    version = field(page, "version")
    other = TestClient(create_app(token=TOKEN, port=PORT), base_url=BASE)
    other.get(f"/?token={TOKEN}")
    start, answers = threading.Barrier(2), {}

    def save(who: str, c: TestClient) -> None:
        start.wait()
        answers[who] = c.post("/decks/mine/persons", data={**table(f"Tab {who}"), "version": version}).status_code

    threads = [threading.Thread(target=save, args=(who, c)) for who, c in (("A", client), ("B", other))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert sorted(answers.values()) == [200, 409], answers
    written = (MINE / "persons.yaml").read_text(encoding="utf-8")
    assert ("Tab A" in written) != ("Tab B" in written)


def test_the_cli_import_and_a_page_meet_the_same_check(client, tmp_path):
    """The page read the deck; the CLI imports a spreadsheet (it waits for the deck's lock, checks nothing stale);
    the page's import of the version it showed is then refused, at the deck it concerns."""
    decks = client.get("/").text
    version = html.unescape(
        re.search(r'action="/decks/mine/import".*?name="version" value="([^"]+)"', decks, re.S).group(1)
    )
    assert CliRunner().invoke(cli, ["export", "mine", str(tmp_path / "p.csv")]).exit_code == 0
    csv = (tmp_path / "p.csv").read_bytes()
    done = CliRunner().invoke(cli, ["import", "mine", str(tmp_path / "p.csv"), "--replace"], catch_exceptions=False)
    assert done.exit_code == 0, done.output
    before = (MINE / "persons.yaml").read_bytes()
    refused = client.post(
        "/decks/mine/import", files={"file": ("p.csv", csv, "text/csv")}, data={"mode": "append", "version": version}
    )
    assert refused.status_code == 409 and "De personen zijn veranderd op" in text(refused.text)
    assert (MINE / "persons.yaml").read_bytes() == before
    assert 'value="append" checked' in refused.text and field(refused.text, "anyway")


def test_a_save_waits_for_the_lock_then_finds_the_deck_changed(tmp_path, monkeypatch):
    """The library alone: a writer holding the deck (as the CLI's import does) changes it; a save with the version
    read before waits, then is refused, nothing written, naming the file and where its earlier text is kept."""
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(cli, ["new", "mine"]).exit_code == 0
    read = version_of(load_deck(MINE), PERSONS)
    persons = (MINE / "persons.yaml").read_text(encoding="utf-8")
    with edit_deck(MINE) as edit:
        edit.replace({"persons.yaml": persons.replace("A. Yıldız", "A. Yıldırım").encode("utf-8")})
    with pytest.raises(StaleDeck) as refused:
        save_deck_files(MINE, {"persons.yaml": persons.encode("utf-8")}, version=read)
    assert [c.name for c in refused.value.changes] == ["persons.yaml"]
    assert (
        refused.value.changes[0].before is not None
        and refused.value.changes[0].before.read_text(encoding="utf-8") == persons
    )
    assert "A. Yıldırım" in (MINE / "persons.yaml").read_text(encoding="utf-8")


def test_new_and_generate_from_a_deck_changed_since_the_page(client):
    """A copy or a generated deck is made from the version the page showed, or refused, saying what changed."""
    decks = client.get("/").text
    version = html.unescape(
        re.search(
            r'<input type="hidden" name="from" value="mine">\s*<input type="hidden" name="version" value="([^"]+)"',
            decks,
        ).group(1)
    )
    page = client.post(
        "/decks/mine/generate/candidates", data={"seed": "7", "candidates": "1", "strength": "original"}
    ).text
    title = (MINE / "deck.yaml").read_text(encoding="utf-8")
    (MINE / "deck.yaml").write_text(title.replace("title: ", "title: Anders ", 1), encoding="utf-8")  # a text editor
    refused = client.post("/decks/new", data={"name": "kopie", "from": "mine", "version": version})
    assert refused.status_code == 409 and "Het kaartspel zelf" in text(refused.text)
    assert not Path("decks/kopie").exists() and 'value="kopie"' in refused.text
    assert (
        client.post(
            "/decks/new",
            data={"name": "kopie", "from": "mine", "version": version, "anyway": field(refused.text, "anyway")},
            follow_redirects=False,
        ).status_code
        == 303
    )
    pick = {
        "seed": "7",
        "candidates": "1",
        "strength": "original",
        "pick": "7",
        "name": "nieuw",
        "version": field(page, "version"),
    }
    refused = client.post("/decks/mine/generate", data=pick)
    assert refused.status_code == 409 and not Path("decks/nieuw").exists()
    assert "opnieuw berekend" in text(refused.text)
    made = client.post("/decks/mine/generate", data={**pick, "version": field(refused.text, "version")})
    assert made.status_code == 201 and Path("decks/nieuw/deck.yaml").is_file()


def test_a_shipped_deck_in_a_clone_offers_its_own_copy_not_a_save(tmp_path, monkeypatch):
    """In a clone decks/default is the shipped deck: its pages show no Save button but *Make my own copy*, which
    goes on to the same page of the copy; the decks page offers no edit or import for it."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATADIALOOG_CONFIG_DIR", str(tmp_path / "config"))
    (tmp_path / "decks").mkdir()
    (tmp_path / "decks" / "default").symlink_to(shipped_dir() / "default")
    c = TestClient(create_app(token=TOKEN, port=PORT), base_url=BASE)
    c.get(f"/?token={TOKEN}")
    for kind, save in (("persons", "De personen bewaren"), ("texts", "De teksten bewaren")):
        page = c.get(f"/decks/default/{kind}").text
        assert save not in page and "Mijn eigen kopie maken" in page
        copy = re.search(r'id="copy-name" name="name" value="([^"]*)"', page).group(1)
        made = c.post("/decks/new", data={"from": "default", "name": copy, "next": kind}, follow_redirects=False)
        assert (
            made.status_code == 303
            and made.headers["location"] == f"/decks/default-kopie{'-2' if kind == 'texts' else ''}/{kind}"
        )
    assert c.post("/decks/default/persons", data={}).status_code == 403
    assert c.post("/decks/default/texts", data={}).status_code == 403
    decks = c.get("/").text
    assert 'href="/decks/default/persons"' not in decks and 'action="/decks/default/import"' not in decks
