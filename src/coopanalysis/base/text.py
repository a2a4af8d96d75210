"""Text as the package reads it: composed (NFC), with no invisible characters and every digit ASCII."""

from __future__ import annotations

import unicodedata

__all__ = ["normalize_text"]

#: Characters that change nothing a reader sees but split a word or a number ("1,\u200b263"):
#: zero-width space, non-joiner, joiner, word joiner, soft hyphen and a byte-order mark inside a text;
#: and the bidirectional controls (marks, embeddings, overrides, isolates), which only reorder how
#: a text is drawn: "44,\u202e377" is drawn "44,773" but written, and meant, 44,377.
_INVISIBLE = dict.fromkeys(
    map(
        ord,
        "\u200b\u200c\u200d\u2060\u00ad\ufeff\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
    )
)
#: The separators written with other scripts' digits, as their ASCII forms
#: ("١٬٢٦٣" is 1,263, "１，２６３" too).  # noqa: RUF003 -- Arabic-Indic digits, quoted on purpose
_SEPARATORS = {0xFF0C: ",", 0xFF0E: ".", 0xFF05: "%", 0x066B: ".", 0x066C: ",", 0x066A: "%"}


class _Table(dict):
    """The translation of each character, worked out the first time it is met: every decimal digit of
    every script (Arabic-Indic "٤", full-width "４", Devanagari "४") is its ASCII digit."""

    def __missing__(self, code: int) -> int | str:
        character = chr(code)
        self[code] = str(unicodedata.digit(character)) if character.isdecimal() else code
        return self[code]


_TABLE = _Table(_INVISIBLE | _SEPARATORS)


def normalize_text(text: str) -> str:
    """``text`` composed (NFC: "Lạng Sơn" typed with combining marks is the same word), without
    invisible characters or bidirectional controls, every decimal digit made ASCII. Idempotent:
    normalizing twice changes nothing.

    Every article and quote is read through here, so character offsets always refer to this form.
    A combining mark on a digit ("3\u0301") is kept: such a digit is no plain number, and the
    quantity parser does not read it as one.
    """
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", text.translate(_TABLE))
