"""Attribute cards: one card per person per attribute, fronts and mirrored backs.

The card's content (who, which attribute, the value as printed) is computed first as
plain data; a painter then draws fronts and backs into slots that a layout computed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from .. import fonts, geometry
from ..errors import LayoutError
from ..geometry import MM
from ..language import Language, language
from ..layout import Duplex, SheetLayout, SingleLayout, Slot
from ..model import Attribute, Deck, Kind, Marker, MonoStyle, Person, Series, Source, Value
from ..pseudonym import pseudonyms
from ..textfit import Fit, fit
from .pdf import BLACK, REGISTRATION, WHITE, Metadata, cmyk, new_canvas, share_page_resources
from .pdfops import Ops, n, width

Progress = Callable[[int], None]


@dataclass(frozen=True)
class CardOptions:
    """What changes the look of every card."""

    plain_stock: bool = False
    """No card colour: for printing on green and yellow card stock."""
    mono: bool = False
    """Black only: sources told apart by marker and typographic treatment, not ink."""

    @property
    def fill(self) -> bool:
        return not (self.plain_stock or self.mono)


@dataclass(frozen=True)
class Card:
    """One card as printed: the name (or pseudonym number), the attribute and its value."""

    person: Person
    shown_name: str
    pseudonymised: bool
    attribute: Attribute
    value: str


def value_text(attribute: Attribute, value: Value, lang: Language) -> str:
    """A value as the card prints it: "€ 12.000", "34 jaar", "HBO"."""
    if attribute.kind is not Kind.NUMBER:
        return str(value)
    number = lang.number(float(value), attribute.decimals, keep_zeros=True)
    unit = attribute.unit_one if value == 1 and attribute.unit_one else attribute.unit
    if not unit:
        return number
    return f"{unit} {number}" if attribute.unit_before else f"{number} {unit}"


def series_cards(deck: Deck, series: Series) -> list[Card]:
    """Every card of one series, person by person in deck order, attributes in deck order."""
    lang = language(deck.language)
    numbers = pseudonyms((p.name for p in deck.persons), deck.pseudonym_key)
    hidden = set(series.pseudonymised)
    cards = []
    for person in deck.persons_in(series):
        masked = person.name in hidden
        shown = str(numbers[person.name]) if masked else person.name
        for attribute in deck.attributes:
            cards.append(Card(person, shown, masked, attribute, value_text(attribute, person.values[attribute.key], lang)))
    return cards


# --------------------------------------------------------------------------- card geometry


@dataclass(frozen=True)
class FrontGeometry:  # noqa: D101 - docstring below
    """Boxes on a card front in mm from the card's bottom-left; scales with the card size."""

    width: float
    height: float

    @cached_property
    def scale(self) -> float:
        return min(self.width / 63.0, self.height / 88.0)

    @cached_property
    def safe(self) -> float:
        return geometry.SAFE_ZONE_MM

    @cached_property
    def box(self) -> tuple[float, float, float, float]:
        """The write-in box for a pseudonym number: x, y, w, h."""
        w, h = 14 * self.scale, 10 * self.scale
        return (self.width - self.safe - w, self.height - self.safe - h, w, h)

    @cached_property
    def name_area(self) -> tuple[float, float]:
        """Width and height of the name beside the box."""
        return (self.width - 2 * self.safe - self.box[2] - 2.5, 13 * self.scale)

    @cached_property
    def rule_y(self) -> float:
        return self.height - self.safe - 13 * self.scale - 1.5

    @cached_property
    def marker_size(self) -> float:
        return 3.6 * self.scale

    @cached_property
    def label_area(self) -> tuple[float, float, float, float]:
        """x, top, width, height of the attribute label (beside the marker)."""
        x = self.safe + self.marker_size + 2
        return (x, self.rule_y - 2.5, self.width - self.safe - x, 9 * self.scale)

    @cached_property
    def value_area(self) -> tuple[float, float, float, float]:
        """x, y, w, h of the value, centred in what is left below the label."""
        top = self.label_area[1] - self.label_area[3] - 2
        bottom = self.safe + 2
        return (self.safe, bottom, self.width - 2 * self.safe, top - bottom)


