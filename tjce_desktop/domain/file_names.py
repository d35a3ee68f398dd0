"""File names the program proposes (``学员_<org>.xlsx``), made safe on Windows and elsewhere.

Org and trainee names are free text: ``财务/审计处`` or ``A:B`` in a proposed name made the save
dialog open another folder, or Windows refuse the name. Windows forbids ``/ \\ : * ? " < > |``
and control characters, names ending in a dot or a space, and the device names (CON, NUL,
COM1 …) with any extension; a name may have at most 255 characters (ext4: 255 bytes).
"""

from __future__ import annotations

import re

FORBIDDEN = '/\\:*?"<>|'
_FORBIDDEN_RUN = re.compile(r'[/\\:*?"<>|\x00-\x1f\x7f]+')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(1, 10)), *(f"LPT{n}" for n in range(1, 10))}
MAX_BYTES = 240  # UTF-8 bytes: under ext4's 255, and far under Windows' 255 characters


def safe_file_name(name: str, replacement: str = "_") -> str:
    """``name`` with each run of forbidden characters replaced, trailing dots and spaces
    removed from the stem, a device name prefixed, and the stem shortened (whole characters,
    the extension kept) to ``MAX_BYTES``. Never empty."""
    name = _FORBIDDEN_RUN.sub(replacement, name).strip()
    stem, dot, suffix = name.rpartition(".")
    if not dot or not stem or not re.fullmatch(r"[0-9A-Za-z]{1,8}", suffix):
        stem, suffix = name, ""
    stem = stem.rstrip(". ") or replacement
    if stem.split(".")[0].upper() in _RESERVED:
        stem = replacement + stem
    ending = f".{suffix}" if suffix else ""
    while len((stem + ending).encode("utf-8")) > MAX_BYTES and len(stem) > 1:
        stem = stem[:-1]
    return stem.rstrip(". ") + ending if stem.rstrip(". ") else replacement + ending
