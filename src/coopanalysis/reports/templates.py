"""The pages' templates (``coopanalysis/templates/``): one Jinja2 environment, autoescaped, and the one stylesheet."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

__all__ = ["Markup", "fragment", "render", "stylesheet"]


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("coopanalysis", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        auto_reload=False,
    )  # templates are package data: never re-read


@cache
def stylesheet() -> str:
    """The stylesheet every page inlines (pages are self-contained: no request to another host)."""
    return (resources.files("coopanalysis") / "templates" / "style.css").read_text(encoding="utf-8").strip()


def render(template: str, **context: Any) -> str:
    """``template`` filled with ``context``; text is escaped unless it is :class:`Markup` (HTML already made safe)."""
    return _environment().get_template(template).render(**context)


def fragment(template: str, **context: Any) -> Markup:
    """A part of a page: ``template`` rendered, without the blank lines around it, as HTML already safe."""
    return Markup(render(template, **context).strip())
