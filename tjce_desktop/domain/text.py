"""Text cleaning shared by every input path (forms, Excel, CLI).

Two levels:

- ``normalise_text``: the canonical form of any text that comes in — Unicode NFC, full-width
  ASCII to ASCII, every kind of space (ideographic, no-break, …) to a plain space, trimmed.
  Nothing else is changed or removed: invisible characters stay where they are, so the field
  check can see them (and an emoji's zero-width joiners are never touched).
- ``clean_text`` / ``clean_field``: one field's value as it may be stored, by the field's
  ``TextKind``, or a Chinese message saying what is wrong with it. Every service that stores
  typed or imported text goes through ``clean_field`` (with the limits of
  ``services/fields.py``, which are the database's).

What the kinds accept:

=========  =================================================================================
LOGIN      one word (login names, account names, e-mail addresses, codes): no spaces, no
           invisible characters of any kind (zero-width, direction marks, controls), no emoji,
           digits 0–9 only (``rtl2\\u200f`` is refused, not stored as a second ``rtl2``)
NAME       a person's name: no controls, no invisible characters (zero-width ones are removed,
           direction marks refused), no emoji; spaces between Chinese characters removed
           (``王　五`` → ``王五``), spaces in Latin names kept (``Anna Smith``), the middle
           dot of minority names normalised to ``·`` (``买买提・艾力`` → ``买买提·艾力``)
LINE       one line of text (职务, plan and course names, display names): no controls or
           line breaks, no direction marks; zero-width characters removed except inside an
           emoji sequence (``👨‍👩‍👧`` stays whole); runs of spaces made one
NOTE       free text (reasons, evidence, descriptions, the title of other learning): as LINE,
           but full-width punctuation is kept as typed (，（）), and line breaks and tabs are
           accepted and, as before, folded into single spaces
=========  =================================================================================

Digits of other scripts (Arabic-Indic ``١``, Devanagari ``१``, mathematical bold ``𝟏``) are
not turned into ASCII: NFKC would do it for some of them, but an ID number or a login name
typed that way is refused with the field named, so that one person cannot be stored twice.
Full-width digits (``１``) are the ordinary input of Chinese keyboards and are folded.
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum

from tjce_desktop.domain.errors import UserError

# Full-width ASCII (U+FF01–U+FF5E) to half-width, and the ideographic space to a space.
_FULL_TO_HALF = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FULL_TO_HALF[0x3000] = 0x20
# Every other space separator (no-break, en/em, thin, narrow no-break, …) is a space too.
_SPACES = {code: 0x20 for code in (0x00A0, 0x1680, *range(0x2000, 0x200B), 0x202F, 0x205F)}
_TRANSLATION = {**_FULL_TO_HALF, **_SPACES}
_SPACES_AND_IDEOGRAPHIC = {**_SPACES, 0x3000: 0x20}
_NEEDS_TRANSLATION = re.compile("[\uff01-\uff5e\u3000\u00a0\u1680\u2000-\u200a\u202f\u205f]")

ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e")
BIDI_MARKS = frozenset("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_JOINERS = frozenset("\u200c\u200d")
_VARIATION_SELECTOR_16 = "\ufe0f"
_EMOJI_MARKS = frozenset("\ufe0f\u20e3")  # emoji presentation, keycap
_TAG_BLACK_FLAG = "\U0001f3f4"  # a subdivision flag is this, tag characters, then U+E007F
_MIDDLE_DOTS = {ord(c): "·" for c in "\u30fb\u2022\u2027\uff65\u2219\u22c5"}


class TextKind(StrEnum):
    LOGIN = "login"
    NAME = "name"
    LINE = "line"
    NOTE = "note"


class TextProblem(ValueError):
    """What is wrong with a value, in Chinese, without the field's name (it follows the name)."""


class FieldError(UserError, ValueError):
    """A field's value cannot be stored; ``str()`` is the Chinese message, naming the field.

    ``label`` is the field's Chinese name, ``problem`` the message without it (for a form that
    shows it beside the field)."""

    def __init__(self, label: str, problem: str) -> None:
        super().__init__(f"{label}{problem}")
        self.label = label
        self.problem = problem


def normalise_text(raw: object, *, full_width: bool = True) -> str:
    """``None`` → ``""``; NFC; full-width to half-width (unless ``full_width`` is False: free
    text keeps its Chinese punctuation ，（）as typed); every space a plain space; trimmed."""
    if raw is None:
        return ""
    text = raw if isinstance(raw, str) else str(raw)
    # Most cells need nothing but a trim; imports clean millions of them.
    if text.isascii():
        return text.strip()
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if _NEEDS_TRANSLATION.search(text):
        text = text.translate(_TRANSLATION if full_width else _SPACES_AND_IDEOGRAPHIC)
    return text.strip()


def is_blank(raw: object) -> bool:
    """Nothing but spaces and invisible characters (an empty cell as some programs write it)."""
    text = normalise_text(raw)
    return not text or all(ch in ZERO_WIDTH or ch in BIDI_MARKS or ch.isspace() for ch in text)


def tidy_note(value: object) -> str:
    """Free text (a reason, a title, evidence): spaces collapsed, Chinese punctuation kept as typed."""
    return " ".join(str(value or "").split())


# --- one field -------------------------------------------------------------------------------------


def _is_emoji(ch: str) -> bool:
    """A pictographic character (most emoji are So; new ones unknown to this Python are Cn)."""
    code = ord(ch)
    return unicodedata.category(ch) == "So" or 0x1F000 <= code <= 0x1FAFF


