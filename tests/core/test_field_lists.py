"""A field list is written once, in the service, and the form that feeds it reads it from there.

A form that lists its own fields drifts from what the service saves: a field added to one and
not the other is either never saved or never asked for.
"""

from __future__ import annotations

import pytest

from remit.appraisal import forms as appraisal_forms
from remit.appraisal.services import CASE_FIELDS
from remit.appraisal.services import DECISION_FIELDS
from remit.funding import forms as funding_forms
from remit.funding.services.grants import AGREEMENT_FIELDS
from remit.funding.services.rounds import ROUND_FIELDS
from remit.meetings import forms as meetings_forms
from remit.meetings.services.agenda import ITEM_FIELDS
from remit.meetings.services.forward_plan import ENTRY_FIELDS
from remit.meetings.services.meetings import MEETING_FIELDS

FORMS_AND_SERVICES = [
    (meetings_forms.MeetingForm, MEETING_FIELDS, ()),
    (meetings_forms.ItemForm, ITEM_FIELDS, ()),
    (meetings_forms.ForwardPlanForm, ENTRY_FIELDS, ("board",)),
    (funding_forms.AgreementForm, AGREEMENT_FIELDS, ()),
    (appraisal_forms.CaseForm, CASE_FIELDS, ()),
    (appraisal_forms.DecisionForm, DECISION_FIELDS, ()),
]


@pytest.mark.parametrize(
    ("form", "service_fields", "chosen_elsewhere"),
    FORMS_AND_SERVICES,
    ids=[form.__name__ for form, _, _ in FORMS_AND_SERVICES],
)
def test_a_form_asks_for_exactly_the_fields_its_service_saves(
    form: type, service_fields: tuple[str, ...], chosen_elsewhere: tuple[str, ...]
) -> None:
    asked = [name for name in form.base_fields if name not in chosen_elsewhere]
    assert sorted(asked) == sorted(service_fields)


def test_a_round_form_hands_the_service_only_the_fields_it_saves() -> None:
    form = funding_forms.RoundForm(
        data={
            "title": "Main round",
            "slug": "main-round",
            "description": "",
            "opens_on": "2030-01-06",
            "opens_time": "09:00",
            "closes_on": "2030-02-06",
            "closes_time": "17:00",
            "eligibility": "",
            "max_years": "1",
            "match_funding_rules": "",
            "match_funding_min_percent": "",
            "budget_pence": "",
        }
    )
    assert form.is_valid(), form.errors
    assert set(form.service_data()) == set(ROUND_FIELDS)
