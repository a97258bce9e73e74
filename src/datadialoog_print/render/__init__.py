"""One renderer per document; each takes a deck (and a layout) and writes one PDF."""