def _fit_name(text: str, g: FrontGeometry) -> Fit | None:
    w, h = g.name_area
    return fit(text, fonts.BOLD, max_size=round(13 * g.scale * 2) / 2, min_size=geometry.MIN_FONT_PT, width=w * MM, height=h * MM, max_lines=2)


def _fit_label(text: str, g: FrontGeometry) -> Fit | None:
    _, _, w, h = g.label_area
    return fit(text, fonts.REGULAR, max_size=round(10.5 * g.scale * 2) / 2, min_size=geometry.MIN_FONT_PT, width=w * MM, height=h * MM, max_lines=2)


def _value_font(source: Source, mono: bool) -> str:
    return fonts.BOLD_ITALIC if mono and source.mono is MonoStyle.ITALIC else fonts.BOLD


def _fit_value(text: str, font: str, g: FrontGeometry) -> Fit | None:
    _, _, w, h = g.value_area
    # Boxed values need room for the frame; keep it for every style so sizes match across editions.
    return fit(text, font, max_size=round(22 * g.scale * 2) / 2, min_size=geometry.MIN_FONT_PT, width=(w - 4) * MM, height=(h - 4) * MM, max_lines=4)


def check_cards_fit(deck: Deck, width: float, height: float, *, mono: bool = False, cards: dict[str, list[Card]] | None = None) -> None:
    """Raise LayoutError naming every person and attribute whose text cannot be set at the minimum size."""
    g = FrontGeometry(width, height)
    failures: list[str] = []
    for series in deck.series:
        for card in (cards or {}).get(series.key) or series_cards(deck, series):
            where = f"{card.person.name} ({series.label})"
            if _fit_name(card.shown_name, g) is None:
                failures.append(f"the name of {where} is too long: '{card.shown_name}'")
            if _fit_label(card.attribute.label, g) is None:
                failures.append(f"the label of attribute '{card.attribute.key}' is too long: '{card.attribute.label}'")
            if _fit_value(card.value, _value_font(card.attribute.source, mono), g) is None:
                failures.append(f"the value of '{card.attribute.key}' for {where} is too long: '{card.value}'")
    if failures:
        unique = list(dict.fromkeys(failures))
        shown = unique[:20] + ([f"… and {len(unique) - 20} more"] if len(unique) > 20 else [])
        raise LayoutError(
            f"text does not fit on a {width:g} × {height:g} mm card even at {geometry.MIN_FONT_PT:g} pt; "
            "shorten it or choose a larger card (--card-size):\n" + "\n".join(f"  {line}" for line in shown)
        )


# --------------------------------------------------------------------------- drawing


