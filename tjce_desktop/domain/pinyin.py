"""Pinyin keys of names, for search (`zhang`, `zm` → 张敏) and sort (丁, 万, 于 by sound).

A person's name is read in surname mode: the first character (or a compound surname) takes
its reading as a surname — 曾 zeng, 单 shan, 解 xie, 仇 qiu — not its most common reading.
Org names are read as words (pypinyin's phrase dictionary). Letters and digits stay as they
are, lowercased; anything else (spaces, the middle dot of 买买提·艾力) is left out.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

# Surnames read differently from the character's everyday reading (and compound surnames,
# which pypinyin reads as two everyday characters).
SURNAME_READINGS: dict[str, tuple[str, ...]] = {
    "曾": ("zeng",), "单": ("shan",), "解": ("xie",), "仇": ("qiu",), "区": ("ou",), "查": ("zha",),
    "朴": ("piao",), "乐": ("yue",), "盖": ("ge",), "缪": ("miao",), "覃": ("qin",), "翟": ("zhai",),
    "召": ("shao",), "种": ("chong",), "秘": ("bi",), "员": ("yun",), "祭": ("zhai",), "瞿": ("qu",),
    "折": ("she",), "宿": ("su",), "句": ("gou",), "能": ("nai",), "纪": ("ji",), "柏": ("bai",),
    "薄": ("bo",), "贲": ("ben",), "卜": ("bu",), "尉": ("wei",), "长": ("chang",), "重": ("chong",),
    "汤": ("tang",), "藏": ("zang",), "黑": ("he",), "繁": ("po",), "阚": ("kan",), "冼": ("xian",),
    "洗": ("xian",), "过": ("guo",), "任": ("ren",), "华": ("hua",), "沈": ("shen",), "石": ("shi",),
    "万": ("wan",), "隗": ("wei",), "么": ("yao",), "相": ("xiang",), "弗": ("fu",), "都": ("du",),
    "尉迟": ("yu", "chi"), "万俟": ("mo", "qi"), "长孙": ("zhang", "sun"), "单于": ("chan", "yu"),
    "澹台": ("tan", "tai"), "令狐": ("ling", "hu"), "欧阳": ("ou", "yang"), "司马": ("si", "ma"),
    "上官": ("shang", "guan"), "诸葛": ("zhu", "ge"), "皇甫": ("huang", "fu"), "公孙": ("gong", "sun"),
    "夏侯": ("xia", "hou"), "东方": ("dong", "fang"), "慕容": ("mu", "rong"), "宇文": ("yu", "wen"),
    "尉缭": ("wei", "liao"), "乐正": ("yue", "zheng"), "仲孙": ("zhong", "sun"), "闻人": ("wen", "ren"),
}
_COMPOUND_SURNAMES = tuple(s for s in SURNAME_READINGS if len(s) == 2)


@dataclass(frozen=True, slots=True)
class NameKeys:
    full: str  # "zhangmin": sort key and full-pinyin prefix search
    initials: str  # "zm": initials prefix search


def _is_han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\U00020000" <= char <= "\U0003134f" or "\uf900" <= char <= "\ufaff"


def _syllables(text: str) -> list[str]:
    """One entry per Han character (its reading) or per run of letters and digits (lowercased)."""
    out: list[str] = []
    # Imported here: its dictionaries take longer to load than the window's first screen, which
    # only needs search_term (no pinyin of Chinese text).
    from pypinyin import Style, lazy_pinyin

    for piece in lazy_pinyin(text, style=Style.NORMAL):
        if piece and all(_is_han(c) for c in piece):
            out.append(piece)  # a character pypinyin does not know: keep it, it still sorts
            continue
        # "Anna Smith": one entry per word, so its initials are "as"
        kept = "".join(c if c.isascii() and c.isalnum() else " " for c in piece.lower())
        out.extend(kept.split())
    return out


def _keys(syllables: list[str]) -> NameKeys:
    return NameKeys("".join(syllables), "".join(s[0] for s in syllables))


@functools.lru_cache(maxsize=65536)
def person_name_keys(name: str) -> NameKeys:
    """Keys of a person's name: the surname read as a surname, the given name as a word."""
    name = (name or "").strip()
    if not name:
        return NameKeys("", "")
    if not _is_han(name[0]):  # "Anna Smith": words, no surname to read
        return _keys(list(_part_syllables(name)))
    surname = name[:2] if name.startswith(_COMPOUND_SURNAMES) else name[:1]
    reading = SURNAME_READINGS.get(surname) or _part_syllables(surname)
    return _keys([*reading, *_part_syllables(name[len(surname):])])


@functools.lru_cache(maxsize=262144)
def _part_syllables(text: str) -> tuple[str, ...]:
    """Cached per part: a million names share a few hundred surnames and far fewer given names."""
    return tuple(_syllables(text))


@functools.lru_cache(maxsize=65536)
def word_keys(text: str) -> NameKeys:
    """Keys of an org's name or any other text, read as words."""
    return _keys(_syllables((text or "").strip()))


def search_term(query: str) -> str | None:
    """The pinyin form of what a user typed, when it is pinyin (letters, maybe spaces or
    apostrophes: ``zhang min``, ``xi'an``); None when it is anything else (Chinese, digits)."""
    letters = "".join(c for c in query.strip().lower() if c not in " '’")
    return letters if letters and letters.isascii() and letters.isalpha() else None


def matches(keys: NameKeys, term: str) -> bool:
    """``term`` (from ``search_term``) is the beginning of the full pinyin or of the initials."""
    return keys.full.startswith(term) or keys.initials.startswith(term)
