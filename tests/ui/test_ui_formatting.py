"""Money formatting for pages: exact to the penny, never via float."""

import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from property_examples import examples
from remit.ui.formatting import format_pence
from remit.ui.formatting import format_pounds

MONEY = re.compile(r"^(-?)£(\d{1,3}(?:,\d{3})*)\.(\d{2})$")


def parse(text: str) -> int:
    match = MONEY.match(text)
    assert match, text
    sign, pounds, pennies = match.groups()
    value = int(pounds.replace(",", "")) * 100 + int(pennies)
    return -value if sign else value


def test_pence_are_written_as_pounds_with_thousands_separated():
    assert format_pence(123456) == "£1,234.56"


def test_whole_pounds_keep_their_pence():
    assert format_pence(500) == "£5.00"


def test_a_few_pence_are_padded():
    assert format_pence(7) == "£0.07"


def test_a_negative_amount_leads_with_a_minus():
    assert format_pence(-123456) == "-£1,234.56"


@given(st.integers(min_value=-(10**15), max_value=10**15))
@examples(200)
def test_written_pence_read_back_to_the_same_amount(pence):
    assert parse(format_pence(pence)) == pence


@pytest.mark.parametrize("bad", [1.5, "100", True, Decimal("1.00")])
def test_pence_must_be_an_int(bad):
    with pytest.raises(TypeError, match="pence must be an int"):
        format_pence(bad)


def test_decimal_pounds_are_written_to_the_penny():
    assert format_pounds(Decimal("1234.5")) == "£1,234.50"


def test_half_pennies_round_away_from_zero():
    assert format_pounds(Decimal("0.005")) == "£0.01"
    assert format_pounds(Decimal("-0.005")) == "-£0.01"
    assert format_pounds(Decimal("9999.995")) == "£10,000.00"


def test_whole_pounds_may_be_an_int():
    assert format_pounds(2500000) == "£2,500,000.00"


@given(st.integers(min_value=-(10**12), max_value=10**12))
@examples(200)
def test_pounds_with_pence_match_the_pence_format(pence):
    assert format_pounds(Decimal(pence) / 100) == format_pence(pence)


@pytest.mark.parametrize("bad", [12.5, "12.50", False])
def test_pounds_must_be_a_decimal_or_an_int(bad):
    with pytest.raises(TypeError, match="must be a Decimal or an int"):
        format_pounds(bad)


def test_pounds_must_be_finite():
    with pytest.raises(ValueError, match="finite"):
        format_pounds(Decimal("Infinity"))
