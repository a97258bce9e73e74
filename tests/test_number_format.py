"""One rule for a number a person reads, in a page or a printed document: Dutch 39,5 and 7.600, half up as a
person rounds by hand, never an exponent."""

from __future__ import annotations

import pytest

from datadialoog_print.deck.language import LANGUAGES
from datadialoog_print.serve.words import Words


@pytest.mark.parametrize(
    ("value", "nl", "en"),
    [
        (2_000_000.0, "2.000.000", "2,000,000"),
        (39.5, "39,5", "39.5"),
        (7600, "7.600", "7,600"),
        (0.0000125, "0,000013", "0.000013"),  # half up at the sixth decimal, not binary half-even
        (1.005, "1,005", "1.005"),
        (-3.25, "-3,25", "-3.25"),
        (1e-7, "0", "0"),
    ],
)
def test_a_page_writes_a_number_as_the_documents_do(value, nl, en):
    assert (Words("nl").number(value), Words("en").number(value)) == (nl, en)
    assert Words("nl").number(value) == LANGUAGES["nl"].number(value, 6)


def test_whole_numbers_take_the_thousands_mark():
    assert Words("nl").whole(1_000_000) == "1.000.000" and Words("en").whole(1_000_000) == "1,000,000"
