"""A quote is unique when its span occurs nowhere else in the text (coopanalysis.quotes)."""

from coopanalysis.extract.quote_index import _MOST_PLACES, QuoteIndex


def _span(text: str, quote: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(quote, start + 1)
    return start, start + len(quote)


def test_a_quote_with_a_number_is_compared_with_the_places_that_share_its_digits():
    text = "The province has 120 cooperatives. Of them, 120 cooperatives are agricultural; 12 are not."
    index = QuoteIndex(text)
    assert not index.unique(*_span(text, "120 cooperatives"))
    assert not index.unique(*_span(text, "120 cooperatives", 1))
    assert index.unique(*_span(text, "has 120 cooperatives"))
    assert index.unique(*_span(text, "12 are"))  # "12" also stands inside "120", not as this quote


def test_a_quote_without_digits_is_compared_by_its_rarest_inner_word():
    text = "Revenue doubled compared with 2020. Profit rose. Revenue doubled compared with the plan."
    index = QuoteIndex(text)
    assert not index.unique(*_span(text, "Revenue doubled compared"))
    assert index.unique(*_span(text, "doubled compared with the"))
    # Two words and no digit: no inner word to look up, and searching the text for each such quote would
    # cost as much as the text is long; it is widened instead (none is a quote in the real articles).
    assert not index.unique(*_span(text, "Profit rose"))


def test_a_neighbourhood_shared_by_too_many_places_is_taken_as_not_unique():
    # Machine-made text: the same digit run and neighbourhood more than _MOST_PLACES times. The
    # last line differs after the neighbourhood, so it is in fact unique, but checking it would
    # cost as much as the text is long: it is widened instead.
    line = "The group has 12 members in all.\n"
    text = line * (_MOST_PLACES + 1) + "The group has 12 members in all, and more.\n"
    index = QuoteIndex(text)
    assert not index.unique(*_span(text, "has 12 members in all, and more", 0))
    few = line * 3 + "The group has 12 members in all, and more.\n"
    assert QuoteIndex(few).unique(*_span(few, "has 12 members in all, and more", 0))


def test_digits_at_a_quotes_edge_are_compared_with_longer_numbers_that_hold_them():
    # A list item "3." and the year 2023: the quote "3" stands inside "2023" too, and "có 3"
    # inside "có 35"; a quote of digits alone is never taken as unique (it is widened).
    text = "Năm 2023 có 35 HTX.\n\n3. Bí xanh có 3 ha"
    index = QuoteIndex(text)
    assert not index.unique(*_span(text, "3", 2))
    assert index.unique(*_span(text, "3. Bí"))
    assert not index.unique(*_span(text, "có 3"))
    assert index.unique(*_span(text, "có 3 ha"))