class CardPainter:
    """Draws fronts and backs of one series on one canvas; repeated parts are PDF forms drawn once."""

    def __init__(self, canvas, deck: Deck, series: Series, width: float, height: float, bleed: float, options: CardOptions):
        self.c = canvas
        self.deck = deck
        self.series = series
        self.width = width
        self.height = height
        self.bleed = bleed
        self.options = options
        self.lang = language(deck.language)
        self.g = FrontGeometry(width, height)
        self.ops = Ops(canvas)
        self._forms: set[str] = set()
        self._labels: dict[str, str] = {}
        self._fills: dict[tuple, str] = {}

    # -- shared pieces, each a form XObject: written once, referenced by every card

    def _form(self, name: str, draw: Callable[[], None]) -> str:
        if name not in self._forms:
            b = self.bleed * MM
            self.c.beginForm(name, -b, -b, self.width * MM + b, self.height * MM + b)
            draw()
            self.c.endForm()
            self._forms.add(name)
        return name

    def _fill(self) -> None:
        if self.options.fill:
            b = self.bleed * MM
            self.c.setFillColor(cmyk(self.series.colour.cmyk))
            self.c.rect(-b, -b, self.width * MM + 2 * b, self.height * MM + 2 * b, stroke=0, fill=1)

    def _front_base(self) -> None:
        c, g = self.c, self.g
        self._fill()
        x, y, w, h = g.box
        c.setFillColor(cmyk(WHITE))
        c.setStrokeColor(cmyk(BLACK))
        c.setLineWidth(0.8)
        c.rect(x * MM, y * MM, w * MM, h * MM, stroke=1, fill=1)
        c.setFillColor(cmyk(BLACK))
        c.setFont(fonts.REGULAR, geometry.MIN_FONT_PT)
        c.drawString((x + 1) * MM, (y + h) * MM - geometry.MIN_FONT_PT - 1, self.lang["number_box"])
        c.setLineWidth(0.5)
        c.line(g.safe * MM, g.rule_y * MM, (self.width - g.safe) * MM, g.rule_y * MM)

    def _back(self) -> None:
        c = self.c
        self._fill()
        # No frame: a frame close to the edge shows every millimetre a duplex printer is off.
        inset = 5.0
        c.setFillColor(cmyk(BLACK))
        width = (self.width - 2 * inset - 6) * MM
        label = fit(self.series.label, fonts.BOLD, max_size=28 * self.g.scale, min_size=geometry.MIN_FONT_PT, width=width, height=40 * MM, max_lines=2)
        title = fit(self.deck.title, fonts.REGULAR, max_size=12 * self.g.scale, min_size=geometry.MIN_FONT_PT, width=width, height=25 * MM, max_lines=3)
        centre_x = self.width * MM / 2
        y = self.height * MM / 2 + 4 * MM
        for fitted, font in ((label, fonts.BOLD), (title, fonts.REGULAR)):
            if fitted is None:
                continue
            c.setFont(font, fitted.size)
            for line in fitted.lines:
                c.drawCentredString(centre_x, y, line)
                y -= fitted.line_height
            y -= 3 * MM

    # -- per card

    def front(self, card: Card, slot: Slot) -> None:
        """Draw one card front with its trimmed rectangle at ``slot``: one string of operators per card."""
        c, g, ops = self.c, self.g, self.ops
        source = card.attribute.source
        ink = BLACK if self.options.mono else source.ink.cmyk
        c.doForm(self._form("front", self._front_base))  # registers the form for this page's resources
        c._code.pop()  # … and is drawn below, inside the card's own coordinates
        out = [f"q 1 0 0 1 {n(slot.x * MM)} {n(slot.y * MM)} cm /FormXob.front Do", ops.fill_colour(BLACK)]
        if card.pseudonymised:
            # The box already holds the number: the hint shows what assignment 1 asks for.
            bx, by, bw, bh = g.box
            out.append(ops.centred(fonts.BOLD, 12 * g.scale, (bx + bw / 2) * MM, (by + bh * 0.28) * MM, card.shown_name))
        name = _fit_name(card.shown_name, g)
        _, h = g.name_area
        top = (self.height - g.safe) * MM
        out += self._lines(name, fonts.BOLD, g.safe * MM, top - (h * MM - name.height) / 2 - name.size * 0.8)
        out.append(self._label(card.attribute, ink))
        font = _value_font(source, self.options.mono)
        value = _fit_value(card.value, font, g)
        vx, vy, vw, vh = g.value_area
        first = (vy + vh / 2) * MM + value.height / 2 - value.size * 0.78
        style = source.mono if self.options.mono else MonoStyle.SOLID
        out += self._value(value, font, (vx + vw / 2) * MM, first, style)
        out.append("Q")
        c._code.append(" ".join(out))

    def fill(self, rect: Slot) -> None:
        """Card colour over ``rect`` (a card and the bleed around it), drawn before the card itself."""
        if self.options.fill:
            key = (rect.x, rect.y, rect.width, rect.height)
            done = self._fills.get(key)
            if done is None:
                fill = self.ops.fill_colour(self.series.colour.cmyk)
                done = self._fills[key] = f"{fill} {self.ops.rect(rect.x * MM, rect.y * MM, rect.width * MM, rect.height * MM)}"
            self.c._code.append(done)

    def back(self, slot: Slot) -> None:
        """Draw one card back with its trimmed rectangle at ``slot``."""
        self.c.doForm(self._form("back", self._back))
        self.c._code.pop()
        self.c._code.append(f"q 1 0 0 1 {n(slot.x * MM)} {n(slot.y * MM)} cm /FormXob.back Do Q")

    def _label(self, attribute: Attribute, ink: tuple[float, float, float, float]) -> str:
        """The ink, the marker and the label of an attribute: the same on every card of it, so made once."""
        key = attribute.key
        done = self._labels.get(key)
        if done is None:
            g, ops = self.g, self.ops
            lx, ltop, lw, lh = g.label_area
            label = _fit_label(attribute.label, g)
            parts = [ops.fill_colour(ink), ops.stroke_colour(ink)]
            parts += self._lines(label, fonts.REGULAR, lx * MM, ltop * MM - label.size * 0.8)
            cy = ltop - min(lh, label.height / MM) / 2 + 0.3
            parts.append(marker_ops(attribute.source.marker, g.safe + g.marker_size / 2, cy, g.marker_size, ops))
            done = self._labels[key] = " ".join(parts)
        return done

    def _lines(self, fitted: Fit, font: str, x: float, first_baseline: float) -> list[str]:
        return [self.ops.text(font, fitted.size, x, first_baseline - i * fitted.line_height, line) for i, line in enumerate(fitted.lines)]

    def _value(self, fitted: Fit, font: str, centre_x: float, first_baseline: float, style: MonoStyle) -> list[str]:
        ops = self.ops
        out = []
        widths = [width(line, font, fitted.size) for line in fitted.lines]
        if style is MonoStyle.OUTLINE:
            out.append(f"{n(max(0.4, fitted.size / 30))} w")
        for i, (line, line_width) in enumerate(zip(fitted.lines, widths)):
            y = first_baseline - i * fitted.line_height
            mode = 1 if style is MonoStyle.OUTLINE else 0
            out.append(ops.text(font, fitted.size, centre_x - line_width / 2, y, line, mode=mode))
            if style is MonoStyle.UNDERLINE:
                under = y - fitted.size * 0.16
                out.append(f"{n(max(0.8, fitted.size / 18))} w " + ops.line(centre_x - line_width / 2, under, centre_x + line_width / 2, under))
        if style is MonoStyle.BOXED:
            pad = 1.8 * MM
            top = first_baseline + fitted.size * 0.8 + pad
            bottom = first_baseline - (len(fitted.lines) - 1) * fitted.line_height - fitted.size * 0.22 - pad
            half = max(widths) / 2 + pad
            out.append("1 w " + ops.rect(centre_x - half, bottom, 2 * half, top - bottom, fill=False, stroke=True))
        return out


