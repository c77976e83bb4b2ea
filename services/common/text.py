"""Which characters user text may hold: none that hide, reorder or fake what a reader sees."""

from __future__ import annotations

import unicodedata

from .errors import BadUserInput

JOINERS = frozenset("\u200c\u200d")
"""Zero-width non-joiner and joiner: Persian, Indic scripts and emoji sequences need them."""
LINE_BREAKS = frozenset("\n\t")
"""What multi-line text (descriptions, notes) may hold besides printable characters."""
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
"""Controls, format characters (bidirectional overrides and isolates among them), lone
surrogates, and line and paragraph separators (line breaks no reader expects)."""


def refuse_spoofing(value: str, field: str, *, multiline: bool = False) -> None:
    """Raises BAD_USER_INPUT naming `field` when `value` holds a character that is invisible
    or changes how the text around it is shown (U+202E turns "gpj.exe" into "exe.jpg")."""
    allowed = LINE_BREAKS if multiline else frozenset()
    for char in value:
        if (
            unicodedata.category(char) in _REFUSED_CATEGORIES
            and char not in JOINERS
            and char not in allowed
        ):
            kind = "a line break" if char in LINE_BREAKS else "an invisible or control character"
            raise BadUserInput(
                f"{field} must not contain {kind} (U+{ord(char):04X})",
                field=field,
                character=f"U+{ord(char):04X}",
            )
