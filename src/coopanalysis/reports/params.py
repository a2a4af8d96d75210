"""Parameters that notebooks and charts take: validated, with the valid values in the error.

Provinces are matched as :func:`coopanalysis.lookup_province` matches them ("Lạng Sơn",
"Lang Son province", "LangSon"), "national" and "Viet Nam" name the national reports. papermill's
``-p`` passes what it cannot read as a number or ``True``/``False`` as a string, so a flag also
takes the strings that say yes or no ("false", "no", "0"), and nothing else: a list, another string
or a number other than 0 and 1 is refused, never read as true.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ..vocab.provinces import lookup_province, normalize_place_name

__all__ = [
    "ParameterError",
    "choose",
    "choose_flag",
    "choose_folders",
    "choose_province",
    "choose_provinces",
    "choose_text",
    "known_name",
]

_NATIONAL = {normalize_place_name(n) for n in ("national", "Viet Nam", "Vietnam", "nationwide")}
_YES, _NO = ("true", "yes", "1"), ("false", "no", "0")


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
        raise ParameterError(
            f"{what}s must be 'all', names separated by commas, or a list of names; "
            f"got {value!r} ({type(value).__name__})"
        )
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
    """The name among ``known`` that ``name`` means: itself, or (where ``known`` holds the 34 provinces
    since July 2025) the province a former one became part of; None when it is none of them."""
    if normalize_place_name(name) in _NATIONAL:
        return "national" if "national" in known else None
    try:
        found = lookup_province(name)
    except KeyError:
        try:
            found = lookup_province(name, merged=True)
        except KeyError:
            return None
    return found.name if found.name in known else found.successor if found.successor in known else None


def _no_figures(names: list[str]) -> list[str]:
    """Those of ``names`` that are provinces (of the 63, the 34, or national): known, only without figures."""
    provinces = []
    for name in names:
        try:
            provinces.append(lookup_province(name, merged=True).name)
        except KeyError:
            try:
                provinces.append(lookup_province(name).name)
            except KeyError:
                if normalize_place_name(name) in _NATIONAL:
                    provinces.append("national")
    return provinces if len(provinces) == len(names) else []


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
    if unknown and _no_figures(unknown):
        raise ParameterError(
            f"no figures yet for {', '.join(_no_figures(unknown))}: the corpora have no reviewed figure "
            f"of it; provinces with figures: {', '.join(known)}"
        )
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


def choose_flag(value: object, what: str) -> bool:
    """A yes-or-no parameter: ``True``/``False``, 1/0, or a string among "true", "yes", "1", "false", "no", "0"
    (any case)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in _YES + _NO:
        return value.strip().lower() in _YES
    raise ParameterError(
        f"{what} must be True or False; got {value!r} ({type(value).__name__}); "
        f"valid: True, False, or one of the strings {', '.join(map(repr, _YES + _NO))}"
    )


def choose_text(value: object, what: str) -> str:
    """A parameter that is one string."""
    if not isinstance(value, str):
        raise ParameterError(f"{what} must be a string; got {value!r:.60} ({type(value).__name__})")
    return value


def choose_folders(value: object, what: str = "corpora") -> list[str]:
    """Folders (corpora): a list of names, or one string of names separated by commas; empty for the default."""
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) and v.strip() for v in value):
        return [v.strip() for v in value]
    raise ParameterError(
        f'{what} must be a list of corpus folders such as ["seeds", "corpora/news"], or one '
        f"folder as a string (empty: seeds/); got {value!r:.60} ({type(value).__name__})"
    )
