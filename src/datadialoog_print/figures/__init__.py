"""The answer sheet's figures and the text on every card, computed from a deck in plain Python."""
