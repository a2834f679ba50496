"""Forms for registry edits; choices are limited to the active region."""

from __future__ import annotations

from typing import Any

from django import forms

from remit.core.forms import VersionedForm
from remit.core.models import AREA_DATA_FIELDS
from remit.core.models import Area
from remit.core.models import Board
from remit.core.models import GovernanceRoute
from remit.core.models import Membership
from remit.core.models import Mission
from remit.core.models import Organisation
from remit.core.models import Person
from remit.core.models import Region
from remit.ui.fields import WholeNumberField
from remit.ui.forms import Form
from remit.ui.forms import ModelForm


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


class RouteForm(VersionedForm, Form):
    """A route's name, its boards in order (blank steps are skipped), and its final say."""

    SPARE_STEPS = 3
    MIN_STEPS = 6

    name = forms.CharField(max_length=200)
    slug = forms.SlugField(
        max_length=80,
        label="Short name",
        help_text="Lower-case letters and numbers joined by hyphens, for example mayors-route.",
    )

    def __init__(
        self, *args: Any, region: Region, route: GovernanceRoute | None = None, **kwargs: Any
    ) -> None:
        steps = [s.board for s in route.steps.all()] if route is not None else []
        if route is not None:
            kwargs.setdefault(
                "initial",
                {
                    "name": route.name,
                    "slug": route.slug,
                    "final_board": route.final_board_id,
                    "final_decision_maker": route.final_decision_maker_id,
                    **{f"step_{n}": b.pk for n, b in enumerate(steps, start=1)},
                },
            )
        super().__init__(*args, record=route, **kwargs)
        boards = Board.objects.filter(region=region)
        self.step_names = [
            f"step_{n}" for n in range(1, max(self.MIN_STEPS, len(steps) + self.SPARE_STEPS) + 1)
        ]
        for n, name in enumerate(self.step_names, start=1):
            self.fields[name] = forms.ModelChoiceField(
                boards,
                required=n == 1,
                label=f"Step {n}",
                help_text=(
                    "The first board a proposal goes to."
                    if n == 1
                    else "Leave blank if not needed."
                ),
            )
        self.fields["final_board"] = forms.ModelChoiceField(
            boards,
            required=False,
            help_text="The board whose endorsement is final. Leave blank if one person decides.",
        )
        self.fields["final_decision_maker"] = forms.ModelChoiceField(
            Person.objects.filter(region=region),
            required=False,
            label="Or a person who takes the final decision alone",
            help_text="For example, a police and crime commissioner or a mayor.",
        )
        version = self.fields.pop("version")
        self.fields["version"] = version

    def route_data(self) -> dict[str, Any]:
        """What the route services take: the steps in order, blanks left out."""
        data = self.cleaned_data
        return {
            "name": data["name"],
            "slug": data["slug"],
            "steps": [data[n] for n in self.step_names if data.get(n) is not None],
            "final_board": data.get("final_board"),
            "final_decision_maker": data.get("final_decision_maker"),
        }


class RouteRetireForm(VersionedForm, Form):
    """Why the partnership has stopped sending anything new along the route."""

    reason = forms.CharField(
        label="Why is the route being retired?",
        help_text=(
            "For example, the board it passes through has been replaced. Proposals and papers "
            "on it now carry on; nothing new can be sent along it."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why the route is being retired."},
    )
