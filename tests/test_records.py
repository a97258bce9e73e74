"""A print shop, a document kind and a workspace page are each one record with its words: every record has
every word in every table, and what lists them (the CLI's help, the print form) reads the records."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from datadialoog_print.assemble.documents import DOCUMENTS
from datadialoog_print.cli import cli
from datadialoog_print.deck.language import LANGUAGES
from datadialoog_print.paper.shops import SHOPS
from datadialoog_print.serve.pagegroups import menu, page_groups, page_routes
from datadialoog_print.serve.words import TABLES, Words


@pytest.mark.parametrize("code", sorted(LANGUAGES))
def test_every_shop_has_every_word_in_every_table(code):
    """A row of ``paper/shops.py`` without its label or upload advice in a table is named here, not found by
    ``build --shop NEW`` as a KeyError or by the print form as a 500."""
    missing = [key for shop in SHOPS.values() for key in shop.word_keys if key not in LANGUAGES[code].words]
    assert not missing, f"words_{code}.py lacks {missing}"


def test_no_word_is_in_both_a_page_table_and_a_printed_table():
    """A word a page and a printed document both say is written once, in the printed table the page reads
    under its own."""
    for code, table in TABLES.items():
        both = sorted(set(table) & set(LANGUAGES[code].words))
        assert not both, f"page_words_{code}.py and words_{code}.py both hold {both}"


@pytest.mark.parametrize("code", sorted(TABLES))
def test_a_page_reads_a_shops_label_from_the_printed_table(code):
    for shop in SHOPS.values():
        assert Words(code)[shop.label_key] == LANGUAGES[code][shop.label_key]


def test_the_shop_option_lists_every_shop():
    """``--shop``'s help is written from the rows, so a new row is offered without editing the CLI."""
    shown = " ".join(CliRunner().invoke(cli, ["build", "--help"], terminal_width=200).output.split())
    for shop in SHOPS.values():
        assert f"{shop.name} ({shop.title}" in shown


@pytest.mark.parametrize("code", sorted(LANGUAGES))
def test_every_document_kind_has_its_name_in_every_table(code):
    """The print form's ticks, the result page and the build's facts name a kind by the record's words."""
    missing = [doc.label_key for doc in DOCUMENTS if doc.label_key not in LANGUAGES[code].words]
    assert not missing, f"words_{code}.py lacks {missing}"


@pytest.mark.parametrize("code", sorted(TABLES))
def test_every_menu_entry_has_its_word_in_every_table(code):
    entries = menu()
    assert [path for _, path in entries][:2] == ["/", "/printers"]  # the decks first, as organisers know it
    assert all(key in Words(code)._table for key, _ in entries)


def test_every_page_module_is_found():
    """A module named ``*_page`` is served without a list to add it to."""
    found = {module.__name__.rsplit(".", 1)[1] for module in page_groups()}
    assert {"decks_page", "print_page", "builds_page", "downloads", "printers_page", "texts_page"} <= found
    assert len(page_routes()) == sum(len(module.ROUTES) for module in page_groups())


def test_the_organisers_shop_table_has_every_shop():
    """The organiser's table of shops (what each writes, docs/organiser.md) has a line per row of ``paper/shops.py``,
    no more."""
    readme = (Path(__file__).resolve().parents[1] / "docs" / "organiser.md").read_text(encoding="utf-8")
    table = readme.split("| `--shop` | for |", 1)[1].split("\n\n", 1)[0]
    assert re.findall(r"^\s*\| `([^`]+)` \|", table, flags=re.M) == list(SHOPS)
