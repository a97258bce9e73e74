"""The workspace's generate page: generate's fields with the CLI's bounds, its candidates as the CLI measures
them, and the picked one written as the CLI writes it; every refusal leaves decks/ as it was."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from datadialoog_print.cli import cli
from datadialoog_print.trainer.bounds import MAX_CANDIDATES, MAX_PERSONS_PER_SERIES, MAX_SEED

from .serveclient import signed_in


@pytest.fixture
def client(tmp_path: Path, monkeypatch) -> TestClient:
    return signed_in(tmp_path, monkeypatch)


def ask(**fields) -> dict[str, str]:
    return {"seed": "3", "persons_per_series": "", "strength": "original", "candidates": "4", **fields}


def cells(text: str) -> list[list[str]]:
    """The candidates table as rows of cell texts."""
    table = text[text.index('<table class="candidates">') : text.index("</table>")]
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)
    return [
        [  # a row's figures stand one series a line: read as the CLI writes them, "a – b"
            html.unescape(re.sub("<[^>]+>", "", re.sub(r"<br\s*/?>", " – ", c))).strip()
            for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r)
        ]
        for r in rows
    ]


def alerts(text: str) -> str:
    return " ".join(
        html.unescape(re.sub("<[^>]+>", " ", m)) for m in re.findall(r'role="alert">(.*?)</(?:div|p)>', text, re.S)
    )


def test_the_form_offers_the_clis_bounds(client):
    page = client.get("/decks/default/generate").text
    assert f'name="seed" min="0" max="{MAX_SEED}"' in page
    assert f'name="persons_per_series" min="1" max="{MAX_PERSONS_PER_SERIES}"' in page
    assert f'name="candidates" min="1" max="{MAX_CANDIDATES}"' in page
    assert all(f'<option value="{s}"' in page for s in ("mild", "original", "strong"))
    assert 'href="/decks/default/generate"' in client.get("/").text


def test_candidates_show_the_figures_of_the_clis_table(client, tmp_path):
    """The shipped deck first (strength 1,00), then each candidate with its answer-sheet figures, the strength the
    CLI prints for it (measured against the shipped deck) and a few names."""
    r = client.post("/decks/default/generate/candidates", data=ask())
    assert r.status_code == 200, alerts(r.text)
    shown = cells(r.text)
    cli_run = CliRunner().invoke(cli, ["generate", "ref", "--seed", "3", "--candidates", "4"], catch_exceptions=False)
    lines = cli_run.output.splitlines()
    strengths = next(line for line in lines if line.startswith("kracht")).split()[1:]
    means = next(line for line in lines if line.startswith("gemiddelde kracht")).split()[2:]
    assert shown[0][:2] == ["Rij", "origineel (default)"] and len(shown[0]) == 6
    assert shown[-3][0] == "Kracht (zwakste rij)" and shown[-3][1:] == strengths and strengths[0] == "1,00"
    assert shown[-2][0] == "Kracht (gemiddeld over de rijen)" and shown[-2][1:] == means and means[0] == "1,00"
    for row in shown[1:-3]:  # every figure the page shows, the CLI's table shows in the same row and column
        line = next(line for line in lines if line.startswith(row[0] + "  "))
        assert [c.strip() for c in line[len(row[0]) :].split("  ") if c.strip()] == row[1:], (row, line)
    assert all(re.fullmatch(r"1,\d\d", s) for s in shown[-3][1:] + shown[-2][1:])  # Dutch 1,05; never below 1
    age = next(row for row in shown if row[0] == "Leeftijd")
    assert age[1] == "gemiddeld 39,5 – gemiddeld 50" and all(" – " in c for c in age[2:])
    assert shown[-1][0] == "Een paar namen" and shown[-1][1].startswith("B. Bos, A. Yıldız")
    assert sum("(de sterkste)" in h for h in shown[0]) == 1
    picked = next(line for line in lines if "(seed " in line).split("(seed ")[1].split(",")[0]
    assert f"startgetal {picked} (de sterkste)" in shown[0]


def test_the_picked_candidate_is_the_deck_the_cli_writes_for_its_seed(client):
    r = client.post("/decks/default/generate", data=ask(pick="5", name="groep-2", persons_per_series="8"))
    assert r.status_code == 201, alerts(r.text)
    assert "Het kaartspel groep-2 is gemaakt met startgetal 5" in r.text and 'href="/decks/groep-2/persons"' in r.text
    result = CliRunner().invoke(cli, ["generate", "cli-5", "--seed", "5", "--persons-per-series", "8"])
    assert result.exit_code == 0
    for file in ("persons.yaml", "deck.yaml", "texts.yaml", "answers.yaml"):
        assert Path("decks/groep-2", file).read_bytes() == Path("decks/cli-5", file).read_bytes(), file


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"seed": "drie"}, "Startgetal: ‘drie’ is geen heel getal"),
        ({"seed": str(MAX_SEED + 1)}, f"Startgetal: {MAX_SEED + 1:,} ligt niet tussen".replace(",", ".")),
        ({"seed": "-1"}, "Startgetal: -1 ligt niet tussen 0 en"),
        ({"seed": "1_0"}, "Startgetal: ‘1_0’ is geen heel getal"),
        ({"seed": "٣"}, "is geen heel getal"),
        ({"candidates": str(MAX_CANDIDATES + 1)}, f"Aantal kandidaten: {MAX_CANDIDATES + 1} ligt niet tussen 1 en"),
        ({"candidates": "0"}, "Aantal kandidaten: 0 ligt niet tussen 1 en"),
        ({"persons_per_series": str(MAX_PERSONS_PER_SERIES + 1)}, "Personen per reeks: 101 ligt niet tussen 1 en 100"),
        ({"strength": "huge"}, "Hoe duidelijk: ‘huge’ is geen van de keuzes"),
        ({"seed": "9" * 5000}, "is geen heel getal"),
    ],
)
def test_each_field_refused_past_its_bound(client, fields, message):
    for route in ("/decks/default/generate/candidates", "/decks/default/generate"):
        r = client.post(route, data=ask(pick="3", name="nieuw", **fields))
        assert r.status_code == 422 and message in alerts(r.text), alerts(r.text)
        assert 'aria-invalid="true"' in r.text
    assert not Path("decks").exists()


def test_each_bound_itself_is_taken(client):
    r = client.post("/decks/default/generate/candidates", data=ask(seed=str(MAX_SEED), candidates="1"))
    assert r.status_code == 200 and f"startgetal {MAX_SEED}" in r.text
    r = client.post("/decks/default/generate/candidates", data=ask(seed="0", candidates="1"))
    assert r.status_code == 200
    r = client.post("/decks/default/generate/candidates", data=ask(candidates=str(MAX_CANDIDATES)))
    assert r.status_code == 200 and len(cells(r.text)[0]) == MAX_CANDIDATES + 2  # the row titles, the original
    r = client.post("/decks/default/generate/candidates", data=ask(seed=str(MAX_SEED - 1), candidates="2"))
    assert r.status_code == 200 and f"startgetal {MAX_SEED}" in r.text  # the last seed offered is one it takes
    r = client.post("/decks/default/generate/candidates", data=ask(seed=str(MAX_SEED), candidates="2"))
    assert r.status_code == 422  # it would offer MAX_SEED + 1
    r = client.post("/decks/default/generate/candidates", data=ask(candidates="1", persons_per_series="100"))
    assert r.status_code == 200


def test_names_the_cli_refuses_are_refused_and_nothing_is_written(client):
    assert CliRunner().invoke(cli, ["new", "bezet"]).exit_code == 0
    before = sorted(p.name for p in Path("decks").iterdir())
    for name, message in [
        ("bezet", "er is al een kaartspel bezet; kies een andere naam"),
        ("../buiten", "‘../buiten’ kan geen korte naam zijn"),
        ("Groep", "‘Groep’ kan geen korte naam zijn"),
        ("", "kan geen korte naam zijn"),
    ]:
        r = client.post("/decks/default/generate", data=ask(pick="4", name=name))
        assert r.status_code == 422 and message in alerts(r.text), alerts(r.text)
        assert cells(r.text)  # the candidates are shown again, to pick from
        assert CliRunner().invoke(cli, ["generate", name, "--seed", "4"]).exit_code != 0  # the CLI refuses it too
    assert sorted(p.name for p in Path("decks").iterdir()) == before


def test_a_pick_outside_the_candidates_and_a_deck_that_cannot_be_made_are_refused(client):
    r = client.post("/decks/default/generate", data=ask(pick="99", name="nieuw"))
    assert r.status_code == 422 and "Kandidaat: 99 ligt niet tussen 3 en 6" in alerts(r.text)
    r = client.post("/decks/default/generate/candidates", data=ask(persons_per_series="1"))
    assert r.status_code == 422 and "Met deze keuzes lukt het niet" in r.text
    assert "personen per reeks nodig" in r.text and "at least" not in r.text  # the deck's words, not the CLI's
    assert not Path("decks").exists()


@pytest.mark.parametrize(
    ("option", "bound"),
    [("--seed", MAX_SEED), ("--candidates", MAX_CANDIDATES), ("--persons-per-series", MAX_PERSONS_PER_SERIES)],
)
def test_the_cli_refuses_past_the_same_bounds(tmp_path, monkeypatch, option, bound):
    """The page's bounds are the CLI's: max+1 is a usage error (exit 2) naming the option, nothing written."""
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["generate", "g", "--seed", "1", option, str(bound + 1)])
    assert result.exit_code == 2 and option in result.output and str(bound) in result.output
    assert not Path("decks").exists()
