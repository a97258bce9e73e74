"""Drawing card fronts and backs into slots a layout computed: shared parts as forms, each card one string of operators."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..deck.cardtext import Card
from ..deck.language import language
from ..deck.model import Attribute, Deck, MonoStyle, Series
from ..paper import fonts, geometry
from ..paper.cardface import BOX_LINE_PT, RULE_LINE_PT, FrontGeometry
from ..paper.cardfit import fit_back_label, fit_back_title, fit_label, fit_name, fit_value, value_font
from ..paper.geometry import MM
from ..paper.layout import Slot
from ..paper.textfit import Fit
from . import internals
from .markers import marker_ops, marker_reach
from .pdf import BLACK, WHITE, cmyk
from .pdfops import Ops, n, width


@dataclass(frozen=True)
class CardOptions:
    """What changes the look of every card."""

    plain_stock: bool = False
    """No card colour: for printing on green and yellow card stock."""
    mono: bool = False
    """Black only: sources told apart by marker and typographic treatment, not ink."""
    safe: float = field(default=geometry.SAFE_ZONE_MM, repr=False)
    """Text this far inside the trim (a print shop's safe margin); out of the repr, so the file IDs of the
    card files made before shops existed stay as they were."""

    @property
    def fill(self) -> bool:
        return not (self.plain_stock or self.mono)


class CardPainter:
    """Draws fronts and backs of one series on one canvas; repeated parts are PDF forms drawn once."""

    def __init__(
        self, canvas, deck: Deck, series: Series, width: float, height: float, bleed: float, options: CardOptions
    ):
        self.c = canvas
        self.deck = deck
        self.series = series
        self.width = width
        self.height = height
        self.bleed = bleed
        self.options = options
        self.lang = language(deck.language)
        self.g = FrontGeometry(width, height, options.safe)
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
        c.setLineWidth(BOX_LINE_PT)
        c.rect(x * MM, y * MM, w * MM, h * MM, stroke=1, fill=1)
        c.setFillColor(cmyk(BLACK))
        c.setFont(fonts.REGULAR, geometry.MIN_FONT_PT)
        c.drawString((x + 1) * MM, (y + h) * MM - geometry.MIN_FONT_PT - 1, self.lang["number_box"])
        c.setLineWidth(RULE_LINE_PT)
        c.line(g.safe * MM, g.rule_y * MM, (self.width - g.safe) * MM, g.rule_y * MM)

    def _back(self) -> None:
        c = self.c
        self._fill()
        # No frame: a frame close to the edge shows every millimetre a duplex printer is off.
        c.setFillColor(cmyk(BLACK))
        label = fit_back_label(self.series.label, self.g)
        title = fit_back_title(self.deck.title, self.g)
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

    def set_label(self, letter: str) -> str:
        """What a card of set ``letter`` says about its set ("set B"); nothing for a single set."""
        return self.lang.t("card_set", letter=letter) if letter else ""

    def front(self, card: Card, slot: Slot, set_label: str = "") -> None:
        """Draw one card front with its trimmed rectangle at ``slot``: one string of operators per card."""
        c, g, ops = self.c, self.g, self.ops
        source = card.attribute.source
        ink = BLACK if self.options.mono else source.ink.cmyk
        form = internals.form_name(c, self._form("front", self._front_base))
        out = [f"q 1 0 0 1 {n(slot.x * MM)} {n(slot.y * MM)} cm {form} Do", ops.fill_colour(BLACK)]
        if card.pseudonymised:
            # The box already holds the number: the hint shows what assignment 1 asks for.
            bx, by, bw, bh = g.box
            out.append(
                ops.centred(fonts.BOLD, 12 * g.scale, (bx + bw / 2) * MM, (by + bh * 0.28) * MM, card.shown_name)
            )
        name = fit_name(card.shown_name, g)
        _, h = g.name_area
        top = (self.height - g.safe) * MM
        out += self._lines(name, fonts.BOLD, g.safe * MM, top - (h * MM - name.height) / 2 - name.size * 0.8)
        out.append(self._label(card.attribute, ink))
        font = value_font(source, self.options.mono)
        value = fit_value(card.value, font, g)
        vx, vy, vw, vh = g.value_area
        first = (vy + vh / 2) * MM + value.height / 2 - value.size * 0.78
        style = source.mono if self.options.mono else MonoStyle.SOLID
        out += self._value(value, font, (vx + vw / 2) * MM, first, style)
        if set_label:
            right, baseline = g.set_mark
            size = geometry.SET_FONT_PT
            label_w = width(set_label, fonts.BOLD, size)
            out += [ops.fill_colour(BLACK), ops.text(fonts.BOLD, size, right * MM - label_w, baseline * MM, set_label)]
        out.append("Q")
        internals.append(c, " ".join(out))

    def fill(self, rect: Slot) -> None:
        """Card colour over ``rect`` (a card and the bleed around it), drawn before the card itself."""
        if self.options.fill:
            key = (rect.x, rect.y, rect.width, rect.height)
            done = self._fills.get(key)
            if done is None:
                fill = self.ops.fill_colour(self.series.colour.cmyk)
                done = self._fills[key] = (
                    f"{fill} {self.ops.rect(rect.x * MM, rect.y * MM, rect.width * MM, rect.height * MM)}"
                )
            internals.append(self.c, done)

    def back(self, slot: Slot, set_label: str = "") -> None:
        """Draw one card back with its trimmed rectangle at ``slot``; the set at the bottom, centred."""
        form = internals.form_name(self.c, self._form("back", self._back))
        label = ""
        if set_label:
            ops = self.ops
            size = geometry.SET_FONT_PT
            baseline = self.g.safe + 2
            label = (
                ops.fill_colour(BLACK)
                + " "
                + ops.centred(fonts.BOLD, size, self.width * MM / 2, baseline * MM, set_label)
                + " "
            )
        internals.append(self.c, f"q 1 0 0 1 {n(slot.x * MM)} {n(slot.y * MM)} cm {form} Do {label}Q")

    def _label(self, attribute: Attribute, ink: tuple[float, float, float, float]) -> str:
        """The ink, the marker and the label of an attribute: the same on every card of it, so made once."""
        key = attribute.key
        done = self._labels.get(key)
        if done is None:
            g, ops = self.g, self.ops
            lx, ltop, _lw, lh = g.label_area
            label = fit_label(attribute.label, g)
            parts = [ops.fill_colour(ink), ops.stroke_colour(ink)]
            parts += self._lines(label, fonts.REGULAR, lx * MM, ltop * MM - label.size * 0.8)
            cy = ltop - min(lh, label.height / MM) / 2 + 0.3
            marker = attribute.source.marker  # its leftmost ink on the safe line
            parts.append(marker_ops(marker, g.safe + marker_reach(marker, g.marker_size), cy, g.marker_size, ops))
            done = self._labels[key] = " ".join(parts)
        return done

    def _lines(self, fitted: Fit, font: str, x: float, first_baseline: float) -> list[str]:
        return [
            self.ops.text(font, fitted.size, x, first_baseline - i * fitted.line_height, line)
            for i, line in enumerate(fitted.lines)
        ]

    def _value(self, fitted: Fit, font: str, centre_x: float, first_baseline: float, style: MonoStyle) -> list[str]:
        ops = self.ops
        out = []
        widths = [width(line, font, fitted.size) for line in fitted.lines]
        if style is MonoStyle.OUTLINE:
            out.append(f"{n(max(0.4, fitted.size / 30))} w")
        for i, (line, line_width) in enumerate(zip(fitted.lines, widths, strict=False)):
            y = first_baseline - i * fitted.line_height
            mode = 1 if style is MonoStyle.OUTLINE else 0
            out.append(ops.text(font, fitted.size, centre_x - line_width / 2, y, line, mode=mode))
            if style is MonoStyle.UNDERLINE:
                under = y - fitted.size * 0.16
                out.append(
                    f"{n(max(0.8, fitted.size / 18))} w "
                    + ops.line(centre_x - line_width / 2, under, centre_x + line_width / 2, under)
                )
        if style is MonoStyle.BOXED:
            pad = 1.8 * MM
            top = first_baseline + fitted.size * 0.8 + pad
            bottom = first_baseline - (len(fitted.lines) - 1) * fitted.line_height - fitted.size * 0.22 - pad
            half = max(widths) / 2 + pad
            out.append("1 w " + ops.rect(centre_x - half, bottom, 2 * half, top - bottom, fill=False, stroke=True))
        return out
