"""Adding to the house as its contributor notes say (docs/contributing.md, "Adding a document, a print shop or a page"), done
for real on a copy of the package: a document kind is its record, its renderer and its words; a print shop its
row and its words; a workspace page its module, its template and its words. Each touches at most four files, and
the copy builds, verifies and serves with all three.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from .conftest import DEFAULT_DECK

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "datadialoog_print"

DOCUMENT_RECORD = """
SIGN = Document(
    "sign",
    files=(
        FileSpec(
            "sign",
            "{file_sign}.pdf",
            "stock_white",
            "print_duplex_none",
            sheets=lambda deck: 1,
            title="title_sign",
            draw=doorsign.draw_sign,
        ),
    ),
)
"""

RENDERER = '''
"""A sign for the door of the workshop's room: the title, large, on one A4 page."""

from ..deck.language import language
from ..paper.geometry import PAPER_SIZES
from .styles import para, styles
from .textdoc import document, write_story


def draw_sign(ctx, path, meta) -> int:
    lang = language(ctx.deck.language)
    st = styles(1.15)
    width, height = PAPER_SIZES["a4"]
    story = [para(lang["sign_here"], st.h1), para(ctx.deck.title, st.subtitle)]
    return write_story(document(path, width, height, 18.0), story, meta=meta)
'''

DOCUMENT_WORDS = {
    "nl": {"document_sign": "deurbord", "file_sign": "deurbord", "title_sign": "Deurbord", "sign_here": "Hier!"},
    "en": {"document_sign": "door sign", "file_sign": "door-sign", "title_sign": "Door sign", "sign_here": "Here!"},
}

SHOP_ROW = """
        Shop(
            "corner",
            "Copy shop round the corner",
            ShopFormat.PDFX4,
            bleed_mm=geometry.SINGLE_BLEED_MM,
            safe_mm=geometry.SAFE_ZONE_MM,
            card_size=None,
            condition="FOGRA39",
            max_ink=300,
            source="what the shop's counter said",
        ),"""

SHOP_WORDS = {
    "nl": {"shop_label_corner": "Kopieerwinkel op de hoek", "shop_upload_corner": "aan de balie, op een stick"},
    "en": {"shop_label_corner": "Copy shop round the corner", "shop_upload_corner": "at the counter, on a stick"},
}

PAGE_MODULE = '''
"""The welcome page: what the workshop is, for an organiser who opens it the first time."""

from starlette.routing import Route

from .pages import page

MENU = ("nav_welcome", "/welcome", 3)


async def welcome(request):
    return page(request, "welcome.html")


