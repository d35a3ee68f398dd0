"""The short code printed under a sheet's QR: 16 characters a person can type.

Crockford's base32 (no I, L, O or U, so nothing is read two ways): 15 random characters
(75 bits — nobody finds a sheet by guessing) and a check character (Luhn mod 32, which
catches every single wrong character and every swap of two neighbours but one pair),
printed in four groups: ``7KQ2-M9XD-4HTR-B3NW``. Typing is forgiving: case, spaces, dashes
and the look-alikes I/L → 1, O → 0 do not matter.
"""

from __future__ import annotations

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 16
_VALUE = {symbol: n for n, symbol in enumerate(ALPHABET)}
_LOOK_ALIKES = str.maketrans({"I": "1", "L": "1", "O": "0"})


def _check_symbol(body: str) -> str:
    """Luhn mod N over the alphabet (N = 32)."""
    total, factor = 0, 2
    for symbol in reversed(body):
        addend = factor * _VALUE[symbol]
        total += addend // 32 + addend % 32
        factor = 1 if factor == 2 else 2
    return ALPHABET[(32 - total % 32) % 32]


def new_code() -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH - 1))
    return body + _check_symbol(body)


def grouped(code: str) -> str:
    return "-".join(code[start:start + 4] for start in range(0, len(code), 4))


def _cleaned(text: str) -> str:
    return "".join(ch for ch in text.upper() if not ch.isspace() and ch not in "-_－—").translate(_LOOK_ALIKES)


def parse(text: str) -> str | None:
    """The code in ``text`` (without separators), or None when it is not one: wrong length,
    a character outside the alphabet, or a check character that does not match."""
    return None if problem(text) else _cleaned(text)


def problem(text: str) -> str | None:
    """Why ``text`` is not a short code, in Chinese (None: it is one)."""
    cleaned = _cleaned(text)
    if len(cleaned) != LENGTH:
        return f"验证码应为 {LENGTH} 个字符（如 7KQ2-M9XD-4HTR-B3NW），这里是 {len(cleaned)} 个。"
    wrong = sorted({ch for ch in cleaned if ch not in _VALUE})
    if wrong:
        return f"验证码中不会出现“{'”“'.join(wrong)}”，请检查是否抄错。"
    if _check_symbol(cleaned[:-1]) != cleaned[-1]:
        return "验证码有字符抄错（校验位不符），请逐个核对。"
    return None


def looks_like_short_code(text: str) -> bool:
    """Short enough to be meant as one (a QR's full code is hundreds of characters)."""
    return len("".join(text.split())) <= 24