def _continues_emoji(ch: str) -> bool:
    """What may stand before a joiner inside an emoji sequence."""
    code = ord(ch)
    return _is_emoji(ch) or ch == _VARIATION_SELECTOR_16 or 0x1F3FB <= code <= 0x1F3FF or code == 0x20E3


def _emoji_joiner(text: str, index: int) -> bool:
    """The joiner at ``index`` binds two emoji (👨‍👩‍👧): part of one picture, kept."""
    return 0 < index < len(text) - 1 and _continues_emoji(text[index - 1]) and _is_emoji(text[index + 1])


def _emoji_tag(text: str, index: int) -> bool:
    """A tag character of a subdivision flag (🏴 + tags + cancel tag)."""
    before = text[:index].rstrip("".join(chr(c) for c in range(0xE0020, 0xE0080)))
    return before.endswith(_TAG_BLACK_FLAG)


def _where(text: str, index: int) -> str:
    return f"U+{ord(text[index]):04X}，第 {index + 1} 个字"


def _is_cjk(ch: str) -> bool:
    code = ord(ch)
    return (0x3400 <= code <= 0x4DBF or 0x4E00 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF
            or 0x20000 <= code <= 0x323AF or ch in "〇々·")


def _name_spaces(text: str) -> str:
    """Spaces between Chinese characters go (alignment padding); spaces in Latin names stay."""
    words = text.split()
    if len(words) < 2:
        return "".join(words)
    out = words[0]
    for word in words[1:]:
        out += word if _is_cjk(out[-1]) and _is_cjk(word[0]) else " " + word
    return out


def clean_text(raw: object, kind: TextKind) -> str:
    """The value of a field of ``kind`` as it is stored; raises ``TextProblem``."""
    text = normalise_text(raw, full_width=kind is not TextKind.NOTE)
    if text.isascii() and text.isprintable():  # the common case
        if kind is TextKind.LOGIN:
            if " " in text:
                raise TextProblem("不能含有空格。")
            return text
        return " ".join(text.split()) if "  " in text else text
    kept: list[str] = []
    for index, ch in enumerate(text):
        category = unicodedata.category(ch)
        if ch == "\t" or (ch in "\n\r" and kind is TextKind.NOTE):
            if kind is TextKind.LOGIN:
                raise TextProblem("不能含有空格。")
            kept.append(" ")
        elif ch in "\n\r":
            raise TextProblem(f"不能换行（{_where(text, index)}），请删除换行后重新输入。")
        elif category == "Cc":
            raise TextProblem(f"含有看不见的控制字符（{_where(text, index)}），请删除后重新输入。")
        elif category == "Cs":
            raise TextProblem(f"含有无法识别的字符（第 {index + 1} 个字），文件或输入的编码可能不对。")
        elif ch in BIDI_MARKS:
            raise TextProblem(f"含有看不见的文字方向控制符（{_where(text, index)}），请删除后重新输入。")
        elif kind is TextKind.LOGIN and (ch in ZERO_WIDTH or category == "Cf"):
            raise TextProblem(f"含有看不见的零宽字符或格式字符（{_where(text, index)}），请删除后重新输入。")
        elif kind is TextKind.LOGIN and ch.isspace():
            raise TextProblem("不能含有空格。")
        elif kind is TextKind.LOGIN and category == "Nd" and not ch.isascii():
            raise TextProblem(f"只能使用 0–9 的数字，不能使用其他文字的数字“{ch}”（{_where(text, index)}）。")
        elif kind in (TextKind.LOGIN, TextKind.NAME) and (_is_emoji(ch) or ch in _EMOJI_MARKS):
            raise TextProblem(f"不能含有表情符号或图形符号“{ch}”（{_where(text, index)}）。")
        elif ch in _JOINERS:
            if kind is not TextKind.NAME and _emoji_joiner(text, index):
                kept.append(ch)
        elif ch in ZERO_WIDTH:
            pass  # zero-width space, word joiner, BOM, soft hyphen: nothing to see, nothing stored
        elif 0xE0020 <= ord(ch) <= 0xE007F and kind is not TextKind.NAME and _emoji_tag(text, index):
            kept.append(ch)
        elif category == "Cf":
            raise TextProblem(f"含有看不见的格式字符（{_where(text, index)}），请删除后重新输入。")
        else:
            kept.append(ch)
    text = "".join(kept)
    if kind is TextKind.NAME:
        return _name_spaces(text.translate(_MIDDLE_DOTS))
    return " ".join(text.split())


def clean_field(raw: object, label: str, kind: TextKind, max_length: int, *, required: bool = False) -> str:
    """``raw`` cleaned for a field called ``label`` (Chinese) of at most ``max_length``
    characters (the database column's); raises ``FieldError`` naming the field."""
    try:
        text = clean_text(raw, kind)
    except TextProblem as exc:
        raise FieldError(label, str(exc)) from None
    if required and not text:
        raise FieldError(label, "不能为空。")
    if len(text) > max_length:
        raise FieldError(label, f"最多 {max_length} 个字，现在是 {len(text)} 个字。")
    return text


def foreign_digit(text: str) -> str | None:
    """The first decimal digit of another script (Arabic-Indic, Devanagari, mathematical bold …)."""
    for ch in text:
        if not ch.isascii() and unicodedata.category(ch) == "Nd":
            return ch
    return None
