"""What a new password must be: long enough, not too long, not guessable.

Each rule that fails gives its own Chinese sentence. The length comes first, so nothing
else (and no Argon2 hashing anywhere) ever looks at a password over ``MAX_LENGTH``.
Common passwords are a list shipped with the program (``resources/security/
common_passwords.txt``, lower case, one a line); a password is compared with it lower-cased,
with a leading or trailing run of digits and symbols taken off and with the usual
look-alike characters (``P@ssw0rd``) read as letters, so ``Password1!`` and ``P@ssw0rd123``
are refused like ``password``.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from tjce_desktop.paths import resource_path

MIN_LENGTH = 10
MAX_LENGTH = 128
MIN_DISTINCT = 4

TOO_SHORT = f"密码不能少于 {MIN_LENGTH} 个字符。"
TOO_LONG = f"密码不能超过 {MAX_LENGTH} 个字符。"
COMMON = "这是常见密码，很容易被猜中，请换一个。"
SPACES = "密码不能主要由空格组成。"
PADDED = f"密码首尾的空格不算数：去掉后不能少于 {MIN_LENGTH} 个字符。"
REPEATED = "密码不能由同一个字符重复组成。"
REPEATED_PART = "密码不能由同一小段字符反复组成。"
FEW_DISTINCT = f"密码至少要有 {MIN_DISTINCT} 个不同的字符。"
SEQUENCE = "密码不能是键盘或字母、数字的连续序列（如 qwerty、abcdef、123456）。"
CLASSES = "密码要包含大写字母、小写字母、数字、符号中的至少三类。"

# Rows, columns and zigzags of the keyboard, the alphabet and the digits; a step either way counts.
_SEQUENCES = ("abcdefghijklmnopqrstuvwxyz", "01234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm",
              "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p", "qazwsxedcrfvtgbyhnujmikolp", "1q2w3e4r5t6y7u8i9o0p",
              "!@#$%^&*()_+", "zaq1xsw2cde3vfr4bgt5nhy6mju7")
_NEIGHBOURS = frozenset(pair for line in _SEQUENCES for a, b in zip(line, line[1:]) for pair in ((a, b), (b, a)))
_LOOK_ALIKES = (str.maketrans({"@": "a", "4": "a", "0": "o", "3": "e", "$": "s", "5": "s", "1": "i", "!": "i",
                               "7": "t", "+": "t"}),
                str.maketrans({"@": "a", "4": "a", "0": "o", "3": "e", "$": "s", "5": "s", "1": "l", "!": "l",
                               "7": "t", "+": "t"}))
_EDGE = re.compile(r"^[\W\d_]+|[\W\d_]+$")
_TRAILING_SYMBOLS = re.compile(r"[\W_]+$")


@cache
def common_passwords() -> frozenset[str]:
    text = resource_path("security/common_passwords.txt").read_text(encoding="utf-8")
    return frozenset(line.strip().lower() for line in text.splitlines()
                     if line.strip() and not line.startswith("#"))


def is_common(password: str) -> bool:
    """On the list, or on it once the decorations a person adds to a list word are taken off."""
    known = common_passwords()
    lowered = password.strip().lower()
    cores = {lowered, _TRAILING_SYMBOLS.sub("", lowered), _EDGE.sub("", lowered), lowered.rstrip("0123456789")}
    candidates = set(cores)
    for core in cores:
        for table in _LOOK_ALIKES:
            readable = core.translate(table)
            candidates |= {readable, _EDGE.sub("", readable)}
    return any(len(candidate) >= 4 and candidate in known for candidate in candidates)


def _in_sequence(password: str) -> bool:
    """Mostly runs (of three or more) along a keyboard row or column, the alphabet or the digits."""
    text = password.lower()
    covered, run = 0, 1
    for previous, current in zip(text, text[1:]):
        if (previous, current) in _NEIGHBOURS:
            run += 1
            continue
        covered += run if run >= 3 else 0
        run = 1
    covered += run if run >= 3 else 0
    return covered >= 3 and covered >= len(text) - 2


def _repeats_a_part(password: str) -> bool:
    """``Ab1!Ab1!Ab1!``: one piece of up to four characters, three times or more."""
    for size in range(1, 5):
        if len(password) >= 3 * size and len(password) % size == 0 and \
                password == password[:size] * (len(password) // size):
            return True
    return False


def password_problems(password: str) -> list[str]:
    """What is wrong with a new password, one sentence a rule; empty when it may be used."""
    if len(password) > MAX_LENGTH:
        return [TOO_LONG]  # first, and alone: nothing else looks at megabytes of text
    problems = []
    if len(password) < MIN_LENGTH:
        problems.append(TOO_SHORT)
    spaces = sum(c.isspace() for c in password)
    if password and spaces * 2 > len(password):
        problems.append(SPACES)
    elif len(password) >= MIN_LENGTH and len(password.strip()) < MIN_LENGTH:
        problems.append(PADDED)
    if password and SPACES not in problems:
        most = Counter(password).most_common(1)[0][1]
        if most * 2 > len(password):
            problems.append(REPEATED)
        elif _repeats_a_part(password):
            problems.append(REPEATED_PART)
        elif len(set(password)) < MIN_DISTINCT:
            problems.append(FEW_DISTINCT)
    classes = sum((any(c.islower() for c in password), any(c.isupper() for c in password),
                   any(c.isdigit() for c in password), any(not c.isalnum() for c in password)))
    if classes < 3:
        problems.append(CLASSES)
    if _in_sequence(password.strip()):
        problems.append(SEQUENCE)
    if is_common(password):
        problems.append(COMMON)
    return problems
