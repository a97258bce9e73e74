"""The workspace (``serve``) in-process: every page, and every refusal its safety promises."""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from datadialoog_print.cli import cli
from datadialoog_print.serve.app import MAX_UPLOAD, create_app

from .serveclient import shown_version

TOKEN = "test-token"
PORT = 8123
BASE = f"http://127.0.0.1:{PORT}"


@pytest.fixture
def here(tmp_path: Path, monkeypatch) -> Path:
    """A working folder of its own, and a settings folder of its own."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATADIALOOG_CONFIG_DIR", str(tmp_path / "config"))
    return tmp_path


@pytest.fixture
def client(here) -> TestClient:
    """A browser that has opened the printed address: the token traded for its cookie."""
    c = TestClient(create_app(token=TOKEN, port=PORT), base_url=BASE)
    assert c.get(f"/?token={TOKEN}").status_code == 200
    return c


def stranger(here) -> TestClient:
    return TestClient(create_app(token=TOKEN, port=PORT), base_url=BASE)


def folder_state(folder: Path) -> dict:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def test_token_traded_for_a_strict_httponly_cookie(here):
    """The printed address's token sets an HttpOnly, SameSite=Strict cookie; after that the cookie alone will do."""
    c = stranger(here)
    r = c.get(f"/?token={TOKEN}")
    cookie = r.headers["set-cookie"]
    assert f"datadialoog_token_{PORT}={TOKEN}" in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert c.get("/printers").status_code == 200
    other = f'jupyter="a;b"; broken=\\x; datadialoog_token_{PORT}={TOKEN}; _xsrf=2|abc'
    assert stranger(here).get("/", headers={"cookie": other}).status_code == 200  # others' cookies on localhost


@pytest.mark.parametrize("path", ["/", "/printers", "/decks/default/print", "/static/htmx.min.js"])
def test_no_token_no_page(here, path):
    """Every request without the token, or with a wrong one, gets 403."""
    c = stranger(here)
    assert c.get(path).status_code == 403
    assert c.get(f"{path}?token=wrong").status_code == 403
    c.cookies.set(f"datadialoog_token_{PORT}", "wrong")
    assert c.get(path).status_code == 403


@pytest.mark.parametrize(
    "path",
    [
        "/decks/..%2F..%2Fetc/print",
        "/decks/%2Fetc/print",
        "/decks/../print",
        "/decks/..%5C..%5Cwindows/print",
        "/decks/nope/print",
        "/decks/default/builds/..%2F..%2Fdefault/files/manifest.json",
        "/decks/default/builds/x/files/..%2F..%2F..%2Fpyproject.toml",
    ],
)
def test_a_path_is_never_a_deck_name(client, path):
    assert client.get(path).status_code == 404


def test_new_deck_refuses_a_path(client):
    r = client.post("/decks/new", data={"name": "../escape", "from": "default", "title": "Ontsnapt"})
    assert r.status_code == 422 and "‘../escape’ kan geen korte naam zijn" in r.text
    assert client.post("/decks/new", data={"name": "x", "from": "../default", "title": "X"}).status_code == 404
    assert not Path("../escape").exists() and not Path("decks").exists()


