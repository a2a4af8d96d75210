"""Text as the package reads it: composed (NFC), with no invisible characters and no full-width digits."""

from __future__ import annotations

import unicodedata

__all__ = ["normalize_text"]

#: Characters that change nothing a reader sees but split a word or a number ("1,\u200b263"):
#: zero-width space, non-joiner, joiner, word joiner, soft hyphen and a byte-order mark inside a text.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\u00ad\ufeff"))
#: Full-width digits and the separators written with them ("１，２６３") read as their ASCII forms.
_FULL_WIDTH = {0xFF10 + d: str(d) for d in range(10)} | {0xFF0C: ",", 0xFF0E: ".", 0xFF05: "%"}
_TABLE = _INVISIBLE | _FULL_WIDTH


def normalize_text(text: str) -> str:
    """``text`` composed (NFC: "Lạng Sơn" typed with combining marks is the same word), without
    invisible characters, full-width digits made ASCII. Idempotent: normalizing twice changes nothing.

    Every article and quote is read through here, so character offsets always refer to this form.
    """
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", text.translate(_TABLE))
