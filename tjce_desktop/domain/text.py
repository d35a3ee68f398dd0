"""Text cleaning shared by every input path (forms, Excel, CLI)."""

from __future__ import annotations

# Full-width ASCII (U+FF01–U+FF5E) to half-width, and the ideographic space to a space.
_FULL_TO_HALF = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FULL_TO_HALF[0x3000] = 0x20
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\ufeff\u00a0"), " ")


def normalise_text(raw: object) -> str:
    """``None`` → ``""``; full-width to half-width; invisible spaces out; trimmed."""
    if raw is None:
        return ""
    text = str(raw).translate(_FULL_TO_HALF).translate(_INVISIBLE)
    return text.strip()
