"""The GB 32100-2015 check character: valid codes pass, and every single-character error is caught."""

from __future__ import annotations

import random

import pytest

from loaders.awards.credit_code import (
    ALPHABET,
    EXCLUDED_LETTERS,
    WEIGHTS,
    CreditCodeError,
    check_character,
    complete,
    is_valid,
    parse_credit_code,
)


def _codes(count: int) -> list[str]:
    rnd = random.Random(32100)
    return [complete("".join(rnd.choice(ALPHABET) for _ in range(17))) for _ in range(count)]


VALID = ["91370100MA3C5E7K1Q", "91370600MA3D2F8H42", "91371300MA3E6G2J70", *_codes(20)]


def test_the_weights_are_powers_of_three_modulo_31() -> None:
    assert WEIGHTS == (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def test_the_check_value_is_31_minus_the_weighted_sum_modulo_31() -> None:
    body = "91370100MA3C5E7K1"
    total = sum(ALPHABET.index(char) * 3 ** i % 31 for i, char in enumerate(body))
    assert check_character(body) == ALPHABET[(31 - total % 31) % 31] == "Q"


def test_the_check_character_follows_the_formula_for_any_body() -> None:
    rnd = random.Random(2015)
    for _ in range(5_000):
        body = "".join(rnd.choice(ALPHABET) for _ in range(17))
        total = sum(ALPHABET.index(char) * WEIGHTS[i] for i, char in enumerate(body))
        assert check_character(body) == ALPHABET[(31 - total % 31) % 31], body


@pytest.mark.parametrize("code", VALID)
def test_valid_codes_pass_unchanged(code: str) -> None:
    assert parse_credit_code(code).value == code


@pytest.mark.parametrize("code", VALID[:5])
def test_every_single_character_corruption_is_rejected(code: str) -> None:
    for position in range(len(code)):
        for char in ALPHABET + EXCLUDED_LETTERS:
            if char == code[position]:
                continue
            corrupted = code[:position] + char + code[position + 1:]
            assert not is_valid(corrupted), corrupted


def test_lower_case_is_the_same_code() -> None:
    assert parse_credit_code("91370100ma3c5e7k1q").value == "91370100MA3C5E7K1Q"


def test_full_width_characters_are_the_same_code() -> None:
    assert parse_credit_code("９１３７０１００ＭＡ３Ｃ５Ｅ７Ｋ１Ｑ").value == "91370100MA3C5E7K1Q"
    assert parse_credit_code(" 91370100 MA3C5E7K1Q　").value == "91370100MA3C5E7K1Q"


@pytest.mark.parametrize("letter", list(EXCLUDED_LETTERS))
def test_the_excluded_letters_are_named_as_such(letter: str) -> None:
    code = "91370100MA3C5E7K1Q"
    with pytest.raises(CreditCodeError, match=f"{letter!r} at position 9 is never used"):
        parse_credit_code(code[:8] + letter + code[9:])
    with pytest.raises(CreditCodeError, match="never used"):
        parse_credit_code(code[:8] + letter.lower() + code[9:])  # lower case does not make it valid


def test_a_wrong_check_character_names_the_expected_one() -> None:
    with pytest.raises(CreditCodeError, match="check character is 'X' but the first 17 characters give 'Q'"):
        parse_credit_code("91370100MA3C5E7K1X")


@pytest.mark.parametrize("text", ["", "91370100MA3C5E7K1", "91370100MA3C5E7K1QQ"])
def test_wrong_lengths_are_rejected(text: str) -> None:
    with pytest.raises(CreditCodeError, match="18 characters"):
        parse_credit_code(text)


def test_punctuation_is_no_code_character() -> None:
    with pytest.raises(CreditCodeError, match="not a digit or capital letter"):
        parse_credit_code("91370100-A3C5E7K1Q")
