"""Every word the tool prints itself, per language, and the language's number format.

A deck's ``language`` picks one table. Adding a language means adding a table here
(and a deck written in it); no printed word lives anywhere else in the code.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from collections.abc import Mapping


@dataclass(frozen=True)
class Language:
    """A language table: the tool's printed words and how numbers are written."""

    code: str
    name: str
    decimal_mark: str
    thousands_mark: str
    words: Mapping[str, str]

    def __getitem__(self, key: str) -> str:
        return self.words[key]

    def t(self, word: str, /, **values: object) -> str:
        """The word or phrase ``word``, with ``{placeholders}`` filled in."""
        return self.words[word].format(**values)

    def number(self, value: float, decimals: int = 0, *, keep_zeros: bool = False) -> str:
        """Write a number as a reader of this language expects: 7.600 and 39,5 in Dutch.

        Rounds half away from zero (what people do by hand, so the answer sheet agrees with
        a calculator), and drops a trailing ",0" unless ``keep_zeros``.
        """
        scale = 10**decimals
        rounded = math.floor(abs(value) * scale + 0.5) / scale
        negative = value < 0 and rounded != 0
        whole, _, frac = f"{rounded:.{decimals}f}".partition(".")
        if frac and not keep_zeros:
            frac = frac.rstrip("0")
        groups = []
        while len(whole) > 3:
            groups.insert(0, whole[-3:])
            whole = whole[:-3]
        groups.insert(0, whole)
        text = self.thousands_mark.join(groups)
        if frac:
            text += self.decimal_mark + frac
        return ("-" if negative else "") + text


