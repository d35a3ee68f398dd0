"""Text cleaning shared by every input path (forms, Excel, CLI)."""

from __future__ import annotations

import re

# Full-width ASCII (U+FF01–U+FF5E) to half-width, and the ideographic space to a space.
_FULL_TO_HALF = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FULL_TO_HALF[0x3000] = 0x20
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\ufeff\u00a0"), " ")
_NEEDS_TRANSLATION = re.compile("[\uff01-\uff5e\u3000\u200b\u200c\u200d\ufeff\u00a0]")


def normalise_text(raw: object) -> str:
    """``None`` → ``""``; full-width to half-width; invisible spaces out; trimmed."""
    if raw is None:
        return ""
    text = raw if isinstance(raw, str) else str(raw)
    # Most cells need nothing but a trim; imports clean millions of them.
    if text.isascii() or not _NEEDS_TRANSLATION.search(text):
        return text.strip()
    return text.translate(_FULL_TO_HALF).translate(_INVISIBLE).strip()


def tidy_note(value: object) -> str:
    """Free text (a reason, a title, evidence): spaces collapsed, Chinese punctuation kept as typed."""
    return " ".join(str(value or "").split())
