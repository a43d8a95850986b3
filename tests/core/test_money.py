from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dossier.core.money import (
    NBSP,
    AmountError,
    format_money,
    format_number,
    format_percent,
    parse_money,
    parse_quantity,
)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1 234,50", "1234.50"),
        ("1234.5", "1234.50"),
        ("1 234 Kč", "1234.00"),
        ("1\u00a0234,50\u00a0Kč", "1234.50"),
        ("1.234,50", "1234.50"),
        ("1,234.50", "1234.50"),
        ("1.234.567", "1234567.00"),
        ("1.234", "1234.00"),  # a dot before three digits groups thousands: crowns have two decimals
        ("-1.234 Kč", "-1234.00"),
        ("1.23", "1.23"),
        ("12 000,-", "12000.00"),
        ("−500", "-500.00"),
        ("0", "0.00"),
        ("  42  ", "42.00"),
        ("1 234,- Kč", "1234.00"),
    ],
)
def test_parse_money_accepts_czech_and_plain_entry(text, expected):
    assert parse_money(text) == Decimal(expected)


def test_a_quantity_keeps_three_decimals_after_a_dot():
    assert parse_quantity("1.234") == Decimal("1.234")


@pytest.mark.parametrize(
    "text",
    [
        "abc",
        "",
        "1e30",
        "NaN",
        "nan",
        "∞",
        "inf",
        "Infinity",
        "1,2,3",
        "1 234,505",
        "12a",
        "--5",
        "1e3",
        "0x10",
        "9" * 30,
    ],
)
def test_parse_money_rejects_garbage_with_czech_message(text):
    with pytest.raises(AmountError) as info:
        parse_money(text)
    assert any(word in str(info.value) for word in ("číslo", "prázdná", "rozsah", "desetinná"))


def test_parse_money_rejects_absurd_decimal_and_nan():
    with pytest.raises(AmountError):
        parse_money(Decimal("1e30"))
    with pytest.raises(AmountError):
        parse_money(Decimal("NaN"))


def test_quantity_allows_four_places():
    assert parse_quantity("0,25") == Decimal("0.2500")
    with pytest.raises(AmountError):
        parse_quantity("0,123456")


def test_format_money_is_czech():
    assert format_money(Decimal("2511000")) == f"2{NBSP}511{NBSP}000{NBSP}Kč"
    assert format_money(Decimal("1234.5")) == f"1{NBSP}234,50{NBSP}Kč"
    assert format_money(Decimal("-1234")) == f"-1{NBSP}234{NBSP}Kč"
    assert format_money(Decimal("1234"), decimals=2) == f"1{NBSP}234,00{NBSP}Kč"
    assert format_number(Decimal("0.2500")) == "0,25"
    assert format_percent(Decimal("0.8990")) == f"89,9{NBSP}%"
    assert format_percent(None) == "–"


money_values = st.decimals(
    min_value=Decimal("-999999999999"),
    max_value=Decimal("999999999999"),
    places=2,
    allow_nan=False,
    allow_infinity=False,
)


@given(money_values)
def test_money_round_trips_what_it_prints(value):
    assert parse_money(format_money(value)) == value
    assert parse_money(format_money(value, decimals=2)) == value


@given(st.text(alphabet=st.characters(blacklist_categories=("Nd",)), min_size=1))
def test_text_without_digits_is_never_money(text):
    with pytest.raises(AmountError):
        parse_money(text)


@given(st.text())
def test_parse_money_never_crashes_and_returns_exact_values(text):
    try:
        value = parse_money(text)
    except AmountError:
        return
    assert value.is_finite()
    assert value == value.quantize(Decimal("0.01"))


@given(st.from_regex(r"-?[0-9]{1,16}(\.[0-9]{1,6})?", fullmatch=True), st.sampled_from([0, 2, 4]))
def test_plain_numbers_read_the_same_by_either_route(text, places):
    test_a_plain_number_as_files_store_it_reads_as_the_czech_parser_reads_it(text, places)


@given(st.text(st.characters(categories=["Nd", "No"]), min_size=1, max_size=20), st.sampled_from([0, 2, 4]))
def test_whole_numbers_in_any_digits_read_the_same_by_either_route(text, places):
    """Digits-only text takes the quickest route; Unicode digits and their look-alikes stay as they were."""
    test_a_plain_number_as_files_store_it_reads_as_the_czech_parser_reads_it(text, places)


@pytest.mark.parametrize(
    "text",
    ["0", "-0", "00012", "1.2", "1.23", "-0.5", "1.234", "1.2345", "12.50000", "١٢٣", "1234.5", "9999999999999.99"]
    + ["10000000000000.01", "123.456", "1000000000.0001", "0.00001"]
    + ["10000000000000", "10000000000001", "1000000001", "99999999999999999999", "٠", "१२", "²", "+1", " 12"],
)
@pytest.mark.parametrize("places", [0, 2, 4])
def test_a_plain_number_as_files_store_it_reads_as_the_czech_parser_reads_it(text, places):
    """Plain numbers skip the Czech-format parsing; the value, its places and every refusal stay the same."""
    from dossier.core import money

    def slow(text: str) -> Decimal:
        value = money._parse_text(text, "Částka", dot_groups=places < 3)
        return money.parse_decimal(value, places=places)  # the checks after the text is read

    try:
        expected: object = slow(text)
    except money.AmountError as exc:
        expected = str(exc)
    try:
        got: object = money.parse_decimal(text, places=places)
    except money.AmountError as exc:
        got = str(exc)
    assert str(got) == str(expected)
