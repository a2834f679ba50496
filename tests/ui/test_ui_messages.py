"""How Remit writes messages: every database rule and every required field has written words,
radios never start with a dashed option ticked, and labels hold no developer words."""

from __future__ import annotations

import copy
import importlib
import inspect
import pkgutil
import re
from collections.abc import Iterator

import pytest
from django import forms
from django.db import IntegrityError

import remit
from remit.ui.constraints import UNKNOWN_CONFLICT
from remit.ui.constraints import has_written_message
from remit.ui.constraints import refused_save_message
from remit.ui.constraints import remit_constraints
from remit.ui.forms import GENERIC_EMPTY_LABEL
from remit.ui.forms import GENERIC_REQUIRED
from remit.ui.forms import Form
from remit.ui.forms import ModelForm
from remit.ui.forms import required_message
from remit.ui.forms import speak_plainly

pytestmark = pytest.mark.skipif(
    not any(app == "remit.core" for app in __import__("django.conf").conf.settings.INSTALLED_APPS),
    reason="needs the project's settings",
)


def remit_form_classes() -> Iterator[type[forms.BaseForm]]:
    """Every form class written in a Remit forms module (``forms.py``, ``scenario_forms.py``)."""
    for info in pkgutil.walk_packages(remit.__path__, "remit."):
        if not info.name.endswith("forms") or ".migrations" in info.name:
            continue
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if (
                issubclass(cls, forms.BaseForm)
                and cls.__module__ == module.__name__
                and hasattr(cls, "base_fields")
            ):
                yield cls


def declared_fields_in_plain_words(cls: type[forms.BaseForm]) -> dict[str, forms.Field]:
    fields = copy.deepcopy(cls.base_fields)
    speak_plainly(fields, {name: str(f.label) for name, f in fields.items() if f.label})
    return fields


def test_every_database_rule_has_a_written_message() -> None:
    unwritten = [
        f"{model.__name__}.{constraint.name}"
        for model, constraint in remit_constraints()
        if not has_written_message(constraint)
    ]
    assert len(list(remit_constraints())) > 50
    assert unwritten == []


def test_no_database_rule_message_uses_developer_words() -> None:
    for model, constraint in remit_constraints():
        message = str(constraint.get_violation_error_message())
        assert constraint.name not in message, model
        assert not re.search(r"\b(slug|null|pk|id|constraint)\b", message, re.I), message


def test_a_refused_save_is_said_in_the_words_of_the_rule_it_broke() -> None:
    private = "Select the exemption that allows the item to be taken in private"
    sqlite = IntegrityError("CHECK constraint failed: private_item_names_exemption")
    postgres = IntegrityError(
        'new row for relation "meetings_agendaitem" violates check constraint '
        '"private_item_names_exemption"\nDETAIL:  Failing row contains (...).'
    )
    unique = IntegrityError(
        "UNIQUE constraint failed: meetings_attendance.meeting_id, meetings_attendance.person_id"
    )
    assert refused_save_message(sqlite).startswith(private)
    assert refused_save_message(postgres).startswith(private)
    assert "attendance at the meeting is already recorded" in refused_save_message(unique)
    assert refused_save_message(IntegrityError("NOT NULL failed")) == UNKNOWN_CONFLICT


def test_every_remit_form_is_made_with_the_plain_words_kit() -> None:
    outside = [
        cls.__qualname__
        for cls in remit_form_classes()
        if not issubclass(cls, Form | ModelForm)
        and not (cls.__name__ == "VersionedForm" or cls.__name__ == "RegionScopedForm")
    ]
    assert outside == []


def test_every_required_field_names_itself_in_its_message() -> None:
    generic = []
    for cls in remit_form_classes():
        for name, field in declared_fields_in_plain_words(cls).items():
            if field.required and str(field.error_messages["required"]) == GENERIC_REQUIRED:
                generic.append(f"{cls.__qualname__}.{name}")
    assert len(list(remit_form_classes())) > 50
    assert generic == []