def test_oversized_upload_is_413(client):
    """A body past the cap is refused, whether it says so up front or not."""
    big = b"x" * (MAX_UPLOAD + 1)
    assert client.post("/printers", content=big, headers={"content-type": "text/plain"}).status_code == 413

    def chunks():
        for _ in range(MAX_UPLOAD // (1 << 20) + 2):
            yield b"y" * (1 << 20)

    r = client.post("/decks/new", content=chunks(), headers={"content-type": "application/x-www-form-urlencoded"})
    assert r.status_code == 413


def test_decks_page_lists_the_decks_as_decks_does(client):
    r = client.get("/")
    assert r.status_code == 200 and '<html lang="nl">' in r.text
    for name, title in (("default", "Datadialogen"), ("default-en", "Data dialogues")):
        assert f'href="/decks/{name}/print"' in r.text and title in r.text
    assert "10 / 10" in r.text and "De les klopt; geen waarschuwingen" in r.text
    assert r.text.count("Voorbeeld, om te kopiëren") == 2  # the shipped decks, as examples


def test_new_deck_from_this_one(client):
    """A new deck asks a title, written into its deck.yaml: two decks are never listed under one title. Made, it
    sends the browser on to the decks page (303), which says so once: a refresh neither makes it again nor says it
    again."""
    r = client.post(
        "/decks/new", data={"name": "mijn-deck", "from": "default-en", "title": "Groep 2"}, follow_redirects=False
    )
    assert r.status_code == 303 and r.headers["location"] == "/"
    page = client.get("/")
    assert page.status_code == 200 and "Het kaartspel ‘Groep 2’ is gemaakt (korte naam mijn-deck)" in page.text
    assert "is gemaakt" not in client.get("/").text
    assert "title: Groep 2\n" in (Path("decks") / "mijn-deck" / "deck.yaml").read_text(encoding="utf-8")
    r = client.post("/decks/new", data={"name": "mijn-deck", "from": "default", "title": "Groep 3"})
    assert r.status_code == 422 and "er is al een kaartspel met de korte naam mijn-deck" in r.text
    r = client.post("/decks/new", data={"from": "default", "title": "Datadialogen, groep 3"})  # the name from the title
    assert r.status_code == 200 and (Path("decks") / "datadialogen-groep-3").is_dir()
    r = client.post("/decks/new", data={"from": "default", "title": ""})
    assert r.status_code == 422 and 'id="new-title-default-error"' in r.text and "mag niet leeg zijn" in r.text


def test_print_form_has_every_build_option(client):
    """Every option of the CLI's build, named as its long option, with its explanation and the deck's default."""
    from datadialoog_print.serve.forms import TABLE

    html = client.get("/decks/default/print").text
    for f in TABLE:
        if f.at:  # asked only beside its warning: when the lesson no longer holds, when persons are implausible
            continue
        names = {"offset": ["back_offset_x", "back_offset_y"], "printer": []}.get(f.control, [f.name])
        assert all(f'name="{name}"' in html for name in names), f.name
        assert f'id="{f.name}-help"' in html, f.name
    assert 'id="printer"' in html and 'href="/printers"' in html  # no printer saved yet: calibrate
    assert (
        "Dit kaartspel zegt poker" in html
        and "Leeg: 300 %, of wat de gekozen drukkerij aanneemt (DriveThruCards 240 %)" in html
    )


def test_build_result_downloads_and_verify(client, here):
    """A plain form post builds, then answers with the result: thumbnails, advice, each file, the zip; verify passes."""
    form = {"paper": "letter", "sets": "3", "only": ["cards", "answers"], "back_offset": "1,-0.5"}
    r = client.post("/decks/default/build", data=form, follow_redirects=False)
    assert r.status_code == 303
    base = r.headers["location"]
    page = client.get(base)
    assert page.status_code == 200
    out = here / "output" / "default"
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["options"]["paper"] == "letter" and manifest["options"]["sets"] == 3
    assert manifest["options"]["back_offset_mm"] == [1.0, -0.5]
    for name in manifest["files"]:
        assert f'href="{base}/files/{name}"' in page.text
        assert client.get(f"{base}/files/{name}").content == (out / name).read_bytes()
    assert "Letter" in page.text and "omslaan via de lange kant" in page.text
    png = client.get(f"{base}/pages/kaarten-reeks-1-groen.pdf/1.png")
    assert png.status_code == 200 and png.content.startswith(b"\x89PNG")
    assert client.get(f"{base}/pages/kaarten-reeks-1-groen.pdf/9999.png").status_code == 404
    with zipfile.ZipFile(io.BytesIO(client.get(f"{base}/set.zip").content)) as z:
        assert sorted(z.namelist()) == sorted(f"default/{n}" for n in [*manifest["files"], "manifest.json"])
    kept = here / "output" / ".builds" / "default" / base.rsplit("/", 1)[1]
    (kept / "notes.txt").write_text("mine")
    assert client.get(f"{base}/files/notes.txt").status_code == 404  # only what the build wrote
    for folder in (out, kept):  # the CLI's folder and the build's own set
        result = CliRunner().invoke(cli, ["verify", str(folder)], catch_exceptions=False)
        assert result.exit_code == 0, result.output


def test_a_card_size_the_texts_do_not_fit_is_refused_at_its_field(client, here):
    """A card size the texts cannot fit, which the CLI refuses too: said at the card size field in Dutch, before
    anything is built, and the folder stays as it was."""
    assert client.post("/decks/default/build", data={"only": ["answers"]}, follow_redirects=False).status_code == 303
    out = here / "output" / "default"
    before = folder_state(out)
    cli_run = CliRunner().invoke(cli, ["build", "--card-size", "30x40", "-o", str(here / "elsewhere")])
    assert cli_run.exit_code == 2
    r = client.post("/decks/default/build", data={"card_size": "30x40"})
    assert r.status_code == 422 and 'id="card_size-error"' in r.text
    assert "op kaarten van dit formaat passen de teksten niet" in r.text and '<details class="more" open>' in r.text
    assert folder_state(out) == before


def test_wrong_value_named_by_its_field(client):
    r = client.post("/decks/default/build", data={"sets": "27"})
    assert r.status_code == 422 and '<p class="field-error" id="sets-error">27 ligt niet tussen 1 en 26</p>' in r.text
    r = client.post("/decks/default/build", data={"back_offset": "abc"})
    assert r.status_code == 422 and 'id="back_offset_x-error">‘abc’ is geen X en Y' in r.text


def test_htmx_build_reports_progress_as_events(client):
    r = client.post("/decks/default/build", data={"only": ["answers"]}, headers={"hx-request": "true"})
    assert r.status_code == 200 and "data-events=" in r.text and "<html" not in r.text
    events = r.text.split('data-events="')[1].split('"')[0]
    with client.stream("GET", events) as stream:
        text = "".join(stream.iter_text())
    assert "event: progress" in text and "event: done" in text
    url = json.loads(text.split("event: done\ndata: ")[1].split("\n")[0])["url"]
    assert "antwoordblad.pdf" in client.get(url).text


def test_printer_saved_then_used_by_the_cli(client, here):
    """The workspace and the CLI share one list of printers."""
    r = client.post("/printers", data={"name": "Kantoor 2e", "duplex": "short", "x": "1,5", "y": "-1"})
    assert r.status_code == 201 and "Kantoor 2e" in r.text
    listed = CliRunner().invoke(cli, ["printers"], catch_exceptions=False)
    assert "Kantoor 2e" in listed.output and "1.5,-1 mm" in listed.output and "short" in listed.output
    built = CliRunner().invoke(cli, ["build", "--only", "cards", "--printer", "kantoor 2e"], catch_exceptions=False)
    assert built.exit_code == 0, built.output
    manifest = json.loads((here / "output" / "default" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["options"]["back_offset_mm"] == [1.5, -1.0] and manifest["options"]["duplex"] == "short"
    clash = CliRunner().invoke(cli, ["build", "--printer", "Kantoor 2e", "--back-offset", "1.5,1"])
    assert clash.exit_code == 2 and "--printer brings its own" in clash.output
    missing = CliRunner().invoke(cli, ["build", "--printer", "Nope"])
    assert missing.exit_code == 2 and "no printer named 'Nope'" in missing.output


def test_printer_refused_values(client):
    assert client.post("/printers", data={"name": "", "duplex": "long"}).status_code == 422
    assert client.post("/printers", data={"name": "P", "duplex": "none"}).status_code == 422
    assert client.post("/printers", data={"name": "P", "duplex": "long", "x": "25", "y": "0"}).status_code == 422
    assert client.post("/printers", data={"name": "P", "duplex": "long", "x": "20", "y": "0"}).status_code == 201


def test_calibration_sheet_downloads(client, here):
    """Made by a POST, in memory: the sheet downloads and nothing is written into the output folder."""
    r = client.post("/printers/calibration.pdf", data={"paper": "letter", "duplex": "short"})
    assert r.status_code == 200 and r.content.startswith(b"%PDF")
    assert "duplex-kalibratie-letter-short.pdf" in r.headers["content-disposition"]
    assert not (here / "output").exists()
    assert client.post("/printers/calibration.pdf", data={"paper": "../x", "duplex": "long"}).status_code == 422
    assert client.get("/printers/calibration.pdf?paper=a4&duplex=long").status_code == 405


def test_language_from_the_browser_then_the_switch(client):
    assert '<html lang="en">' in client.get("/", headers={"accept-language": "en-GB,en;q=0.9"}).text
    assert '<html lang="nl">' in client.get("/", headers={"accept-language": "fr, nl;q=0.5"}).text
    r = client.post("/language", data={"lang": "en", "next": "/printers"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/printers"
    assert "Saved printers" in client.get("/printers").text
    assert (
        client.post("/language", data={"lang": "en", "next": "//evil.example"}, follow_redirects=False).headers[
            "location"
        ]
        == "/"
    )


def test_word_tables_match_key_for_key():
    from datadialoog_print.serve import page_words_en as words_en
    from datadialoog_print.serve import page_words_nl as words_nl

    assert words_en.WORDS.keys() == words_nl.WORDS.keys()


def test_templates_hold_no_words():
    """Every word on a page comes from a table: a template's text outside tags and {{ }} is punctuation at most."""
    import re

    folder = Path(__file__).resolve().parents[1] / "src" / "datadialoog_print" / "serve" / "templates"
    for template in folder.glob("*.html"):
        text = re.sub(r"{#.*?#}|{%.*?%}|{{.*?}}", " ", template.read_text(encoding="utf-8"), flags=re.S)
        text = re.sub(r"<[^>]*>", " ", text, flags=re.S)
        words = re.findall(r"[^\W\d_]{2,}", text)
        assert not words, f"{template.name}: {words}"


def test_downloads_find_the_folder_build_writes(client):
    """The workspace's output folder for a deck found but not loaded is the one build writes."""
    from datadialoog_print.assemble import default_output_dir
    from datadialoog_print.assemble.decks import load_deck
    from datadialoog_print.serve.pages import deck_folder, output_folder_of

    client.post("/decks/new", data={"name": "eigen", "from": "default", "title": "Eigen"})
    for name in ("default", "default-en", "eigen"):
        found = deck_folder(name)
        assert output_folder_of(found) == default_output_dir(load_deck(found.path))


def test_two_tabs_building_at_once_each_see_their_own_result(client):
    """Two builds posted at once queue for the one worker thread; each result page shows that build's files."""
    first = client.post("/decks/default/build", data={"only": ["answers"]}, headers={"hx-request": "true"})
    second = client.post("/decks/default/build", data={"only": ["handouts"]}, headers={"hx-request": "true"})
    pages = []
    for r in (first, second):
        events = r.text.split('data-events="')[1].split('"')[0]
        with client.stream("GET", events) as stream:
            assert "event: done" in "".join(stream.iter_text())
        pages.append(client.get(events.removesuffix("/events")).text)
    answers, statements = (
        '/files/antwoordblad.pdf"',
        '/files/stellingen.pdf"',
    )
    assert answers in pages[0] and statements not in pages[0]
    assert statements in pages[1] and answers not in pages[1]


def test_a_deck_that_does_not_load_shows_its_problems(client, here):
    """A broken local deck is listed with its problem count, and its print page shows check's message."""
    client.post("/decks/new", data={"name": "kapot", "from": "default", "title": "Kapot"})
    deck = here / "decks" / "kapot" / "deck.yaml"
    deck.write_text(deck.read_text(encoding="utf-8").replace("title:", "titel:", 1), encoding="utf-8")
    listed = client.get("/").text
    assert "kapot" in listed and 'href="/decks/kapot/print"' not in listed
    r = client.get("/decks/kapot/print")
    assert r.status_code == 422 and "Dit kaartspel kan niet gelezen worden" in r.text
    assert '<pre lang="en">' in r.text and "deck.yaml" in r.text  # the CLI's message, folded, for whoever fixes it


def test_serve_prints_its_address_first_and_refuses_a_remote_host(here):
    """The first line is the address with the token; another address than this machine's needs --allow-remote."""
    import subprocess
    import sys
    import urllib.request

    proc = subprocess.Popen(
        [sys.executable, "-m", "datadialoog_print", "serve", "--no-browser", "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        url = proc.stdout.readline().strip()
        assert re.match(r"http://127\.(?!0\.0\.1:)[0-9.]+:[0-9]+/\?token=", url), url  # an address of its own
        with urllib.request.urlopen(url, timeout=30) as r:
            assert r.status == 200 and b"Kaartspellen" in r.read()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    result = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0", "--no-browser"])
    assert result.exit_code == 2 and "--allow-remote" in result.output


def test_persons_to_a_spreadsheet_and_back(client, here):
    """Export and import as the CLI's: a workbook downloads, a CSV replaces a local deck's persons (backup kept)."""
    xlsx = client.get("/decks/default/persons.xlsx")
    assert xlsx.status_code == 200 and xlsx.content.startswith(b"PK")
    assert client.get("/decks/default/persons.ods").content.startswith(b"PK")
    client.post("/decks/new", data={"name": "eigen", "from": "default", "title": "Eigen"})
    csv = client.get("/decks/eigen/persons.csv").content
    version = shown_version(client, "/", "/decks/eigen/import")
    r = client.post(
        "/decks/eigen/import",
        files={"file": ("mijn personen.csv", csv, "text/csv")},
        data={"mode": "replace", "version": version},
    )
    assert r.status_code == 200 and "Ingelezen uit mijn personen.csv: 20 personen" in r.text
    kept = (here / "decks" / "eigen" / "persons.yaml").read_text(encoding="utf-8")
    assert "# Ingelezen uit mijn personen.csv" in kept  # the note of the file read, in the deck's language
    assert list((here / "decks" / "eigen" / "backups").iterdir())
    shipped = client.post("/decks/default/import", files={"file": ("p.csv", csv, "text/csv")}, data={"mode": "append"})
    assert shipped.status_code == 422 and "Dit voorbeeld verandert niet" in shipped.text
    wrong = client.post("/decks/eigen/import", files={"file": ("p.txt", csv, "text/plain")}, data={"mode": "append"})
    assert wrong.status_code == 422


def test_upload_caps_are_imports(client, here):
    """Past import's 20 MB the library refuses with its message; past the body cap the guard refuses at once."""
    from datadialoog_print.trainer.sheetread import MAX_SHEET_BYTES

    client.post("/decks/new", data={"name": "eigen", "from": "default", "title": "Eigen"})
    before = (here / "decks" / "eigen" / "persons.yaml").read_bytes()
    over = b"a;b\n" + b"x" * (MAX_SHEET_BYTES - 3)
    version = shown_version(client, "/", "/decks/eigen/import")
    r = client.post(
        "/decks/eigen/import", files={"file": ("p.csv", over, "text/csv")}, data={"mode": "append", "version": version}
    )
    assert r.status_code == 422 and "p.csv: het bestand is groter dan 20 MB" in r.text
    huge = b"x" * (MAX_UPLOAD + 1)
    r = client.post("/decks/eigen/import", files={"file": ("p.csv", huge, "text/csv")}, data={"mode": "append"})
    assert r.status_code == 413
    assert (here / "decks" / "eigen" / "persons.yaml").read_bytes() == before


def test_failing_build_followed_by_events_ends_on_its_message(client, here):
    """In the browser's way (htmx, then events): the stream ends with 'failed' and the page it names says so in
    Dutch, the CLI's message folded below (here no output folder can be made: a file stands in its place)."""
    (here / "output").write_text("not a folder")
    r = client.post("/decks/default/build", data={"only": ["answers"]}, headers={"hx-request": "true"})
    if 'data-events="' in r.text:  # started: the stream ends on the failure and names its page
        events = r.text.split('data-events="')[1].split('"')[0]
        with client.stream("GET", events) as stream:
            text = "".join(stream.iter_text())
        assert "event: failed" in text and "event: done" not in text
        page = client.get(json.loads(text.split("event: failed\ndata: ")[1].split("\n")[0])["url"])
    else:  # refused before it started (its set's folder cannot be made): the form's part says so in place
        page = r
        assert r.status_code == 422 and r.headers["hx-retarget"] == "#print-area"
    assert "Het maken is mislukt; er is niets veranderd" in page.text and 'role="alert"' in page.text
    assert '<pre lang="en">Error: ' in page.text