def marker_ops(marker: Marker | str, cx: float, cy: float, size: float, ops: Ops) -> str:
    """Operators for a filled shape (or a letter in a frame) centred at (cx, cy) mm, in the current colours."""
    r = size / 2 * MM
    x, y = cx * MM, cy * MM
    if isinstance(marker, str):
        frame = "0.7 w " + ops.rect(x - r, y - r, 2 * r, 2 * r, fill=False, stroke=True)
        return frame + " " + ops.centred(fonts.BOLD, size * MM * 0.8, x, y - size * MM * 0.28, marker)
    if marker is Marker.CIRCLE:
        return ops.circle(x, y, r)
    if marker is Marker.SQUARE:
        s = r * 0.9
        return ops.rect(x - s, y - s, 2 * s, 2 * s)
    points = {
        Marker.TRIANGLE: [(0, 1.1), (-1.05, -0.75), (1.05, -0.75)],
        Marker.DIAMOND: [(0, 1.15), (-0.9, 0), (0, -1.15), (0.9, 0)],
        Marker.STAR: _star(),
    }[marker]
    return ops.polygon([(x + px * r, y + py * r) for px, py in points])


def draw_marker(c, marker: Marker | str, cx: float, cy: float, size: float) -> None:
    """A marker drawn on any canvas (the booklet's legend), in the canvas's current colours."""
    c._code.append(marker_ops(marker, cx, cy, size, Ops(c)))


def _star() -> list[tuple[float, float]]:
    import math

    out = []
    for i in range(10):
        radius = 1.15 if i % 2 == 0 else 0.5
        angle = math.pi / 2 + i * math.pi / 5
        out.append((radius * math.cos(angle), radius * math.sin(angle)))
    return out


# --------------------------------------------------------------------------- documents


def _metadata(deck: Deck, series: Series, keywords: tuple[str, ...], subject: str) -> Metadata:
    lang = language(deck.language)
    persons = len(deck.persons_in(series))
    counts = lang.t("cards_subject", persons=persons, attributes=len(deck.attributes), cards=persons * len(deck.attributes))
    return Metadata(
        title=f"{deck.title} — {lang.t('cards_title', series=series.label)}",
        subject=f"{counts} · {subject}" if subject else counts,
        keywords=keywords,
    )


