"""The short code under a sheet's QR: every single wrong character is caught, typing is forgiving."""

from hypothesis import given, settings
from hypothesis import strategies as st

from tjce_desktop.domain import short_code
from tjce_desktop.domain.short_code import ALPHABET


@settings(max_examples=200)
@given(st.randoms())
def test_every_single_wrong_character_is_caught(random):
    code = short_code.new_code()
    assert short_code.parse(code) == code
    position = random.randrange(len(code))
    for symbol in ALPHABET:
        if symbol != code[position]:
            assert short_code.parse(code[:position] + symbol + code[position + 1:]) is None


def test_swapped_neighbours_are_caught_but_for_luhns_one_pair():
    caught = missed = 0
    for _ in range(300):
        code = short_code.new_code()
        for i in range(len(code) - 1):
            if code[i] == code[i + 1]:
                continue
            swapped = code[:i] + code[i + 1] + code[i] + code[i + 2:]
            if short_code.parse(swapped) is None:
                caught += 1
            else:
                missed += 1
                assert {code[i], code[i + 1]} == {"0", "Z"}  # Luhn mod 32's blind spot: 0 and N-1
    assert caught > 1000 and missed <= caught // 100


def test_typing_is_forgiving_and_short():
    code = short_code.new_code()
    grouped = short_code.grouped(code)
    assert len(grouped) <= 20 and grouped.count("-") == 3
    assert short_code.parse(grouped.lower()) == code
    assert short_code.parse(" ".join(grouped.split("-"))) == code
    with_look_alikes = code.replace("1", "l").replace("0", "O")
    assert short_code.parse(with_look_alikes) == code
    assert short_code.parse(code[:-1]) is None and short_code.parse(code + "0") is None
    assert short_code.parse("随便写的") is None


def test_the_reason_says_what_is_wrong():
    code = short_code.new_code()
    assert "16 个字符" in short_code.problem(code[:-1]) and "15 个" in short_code.problem(code[:-1])
    assert "不会出现“U”" in short_code.problem("U" + code[1:])
    wrong = code[:3] + ALPHABET[(ALPHABET.index(code[3]) + 1) % 32] + code[4:]
    assert "校验位不符" in short_code.problem(wrong)
    assert short_code.problem(code) is None
