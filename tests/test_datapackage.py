"""tables/datapackage.json: a valid Frictionless data package in which every column is described."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from frictionless import validate

from conftest import ROOT
from coopanalysis import load_articles
from coopanalysis.run.datapackage import UndescribedColumn, datapackage

TABLES = ROOT / "outputs" / "tables"


def test_the_committed_tables_are_a_valid_data_package():
    report = validate(str(TABLES / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


def test_every_table_and_column_is_described_and_typed():
    package = json.loads((TABLES / "datapackage.json").read_text(encoding="utf-8"))
    files = {p.name for p in TABLES.glob("*.csv")}
    assert {r["path"] for r in package["resources"]} == files
    for resource in package["resources"]:
        header = pd.read_csv(TABLES / resource["path"], nrows=0).columns.tolist()
        fields = resource["schema"]["fields"]
        assert [f["name"] for f in fields] == header
        for field in fields:
            assert field["description"] and field["type"] in ("string", "number", "integer", "boolean"), field
    wide = next(r for r in package["resources"] if r["name"] == "indicators-wide")["schema"]["fields"]
    assert {
        "name": "loans_per_project",
        "type": "number",
        "unit": "VND per project",
        "description": "Loan amount per project: the latest value, where it is one number.",
    } in wide
    assert len(package["sources"]) == len(load_articles()) and all(s["title"] for s in package["sources"])


def test_a_column_added_without_a_description_is_refused():
    with pytest.raises(
        UndescribedColumn, match=r"column 'shiny_new' has no description in src/coopanalysis/data/tables.toml"
    ):
        datapackage({"figures.csv": pd.DataFrame(columns=["figure_id", "shiny_new"])}, load_articles())
