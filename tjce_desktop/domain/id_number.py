"""Resident ID numbers (GB 11643-1999): normalise, validate, derive birth date and gender.

Every failure carries a Chinese message an HR officer can act on.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from tjce_desktop.domain.enums import Gender
from tjce_desktop.domain.errors import UserError
from tjce_desktop.domain.text import BIDI_MARKS, ZERO_WIDTH, foreign_digit, normalise_text

# ISO 7064 MOD 11-2 weights for the first 17 digits, and the check character by remainder.
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"
# ASCII digits only: \d and int() also take Arabic-Indic, Devanagari or mathematical-bold
# digits, and the same number written in them would be stored as another person.
_SHAPE = re.compile(r"^[0-9]{17}[0-9X]$")
_SCIENTIFIC = re.compile(r"^[0-9](\.[0-9]+)?E\+?[0-9]+$")
_INVISIBLE = dict.fromkeys(map(ord, ZERO_WIDTH | BIDI_MARKS))
EARLIEST_BIRTH = dt.date(1900, 1, 1)


class IdNumberError(UserError, ValueError):
    """A resident ID number that cannot be accepted; ``str()`` is the Chinese message."""


@dataclass(frozen=True, slots=True)
class IdNumber:
    value: str
    birth_date: dt.date
    gender: Gender

    @property
    def region_code(self) -> str:
        return self.value[:6]


def check_char(first17: str) -> str:
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS))
    return _CHECK_CHARS[total % 11]


def normalise_id_number(raw: object) -> str:
    """Spaces and invisible marks out (also full-width spaces), full-width digits to half-width,
    lowercase x to X. Digits of other scripts stay as they are (and are refused by the parser)."""
    text = normalise_text(raw).translate(_INVISIBLE)
    return "".join(text.split()).upper()


def parse_id_number(raw: object, *, today: dt.date | None = None) -> IdNumber:
    value = normalise_id_number(raw)
    if not value:
        raise IdNumberError("身份证号不能为空。")
    if _SCIENTIFIC.match(value):
        raise IdNumberError(
            f"身份证号“{value}”被 Excel 当成了数字，后几位已经丢失。"
            "请把该列设置为“文本”格式后重新输入完整的 18 位身份证号。"
        )
    if not value.isprintable():
        raise IdNumberError("身份证号含有看不见的控制字符或格式字符，请删除后重新输入。")
    foreign = foreign_digit(value)
    if foreign is not None:
        raise IdNumberError(
            f"身份证号中的“{foreign}”是其他文字的数字，请只用 0–9 这十个数字（可以是全角）和 X 重新输入。"
        )
    if len(value) != 18:
        raise IdNumberError(f"身份证号应为 18 位，现在是 {len(value)} 位：“{value}”。")
    if not _SHAPE.match(value):
        raise IdNumberError(f"身份证号只能由数字组成，最后一位可以是 X：“{value}”。")
    try:
        birth = dt.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        raise IdNumberError(
            f"身份证号中的出生日期 {value[6:10]}-{value[10:12]}-{value[12:14]} 不是真实的日期。"
        ) from None
    today = today or dt.date.today()
    if birth < EARLIEST_BIRTH or birth > today:
        raise IdNumberError(f"身份证号中的出生日期 {birth.isoformat()} 不合理。")
    expected = check_char(value[:17])
    if value[17] != expected:
        raise IdNumberError(f"身份证号“{value}”的校验位不对，请核对每一位数字。")
    gender = Gender.MALE if int(value[16]) % 2 else Gender.FEMALE
    return IdNumber(value=value, birth_date=birth, gender=gender)


def is_valid_id_number(raw: object) -> bool:
    try:
        parse_id_number(raw)
    except IdNumberError:
        return False
    return True


def mask_id_number(value: str) -> str:
    """``120101********123X`` — region code and the last four characters stay visible."""
    if len(value) <= 10:
        return "*" * len(value)
    return value[:6] + "*" * (len(value) - 10) + value[-4:]


def make_id_number(region_code: str, birth: dt.date, sequence: int) -> str:
    """A valid ID number from its parts (demo data, tests). ``sequence`` is 0–999; odd = male."""
    first17 = f"{region_code}{birth:%Y%m%d}{sequence:03d}"
    return first17 + check_char(first17)
