"""``outputs/tables/datapackage.json``: the tables as a Frictionless data package (Table Schema per table).

Every column's type, description and (where it has one) unit come from ``data/tables.toml``;
the articles are the package's sources. A table column with no description there is refused,
so a column cannot be added without saying what it holds.
"""

from __future__ import annotations

import json
import re
import tomllib
from functools import cache

import pandas as pd

from ..base.paths import DATA_DIR
from ..indicators import INDICATOR_BY_NAME

__all__ = ["UndescribedColumn", "datapackage", "datapackage_json", "table_descriptions"]

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


class UndescribedColumn(ValueError):
    """A table has a column that ``data/tables.toml`` does not describe."""


@cache
def _spec() -> dict:
    with open(DATA_DIR / "tables.toml", "rb") as handle:
        return tomllib.load(handle)


def table_descriptions() -> dict[str, str]:
    """File name -> what the table holds, for the index."""
    return {f"{name}.csv": spec["description"] for name, spec in _spec()["tables"].items()}


def _field(table: str, column: str) -> dict:
    spec = _spec()
    own = spec["tables"][table].get("columns", {})
    if column in own:
        return dict(own[column])
    for pattern, entry in own.items():
        if "{" not in pattern:
            continue
        regex = _PLACEHOLDER.sub(
            lambda m: f"(?P<{m.group(1)}>.+?)", re.escape(pattern).replace(r"\{", "{").replace(r"\}", "}")
        )
        match = re.fullmatch(regex, column)
        if match and ("indicator" not in match.groupdict() or match["indicator"] in INDICATOR_BY_NAME):
            values = dict(match.groupdict())
            if "indicator" in values:
                values.update(
                    title=INDICATOR_BY_NAME[values["indicator"]].title, unit=INDICATOR_BY_NAME[values["indicator"]].unit
                )
            return {key: value.format(**values) if isinstance(value, str) else value for key, value in entry.items()}
    if column in spec["columns"]:
        return dict(spec["columns"][column])
    raise UndescribedColumn(
        f"outputs/tables/{table}.csv: column {column!r} has no description in "
        f"src/coopanalysis/data/tables.toml; add it under [tables.{table}.columns] or [columns]"
    )


def datapackage(tables: dict[str, pd.DataFrame], articles: pd.DataFrame) -> dict:
    """The data package of ``tables`` (file name -> the frame written there) with ``articles`` as sources."""
    resources = []
    for file, frame in tables.items():
        name = file.removesuffix(".csv")
        spec = _spec()["tables"].get(name)
        if spec is None:
            raise UndescribedColumn(f"outputs/tables/{file}: no [tables.{name}] in src/coopanalysis/data/tables.toml")
        fields = [{"name": column, **_field(name, column)} for column in frame.columns]
        schema = {"fields": fields, "missingValues": [""]}
        if "primary_key" in spec:
            schema["primaryKey"] = spec["primary_key"]
        resources.append(
            {
                "name": name.replace("_", "-"),
                "path": file,
                "title": spec["title"],
                "description": spec["description"],
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema,
            }
        )
    sources = [
        {"title": f"{a.title} ({a.province}, {a.published})", "path": a.source}
        if str(a.source).startswith(("http://", "https://"))
        else {"title": f"{a.title} ({a.province}, {a.published})"}
        for a in articles.sort_values("article_id").itertuples()
    ]
    return {
        "name": "coopanalysis-tables",
        "title": "Cooperatives and the collective economy in Vietnamese provincial news",
        "description": "Figures quoted verbatim from news articles, the indicators computed from them, and the "
        "statistics across articles; every number traces back to its quote.",
        "sources": sources,
        "resources": resources,
    }


def datapackage_json(tables: dict[str, pd.DataFrame], articles: pd.DataFrame) -> str:
    """The data package as JSON text (keys in a fixed order: the same tables give the same bytes)."""
    return json.dumps(datapackage(tables, articles), ensure_ascii=False, indent=2) + "\n"
