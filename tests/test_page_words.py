"""Every word a page shows is in the page's language: every page of the workspace's route table, and the states an
organiser meets (a refusal at a field, a built result, an import refused or done, an old link, a refused request),
rendered in Dutch for a Dutch deck and in English for an English one, read as a person reads them.

A Dutch page fails on an English word, an English page on a Dutch one, either on a path, a YAML position or a
word the organisers could not follow ("Decks", "default printen", "seed", "persons_from", "backups/", …). What
a page marks as another language (``lang="en"``: the CLI's message folded under "Technische melding", the
language switch) is not the page's text; deck data (titles, file names) and proper names are left out.
"""

from __future__ import annotations

import html
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest

from datadialoog_print.paper.shops import SHOPS

from .serveclient import shown_version, signed_in

ENGLISH = {
    "the",
    "and",
    "with",
    "from",
    "this",
    "that",
    "your",
    "you",
    "are",
    "build",
    "error",
    "choose",
    "file",
    "files",
    "deck",
    "decks",
    "default",
    "seed",
    "persons",
    "sheet",
    "sheets",
    "warning",
    "warnings",
    "problem",
    "problems",
    "row",
    "column",
    "shipped",
    "new",
    "save",
    "saved",
    "output",
    "backup",
    "backups",
    "none",
    "page",
    "pages",
    "yes",
    "name",
    "series",
    "card",
    "cards",
    "back",
    "front",
    "offset",
    "shop",
    "layout",
    "bleed",
    "ink",
    "mono",
    "only",
    "allow",
    "broken",
    "lesson",
    "anyway",
    "table",
    "tables",
    "please",
    "click",
    "here",
    "found",
    "not",
    "which",
    "when",
}
"""English words that are no Dutch words: one of them in a Dutch page is a word the organiser should not meet."""

DUTCH = {
    "het",
    "een",
    "niet",
    "voor",
    "kaartspel",
    "kaartspellen",
    "printen",
    "maken",
    "bestand",
    "reeks",
    "personen",
    "kies",
    "klopt",
    "wordt",
    "zijn",
    "naar",
    "deze",
    "alleen",
    "bewaren",
    "waarschuwing",
    "vellen",
    "kaarten",
    "tafel",
    "tafels",
    "papier",
    "gevraagd",
    "klaar",
    "terug",
    "hoeveel",
    "omslaan",
}
"""Dutch words that are no English words."""

DUTCH_NEVER = ("Decks", "default printen", "Klaar: default", "seed", "nl/en")
"""Words the Dutch pages used and the organisers could not follow (issue 33)."""

NEVER = (
    "output/",
    "decks/",
    "backups/",
    "persons_from",
    "-persons.xlsx",
    "Error",
    "Traceback",
    "DATADIALOOG_",
    "datadialoog-print",
    "datadialoog-import",
    "upload.",
)
"""What no page shows: a path, the CLI's words, a variable, the server's temporary file."""

PROPER = [
    *(shop.title for shop in SHOPS.values()),
    "MakePlayingCards / PrinterStudio",
    "PrinterStudio",
    "PDF/X-4",
    "PDF/X-1a",
    "FOGRA39",
    "SWOP",
    "LibreOffice",
    "Excel",
    "CSV UTF-8",
    "makeplayingcards.com",
    "thegamecrafter.com",
    "drivethrucards.com",
]
"""Names that are the same in every language."""


