"""Dates and figures in forms are accepted as people type them."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django import forms

from remit.funding.forms import RoundForm
from remit.proposals.forms import ProposalForm
from remit.ui.fields import FigureField
from remit.ui.fields import WholeNumberField


@pytest.mark.parametrize(
    "typed", ["15/12/2026", "15 December 2026", "15 Dec 2026", "2026-12-15", "15/12/26"]
)
def test_a_date_is_accepted_as_people_in_england_type_it(typed: str) -> None:
    assert forms.DateField().clean(typed) == datetime.date(2026, 12, 15)


def test_a_date_in_american_order_is_not_read_as_a_british_one() -> None:
    with pytest.raises(forms.ValidationError):
        forms.DateField().clean("12/15/2026")


@pytest.mark.parametrize("typed", ["£45,000", "45,000", "45000", "£ 45,000.00", "45 000"])
def test_money_is_accepted_with_a_pound_sign_and_commas(typed: str) -> None:
    assert FigureField(decimal_places=2).clean(typed) == Decimal("45000")


def test_a_figure_that_is_not_a_number_is_still_refused() -> None:
    with pytest.raises(forms.ValidationError):
        FigureField().clean("forty-five thousand")


def test_a_whole_number_is_accepted_with_commas() -> None:
    assert WholeNumberField().clean("285,478") == 285478


def test_a_proposals_amount_and_a_rounds_match_funding_accept_typed_figures() -> None:
    assert ProposalForm.base_fields["amount"].clean("£45,000") == Decimal("45000")
    assert RoundForm.base_fields["match_funding_min_percent"].clean("12.5%") == Decimal("12.5")


def test_an_areas_population_accepts_commas() -> None:
    from remit.registry.forms import AreaForm

    assert AreaForm.base_fields["population"].clean("285,478") == 285478