_NL = {
    # figures on the answer sheet
    "count_of": "{count} van {total} {label}",
    "mean": "gemiddeld {value}",
    "total": "{value}",
    "total_mean": "{total} in totaal, gemiddeld {mean}",
    "mostly": "vooral {values}",
    "none": "geen",
    "value_separator": "/",
    "list_separator": ", ",
    # words used by commands that print figures or summaries
    "series": "Reeks",
    "persons": "personen",
    "attributes": "kenmerken",
    "cards": "kaarten",
    "attribute": "kenmerk",
    "figure": "cijfer",
    "recognisable": "Herkenbaar: {values} komt maar bij {count} persoon voor.",
    "recognisable_many": "Herkenbaar: {values} komen elk bij minder dan {k} personen voor.",
    "quote": "‘{value}’",
    "correlation": "correlatie met {other}: r = {r}",
    # cards
    "number_box": "nr.",
    "file_cards": "kaarten",
    "file_backs": "achterkanten",
    "cards_title": "Kaarten {series}",
    "cards_subject": "{persons} personen × {attributes} kenmerken = {cards} kaarten",
    "colour_green": "groen",
    "colour_yellow": "geel",
    "colour_red": "rood",
    "colour_black": "zwart",
    "colour_blue": "blauw",
    "colour_orange": "oranje",
    "colour_purple": "paars",
    "colour_pink": "roze",
    "colour_grey": "grijs",
    "colour_white": "wit",
    # text documents
    "page_number": "{number}",
    "assumption": "Aanname",
    "other_values": "overige {count}",
    "more_values": "(en nog {count})",
    "file_booklet": "gespreksleider",
    "file_imposed": "boekje",
    "file_answers": "antwoordblad",
    "file_questions": "vragen",
    "file_statements": "stellingen",
    "file_participants": "stellingen-deelnemers",
    # print plan
    "paper_a4": "A4",
    "paper_letter": "Letter",
    "paper_a5_or_a4": "A5 (of A4, verkleind)",
    "stock_white": "{paper}, wit papier",
    "stock_cards": "{paper}, wit karton (ca. 250 g/m²)",
    "stock_coloured": "{paper}, {colour} karton (ca. 250 g/m²)",
    "stock_shop": "drukkerij: {width} × {height} mm, met afloop",
    "duplex_long": "dubbelzijdig, omslaan via de lange kant",
    "duplex_short": "dubbelzijdig, omslaan via de korte kant",
    "duplex_none": "enkelzijdig",
    "duplex_booklet": "dubbelzijdig, omslaan via de korte kant; vouwen en nieten",
    # booklet
    "introduction": "Inleiding",
    "contents": "Inhoud",
    "card_sets": "De kaartsets",
    "set": "Set",
    "meaning": "Betekenis",
    "colour": "Kleur",
    "persons_col": "Personen",
    "cards_col": "Kaarten",
    "sources": "De bronnen",
    "source": "Bron",
    "ink": "Inkt",
    "treatment": "Opmaak van de waarde",
    "attributes_col": "Kenmerken",
    "mono_solid": "gewone letters",
    "mono_underline": "onderstreept",
    "mono_boxed": "in een kader",
    "mono_italic": "cursief",
    "mono_outline": "holle letters",
    "pseudonymised_hint": "In {series} zijn {count} personen al gepseudonimiseerd: hun kaarten dragen een nummer in plaats van een naam (de sleutel staat in de bijlage).",
    "assignment": "Opdracht {key}: {title}",
    "assignment_part": "Opdracht {key}",
    "task": "Opdracht",
    "questions_with_assignment": "Vragen bij deze opdracht",
    "questions": "Vragen",
    "statements": "Stellingen",
    "appendix": "Bijlagen",
    "persons_table": "Alle personen en kenmerken",
    "name": "Naam",
    "more_persons": "… en nog {count} personen in {series}; zij staan op de kaarten.",
    "pseudonym_key": "Sleutel van de pseudoniemen",
    "pseudonym_key_intro": "Met deze sleutel is het pseudonimiseren om te keren: elk nummer hoort bij één naam. Houd hem bij de gespreksleider.",
    "number": "Nummer",
    "print_guide": "Printen en snijden",
    "guide_intro": "Welk bestand op welk papier, en hoe je het print:",
    "file": "Bestand",
    "paper": "Papier",
    "printing": "Printen",
    "sheets": "Vellen",
    "guide_scale": "Print op ware grootte (100 %, niet ‘passend maken’), anders passen voor- en achterkanten niet op elkaar.",
    "guide_cards": "Elk vel draagt {per} kaarten ({columns} × {rows}); de achterkanten staan op de volgende pagina, gespiegeld.",
    "guide_cut": "Snijden: snijd eerst alle verticale lijnen, elke snede over de hele hoogte van het vel (de tekens boven en onder wijzen ze aan). Leg dan de stroken precies op elkaar, met een buitenste strook bovenop: de horizontale tekens staan op de linker- en rechterrand. Snijd de stapel in één keer langs die tekens.",
    "guide_stock": "Print de kaarten van elke reeks op karton in de kleur van die reeks.",
    "guide_shop": "Lever de voorkanten en de achterkanten als aparte bestanden aan; elke pagina is één kaart met {bleed} mm afloop (TrimBox en BleedBox zijn gezet).",
    "guide_booklet": "Het boekje: print het A4-bestand dubbelzijdig met omslaan via de korte kant, vouw de stapel dubbel en zet twee nietjes in de vouw; de pagina’s staan dan op volgorde.",
    "guide_handouts": "De stellingen staan elk op een eigen A4-pagina, om op tafel te leggen of op te hangen; het deelnemersblad heeft alle stellingen met vakjes om aan te kruisen.",
    "guide_answers": "Het antwoordblad is voor de gespreksleider, bij opdracht 2b; de vragen van deel 2 (twee kolommen) kunnen op tafel liggen of op een scherm staan.",
    # handouts
    "statement": "Stelling",
    "agree": "eens",
    "neutral": "neutraal",
    "disagree": "oneens",
    "participant_intro": "Kruis bij elke stelling aan of u het ermee eens bent, er neutraal tegenover staat of het ermee oneens bent.",
    # calibration sheet
    "file_calibration": "duplex-kalibratie",
    "calibration_title": "Kalibratie voor dubbelzijdig printen",
    "calibration_print": "Print dit vel op {paper}, op ware grootte (100 %, niet ‘passend maken’), {flip} — precies zoals u straks de kaarten print.",
    "calibration_read": "Houd het vel tegen het licht: het dikke kruis van de achterkant schijnt door. X: lees op de schaal onder het midden (gemerkt X) bij welk getal de verticale lijn van het dikke kruis die schaal snijdt. Y: lees op de schaal rechts van het midden (gemerkt Y) bij welk getal de horizontale lijn van het dikke kruis die schaal snijdt. Lees af op een halve millimeter.",
    "calibration_next": "Bouw de kaarten daarna met die getallen. Valt het kruis precies op 0, dan is er niets te corrigeren. Zet de waarden eenmalig vast met de omgevingsvariabele DATADIALOOG_BACK_OFFSET=X,Y.",
    "calibration_example": "bijvoorbeeld --back-offset 1.5,-1",
    "calibration_in_use": "Dit vel is geprint met --back-offset {x},{y}: valt het kruis nu op 0, dan klopt die correctie.",
    "calibration_back": "Achterkant: houd het vel tegen het licht en lees de voorkant af.",
    "title_calibration": "Kalibratie voor dubbelzijdig printen",
    # document titles (PDF metadata)
    "title_booklet": "Instructie voor de gespreksleider",
    "title_answers": "Antwoordblad",
    "title_questions": "Vragen",
    "title_statements": "Stellingen",
    "title_participants": "Stellingen voor de deelnemers",
}

