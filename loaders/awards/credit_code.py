"""The unified social credit code (统一社会信用代码) of GB 32100-2015.

A code has 18 characters from the 31 of `ALPHABET` (0-9 and A-Z without I, O, S,
V and Z, which are too easily read as digits or each other). The last character
is a check character computed from the first 17: with each character's value
`v_i` (its index in `ALPHABET`) and the weight `3^(i-1) mod 31` of its position,
the check value is `(31 - sum(v_i * w_i) mod 31) mod 31`.

Because 31 is prime and no weight is 0 modulo 31, changing any one character
changes the sum modulo 31, so every single-character error is caught.

Award lists write codes in lower case or in full-width characters (ＡＢ１２);
these are the same code and are normalised, not rejected.
"""

from __future__ import annotations

from dataclasses import dataclass

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
EXCLUDED_LETTERS = "IOSVZ"
LENGTH = 18
WEIGHTS = tuple(pow(3, i, 31) for i in range(LENGTH - 1))

_VALUE = {char: value for value, char in enumerate(ALPHABET)}
_ALLOWED = frozenset(ALPHABET)
# Each character as the base-34 digit of its value. Since 34 = 3 (mod 31), a code's first 17
# characters read backwards as one base-34 number are the weighted sum modulo 31: the sum
# comes from `int` in one step instead of seventeen multiplications (lists hold a code per row).
_BASE_34_DIGIT = str.maketrans(ALPHABET, "0123456789abcdefghijklmnopqrstu")
# Full-width ASCII (０-９, Ａ-Ｚ, ａ-ｚ) to half-width, and the ideographic space to a space.
_HALF_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


class CreditCodeError(ValueError):
    """The text is no valid credit code; the message says why, for the reject report."""


@dataclass(frozen=True)
class CreditCode:
    value: str

    def __str__(self) -> str:
        return self.value


def normalise(text: str) -> str:
    """Half-width, upper case, without spaces: the form codes are compared in."""
    if text.isascii() and text.isalnum():  # most codes: nothing to fold or remove
        return text.upper()
    return "".join(text.translate(_HALF_WIDTH).split()).upper()


def check_character(first17: str) -> str:
    """The check character for the first 17 characters of a code (already normalised)."""
    total = int(first17.translate(_BASE_34_DIGIT)[::-1], 34)
    return ALPHABET[(31 - total % 31) % 31]


def parse_credit_code(text: str) -> CreditCode:
    """The code in `text`, normalised; raises `CreditCodeError` saying what is wrong."""
    return CreditCode(normalised_code(text))


def normalised_code(text: str) -> str:
    """`parse_credit_code` as a text."""
    code = normalise(text)
    if len(code) != LENGTH:
        raise CreditCodeError(f"a credit code has {LENGTH} characters, this one has {len(code)}")
    if _ALLOWED.issuperset(code):
        expected = check_character(code[:-1])
        if code[-1] != expected:
            raise CreditCodeError(f"check character is {code[-1]!r} but the first 17 characters give {expected!r}")
        return code
    for position, char in enumerate(code, start=1):
        if char in _VALUE:
            continue
        if char in EXCLUDED_LETTERS:
            raise CreditCodeError(f"character {char!r} at position {position} is never used in credit codes "
                                  f"(I, O, S, V and Z are excluded)")
        raise CreditCodeError(f"character {char!r} at position {position} is not a digit or capital letter")
    raise AssertionError("unreachable: some character is outside the alphabet")


def is_valid(text: str) -> bool:
    try:
        parse_credit_code(text)
    except CreditCodeError:
        return False
    return True


def complete(first17: str) -> str:
    """A valid code from its first 17 characters (used to generate test data)."""
    body = normalise(first17)
    if len(body) != LENGTH - 1 or any(char not in _VALUE for char in body):
        raise CreditCodeError(f"need {LENGTH - 1} characters of the credit-code alphabet, got {first17!r}")
    return body + check_character(body)
