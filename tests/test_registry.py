"""The registry of documents: what a build writes and how the booklet describes it, from one place."""

from __future__ import annotations

import json
import re
from pathlib import Path

from pypdf import PdfReader

from datadialoog_print import load_deck
from datadialoog_print.assemble import KINDS, BuildOptions, build
from datadialoog_print.assemble.documents import DOCUMENTS, print_advice, tool_names

from .conftest import DEFAULT_DECK, ROOT


def test_the_booklet_built_alone_is_the_booklet_of_the_whole_set(tmp_path: Path):
    """``--only booklet`` prints the sheet counts of the files it does not write (the participant sheet's
    included), so it is byte for byte the booklet of a full build."""
    deck = load_deck(DEFAULT_DECK)
    build(deck, tmp_path / "all")
    result = build(deck, tmp_path / "alone", options=BuildOptions(only=("booklet",)))
    assert sorted(p.name for p in result.files) == ["gespreksleider-a5.pdf", "gespreksleider-boekje-a4.pdf"]
    for name in ("gespreksleider-a5.pdf", "gespreksleider-boekje-a4.pdf"):
        assert (tmp_path / "alone" / name).read_bytes() == (tmp_path / "all" / name).read_bytes(), name
    # The guide's row of the participant sheet ends in its sheets, as counted from the file itself.
    sheets = len(PdfReader(tmp_path / "all" / "stellingen-deelnemers.pdf").pages)
    guide = "\n".join(p.extract_text() for p in PdfReader(tmp_path / "alone" / "gespreksleider-a5.pdf").pages)
    # One copy per participant (one table of four): the copies, then the sheets of all of them.
    row = [cell.strip() for cell in guide[guide.rindex("stellingen-deelnemers.pdf") :].split("\n")]
    assert row[1:5] == ["A4, wit papier", "enkelzijdig", "4", str(4 * sheets)], row[:6]


def test_every_file_a_build_writes_is_planned_and_known_by_name(tmp_path: Path):
    """The plan the guide prints, the manifest's kinds and the names a build owns all come from the registry."""
    deck = load_deck(DEFAULT_DECK)
    options = BuildOptions(layout="single")
    build(deck, tmp_path, options=options)
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    planned = {f.name: f.kind for kind in KINDS for f in print_advice(deck, options, kind)}
    assert {name: facts["kind"] for name, facts in manifest["files"].items()} == planned
    assert set(planned) <= tool_names(deck)
    assert sorted(manifest["kinds"]) == sorted(KINDS) == sorted(d.kind for d in DOCUMENTS)


def test_planned_sheets_are_what_the_renderers_draw(tmp_path: Path):
    """Where the plan knows a file's pages before rendering (slides, statements, questions), the PDF has as many."""
    deck = load_deck(ROOT / "decks" / "default-en")
    build(deck, tmp_path)
    known = [f for kind in KINDS for f in print_advice(deck, BuildOptions(), kind) if f.sheets and not f.series]
    assert {f.file for f in known} >= {"slides", "statements", "questions"}
    for f in known:
        assert len(PdfReader(tmp_path / f.name).pages) == f.sheets, f.name


def test_in_a_clone_an_import_into_a_shipped_deck_is_refused_with_the_new_command(tmp_path: Path, monkeypatch):
    """The repository's decks/ is what the package ships: ``import default`` (or ``decks/default``) there
    changes nothing, leaves no backups/, and names the command that makes a deck of one's own."""
    from click.testing import CliRunner

    from datadialoog_print.cli import cli

    monkeypatch.chdir(ROOT)
    table = tmp_path / "personen.csv"
    assert CliRunner().invoke(cli, ["export", "default", str(table)]).exit_code == 0
    persons = (ROOT / "decks" / "default" / "persons.yaml").read_bytes()
    for name in ("default", "decks/default", str(ROOT / "decks" / "default-en")):
        result = CliRunner().invoke(cli, ["import", name, str(table), "--replace"])
        assert result.exit_code == 2, result.output
        assert "shipped with the tool" in result.output and "new my-deck --from default" in result.output
    assert (ROOT / "decks" / "default" / "persons.yaml").read_bytes() == persons
    assert not (ROOT / "decks" / "default" / "backups").exists()


def test_the_places_a_deck_may_name_are_the_booklets_and_the_slides_own():
    """The anchor names stand once, in the booklet's and the slides' records: the booklet titles each of them,
    the slides come in the order of theirs, and ``check`` takes exactly these."""
    from datadialoog_print.assemble.decks import printing
    from datadialoog_print.assemble.documents import BOOKLET, SLIDES
    from datadialoog_print.deck.language import language
    from datadialoog_print.render.booklet.anchors import anchor_titles
    from datadialoog_print.render.slides import slide_plan

    deck = load_deck(DEFAULT_DECK)
    titled = {k for k in anchor_titles(deck, language(deck.language)) if not k.startswith("assignment-")}
    assert titled - set(BOOKLET.anchors) == {"pseudonym_key"}  # the key sheet's page, named by the booklet only
    # Each exercise has a slide of its own ("assignment-1"), in the place of the group "assignments".
    plan = ["assignments" if g.startswith("assignment-") else g for g in slide_plan(deck)]
    assert list(dict.fromkeys(plan)) == [g for g in SLIDES.anchors if g in plan]
    assert printing().booklet_places == BOOKLET.anchors and printing().slide_groups == SLIDES.anchors
    # The deck format (docs/deck-format.md) names them for the trainer, in the same order.
    readme = " ".join((ROOT / "docs" / "deck-format.md").read_text(encoding="utf-8").split())
    groups = readme[readme.index("`slides:` names groups of slides, in their order: ") :].split(". ")[0]
    assert re.findall(r"`([a-z0-9_]+)`", groups) == list(SLIDES.anchors)
    places = readme[readme.index("`see:` (on a run-sheet part or a task) names a place in the booklet: ") :]
    named = re.findall(r"`([a-z0-9_]+)`", places.split(". The booklet")[0])  # assignment-KEY apart
    assert named == list(BOOKLET.anchors)


def test_a_slide_group_the_slides_lack_is_reported_where_it_is_typed(deck_copy):
    """``slides: [pauze]``: exit 2 at texts.yaml's line, listing the slides' groups from their record;
    the deck stage alone, which knows no documents, lets it pass."""
    from click.testing import CliRunner

    from datadialoog_print.assemble.documents import SLIDES
    from datadialoog_print.cli import cli
    from datadialoog_print.deck.load import read_deck as deck_alone

    line = deck_copy.line_of("texts.yaml", "slides: [sources]")
    deck_copy.replace("texts.yaml", "slides: [sources]", "slides: [pauze]")
    result = CliRunner().invoke(cli, ["check", str(deck_copy.path)])
    assert result.exit_code == 2, result.output
    assert f"texts.yaml:{line}" in result.output and "'pauze' is not a group of slides" in result.output
    assert ", ".join(SLIDES.anchors) in result.output
    assert deck_alone(deck_copy.path).texts.run_sheet.parts[1].slides == ("pauze",)
