"""What ``generate`` takes, as the CLI's options and the workspace's generate page both bound it.

A module of constants only, so the CLI can build its options without importing the generator.
"""

from __future__ import annotations

STRENGTHS = ("mild", "original", "strong")
"""How strongly ``generate`` shows each direction (``--strength``): see ``data/personas.yaml``."""

MAX_CANDIDATES = 20
"""Seeds ``--candidates`` tries at most: each takes a moment, and 20 columns no longer fit a terminal."""

MAX_PERSONS_PER_SERIES = 100
"""Persons per series ``--persons-per-series`` asks for at most: 200 cards a series is a room's afternoon."""

MAX_SEED = 10**15
"""Seeds from 0 to MAX_SEED: every one of them a browser's number field keeps exactly (below 2**53)."""
