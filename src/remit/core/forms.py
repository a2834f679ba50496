"""Forms for registry edits; choices are limited to the active region."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.db import models

from remit.core.models import (
    AREA_DATA_FIELDS,
    Area,
    Board,
    Membership,
    Mission,
    Organisation,
    Person,
    Region,
)
from remit.core.services.writes import StaleEdit, version_of
from remit.ui.fields import WholeNumberField
from remit.ui.forms import Form, ModelForm


class VersionedForm(forms.BaseForm):
    """Carries the version of the record the form was read at, in a hidden field.

    The service refuses the save when the record has changed since (``StaleEdit``); the form
    then shows what changed, keeps what was typed, and takes the current version, so saving
    again keeps this person's changes knowingly. ``read_version`` is what to pass the service.
    Put it first among the bases; a ModelForm's own instance is the record unless another is
    given as ``record``.
    """

    read_version: int | None = None

    def __init__(self, *args: Any, record: models.Model | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        record = record if record is not None else getattr(self, "instance", None)
        field = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
        if record is not None:
            field.initial = version_of(record)
        self.fields["version"] = field

    def full_clean(self) -> None:
        super().full_clean()
        cleaned = getattr(self, "cleaned_data", None)
        if cleaned is not None:
            self.read_version = cleaned.pop("version", None)

    def stale(self, error: StaleEdit) -> None:
        """Show what changed since the form was read, and move the form on to that version."""
        data = cast(Any, self.data).copy()
        data[self.add_prefix("version")] = str(error.version)
        self.data = data
        self.add_error(None, error.message)


class RegionScopedForm(ModelForm):  # type: ignore[type-arg]
    """Limits every related-object choice to the region the form edits within."""

    region_fields: dict[str, type] = {}

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, model in self.region_fields.items():
            if name in self.fields:
                qs = model._default_manager.filter(region=region)
                if model is Board and self.instance.pk:
                    qs = qs.exclude(pk=self.instance.pk)
                self.fields[name].queryset = qs  # type: ignore[attr-defined]


class OrganisationForm(VersionedForm, RegionScopedForm):
    region_fields = {"area": Area, "areas_served": Area}

    class Meta:
        model = Organisation
        fields = [
            "name",
            "slug",
            "kind",
            "area",
            "areas_served",
            "constituent",
            "org_id",
            "website",
        ]
        widgets = {
            "constituent": forms.NullBooleanSelect,
            "areas_served": forms.CheckboxSelectMultiple,
        }
        labels = {"org_id": "Organisation identifier", "areas_served": "Areas served"}
        help_texts = {"org_id": "From the org-id.guide register, for example GB-LAE-BIR."}


class PartnerOrganisationForm(OrganisationForm):
    """What a partner may correct about its own organisation."""

    class Meta(OrganisationForm.Meta):
        fields = ["name", "org_id", "website"]


class PersonForm(VersionedForm, RegionScopedForm):
    region_fields = {"organisation": Organisation}

    class Meta:
        model = Person
        fields = ["name", "slug", "job_title", "organisation", "email"]


class BoardForm(VersionedForm, RegionScopedForm):
    region_fields = {"organisation": Organisation, "parent": Board}

    class Meta:
        model = Board
        fields = [
            "name",
            "slug",
            "description",
            "kind",
            "organisation",
            "parent",
            "meeting_frequency",
            "paper_deadline_days",
            "quorum",
            "substitutes_allowed",
            "substitutes_count_towards_quorum",
            "decision_reference_prefix",
        ]


class MembershipForm(VersionedForm, RegionScopedForm):
    region_fields = {"person": Person, "organisation": Organisation}

    class Meta:
        model = Membership
        fields = ["person", "organisation", "role", "start", "end"]
        widgets = {
            "start": forms.DateInput(attrs={"type": "date"}),
            "end": forms.DateInput(attrs={"type": "date"}),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", "The end date must be on or after the start date.")
        return data


class AreaForm(VersionedForm, ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Area
        fields = ["name", "kind", "population", "population_year", "constituent"]
        widgets = {"constituent": forms.NullBooleanSelect}
        field_classes = {"population": WholeNumberField}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("population") is not None and not data.get("population_year"):
            self.add_error("population_year", "Give the year the population figure is for.")
        return data


class AnalystAreaForm(AreaForm):
    """What an analyst keeps about an area: its figures, never its name or kind."""

    class Meta(AreaForm.Meta):
        fields = list(AREA_DATA_FIELDS)


class MissionForm(VersionedForm, ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Mission
        fields = ["short_title", "target"]


class SignInForm(AuthenticationForm, Form):
    """Django's sign-in form, with its messages in GOV.UK words."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"
