"""The facilitator's script: per run-sheet part what to say, do and hand out with its slides, whose
numbers on the run sheet are the slides' own; the ground rules on a page of their own; the prompts for
2a and 2b; the evaluation in the booklet and on the closing slide; and slides that follow the session."""

from __future__ import annotations

import pytest
import yaml
from click.testing import CliRunner
from pypdf import PdfReader

from datadialoog_print.cli import cli

from .conftest import ROOT

DECKS = {"default": ("gespreksleider-a5.pdf", "dias.pdf"), "default-en": ("facilitator-a5.pdf", "slides.pdf")}


def flat(text: str) -> str:
    return " ".join(text.split()).replace("'", "’")


@pytest.fixture(scope="module", params=sorted(DECKS))
def built(request, tmp_path_factory):
    out = tmp_path_factory.mktemp(request.param)
    result = CliRunner().invoke(cli, ["build", str(ROOT / "decks" / request.param), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    texts = yaml.safe_load((ROOT / "decks" / request.param / "texts.yaml").read_text(encoding="utf-8"))
    booklet, slides = (out / name for name in DECKS[request.param])
    pages = [flat(p.extract_text()) for p in PdfReader(booklet).pages]
    return request.param, texts, pages, [flat(p.extract_text()) for p in PdfReader(slides).pages]


def test_every_part_has_its_script_with_slide_numbers_that_are_the_slides(built):
    """Each part's spoken text, action and hand-out stand in the booklet, under a heading naming its
    slides; a part's slide number is a slide that shows what the part is about."""
    deck, texts, pages, slides = built
    booklet = " ".join(pages)
    for part in texts["run_sheet"]["parts"]:
        for key in ("say", "do", "hand_out"):
            if key in part:
                assert flat(part[key]) in booklet, (part["title"], key)
    word = "dia" if deck == "default" else "slide"
    nl = deck == "default"
    # The break's slide says 'Pauze', the closing's is the last, the debrief's are the comparisons.
    pause = next(i for i, s in enumerate(slides, 1) if s.startswith("Pauze" if nl else "Break"))
    assert f"· {word} {pause}" in booklet
    assert f"· {word} {len(slides)}" in booklet and slides[-1].startswith("Afsluiting" if nl else "Closing")
    comparisons = [
        i for i, s in enumerate(slides, 1) if ("Een verband is nog geen oorzaak." if nl else "A link is not") in s
    ]
    assert f"· {word} {comparisons[0]}–{comparisons[-1]}" in booklet
    run_sheet = pages[2]
    assert f"{comparisons[0]}–{comparisons[-1]}" in run_sheet and ("Dia" if nl else "Slide") in run_sheet


def test_ground_rules_page_prompts_and_evaluation(built):
    """The ground rules open a page of their own, the sensitive moments follow the page before and after the
    session, each with what may come up and what to say; 2a and 2b carry their
    prompt and what to expect; the evaluation's questions close the script and the slides."""
    deck, texts, pages, slides = built
    sheet = texts["run_sheet"]
    rules = next(p for p in pages if ("Afspraken voor de groep" if deck == "default" else "Ground rules") in p[:40])
    for rule in sheet["ground_rules"]:
        assert flat(rule) in rules
    booklet = " ".join(pages)
    moments = booklet[booklet.index("Gevoelige momenten" if deck == "default" else "Sensitive moments") :]
    for moment in sheet["sensitive_moments"]:
        for key in ("moment", "comes_up", "say"):
            if key in moment:  # (a long text may run over a page: its first words are enough)
                assert flat(moment[key].replace("{persons}", "20"))[:50] in moments, (moment["moment"], key)
    for task in texts["part1"]["assignments"][1]["tasks"]:
        # (a long text may run over a page, its page number in between: its first words are enough)
        assert flat(task["prompt"]) in booklet and flat(task["look_for"])[:60] in booklet
    for question in sheet["evaluation"]:
        assert flat(question) in booklet and flat(question) in slides[-1]


def test_slides_follow_the_session(built):
    """Title without 'debrief', then the agenda with the parts and their clock times; the exercises come
    before the comparisons, each footer names the part."""
    deck, texts, _, slides = built
    nl = deck == "default"
    assert ("Nabespreking" if nl else "Debrief") not in slides[0]
    agenda = slides[1]
    assert agenda.startswith("Programma" if nl else "Programme") and "13:30" in agenda and "15:19" in agenda
    first = next(i for i, s in enumerate(slides) if ("Een verband is nog geen" if nl else "A link is not") in s)
    exercises = next(i for i, s in enumerate(slides) if s.startswith("De opdrachten" if nl else "The exercises"))
    assert exercises < first
    assert texts["part1"]["title"].split(":")[0] in slides[exercises]
