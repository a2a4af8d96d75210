"""Names that notebooks and charts take: validated, with the valid ones in the error.

Provinces are matched as :func:`coopanalysis.lookup_province` matches them ("Lạng Sơn",
"Lang Son province", "LangSon"), "national" and "Viet Nam" name the national reports.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ..vocab.provinces import lookup_province, normalize_place_name

__all__ = ["ParameterError", "choose", "choose_province", "choose_provinces", "known_name"]

_NATIONAL = {normalize_place_name(n) for n in ("national", "Viet Nam", "Vietnam", "nationwide")}


class ParameterError(ValueError):
    """A parameter or argument names something unknown; the message lists the valid names."""


def _wanted(value: object, what: str) -> list[str] | None:
    """``value`` as a list of names; None for "all"."""
    if isinstance(value, str):
        if value.strip().lower() == "all":
            return None
        wanted = [v.strip() for v in value.split(",") if v.strip()]
    elif isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        wanted = list(value)
    else:
        raise ParameterError(f"{what}s must be 'all', names separated by commas, or a list of names; "
                             f"got {value!r} ({type(value).__name__})")
    if not wanted:
        raise ParameterError(f"no {what} given; give 'all' or names separated by commas")
    return wanted


def choose(value: object, known: Iterable[str], what: str) -> list[str]:
    """Validate a multi-valued parameter: ``"all"``, a comma-separated string, or a list.

    Returns the chosen names in the order of ``known``. Raises :class:`ParameterError` naming
    the unknown values and every valid one (papermill's ``-p`` may also pass numbers: refused).
    """
    known = list(known)
    wanted = _wanted(value, what)
    if wanted is None:
        return known
    unknown = [w for w in wanted if w not in known]
    if unknown:
        raise ParameterError(f"unknown {what} {', '.join(map(repr, unknown))}; known {what}s: {', '.join(known)}")
    return [k for k in known if k in wanted]


def _province(name: str, known: list[str]) -> str | None:
    if normalize_place_name(name) in _NATIONAL:
        return "national" if "national" in known else None
    try:
        found = lookup_province(name).name
    except KeyError:
        try:
            found = lookup_province(name, merged=True).name
        except KeyError:
            return None
    return found if found in known else None


def choose_provinces(value: object, known: Iterable[str], what: str = "province") -> list[str]:
    """Provinces among ``known``, in any spelling :func:`coopanalysis.lookup_province` accepts.

    ``value`` is one name, ``"all"``, names separated by commas or a list. Returns canonical
    names in the order of ``known``; raises :class:`ParameterError` listing the known ones.
    """
    known = list(known)
    wanted = _wanted(value, what)
    if wanted is None:
        return known
    found = {w: _province(w, known) for w in wanted}
    unknown = [w for w, f in found.items() if f is None]
    if unknown:
        raise ParameterError(f"unknown {what} {', '.join(map(repr, unknown))}; the articles name: {', '.join(known)}")
    chosen = set(found.values())
    return [k for k in known if k in chosen]


def choose_province(value: object, known: Iterable[str]) -> str:
    """One province among ``known``, in any spelling :func:`coopanalysis.lookup_province` accepts."""
    if not isinstance(value, str) or "," in value or value.strip().lower() == "all":
        raise ParameterError(f"give one province, got {value!r}; the articles name: {', '.join(known)}")
    return choose_provinces(value, known)[0]


def known_name(name: object, known: Mapping[str, object] | Iterable[str], what: str) -> str:
    """``name`` if it is one of ``known``; else :class:`ParameterError` listing them."""
    names = list(known)
    if not isinstance(name, str) or name not in names:
        raise ParameterError(f"unknown {what} {name!r}; known {what}s: {', '.join(names)}")
    return name
