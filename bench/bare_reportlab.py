"""The yardstick for card rendering: the same card sheets drawn the straightforward way, with ReportLab's canvas API.

It reads a deck's persons.yaml (PyYAML's C loader) and draws, for every person and
attribute, what the card files hold: nine poker cards per A4 front page, each with its
colour fill, the write-in box, the name, a rule, the source marker, the label in the
source's ink and the value centred; crop marks on every front; then the backs page,
mirrored for a long-edge flip, with the fill and the series label. No validation, no
text fitting, no forms or shared resources: what a plain ReportLab card script costs.
``bench.py`` reports the build's cards-only time as a multiple of it.

    .venv/bin/python bench/bare_reportlab.py decks/default /tmp/bare
"""

from __future__ import annotations

import sys
from pathlib import Path

import fontpkg_fira_sans as package
import yaml
from reportlab.lib.colors import CMYKColor
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

MM = 72 / 25.4
INKS = [CMYKColor(0, 1, 1, 0.1), CMYKColor(0, 0, 0, 1), CMYKColor(1, 0.6, 0, 0)]
FILLS = {1: CMYKColor(0.2, 0, 0.3, 0), 2: CMYKColor(0, 0.03, 0.45, 0)}
WHITE, BLACK = CMYKColor(0, 0, 0, 0), CMYKColor(0, 0, 0, 1)
LEFT, BOTTOM, W, H = 10.5, 16.5, 63.0, 88.0


def slot(i: int, mirrored: bool = False) -> tuple[float, float]:
    column, row = i % 3, i // 3
    x = LEFT + column * W
    if mirrored:
        x = 210 - x - W
    return x * MM, (BOTTOM + (2 - row) * H) * MM


def front(c: Canvas, x: float, y: float, series: int, name: str, label: str, value: str, ink: CMYKColor) -> None:
    c.setFillColor(FILLS[series])
    c.rect(x, y, W * MM, H * MM, stroke=0, fill=1)
    c.setFillColor(WHITE)
    c.setStrokeColor(BLACK)
    c.rect(x + 46 * MM, y + 75 * MM, 14 * MM, 10 * MM, stroke=1, fill=1)
    c.setFillColor(BLACK)
    c.setFont("R", 7)
    c.drawString(x + 47 * MM, y + 82 * MM, "nr.")
    c.setFont("B", 13)
    c.drawString(x + 3 * MM, y + 78 * MM, name)
    c.line(x + 3 * MM, y + 70 * MM, x + 60 * MM, y + 70 * MM)
    c.setFillColor(ink)
    c.circle(x + 4.8 * MM, y + 65 * MM, 1.8 * MM, stroke=0, fill=1)
    c.setFont("R", 10.5)
    c.drawString(x + 8.6 * MM, y + 64 * MM, label)
    c.setFont("B", 22)
    c.drawCentredString(x + 31.5 * MM, y + 35 * MM, value)


def back(c: Canvas, x: float, y: float, series: int, title: str) -> None:
    c.setFillColor(FILLS[series])
    c.rect(x, y, W * MM, H * MM, stroke=0, fill=1)
    c.setFillColor(BLACK)
    c.setFont("B", 28)
    c.drawCentredString(x + 31.5 * MM, y + 48 * MM, f"Reeks {series}")
    c.setFont("R", 12)
    c.drawCentredString(x + 31.5 * MM, y + 36 * MM, title)


def crop_marks(c: Canvas) -> None:
    c.setStrokeColor(BLACK)
    c.setLineWidth(0.25)
    for k in range(4):
        x = (LEFT + k * W) * MM
        c.line(x, 5 * MM, x, 14 * MM)
        c.line(x, 283 * MM, x, 292 * MM)
    for k in range(4):
        y = (BOTTOM + k * H) * MM
        c.line(5 * MM, y, 9 * MM, y)
        c.line(201 * MM, y, 205 * MM, y)


def main(deck: Path, out: Path) -> None:
    for name, file in (("R", "Regular"), ("B", "Bold")):
        pdfmetrics.registerFont(TTFont(name, str(package.ROOT / "files" / f"FiraSans-{file}.ttf")))
    persons = yaml.load((deck / "persons.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)["persons"]
    out.mkdir(parents=True, exist_ok=True)
    for series in (1, 2):
        c = Canvas(str(out / f"reeks-{series}.pdf"), pagesize=(210 * MM, 297 * MM), invariant=1, pageCompression=1)
        cards = [
            (p["name"], key, str(value), INKS[k % 3])
            for p in persons
            if p["series"] == series
            for k, (key, value) in enumerate((k, v) for k, v in p.items() if k not in ("name", "series"))
        ]
        for start in range(0, len(cards), 9):
            sheet = cards[start : start + 9]
            for i, (name, label, value, ink) in enumerate(sheet):
                front(c, *slot(i), series, name, label, value, ink)
            crop_marks(c)
            c.showPage()
            for i in range(len(sheet)):
                back(c, *slot(i, mirrored=True), series, "Data dialogen")
            c.showPage()
        c.save()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
