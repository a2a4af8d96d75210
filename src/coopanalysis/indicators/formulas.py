"""Readable formulas ("members / (cooperatives + cooperative_groups)"), parsed once and evaluated safely.

A formula is arithmetic on named inputs: ``+ - * /``, ``^`` (power), parentheses and numbers.
Division follows :func:`coopanalysis.quantity.intervals.ratio` (x/0 is infinite for x > 0), so that a
formula can be evaluated at the corners of its inputs' bounds. Nothing else is allowed: no calls,
no attributes, so a formula in a data file can never run code.
"""

from __future__ import annotations

import ast
import math
import operator
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import numpy as np

from ..quantity.intervals import ratio

__all__ = ["Formula", "FormulaError", "formula"]


class FormulaError(ValueError):
    """A formula that is not plain arithmetic on names and numbers."""


def _power(base: float, exponent: float) -> float:
    try:
        return base**exponent
    except (OverflowError, ZeroDivisionError):
        return math.inf
    except ValueError:
        return math.nan


_BINARY = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: ratio, ast.Pow: _power}


@dataclass(frozen=True)
class Formula:
    """A parsed formula: its text and the names it uses."""

    text: str
    names: frozenset[str]
    _tree: ast.expr

    def __call__(self, **values: float) -> float:
        """The formula's value; names not given are 0 (an optional input the article does not state)."""
        return _evaluate(self._tree, values)

    def on_arrays(self, **values: np.ndarray) -> np.ndarray:
        """The formula on arrays, element by element, with the same limits as :meth:`__call__`.

        x/0 is +inf for x > 0 and NaN otherwise, an overflowing power is +inf and an undefined one
        NaN; names not given are 0. Many figures are evaluated at once instead of one call each.
        """
        with np.errstate(all="ignore"):
            return np.asarray(_on_arrays(self._tree, values), dtype="float64")

    def without(self, absent: list[str]) -> str:
        """The formula as written for the inputs present: "a + b + c" without b reads "a + c"."""
        text = self.text
        for name in absent:
            text = re.sub(rf"\s*\+\s*{name}\b|\b{name}\s*\+\s*", "", text)
        return text


def _evaluate(node: ast.expr, values: dict[str, float]) -> float:
    if isinstance(node, ast.BinOp):
        result = _BINARY[type(node.op)](_evaluate(node.left, values), _evaluate(node.right, values))
        return float(result)
    if isinstance(node, ast.UnaryOp):
        return -_evaluate(node.operand, values)
    if isinstance(node, ast.Name):
        return float(values.get(node.id, 0.0))
    assert isinstance(node, ast.Constant) and isinstance(node.value, int | float)  # what the parser admits
    return float(node.value)


def _ratio_arrays(numerator, denominator):
    return np.where(denominator == 0, np.where(numerator > 0, math.inf, math.nan), numerator / denominator)


def _power_one(base: float, exponent: float) -> float:
    result = _power(float(base), float(exponent))
    return result if isinstance(result, float) else math.nan  # a negative base to a fraction: no real value


_POWER_ONE = np.frompyfunc(_power_one, 2, 1)


def _power_arrays(base, exponent):
    # Python's own power, element by element: numpy's may differ in the last digit, and results must not.
    return _POWER_ONE(base, exponent).astype("float64")


_ARRAY_BINARY: dict[type[ast.operator], Callable[..., np.ndarray]] = {
    ast.Add: np.add,
    ast.Sub: np.subtract,
    ast.Mult: np.multiply,
    ast.Div: _ratio_arrays,
    ast.Pow: _power_arrays,
}


def _on_arrays(node: ast.expr, values: dict):
    if isinstance(node, ast.BinOp):
        return _ARRAY_BINARY[type(node.op)](_on_arrays(node.left, values), _on_arrays(node.right, values))
    if isinstance(node, ast.UnaryOp):
        return np.negative(_on_arrays(node.operand, values))
    if isinstance(node, ast.Name):
        return np.asarray(values.get(node.id, 0.0), dtype="float64")
    assert isinstance(node, ast.Constant) and isinstance(node.value, int | float)  # what the parser admits
    return np.float64(node.value)


@cache
def formula(text: str) -> Formula:
    """Parse ``text``; raise :class:`FormulaError` saying what is not allowed."""
    try:
        tree = ast.parse(text.replace("^", "**"), mode="eval").body
    except SyntaxError as error:
        raise FormulaError(f"formula {text!r} is not arithmetic: {error.msg}") from None
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            names.add(node.id)
        elif isinstance(node, ast.BinOp) and type(node.op) not in _BINARY:
            raise FormulaError(f"formula {text!r}: only + - * / ^ are allowed")
        elif isinstance(node, ast.UnaryOp) and not isinstance(node.op, ast.USub):
            raise FormulaError(f"formula {text!r}: only a minus sign may stand before a term")
        elif isinstance(node, ast.Constant) and not isinstance(node.value, (int, float)):
            raise FormulaError(f"formula {text!r}: {node.value!r} is not a number")
        elif not isinstance(
            node, (ast.BinOp, ast.UnaryOp, ast.Name, ast.Constant, ast.Load, ast.operator, ast.unaryop)
        ):
            raise FormulaError(f"formula {text!r}: {type(node).__name__} is not allowed (arithmetic on names only)")
    return Formula(text, frozenset(names), tree)