ROUTES = [Route("/welcome", welcome)]
'''

TEMPLATE = """{% extends "base.html" %}
{% block title %}{{ w.welcome_title }}{% endblock %}
{% block main %}<h1>{{ w.welcome_title }}</h1><p>{{ w.welcome_text }}</p>{% endblock %}
"""

PAGE_WORDS = {
    "nl": {"nav_welcome": "Welkom", "welcome_title": "Welkom", "welcome_text": "Zo werkt de werkplaats."},
    "en": {"nav_welcome": "Welcome", "welcome_title": "Welcome", "welcome_text": "How the workshop works."},
}

CHECKS = """
import sys
from pathlib import Path

from click.testing import CliRunner
from pypdf import PdfReader
from starlette.testclient import TestClient

import datadialoog_print
from datadialoog_print.cli import cli
from datadialoog_print.serve.app import create_app

assert Path(datadialoog_print.__file__).is_relative_to(Path(sys.argv[1])), datadialoog_print.__file__
deck = sys.argv[2]
run = lambda *args: CliRunner().invoke(cli, list(args), catch_exceptions=False)

made = run("build", deck, "-o", "sign", "--only", "sign")
assert made.exit_code == 0, made.output
assert len(PdfReader("sign/deurbord.pdf").pages) == 1 and "Hier!" in PdfReader("sign/deurbord.pdf").pages[0].extract_text()
checked = run("verify", "sign")
assert checked.exit_code == 0 and checked.output.startswith("OK: 1 files"), checked.output

shop = run("build", deck, "-o", "shop", "--shop", "corner", "--only", "booklet")
assert shop.exit_code == 0, shop.output
guide = " ".join(" ".join(p.extract_text() for p in PdfReader("shop/gespreksleider-a5.pdf").pages).split())
assert "aan de balie, op een stick" in guide, "the guide names where the corner shop's files go"
assert "corner (Copy shop round the corner" in " ".join(run("build", "--help").output.split())

client = TestClient(create_app(token="t", port=8123), base_url="http://127.0.0.1:8123")
assert client.get("/?token=t").status_code == 200
form = client.get("/decks/default/print").text
assert 'value="sign"' in form and "deurbord" in form and "Kopieerwinkel op de hoek" in form
welcome = client.get("/welcome")
assert welcome.status_code == 200 and "Zo werkt de werkplaats." in welcome.text
assert 'href="/welcome">Welkom<' in client.get("/").text
english = client.get("/welcome", headers={"accept-language": "en"}).text
assert "How the workshop works." in english and 'href="/welcome">Welcome<' in english
print("all added")
"""


def _insert(path: Path, anchor: str, text: str, *, after: bool = True) -> None:
    source = path.read_text(encoding="utf-8")
    assert source.count(anchor) == 1, f"{path.name}: {anchor!r}"
    path.write_text(source.replace(anchor, anchor + text if after else text + anchor), encoding="utf-8")


def _add_words(path: Path, words: dict[str, str]) -> None:
    _insert(path, "WORDS = {\n", "".join(f"    {k!r}: {v!r},\n" for k, v in words.items()))


def _snapshot(copy: Path) -> dict[str, bytes]:
    """Every file of the copy (relative to the package) and its bytes."""
    return {
        p.relative_to(copy).as_posix(): p.read_bytes()
        for p in copy.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }


def _changed(before: dict[str, bytes], copy: Path) -> set[str]:
    """The files new or different since ``before``."""
    return {name for name, data in _snapshot(copy).items() if before.get(name) != data}


@pytest.fixture(scope="module")
def added(tmp_path_factory) -> tuple[Path, dict[str, set[str]]]:
    """A copy of the package with a document kind, a print shop and a page added; the files each touched."""
    root = tmp_path_factory.mktemp("house")
    copy = root / "src" / "datadialoog_print"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    touched = {}

    before = _snapshot(copy)
    (copy / "render" / "doorsign.py").write_text(textwrap.dedent(RENDERER).lstrip(), encoding="utf-8")
    documents = copy / "assemble" / "documents.py"
    _insert(documents, "from . import ", "from ..render import doorsign\n", after=False)
    _insert(documents, "\nDOCUMENTS: tuple", DOCUMENT_RECORD, after=False)
    _insert(documents, "ANSWERS, HANDOUTS, SLIDES", ", SIGN")
    for code, words in DOCUMENT_WORDS.items():
        _add_words(copy / "deck" / f"words_{code}.py", words)
    touched["document"] = _changed(before, copy)

    before = _snapshot(copy)
    _insert(copy / "paper" / "shops.py", "    for shop in (", SHOP_ROW)
    for code, words in SHOP_WORDS.items():
        _add_words(copy / "deck" / f"words_{code}.py", words)
    touched["shop"] = _changed(before, copy)

    before = _snapshot(copy)
    (copy / "serve" / "welcome_page.py").write_text(textwrap.dedent(PAGE_MODULE).lstrip(), encoding="utf-8")
    (copy / "serve" / "templates" / "welcome.html").write_text(TEMPLATE, encoding="utf-8")
    for code, words in PAGE_WORDS.items():
        _add_words(copy / "serve" / f"page_words_{code}.py", words)
    touched["page"] = _changed(before, copy)
    return root, touched


def test_each_addition_touches_at_most_four_files(added):
    _, touched = added
    assert touched["document"] == {
        "assemble/documents.py",
        "render/doorsign.py",
        "deck/words_nl.py",
        "deck/words_en.py",
    }
    assert touched["shop"] == {"paper/shops.py", "deck/words_nl.py", "deck/words_en.py"}
    assert touched["page"] == {
        "serve/welcome_page.py",
        "serve/templates/welcome.html",
        "serve/page_words_nl.py",
        "serve/page_words_en.py",
    }


def test_the_copy_builds_verifies_and_serves_with_all_three(added):
    """The new kind is built alone and verified, the new shop's advice is in the booklet's guide and its label in
    the CLI's help and the print form, the new page is served in both languages with its menu entry."""
    root, _ = added
    env = {**os.environ, "PYTHONPATH": str(root / "src"), "DATADIALOOG_CONFIG_DIR": str(root / "config")}
    done = subprocess.run(
        [sys.executable, "-c", CHECKS, str(root / "src"), str(DEFAULT_DECK)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0 and "all added" in done.stdout, done.stdout + done.stderr
