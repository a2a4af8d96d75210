"""Seed articles: byte-for-byte raw data with checksums, and metadata with provenance."""

from __future__ import annotations

import hashlib

import pytest

from conftest import SEEDS, read_rows, write_rows
from coopanalysis import SeedError, load_articles
from coopanalysis.articles.table import check_articles


def test_checksums_match_the_list_in_the_repo():
    listed = dict(line.split("  ")[::-1] for line in (SEEDS / "articles.sha256").read_text().splitlines())
    files = sorted(p.name for p in (SEEDS / "articles").glob("*.txt"))
    assert sorted(listed) == files and len(files) == 5
    for name in files:
        assert hashlib.sha256((SEEDS / "articles" / name).read_bytes()).hexdigest() == listed[name]


def test_metadata_is_complete():
    articles = load_articles()
    assert articles["article_id"].is_unique and len(articles) == 5
    assert (articles[["province", "published", "published_basis", "province_basis", "title"]] != "").all().all()
    assert set(articles["province"]) == {"Nghe An", "Lang Son", "Tra Vinh", "Quang Ninh", "Quang Tri"}
    inferred = articles.set_index("article_id").loc["quang-tri-2024", "province_basis"]
    assert "Dakrong" in inferred and "Ha Sy Dong" in inferred


def test_edited_article_fails_its_checksum(seed_copy):
    path = seed_copy / "seeds" / "articles" / "002_59ef6711756a6120.txt"
    path.write_bytes(path.read_bytes().replace(b"165 cooperatives", b"166 cooperatives"))
    _, problems = check_articles(seed_copy / "seeds")
    assert [p.line for p in problems] == [3]
    assert "differs from its checksum" in problems[0].message


def test_unknown_province_names_the_known_ones(seed_copy):
    path = seed_copy / "seeds" / "articles.csv"
    header, rows = read_rows(path)
    rows[1]["province"] = "Lang Song"
    write_rows(path, header, rows)
    with pytest.raises(SeedError, match=r"articles.csv:3: unknown province 'Lang Song'; known provinces: An Giang"):
        load_articles(seed_copy / "seeds")
