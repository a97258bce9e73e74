"""Total ink: how much C + M + Y + K a colour lays on the paper, against what the press accepts.

Offset on coated paper takes about 300 % before ink smears or sets off on the next sheet;
print-on-demand and uncoated stock often ask for 240 %. A build checks every colour it
prints before it draws anything, so a colour over the limit is refused by name, not found
by the print shop's preflight.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import LayoutError

DEFAULT_MAX_INK = 300
"""Total ink limit in percent (offset, coated paper) without a shop preset; a preset brings its own
(DriveThruCards 240 %), and ``--max-ink`` overrides both."""

MIN_MAX_INK, MAX_MAX_INK = 100, 400
"""The range of a sensible limit: black alone is 100 %, all four inks full is 400 %."""


@dataclass(frozen=True)
class Ink:
    """A colour the build prints, named the way a trainer finds it in the deck."""

    what: str
    """Where it is used: "ink of source 'brp' (red)"."""
    cmyk: tuple[float, float, float, float]
    """Fractions 0–1."""

    @property
    def total(self) -> float:
        """Total ink in percent."""
        return round(sum(self.cmyk) * 100, 3)


def check_inks(inks: list[Ink], limit: float, *, source: str = "--max-ink") -> None:
    """Raise LayoutError naming every colour whose total ink is over ``limit`` percent, and by how much;
    ``source``: where the limit comes from ("what DriveThruCards takes, --shop drivethru")."""
    over = [ink for ink in inks if ink.total > limit + 1e-9]
    if not over:
        return
    lines = [
        f"  {ink.what}: {ink.total:g} % (C {ink.cmyk[0] * 100:g} + M {ink.cmyk[1] * 100:g} + "
        f"Y {ink.cmyk[2] * 100:g} + K {ink.cmyk[3] * 100:g}), {round(ink.total - limit, 3):g} % over"
        for ink in over
    ]
    raise LayoutError(
        f"total ink over the limit of {limit:g} % ({source}); lower these colours in deck.yaml "
        "(colours: [C, M, Y, K]) or set --max-ink to what your print shop accepts:\n" + "\n".join(lines)
    )
