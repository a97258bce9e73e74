"""The workspace's print form against the CLI's ``build``: the print shop presets, their pixels, set packing, and a
lesson that no longer holds (the form asks; nothing is built until it is ticked)."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader
from starlette.testclient import TestClient

from datadialoog_print.assemble.documents import KINDS
from datadialoog_print.paper.shops import SHOPS
from datadialoog_print.serve.forms import FormErrors, read_form
from datadialoog_print.serve.words import TABLES, Words

from .conftest import DEFAULT_DECK
from .serveclient import signed_in


@pytest.fixture
def client(tmp_path: Path, monkeypatch) -> TestClient:
    return signed_in(tmp_path, monkeypatch)


def choices(html: str, name: str, kind: str = "option") -> list[str]:
    if kind == "option":
        select = re.search(rf'<select id="{name}" name="{name}".*?</select>', html, re.S).group(0)
        return re.findall(r'<option value="([^"]*)"', select)
    return re.findall(rf'name="{name}" value="([^"]*)"', html)


def test_the_form_offers_every_shop_dpi_and_document_the_library_knows(client):
    """The lists come from the shop table and the registry of documents: a new shop or document is a row there."""
    html = client.get("/decks/default/print").text
    assert choices(html, "shop") == ["", *SHOPS]
    assert choices(html, "dpi") == ["", *map(str, sorted({d for s in SHOPS.values() for d in s.dpis}))]
    assert choices(html, "only", "checkbox") == list(KINDS)
    assert 'name="pack_sets"' in html and 'id="pack_sets-help"' in html
    assert 'name="allow_broken_lesson"' not in html  # asked only when the lesson is broken
    w = Words("nl")  # each offered by its record's words
    assert all(w.shop(name) in html for name in SHOPS) and all(w.document(kind) in html for kind in KINDS)


@pytest.mark.parametrize(
    ("form", "field", "message"),
    [
        ({"dpi": "300"}, "dpi", ("form_dpi_no_shop", {})),
        (
            {"shop": "tgc", "dpi": "600"},
            "dpi",
            ("form_dpi_shop", {"shop": "The Game Crafter", "takes": "300", "dpi": "600"}),
        ),
        ({"shop": "mpc", "dpi": "601"}, "dpi", ("typed_out_of_range", {"value": 601, "low": 1, "high": 600})),
        ({"shop": "mpc", "dpi": "0"}, "dpi", ("typed_out_of_range", {"value": 0, "low": 1, "high": 600})),
        ({"shop": "mpc", "dpi": "3OO"}, "dpi", ("typed_not_whole", {"text": "3OO"})),
        ({"shop": "kinkos"}, "shop", ("typed_not_choice", {"text": "kinkos"})),
    ],
)
def test_wrong_shop_values_are_refused_naming_the_field(form, field, message):
    """Each refused at its own field, with a message of the tables (said in the page's language)."""
    with pytest.raises(FormErrors) as refused:
        read_form(form)
    assert refused.value.errors == {field: message}
    for table in TABLES.values():
        assert table[message[0]]


def test_a_shop_makes_single_cards_and_the_highest_dpi_is_taken():
    """As ``--shop`` does in the CLI: the shop's single cards whatever the layout radio says; 600 (the edge) kept."""
    options = read_form({"layout": "sheets", "shop": "mpc", "dpi": "600", "pack_sets": "on"}).options
    assert (options.shop, options.layout, options.dpi, options.pack_sets) == ("mpc", "single", 600, True)
    assert read_form({}).options.shop == "" and read_form({}).options.pack_sets is False


def test_a_png_shop_build_from_the_form(client, tmp_path):
    """``mpc`` from the form: the PNGs of the preset's size, and a result page that shows them as sets with
    their contact sheet and where to upload them, not as hundreds of downloads."""
    r = client.post("/decks/default/build", data={"shop": "mpc", "only": ["cards"]}, follow_redirects=False)
    assert r.status_code == 303, r.text
    out = tmp_path / "output" / "default"
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["options"]["shop"] == "mpc" and manifest["options"]["layout"] == "single"
    pngs = [n for n, f in manifest["files"].items() if f.get("format") == "PNG" and re.search(r"-[0-9]{3}\.png$", n)]
    assert len(pngs) == 2 * 2 * 100  # two series, fronts and backs, 100 cards each
    assert sum(manifest["files"][n]["cards"] for n in pngs) == 200
    assert {tuple(manifest["files"][n]["pixels"]) for n in pngs} == {(822, 1122)}
    base = r.headers["location"]
    page = client.get(base).text
    assert page.count('<section class="doc"') == 4  # fronts and backs of each series
    assert page.count("100 PNG-bestanden van 822 × 1122 pixels, 300 dpi") == 4
    assert "Voor MakePlayingCards / PrinterStudio: één PNG per kaartkant: upload op makeplayingcards.com" in page
    for overview in ("kaarten-reeks-1-groen-overzicht.png", "kaarten-reeks-2-geel-overzicht.png"):
        assert f'<img src="{base}/files/{overview}"' in page
        assert client.get(f"{base}/files/{overview}").content == (out / overview).read_bytes()
    assert f'<img src="{base}/files/kaarten-reeks-1-groen-achterkanten-001.png"' in page
    assert "downloaden" in page and page.count("downloaden") < 10


def test_pack_sets_from_the_form_reaches_the_build(client, tmp_path):
    data = {"sets": "3", "pack_sets": "on", "only": ["cards"]}
    assert client.post("/decks/default/build", data=data, follow_redirects=False).status_code == 303
    manifest = json.loads((tmp_path / "output" / "default" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["options"]["pack_sets"] is True and manifest["options"]["sets"] == 3


def aged(tmp_path: Path) -> Path:
    """The default deck as ./decks/oud, series 1 aged by 16 years: the age row no longer shows the lesson."""
    deck = tmp_path / "decks" / "oud"
    shutil.copytree(DEFAULT_DECK, deck)
    persons = yaml.safe_load((deck / "persons.yaml").read_text(encoding="utf-8"))
    for person in persons["persons"][:10]:
        person["leeftijd"] += 16
    (deck / "persons.yaml").write_text(yaml.safe_dump(persons, allow_unicode=True), encoding="utf-8")
    return deck


def folder_state(folder: Path) -> dict:
    if not folder.exists():
        return {}
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def test_a_broken_lesson_is_shown_and_asked_before_anything_is_built(client, tmp_path):
    aged(tmp_path)
    html = client.get("/decks/oud/print").text
    assert "De les klopt niet meer op 1 rij van het antwoordblad" in html
    assert "Leeftijd: Reeks 1 en Reeks 2 zijn nu ongeveer gelijk" in html
    assert 'name="allow_broken_lesson"' in html and 'href="/decks/oud/persons"' in html
    assert "answers.yaml:" not in html  # no YAML positions for a trainer who edits persons in the page
    out = tmp_path / "output" / "oud"
    before = folder_state(out)
    for headers in ({}, {"hx-request": "true"}):
        r = client.post("/decks/oud/build", data={"only": ["answers"]}, headers=headers)
        assert r.status_code == 422 and 'id="allow_broken_lesson-error">vink dit aan om toch te maken' in r.text
        assert "--allow-broken-lesson" not in r.text  # the CLI's words stay in the CLI
    assert folder_state(out) == before
    data = {"only": ["answers"], "allow_broken_lesson": "on"}
    # 16 years older, some student debts no longer fade with age: the form asks about those persons too (issue 36)
    assert 'name="allow_implausible_persons"' in html
    assert client.post("/decks/oud/build", data=data, follow_redirects=False).status_code == 422
    data["allow_implausible_persons"] = "on"
    assert client.post("/decks/oud/build", data=data, follow_redirects=False).status_code == 303
    text = " ".join(p.extract_text() for p in PdfReader(out / "antwoordblad.pdf").pages)
    assert "Let op, de les klopt hier niet" in " ".join(text.split())


def test_every_option_of_the_clis_build_is_a_field_of_the_form():
    """A new ``build`` option without its field (and its words) in the workspace fails here."""
    from datadialoog_print.cli import cli
    from datadialoog_print.serve.forms import FIELDS

    cli_options = {p.name for p in cli.commands["build"].params} - {"deck", "output", "quiet"}  # the page's own
    assert cli_options == set(FIELDS)
    for table in TABLES.values():
        assert all(f"opt_{field}" in table and f"opt_{field}_help" in table for field in FIELDS)


def test_what_a_build_would_refuse_is_said_at_its_field_before_anything_is_built(client, tmp_path):
    """A colour over the ink limit and cards the texts do not fit are answered at their fields, in Dutch numbers."""
    out = tmp_path / "output" / "default"
    before = folder_state(out)
    r = client.post("/decks/default/build", data={"only": ["cards"], "max_ink": "150"})
    assert r.status_code == 422 and 'id="max_ink-error"' in r.text
    assert "2 kleuren van dit kaartspel gebruiken meer inkt dan 150 %, de meeste 210 %" in r.text
    r = client.post("/decks/default/build", data={"only": ["cards"], "card_size": "30x40"})
    assert r.status_code == 422 and 'id="card_size-error">op kaarten van dit formaat passen de teksten niet' in r.text
    assert folder_state(out) == before


def test_a_post_while_another_build_runs_never_waits_for_it(client, tmp_path):
    """With the build thread busy (another tab's build), the card check is left to the build itself: the post is
    answered at once, and the build, once its turn comes, answers at the field as the form would have."""
    import threading

    release = threading.Event()
    builder = client.app.app.state.builder
    builder.submit("default", 0, lambda progress: (release.wait(), None), job_id="another-tab")
    try:
        r = client.post(
            "/decks/default/build", data={"only": ["cards"], "card_size": "30x40"}, headers={"hx-request": "true"}
        )
        assert r.status_code == 200 and "data-events=" in r.text
    finally:
        release.set()
    events = r.text.split('data-events="')[1].split('"')[0]
    with client.stream("GET", events) as stream:
        assert "event: failed" in "".join(stream.iter_text())
    page = client.get(events.removesuffix("/events"))
    assert page.status_code == 422 and 'id="card_size-error">op kaarten van dit formaat passen' in page.text
    assert "Technische melding" not in page.text
