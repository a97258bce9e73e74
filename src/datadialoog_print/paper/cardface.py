"""Where things go on a card front, in millimetres from the card's bottom-left, scaled with the card size.

Data only: the fitting (:mod:`.cardfit`) and the painting (``render.cardpainter``) read it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from . import geometry

BOX_LINE_PT = 0.8
"""Line width of the write-in box's frame."""
RULE_LINE_PT = 0.5
"""Line width of the rule under the name (butt ends: it reaches exactly from safe line to safe line)."""


@dataclass(frozen=True)
class FrontGeometry:
    """Boxes on a card front in mm from the card's bottom-left; scales with the card size."""

    width: float
    height: float
    safe_zone: float = geometry.SAFE_ZONE_MM
    """How far every text and mark stays inside the trim (a print shop's safe margin, if larger)."""

    @cached_property
    def scale(self) -> float:
        return min(self.width / 63.0, self.height / 88.0)

    @cached_property
    def safe(self) -> float:
        return self.safe_zone

    @cached_property
    def box(self) -> tuple[float, float, float, float]:
        """The write-in box for a pseudonym number: x, y, w, h of its frame's centre line, which lies half the
        frame's line width inside the safe line, so the frame's outer edge is on it, not over it."""
        w, h = 14 * self.scale, 10 * self.scale
        inset = self.safe + BOX_LINE_PT / 2 / geometry.MM
        return (self.width - inset - w, self.height - inset - h, w, h)

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

    @cached_property
    def set_mark(self) -> tuple[float, float]:
        """Right end and baseline of the set letter ("set B"): the bottom-right corner, under the value and far
        from the name and the write-in box that participants use."""
        return (self.width - self.safe, self.safe)
