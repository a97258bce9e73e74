"""The facilitator booklet, in parts: front (cover, contents), part 1, part 2, appendix, print guide; ``book`` puts them together."""

from .book import render_booklets
from .page_setup import BookletOptions

__all__ = ["BookletOptions", "render_booklets"]
