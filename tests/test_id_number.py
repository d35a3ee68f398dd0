import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tjce_desktop.domain.enums import Gender
from tjce_desktop.domain.id_number import (
    IdNumberError,
    check_char,
    is_valid_id_number,
    make_id_number,
    mask_id_number,
    normalise_id_number,
    parse_id_number,
)

TODAY = dt.date(2026, 11, 29)
VALID = "11010519491231002X"  # the example of GB 11643-1999


def test_standard_example_is_valid_and_derives_birth_and_gender():
    parsed = parse_id_number(VALID, today=TODAY)
    assert parsed.birth_date == dt.date(1949, 12, 31)
    assert parsed.gender is Gender.FEMALE
    assert parsed.region_code == "110105"


def test_male_from_odd_sequence():
    value = make_id_number("120101", dt.date(1980, 2, 29), 123)
    assert parse_id_number(value, today=TODAY).gender is Gender.MALE


@pytest.mark.parametrize(
    "raw",
    [
        " 11010519491231002x ",  # stray spaces, lowercase x
        "１１０１０５１９４９１２３１００２Ｘ",  # full-width digits and X
        "110105 1949 1231 002X",  # grouped with spaces
        "\u3000110105194912310 02X\u3000",  # ideographic spaces
    ],
)
def test_normalisation(raw):
    assert normalise_id_number(raw) == VALID
    assert parse_id_number(raw, today=TODAY).value == VALID


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("", "不能为空"),
        (None, "不能为空"),
        ("1.20101E+17", "被 Excel 当成了数字"),
        ("1.20101e17", "被 Excel 当成了数字"),
        ("11010519491231002", "应为 18 位，现在是 17 位"),
        ("11010519491231002XX", "现在是 19 位"),
        ("1101051949123100AX", "只能由数字组成"),
        ("110105194902300020", "不是真实的日期"),  # 30 February
        ("110105189912310020", "不合理"),  # before 1900
        ("110105" + "20301231" + "0020", "不合理"),  # in the future
        ("110105194912310021", "校验位不对"),
    ],
)
def test_each_failure_has_a_chinese_message(raw, fragment):
    with pytest.raises(IdNumberError) as caught:
        parse_id_number(raw, today=TODAY)
    assert fragment in str(caught.value)


def test_future_birth_date_even_with_right_check_digit():
    value = make_id_number("120101", dt.date(2027, 1, 1), 10)
    with pytest.raises(IdNumberError, match="不合理"):
        parse_id_number(value, today=TODAY)


def test_mask_keeps_region_and_last_four():
    assert mask_id_number("120101199001011234") == "120101********1234"
    assert mask_id_number("123") == "***"


ID_NUMBERS = st.builds(
    make_id_number,
    st.sampled_from(["120101", "120116", "110105", "370202"]),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=TODAY),
    st.integers(min_value=0, max_value=999),
)


@given(ID_NUMBERS)
def test_made_numbers_are_valid(value):
    assert parse_id_number(value, today=TODAY).value == value


@given(ID_NUMBERS, st.integers(min_value=0, max_value=17), st.integers(min_value=1, max_value=10))
def test_any_single_character_change_is_refused(value, position, shift):
    """MOD 11-2 detects every single-character substitution."""
    alphabet = "0123456789X" if position == 17 else "0123456789"
    current = alphabet.index(value[position])
    replacement = alphabet[(current + shift) % len(alphabet)]
    if replacement == value[position]:
        return
    changed = value[:position] + replacement + value[position + 1:]
    assert not is_valid_id_number(changed)


def test_check_char_table():
    assert check_char("11010519491231002") == "X"
    assert check_char("12010119900101123") in "0123456789X"