def test_no_radio_starts_with_a_dashed_option() -> None:
    dashed = []
    for cls in remit_form_classes():
        for name, field in declared_fields_in_plain_words(cls).items():
            if isinstance(field, forms.ModelChoiceField):
                shown = field.empty_label
                if isinstance(field.widget, forms.RadioSelect) and (
                    shown is not None if field.required else shown == GENERIC_EMPTY_LABEL
                ):
                    dashed.append(f"{cls.__qualname__}.{name}")
            elif isinstance(field.widget, forms.RadioSelect):
                labels = [str(label) for _, label in getattr(field, "choices", [])]
                if GENERIC_EMPTY_LABEL in labels or (field.required and "" in dict(field.choices)):
                    dashed.append(f"{cls.__qualname__}.{name}")
    assert dashed == []


def test_no_label_or_hint_says_slug() -> None:
    said = []
    for cls in remit_form_classes():
        for name, field in declared_fields_in_plain_words(cls).items():
            words = f"{field.label or name.replace('_', ' ')} {field.help_text}"
            if re.search(r"\bslug\b", words, re.I):
                said.append(f"{cls.__qualname__}.{name}")
    assert said == []


@pytest.mark.parametrize(
    ("field", "label", "message"),
    [
        (forms.CharField(), "Title", "Enter the title"),
        (forms.ChoiceField(), "Workstream", "Select the workstream"),
        (forms.DecimalField(), "Amount (£)", "Enter the amount"),
        (forms.FileField(), "CSV file", "Upload the CSV file"),
        (forms.DateField(), "Decided on", "Enter the date decided on"),
        (forms.DateField(), "Opens on", "Enter the date it opens"),
        (forms.TimeField(), "Starts at", "Enter the time it starts"),
        (forms.CharField(), "How it will be measured", "Enter how it will be measured"),
        (forms.CharField(), "Add a review comment", "Add a review comment"),
        (forms.ChoiceField(), "Double Diamond stage", "Select the Double Diamond stage"),
    ],
)
def test_a_required_message_is_said_from_the_label_and_the_control(
    field: forms.Field, label: str, message: str
) -> None:
    assert required_message(field, label) == message


class _Bid(Form):
    title = forms.CharField()
    theme = forms.ChoiceField(
        choices=[("", GENERIC_EMPTY_LABEL), ("a", "A")], widget=forms.RadioSelect
    )
    lead = forms.ChoiceField(
        choices=[("", GENERIC_EMPTY_LABEL), ("a", "A")], widget=forms.RadioSelect, required=False
    )


def test_a_form_left_empty_names_each_field_in_the_error_summary() -> None:
    form = _Bid(data={})
    assert form.errors == {"title": ["Enter the title"], "theme": ["Select the theme"]}
    assert form.fields["theme"].choices == [("a", "A")]
    assert form.fields["lead"].choices == [("", "None"), ("a", "A")]


class _Meeting(Form):
    title = forms.CharField(max_length=5)
    held_on = forms.DateField(label="Held on")
    quorum = forms.IntegerField(min_value=1)


def test_other_django_messages_are_said_of_the_field_by_name() -> None:
    form = _Meeting(data={"title": "Too long", "held_on": "31 February", "quorum": "0"})
    assert form.errors == {
        "title": ["Title must be 5 characters or fewer"],
        "held_on": ["Held on must be a real date"],
        "quorum": ["Quorum must be 1 or more"],
    }


def test_signing_in_with_nothing_typed_asks_for_the_username_and_password() -> None:
    from remit.ui.forms import SignInForm

    assert SignInForm(data={}).errors == {
        "username": ["Enter your username"],
        "password": ["Enter your password"],
    }


def test_a_short_name_is_never_called_a_slug() -> None:
    class _Deal(Form):
        slug = forms.SlugField()

    form = _Deal(data={"slug": "not a slug!"})
    assert form.fields["slug"].label == "Short name"
    assert form.errors == {
        "slug": ["Short name must only include letters, numbers, hyphens and underscores"]
    }


def test_a_save_the_database_refuses_is_said_on_the_form_in_the_rules_words() -> None:
    from remit.ui import views

    form = _Bid(data={"title": "Contract award", "theme": "a"})
    assert form.is_valid()

    def write() -> None:
        raise IntegrityError("CHECK constraint failed: private_item_names_exemption")

    assert views.run_service(form, write) is None
    assert form.non_field_errors() == [
        "Select the exemption that allows the item to be taken in private, "
        "or untick Take in private."
    ]
