"""What trainers use to make decks: a new deck from a shipped one, persons in and out of spreadsheets."""
