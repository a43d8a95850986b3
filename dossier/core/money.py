"""Exact amounts: parse what a Czech user types, format the way Czech documents print.

Money is a ``Decimal`` with at most two places (haléře); nothing here ever touches float.
The same formatter feeds the screen, the Word narrative and the CLI, so a figure reads the
same everywhere.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

HALER = Decimal("0.01")
#: Largest amount the app accepts; anything above is a typo, not a budget (10 bilionů Kč).
MONEY_LIMIT = Decimal("10000000000000")
#: Largest quantity accepted in a budget line.
QUANTITY_LIMIT = Decimal("1000000000")
NBSP = "\u00a0"

# Spaces people and spreadsheets put between thousands: space, NBSP, narrow NBSP, thin space, apostrophe.
_GROUPING = re.compile(r"[ \u00a0\u202f\u2009\u2007']")
_CURRENCY = re.compile(r"(kč|czk|,-|\.-|,—|\.—)$", re.IGNORECASE)
_PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")
#: ``Decimal(1).scaleb(-places)`` of the usual places, made once (it ran for every amount read).
_QUANTA = {places: Decimal(1).scaleb(-places) for places in range(5)}


class AmountError(ValueError):
    """Raised with a Czech message when a typed amount cannot be understood."""


def parse_decimal(
    text: str | int | Decimal, *, places: int = 2, limit: Decimal = MONEY_LIMIT, what: str = "Částka"
) -> Decimal:
    """Parse Czech or plain number text ("1 234,50", "1234.5", "1 234 Kč", "1.234,50", "1 234,-").

    Rejects anything that is not a plain decimal number: exponents, NaN, infinity, letters,
    more than ``places`` decimal places and values beyond ``limit``.
    """
    quantum = _QUANTA.get(places) or Decimal(1).scaleb(-places)
    if isinstance(text, str):
        if text.isdecimal():  # digits only (Unicode Nd, as ``\\d``): the common whole amount of a file
            value = Decimal(text)
            if value <= limit:
                return value.quantize(quantum)
        plain = _PLAIN_NUMBER.fullmatch(text)
        if plain and len(plain[1] or ".") - 1 <= places:
            value = Decimal(text)  # as files store amounts ("1234.5"): nothing to interpret
            if abs(value) <= limit:
                return value.quantize(quantum)  # within its places already
        else:
            # An amount in crowns cannot have three decimals: "1.234" is one thousand two hundred…
            value = _parse_text(text, what, dot_groups=places < 3)
    elif isinstance(text, Decimal):
        value = text
        if not value.is_finite():
            raise AmountError(f"{what} musí být číslo.")
    elif isinstance(text, int) and not isinstance(text, bool):
        value = Decimal(text)
    else:
        raise AmountError(f"{what} musí být číslo.")
    if abs(value) > limit:
        raise AmountError(f"{what} {format_number(value)} je mimo rozumný rozsah (nejvýše {format_number(limit)}).")
    exponent = value.as_tuple().exponent  # an int for every finite value
    if isinstance(exponent, int) and exponent < -places and value != value.quantize(quantum):
        raise AmountError(f"{what} smí mít nejvýše {places} desetinná místa.")
    return value.quantize(quantum)


def _parse_text(text: str, what: str, *, dot_groups: bool = False) -> Decimal:
    s = text.strip().replace("\u2212", "-")  # typographic minus from Word
    s = _CURRENCY.sub("", s).strip()
    s = _CURRENCY.sub("", s).strip()  # "1 234,- Kč": both suffixes
    s = _GROUPING.sub("", s)
    if not s:
        raise AmountError(f"{what} je prázdná.")
    if "," in s and "." in s:
        # The later separator is the decimal one: "1.234,50" or "1,234.50".
        decimal_sep = "," if s.rfind(",") > s.rfind(".") else "."
        thousands = "." if decimal_sep == "," else ","
        s = s.replace(thousands, "").replace(decimal_sep, ".")
    elif s.count(",") == 1:
        s = s.replace(",", ".")
    elif (s.count(".") > 1 or dot_groups) and re.fullmatch(r"-?\d{1,3}(\.\d{3})+", s):
        s = s.replace(".", "")
    if not _PLAIN_NUMBER.fullmatch(s):
        raise AmountError(f"{what} „{text.strip()[:40]}“ není číslo. Zadejte např. 1 234,50.")
    try:
        return Decimal(s)
    except InvalidOperation:  # pragma: no cover - the regex admits only valid literals
        raise AmountError(f"{what} „{text.strip()[:40]}“ není číslo.") from None


def parse_money(text: str | int | Decimal) -> Decimal:
    """Parse an amount in CZK, exact to the haléř."""
    return parse_decimal(text, places=2, limit=MONEY_LIMIT, what="Částka")


def parse_quantity(text: str | int | Decimal) -> Decimal:
    """Parse a budget-line quantity (up to four decimal places, e.g. 0,25 úvazku)."""
    return parse_decimal(text, places=4, limit=QUANTITY_LIMIT, what="Množství")


def round_money(value: Decimal) -> Decimal:
    """Round to whole haléře, half up, as Czech accounting does."""
    return value.quantize(HALER, rounding=ROUND_HALF_UP)


def _group(digits: str) -> str:
    parts: list[str] = []
    while len(digits) > 3:
        parts.insert(0, digits[-3:])
        digits = digits[:-3]
    parts.insert(0, digits)
    return NBSP.join(parts)


def format_number(value: Decimal | int, decimals: int | None = None) -> str:
    """Czech number text: NBSP between thousands, decimal comma ("1 234,5").

    ``decimals=None`` prints as many places as the value needs (trailing zeros dropped).
    """
    value = Decimal(value)
    if decimals is not None:
        value = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
        text = f"{abs(value):.{decimals}f}"
    else:
        text = f"{abs(value).normalize():f}" if value != value.to_integral() else f"{abs(value):.0f}"
    whole, _, frac = text.partition(".")
    sign = "-" if value < 0 else ""
    return sign + _group(whole) + ("," + frac if frac else "")


def format_money(value: Decimal | int, decimals: int | None = None) -> str:
    """The one money format of the app: "2 511 000 Kč", "1 234,50 Kč".

    Whole crowns print without haléře unless ``decimals`` asks for a fixed number of places.
    """
    value = Decimal(value)
    if decimals is None:
        decimals = 0 if value == value.to_integral() else 2
    return f"{format_number(value, decimals)}{NBSP}Kč"


def format_percent(ratio: Decimal | None, decimals: int = 1) -> str:
    """A ratio 0.8990 as "89,9 %"; ``None`` (nothing to divide by) as "–"."""
    if ratio is None:
        return "–"
    return f"{format_number(ratio * 100, decimals)}{NBSP}%"