_EN = {
    "count_of": "{count} of {total} {label}",
    "mean": "mean {value}",
    "total": "{value}",
    "total_mean": "{total} in total, mean {mean}",
    "mostly": "mostly {values}",
    "none": "none",
    "value_separator": "/",
    "list_separator": ", ",
    "series": "Series",
    "persons": "persons",
    "attributes": "attributes",
    "cards": "cards",
    "attribute": "attribute",
    "figure": "figure",
    "recognisable": "Recognisable: {values} occurs for only {count} person.",
    "recognisable_many": "Recognisable: {values} each occur for fewer than {k} persons.",
    "quote": "‘{value}’",
    "correlation": "correlation with {other}: r = {r}",
    "number_box": "no.",
    "file_cards": "cards",
    "file_backs": "backs",
    "cards_title": "Cards {series}",
    "cards_subject": "{persons} persons × {attributes} attributes = {cards} cards",
    "colour_green": "green",
    "colour_yellow": "yellow",
    "colour_red": "red",
    "colour_black": "black",
    "colour_blue": "blue",
    "colour_orange": "orange",
    "colour_purple": "purple",
    "colour_pink": "pink",
    "colour_grey": "grey",
    "colour_white": "white",
    "page_number": "{number}",
    "assumption": "Assumption",
    "other_values": "other {count}",
    "more_values": "(and {count} more)",
    "file_booklet": "facilitator",
    "file_imposed": "booklet",
    "file_answers": "answer-sheet",
    "file_questions": "questions",
    "file_statements": "statements",
    "file_participants": "statements-participants",
    "paper_a4": "A4",
    "paper_letter": "Letter",
    "paper_a5_or_a4": "A5 (or A4, scaled down)",
    "stock_white": "{paper}, white paper",
    "stock_cards": "{paper}, white card stock (about 250 g/m²)",
    "stock_coloured": "{paper}, {colour} card stock (about 250 g/m²)",
    "stock_shop": "print shop: {width} × {height} mm, with bleed",
    "duplex_long": "double-sided, flip on the long edge",
    "duplex_short": "double-sided, flip on the short edge",
    "duplex_none": "single-sided",
    "duplex_booklet": "double-sided, flip on the short edge; fold and staple",
    "introduction": "Introduction",
    "contents": "Contents",
    "card_sets": "The card sets",
    "set": "Set",
    "meaning": "Meaning",
    "colour": "Colour",
    "persons_col": "Persons",
    "cards_col": "Cards",
    "sources": "The sources",
    "source": "Source",
    "ink": "Ink",
    "treatment": "How the value is set",
    "attributes_col": "Attributes",
    "mono_solid": "plain letters",
    "mono_underline": "underlined",
    "mono_boxed": "in a frame",
    "mono_italic": "italic",
    "mono_outline": "outlined letters",
    "pseudonymised_hint": "In {series}, {count} persons are already pseudonymised: their cards carry a number instead of a name (the key is in the appendix).",
    "assignment": "Assignment {key}: {title}",
    "assignment_part": "Assignment {key}",
    "task": "Assignment",
    "questions_with_assignment": "Questions for this assignment",
    "questions": "Questions",
    "statements": "Statements",
    "appendix": "Appendix",
    "persons_table": "All persons and attributes",
    "name": "Name",
    "more_persons": "… and {count} more persons in {series}; they are on the cards.",
    "pseudonym_key": "Pseudonym key",
    "pseudonym_key_intro": "With this key the pseudonymisation can be reversed: each number belongs to one name. The facilitator keeps it.",
    "number": "Number",
    "print_guide": "Printing and cutting",
    "guide_intro": "Which file on which paper, and how to print it:",
    "file": "File",
    "paper": "Paper",
    "printing": "Printing",
    "sheets": "Sheets",
    "guide_scale": "Print at actual size (100%, not ‘fit to page’), or fronts and backs will not line up.",
    "guide_cards": "Each sheet holds {per} cards ({columns} × {rows}); the backs are on the next page, mirrored.",
    "guide_cut": "Cutting: first cut all the vertical lines, each cut across the whole height of the sheet (the marks at top and bottom show where). Then stack the strips exactly, with an outer strip on top: the horizontal marks are on its left and right edges. Cut the stack in one go along those marks.",
    "guide_stock": "Print the cards of each series on card stock in that series' colour.",
    "guide_shop": "Send the fronts and the backs as separate files; each page is one card with {bleed} mm bleed (TrimBox and BleedBox are set).",
    "guide_booklet": "The booklet: print the A4 file double-sided, flipping on the short edge, fold the stack in half and staple it in the fold; the pages are then in order.",
    "guide_handouts": "Each statement is on its own A4 page, to lay on the table or hang up; the participant sheet has all statements with boxes to tick.",
    "guide_answers": "The answer sheet is for the facilitator, for assignment 2b; the part 2 questions (two columns) can lie on the table or be shown on a screen.",
    "statement": "Statement",
    "agree": "agree",
    "neutral": "neutral",
    "disagree": "disagree",
    "participant_intro": "For each statement, tick whether you agree, feel neutral about it or disagree.",
    "file_calibration": "duplex-calibration",
    "calibration_title": "Calibration for double-sided printing",
    "calibration_print": "Print this sheet on {paper}, at actual size (100%, not ‘fit to page’), {flip} — exactly as you will print the cards.",
    "calibration_read": "Hold the sheet against the light: the bold cross on the back shows through. X: on the scale below the centre (marked X), read the number where the vertical line of the bold cross crosses it. Y: on the scale to the right of the centre (marked Y), read the number where the horizontal line of the bold cross crosses it. Read to half a millimetre.",
    "calibration_next": "Then build the cards with those numbers. If the cross falls exactly on 0, there is nothing to correct. Set the values once with the environment variable DATADIALOOG_BACK_OFFSET=X,Y.",
    "calibration_example": "for example --back-offset 1.5,-1",
    "calibration_in_use": "This sheet was printed with --back-offset {x},{y}: if the cross now falls on 0, that correction is right.",
    "calibration_back": "Back: hold the sheet against the light and read the front.",
    "title_calibration": "Calibration for double-sided printing",
    "title_booklet": "Instructions for the facilitator",
    "title_answers": "Answer sheet",
    "title_questions": "Questions",
    "title_statements": "Statements",
    "title_participants": "Statements for participants",
}

LANGUAGES: dict[str, Language] = {
    "nl": Language("nl", "Nederlands", ",", ".", _NL),
    "en": Language("en", "English", ".", ",", _EN),
}


def colour_word(lang: Language, name: str) -> str:
    """A colour's name in the language; a deck's own colour keeps the name the deck gave it."""
    return lang.words.get(f"colour_{name}", name)


def slug(text: str) -> str:
    """Lower-case, hyphenated, ASCII-safe text for a file name ("Reeks 1" → "reeks-1")."""
    import unicodedata

    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    out = "".join(ch.lower() if ch.isalnum() else "-" for ch in plain)
    return "-".join(part for part in out.split("-") if part) or "x"


def language(code: str) -> Language:
    """The table for a language code; KeyError for one that is not shipped."""
    return LANGUAGES[code]