def _crop_marks(layout: SheetLayout, *, mono: bool = False) -> str:
    """Marks for every cut line on all four margins (operators); registration colour, or black only for mono."""
    left, bottom, right, top = layout.block
    gap, m = layout.mark_gap, layout.margin
    lines = []
    for x in layout.cuts_x:
        lines.append((x, top + gap, x, layout.page_height - m))
        lines.append((x, m, x, bottom - gap))
    for y in layout.cuts_y:
        lines.append((m, y, left - gap, y))
        lines.append((right + gap, y, layout.page_width - m, y))
    strokes = " ".join(Ops.line(*(v * MM for v in line)) for line in lines)
    colour = BLACK if mono else REGISTRATION
    return f"q {Ops.stroke_colour(colour)} {n(geometry.MARK_WIDTH_PT)} w {strokes} Q"


def render_card_sheets(
    deck: Deck,
    series: Series,
    path,
    *,
    layout: SheetLayout,
    duplex: Duplex = Duplex.LONG,
    back_offset: tuple[float, float] = (0.0, 0.0),
    options: CardOptions = CardOptions(),
    keywords: tuple[str, ...] = (),
    subject: str = "",
    progress: Progress | None = None,
    cards: list[Card] | None = None,
) -> int:
    """Fronts N-up with crop marks, each followed by its mirrored backs; returns the number of cards."""
    cards = series_cards(deck, series) if cards is None else cards
    c = new_canvas(path, layout.page_width, layout.page_height, _metadata(deck, series, keywords, subject))
    c.setViewerPreference("PrintScaling", "None")
    if duplex is not Duplex.NONE:
        c.setViewerPreference("Duplex", "DuplexFlipLongEdge" if duplex is Duplex.LONG else "DuplexFlipShortEdge")
    painter = CardPainter(c, deck, series, layout.card_width, layout.card_height, layout.bleed, options)
    marks = _crop_marks(layout, mono=options.mono)
    fill_rects: dict[int, list[Slot]] = {}  # per number of cards on a sheet: only full sheets and the last differ
    per = layout.per_sheet
    for start in range(0, len(cards), per):
        chunk = cards[start : start + per]
        if len(chunk) not in fill_rects:
            fill_rects[len(chunk)] = [layout.fill_rect(i, len(chunk)) for i in range(len(chunk))]
        fills = fill_rects[len(chunk)]
        for rect in fills:
            painter.fill(rect)
        for card, slot in zip(chunk, layout.slots):
            painter.front(card, slot)
        c._code.append(marks)
        c.showPage()
        if duplex is not Duplex.NONE:
            for rect in fills:
                painter.fill(layout.back_slot(rect, duplex, back_offset))
            for slot in layout.slots[: len(chunk)]:
                painter.back(layout.back_slot(slot, duplex, back_offset))
            c.showPage()
        if progress:
            progress(len(chunk))
    share_page_resources(c)
    c.save()
    return len(cards)


def render_card_singles(
    deck: Deck,
    series: Series,
    front_path,
    back_path,
    *,
    layout: SingleLayout,
    options: CardOptions = CardOptions(),
    keywords: tuple[str, ...] = (),
    subject: str = "",
    progress: Progress | None = None,
    cards: list[Card] | None = None,
) -> int:
    """One card per page with bleed, TrimBox and BleedBox set; the backs page for page in their own file."""
    cards = series_cards(deck, series) if cards is None else cards
    trim = tuple(v * MM for v in layout.trim_box)
    bleed_box = (0, 0, layout.page_width * MM, layout.page_height * MM)
    for target, draw in ((front_path, "front"), (back_path, "back")):
        c = new_canvas(target, layout.page_width, layout.page_height, _metadata(deck, series, keywords, subject))
        c.setTrimBox(trim)
        c.setBleedBox(bleed_box)
        painter = CardPainter(c, deck, series, layout.card_width, layout.card_height, layout.bleed, options)
        for card in cards:
            if draw == "front":
                painter.front(card, layout.slot)
            else:
                painter.back(layout.slot)
            c.showPage()
            if progress and draw == "front":
                progress(1)
        share_page_resources(c)
        c.save()
    return len(cards)