class _Visible(HTMLParser):
    """The text a person sees (and hears: alt, title, aria-label, placeholder), without what is marked as another
    language and without scripts."""

    VOID = frozenset({"br", "img", "input", "meta", "link", "hr", "source", "wbr"})

    def __init__(self, language: str):
        super().__init__()
        self.language, self.stack, self.parts = language, [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        other = attrs.get("lang") not in (None, self.language)
        hidden = bool(self.stack) and self.stack[-1]
        if tag not in self.VOID:
            self.stack.append(other or tag in ("script", "style") or hidden)
        if not (other or hidden):
            self.parts += [attrs[a] for a in ("alt", "title", "aria-label", "placeholder") if attrs.get(a)]

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not (self.stack and self.stack[-1]):
            self.parts.append(data)


def visible(page: str, language: str) -> str:
    reader = _Visible(language)
    reader.feed(page)
    return html.unescape(" ".join(reader.parts))


def words_of(text: str, leave_out: list[str]) -> list[str]:
    for name in sorted(leave_out, key=len, reverse=True):
        text = text.replace(name, " ")
    text = re.sub(r"\S+\.(?:pdf|png|xlsx|ods|csv|zip)\b", " ", text)  # file names: the deck's language
    text = re.sub(r"{\w+}", " ", text)  # a text's placeholders, as the texts page shows them to fill in
    return re.findall(r"[^\W\d_]+", text)


THOUSANDS = {"nl": ".", "en": ","}

LANGUAGES = {"nl": ("default", "eigen", "nl-NL,nl;q=0.9"), "en": ("default-en", "mine", "en-GB,en;q=0.9")}


@pytest.fixture(scope="module", params=list(LANGUAGES))
def pages(request, tmp_path_factory) -> tuple[str, dict[str, str]]:
    """Every page, rendered once per language: (language, {what: html})."""
    code = request.param
    shipped, local, accept = LANGUAGES[code]
    here = tmp_path_factory.mktemp(f"words-{code}")
    monkeypatch = pytest.MonkeyPatch()
    try:
        yield code, _render(here, monkeypatch, shipped, local, accept)
    finally:
        monkeypatch.undo()


def _render(here: Path, monkeypatch, shipped: str, local: str, accept: str) -> dict[str, str]:
    from click.testing import CliRunner

    from datadialoog_print.cli import cli

    client = signed_in(here, monkeypatch)
    assert CliRunner().invoke(cli, ["new", local, "--from", shipped]).exit_code == 0
    client.headers["accept-language"] = accept
    out: dict[str, str] = {}

    def keep(what: str, response) -> None:
        if response.headers.get("content-type", "").startswith("text/html"):
            out[what] = response.text

    client.post("/printers", data={"name": "Kantoor", "duplex": "long", "x": "1,5", "y": "-1"})
    built = client.post(f"/decks/{shipped}/build", data={"sets": "6", "printer": "Kantoor"}, follow_redirects=False)
    job = built.headers["location"].rsplit("/", 1)[1]
    keep("result", client.get(built.headers["location"]))
    values = {"name": shipped, "job": job, "build": job, "file": "manifest.json", "page": "1", "kind": "xlsx"}
    for route in client.app.app.routes:  # the application behind the guard: every page it has
        if not hasattr(route, "methods") or "GET" not in route.methods:
            continue
        path = re.sub(r"{(\w+)(?::\w+)?}", lambda m: values[m.group(1)], route.path)
        keep(f"GET {route.path}", client.get(path))
        if "{name}" in route.path:
            keep(f"GET {route.path} ({local})", client.get(path.replace(f"/decks/{shipped}/", f"/decks/{local}/")))
    keep("print, refused at fields", client.post(f"/decks/{shipped}/build", data={"sets": "27", "back_offset_x": "21", "max_ink": "401", "start": "x"}))  # fmt: skip
    keep("printers, refused", client.post("/printers", data={"name": "", "duplex": "", "x": "", "y": "abc"}))
    keep("printers, replace?", client.post("/printers", data={"name": "kantoor", "duplex": "long", "x": "0", "y": "0"}))
    keep("new deck, refused", client.post("/decks/new", data={"from": shipped, "title": "", "name": "../x"}))
    keep("new deck, made", client.post("/decks/new", data={"from": shipped, "title": "Groep 2"}))
    book = openpyxl.load_workbook(io.BytesIO(client.get(f"/decks/{local}/persons.xlsx").content))
    sheet = book.worksheets[0]
    sheet["C3"], sheet["A6"], sheet["D5"] = "oud", sheet["A2"].value, "=A1"
    data = io.BytesIO()
    book.save(data)
    files = {"file": ("mijn personen.xlsx", data.getvalue(), "application/octet-stream")}
    version = {"mode": "replace", "version": shown_version(client, "/", f"/decks/{local}/import")}
    keep("import, refused", client.post(f"/decks/{local}/import", files=files, data=version))
    good = client.get(f"/decks/{local}/persons.xlsx").content
    files = {"file": ("mijn personen.xlsx", good, "application/octet-stream")}
    keep("import, done", client.post(f"/decks/{local}/import", files=files, data=version))
    keep("old link", client.get(f"/decks/{shipped}/builds/999"))
    keep("no such page", client.get("/nowhere"))
    keep(
        "generate, refused", client.post(f"/decks/{shipped}/generate/candidates", data={"seed": "x", "candidates": "0"})
    )
    stranger = type(client)(client.app, base_url=str(client.base_url))
    keep("no token", stranger.get("/", headers={"accept-language": accept}))
    return out


def test_every_page_is_in_its_language(pages):
    code, rendered = pages
    foreign = ENGLISH if code == "nl" else DUTCH
    assert len(rendered) >= 20, sorted(rendered)
    # Deck data and names: the decks' titles and short names, the printer and file the test typed
    leave_out = [*PROPER, "Datadialogen", "Data dialogues", "Kantoor", "mijn personen", "Groep", *LANGUAGES[code][:2]]
    leave_out += ["default-en", "default"]
    found = {}
    for what, page in rendered.items():
        assert f'<html lang="{code}">' in page, what
        text = visible(page, code)
        bad = sorted({w for w in words_of(text, leave_out) if w.lower() in foreign})
        bad += [term for term in (*NEVER, *(DUTCH_NEVER if code == "nl" else ())) if term in text]
        bad += re.findall(r"\b\w+\.yaml\b|\[\d+\]\.\w+", text)  # a YAML file or position
        bad += re.findall(r"\b\d{1,3}[,.]\d{3}\b", text.replace(THOUSANDS[code], "_"))  # 1,000 for 1.000
        if bad:
            found[what] = bad
    assert not found, "\n".join(f"{what}: {bad}" for what, bad in found.items())
    cards = {"nl": "1.200 kaarten", "en": "1,200 cards"}[code]  # six sets of 200: a number with thousands
    assert cards in visible(rendered["result"], code)


def test_the_test_can_fail():
    """The reader sees an English word in a Dutch page, a term from the list, and ignores what is marked English."""
    page = '<html lang="nl"><p>Kies een deck</p><pre lang="en">Error: deck.yaml</pre><img alt="the default"></html>'
    text = visible(page, "nl")
    assert "Error" not in text and [w for w in words_of(text, []) if w in ENGLISH] == ["deck", "the", "default"]
