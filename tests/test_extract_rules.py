"""Every row of the extractor's rule tables does what it says: its example is run through the extractor.

A row that no longer does what it says fails here, and so does a row whose example is shadowed by
an earlier row; a table row without an example cannot be loaded at all.
"""

from __future__ import annotations

import re

import pytest

from coopanalysis.extract import detect_province, extract_figures, reject_reasons
from coopanalysis.extract.cues import families
from coopanalysis.extract.folding import fold
from coopanalysis.extract.rules import expand, table
from coopanalysis.extract.text import TextView


def _ids(rows, column="pattern"):
    return [f"{r.index + 2}:{r[column][:40]}" for r in rows]


def _lang(row) -> str:
    """The language a row's example is written in (a row of both languages has an English example)."""
    return row.row.get("lang") or "en"


def _last(example: str, lang: str):
    proposals = extract_figures(example, lang=lang)
    assert len(proposals), f"no proposal for {example!r}"
    return proposals.iloc[-1]


def _only(example: str, lang: str):
    proposals = extract_figures(example, lang=lang)
    assert len(proposals) == 1, f"{example!r}: {list(proposals['number'])}"
    return proposals.iloc[0]


def _expect(row, proposal) -> None:
    field, _, value = row["expect"].partition("=")
    assert proposal[field] == value, (
        f"{row['example']!r}: {field} is {proposal[field]!r}, the row says {value!r}\n{proposal['evidence']}"
    )


@pytest.mark.parametrize("row", table("nouns"), ids=_ids(table("nouns")))
def test_noun_rows(row):
    assert _only(row["example"], _lang(row))["measure"] == row["measure"]


@pytest.mark.parametrize("row", table("money"), ids=_ids(table("money")))
def test_money_rows(row):
    money = extract_figures(row["example"], lang=_lang(row))
    money = money[money["unit"].str.startswith("VND")]
    assert len(money) == 1 and money.iloc[0]["measure"] == row["measure"], money[["number", "measure", "evidence"]]


@pytest.mark.parametrize("row", table("cues"), ids=_ids(table("cues")))
def test_cue_rows(row):
    _expect(row, _last(row["example"], _lang(row)))


@pytest.mark.parametrize("row", table("transforms"), ids=_ids(table("transforms"), "example"))
def test_transform_rows(row):
    assert _last(row["example"], _lang(row))["measure"] == row["becomes"]


@pytest.mark.parametrize("row", table("periods"), ids=_ids(table("periods")))
def test_period_rows(row):
    _expect(row, _last(row["example"], _lang(row)))


@pytest.mark.parametrize("row", table("non_statistics"), ids=_ids(table("non_statistics")))
def test_non_statistic_rows(row):
    example = row["example"]
    if row["extent"] == "rest":
        footer = row.regex.search(fold(example)).start()
        after = [r for r in reject_reasons(example, _lang(row)) if r.start >= footer]
        assert after and all(r.category == row["category"] for r in after)
        return
    match = row.regex.search(fold(example))
    assert match, f"the row's pattern does not match its own example {example!r}"
    span = match if row["extent"] != "token" else re.search(r"\S*" + re.escape(match.group(0)) + r"\S*", example)
    inside = [r for r in reject_reasons(example, _lang(row)) if span.start() <= r.start < span.end()]
    assert inside and all((r.category, r.reason) == (row["category"], row["reason"]) for r in inside), inside
    proposals = extract_figures(example, lang=_lang(row))
    assert not ((proposals["number_start"] >= span.start()) & (proposals["number_start"] < span.end())).any()


@pytest.mark.parametrize("row", table("places"), ids=_ids(table("places")))
def test_place_rows(row):
    _, _, value = row["expect"].partition("=")
    assert detect_province(row["example"], lang=_lang(row))[0] == value


@pytest.mark.parametrize("row", table("sites"), ids=_ids(table("sites")))
def test_site_rows(row):
    assert detect_province(row["example"])[0] == row["expect"].partition("=")[2]


@pytest.mark.parametrize("row", table("abbreviations"), ids=_ids(table("abbreviations"), "abbreviation"))
def test_abbreviation_rows(row):
    view = TextView(row["example"], _lang(row))
    assert view.sentence(len(row["example"]) - 1)[0] == 0, "the abbreviation's full stop ended the sentence"


@pytest.mark.parametrize("row", table("titles"), ids=_ids(table("titles"), "word"))
def test_title_rows(row):
    scope = _last(row["example"], _lang(row))["scope"]
    assert scope.startswith("entity:") and row["word"] not in fold(scope).split(), scope


def test_every_role_of_a_cue_is_defined_and_used():
    used = {rule["role"] for rule in table("cues")} | {rule["role"] for rule in table("transforms")}
    assert used == set(families()), "roles.csv and the cue and transform tables disagree"


def test_a_rule_without_an_example_cannot_be_loaded(tmp_path, monkeypatch):
    from coopanalysis.extract import rules

    (tmp_path / "extract").mkdir()
    (tmp_path / "extract" / "bad.csv").write_text("pattern,measure,example\nwidgets?,other,\n")
    monkeypatch.setattr(rules, "DATA_DIR", tmp_path)
    rules.table.cache_clear()
    try:
        with pytest.raises(ValueError, match="row 2 has no example; every rule needs one"):
            rules.table("bad")
    finally:
        rules.table.cache_clear()


def test_placeholders_expand():
    assert re.fullmatch(expand("{year}"), "2024") and re.fullmatch(expand("{month}"), "june")
    assert re.search(expand(r"\b{name}\b"), "cooperatives in khanh hoa grew")


def test_every_measure_a_rule_names_is_in_the_vocabulary():
    from coopanalysis.vocab.measures import measures

    named = {r["measure"] for r in table("nouns")} | {r["measure"] for r in table("money")}
    named |= {r["measure"] for r in table("transforms")} | {r["becomes"] for r in table("transforms")}
    assert named - set(measures()) == set()


@pytest.mark.parametrize("row", table("subsets"), ids=_ids(table("subsets"), "measure"))
def test_subset_rows(row):
    """The units counted before a figure give it its definition, in the row's words."""
    proposals = extract_figures(row["example"], lang=_lang(row))
    described = proposals[proposals["measure"] == row["measure"]]
    assert len(described), proposals[["number", "measure", "definition"]]
    assert described.iloc[-1]["definition"] == row["expect"], described[["number", "measure", "definition", "evidence"]]
