"""Forms for proposal pages. They parse and limit choices to the region; services decide."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.validators import MinValueValidator
from django.db.models import Q

from remit.core.forms import VersionedForm
from remit.core.models import Mission
from remit.core.models import Organisation
from remit.core.models import Person
from remit.core.models import Region
from remit.core.models import Theme
from remit.core.models import Workstream
from remit.proposals import rules
from remit.proposals.models import Deal
from remit.proposals.models import EngagementSession
from remit.proposals.models import Idea
from remit.proposals.models import Milestone
from remit.proposals.models import MissionAlignment
from remit.proposals.models import Proposal
from remit.proposals.workflow import AskType
from remit.proposals.workflow import DevolutionForm
from remit.proposals.workflow import GovernmentOutcome
from remit.proposals.workflow import Outcome
from remit.proposals.workflow import Stage
from remit.ui.fields import FigureField
from remit.ui.forms import Form
from remit.ui.forms import ModelForm

DATE = forms.DateInput(attrs={"type": "date"})

# Service field names that a form shows under another name.
FIELD_ALIASES = {"amount_pence": "amount"}


class WorkstreamChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.theme.name}: {obj.name}"


def _workstreams(region: Region) -> Any:
    return Workstream.objects.filter(theme__region=region).select_related("theme")


def _departments(region: Region) -> Any:
    return Organisation.objects.filter(
        region=region, kind=Organisation.Kind.GOVERNMENT_DEPARTMENT
    ).order_by("name")


def _people(region: Region) -> Any:
    return Person.objects.filter(region=region).order_by("name")


def _organisations(region: Region) -> Any:
    return (
        Organisation.objects.filter(region=region)
        .exclude(kind=Organisation.Kind.GOVERNMENT_DEPARTMENT)
        .order_by("name")
    )


class ProposalForm(VersionedForm, Form):
    deal = forms.ModelChoiceField(queryset=Deal.objects.none(), empty_label=None)
    workstream = WorkstreamChoice(queryset=Workstream.objects.none())
    title = forms.CharField(max_length=200)
    summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}))
    ask_type = forms.ChoiceField(
        label="Asks for",
        choices=AskType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what the proposal asks for"},
    )
    amount = FigureField(
        label="Amount asked for, in pounds",
        required=False,
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
        help_text="Leave blank for a powers-only ask.",
    )
    years_from = forms.CharField(
        label="First financial year", required=False, max_length=7, help_text="For example, 2023/24"
    )
    years_to = forms.CharField(
        label="Last financial year", required=False, max_length=7, help_text="For example, 2025/26"
    )
    powers_asked = forms.CharField(
        label="Powers asked for", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    legislation = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="The Acts or regulations concerned.",
    )
    form_of_devolution = forms.ChoiceField(choices=DevolutionForm.choices, widget=forms.RadioSelect)
    stage = forms.ChoiceField(
        label="Double Diamond stage", choices=Stage.choices, widget=forms.RadioSelect
    )
    lead_officer = forms.ModelChoiceField(queryset=Person.objects.none(), required=False)
    sponsor = forms.ModelChoiceField(queryset=Person.objects.none(), required=False)
    partners = forms.ModelMultipleChoiceField(
        label="Partner organisations",
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    departments = forms.ModelMultipleChoiceField(
        label="Government departments",
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, region: Region, with_deal: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if with_deal:
            self.fields["deal"].queryset = Deal.objects.filter(region=region)  # type: ignore[attr-defined]
        else:
            del self.fields["deal"]
        self.fields["workstream"].queryset = _workstreams(region)  # type: ignore[attr-defined]
        self.fields["lead_officer"].queryset = _people(region)  # type: ignore[attr-defined]
        self.fields["sponsor"].queryset = _people(region)  # type: ignore[attr-defined]
        self.fields["partners"].queryset = _organisations(region)  # type: ignore[attr-defined]
        self.fields["departments"].queryset = _departments(region)  # type: ignore[attr-defined]

    @staticmethod
    def initial_for(proposal: Proposal) -> dict[str, Any]:
        amount = proposal.amount_pence
        return {
            "workstream": proposal.workstream_id,
            "title": proposal.title,
            "summary": proposal.summary,
            "ask_type": proposal.ask_type,
            "amount": Decimal(amount) / 100 if amount is not None else None,
            "years_from": proposal.years_from,
            "years_to": proposal.years_to,
            "powers_asked": proposal.powers_asked,
            "legislation": proposal.legislation,
            "form_of_devolution": proposal.form_of_devolution,
            "stage": proposal.stage,
            "lead_officer": proposal.lead_officer_id,
            "sponsor": proposal.sponsor_id,
            "partners": list(proposal.partners.all()),
            "departments": list(proposal.departments.all()),
        }

    def service_data(self) -> dict[str, Any]:
        """The cleaned values as the proposal services take them: money in pence."""
        data = dict(self.cleaned_data)
        data.pop("deal", None)
        amount = data.pop("amount")
        data["amount_pence"] = int(amount * 100) if amount is not None else None
        for name in ("years_from", "years_to", "powers_asked", "legislation"):
            data[name] = data[name].strip()
        return data


class AlignmentForm(Form):
    mission = forms.ModelChoiceField(queryset=Mission.objects.none(), empty_label=None)
    strength = forms.ChoiceField(
        choices=MissionAlignment.Strength.choices, widget=forms.RadioSelect
    )
    rationale = forms.CharField(
        max_length=300, help_text="One sentence: how the proposal serves this mission."
    )

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mission"].queryset = Mission.objects.filter(region=region)  # type: ignore[attr-defined]


class DecisionForm(Form):
    position = forms.TypedChoiceField(label="Forum", coerce=int)
    outcome = forms.ChoiceField(choices=Outcome.choices, widget=forms.RadioSelect)
    decided_on = forms.DateField(label="Decided on", widget=DATE)
    meeting_reference = forms.CharField(
        required=False, max_length=200, help_text="The meeting and item, such as 2022/07 item 4."
    )
    changes = forms.CharField(
        label="Changes asked for",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed when the forum endorses with changes.",
    )
    reasons = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed when the forum refers it back.",
    )

    def __init__(
        self, *args: Any, forums: list[Any], alone_at: int | None = None, **kwargs: Any
    ) -> None:
        """`alone_at` is the step one person decides alone: the form is theirs, for it only."""
        super().__init__(*args, **kwargs)
        choices = [
            (i, getattr(forum, "name_with_office", forum.name))
            for i, forum in enumerate(forums, start=1)
        ]
        if alone_at is not None:
            choices = [choices[alone_at - 1]]
            self.fields["position"].label = "Deciding as"
            del self.fields["meeting_reference"]
            self.fields["changes"].help_text = "Needed when you endorse it with changes."
            self.fields["reasons"].help_text = "Needed when you refer it back."
        self.fields["position"].choices = choices  # type: ignore[attr-defined]


class CorrectionForm(Form):
    outcome = forms.ChoiceField(
        label="Correct outcome", choices=Outcome.choices, widget=forms.RadioSelect
    )
    decided_on = forms.DateField(label="Decided on", widget=DATE)
    meeting_reference = forms.CharField(required=False, max_length=200)
    changes = forms.CharField(
        label="Changes asked for", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    reasons = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    note = forms.CharField(
        label="What the correction puts right", widget=forms.Textarea(attrs={"rows": 3})
    )


class SubmitForm(Form):
    submitted_on = forms.DateField(label="Submitted to government on", widget=DATE)


class NegotiationForm(Form):
    department = forms.ModelChoiceField(queryset=Organisation.objects.none())
    held_on = forms.DateField(label="Date", widget=DATE)
    summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}))
    next_steps = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = _departments(region)  # type: ignore[attr-defined]


class OutcomeForm(Form):
    outcome = forms.ChoiceField(choices=GovernmentOutcome.choices, widget=forms.RadioSelect)
    decided_on = forms.DateField(label="Decided on", widget=DATE)
    conditions = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    subject_to_business_case = forms.BooleanField(
        label="Agreed in principle subject to a business case",
        required=False,
        help_text="A business case can then be started from the proposal's page.",
    )


class WithdrawForm(Form):
    reason = forms.CharField(
        label="Why is it being withdrawn?",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why it is being withdrawn"},
    )


NOT_AFFECTED = ""


class ScreeningForm(VersionedForm, Form):
    """One choice per protected characteristic and health group, then mitigations."""

    full_assessment_needed = forms.BooleanField(
        label="A full impact assessment is needed", required=False
    )
    mitigations = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Needed when any effect is negative.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(NOT_AFFECTED, "Not affected"), *rules.EFFECTS]
        groups = rules.PROTECTED_CHARACTERISTICS + rules.HEALTH_GROUPS
        for key, label in reversed(groups):
            self.fields = {
                key: forms.ChoiceField(label=label, choices=choices, required=False),
                **self.fields,
            }

    @property
    def protected_fields(self) -> list[forms.BoundField]:
        return [self[key] for key, _ in rules.PROTECTED_CHARACTERISTICS]

    @property
    def health_fields(self) -> list[forms.BoundField]:
        return [self[key] for key, _ in rules.HEALTH_GROUPS]

    def ratings(self) -> dict[str, str]:
        groups = rules.PROTECTED_CHARACTERISTICS + rules.HEALTH_GROUPS
        return {key: self.cleaned_data[key] for key, _ in groups if self.cleaned_data.get(key)}


class DealForm(VersionedForm, ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Deal
        fields = ["name", "slug", "description", "route"]

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A retired route is not offered, except to a deal that already follows it.
        routes = region.governance_routes.filter(retired_on__isnull=True)
        if self.instance.route_id:
            routes = region.governance_routes.filter(
                Q(retired_on__isnull=True) | Q(pk=self.instance.route_id)
            )
        self.fields["route"].queryset = routes  # type: ignore[attr-defined]


class MilestoneForm(VersionedForm, ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Milestone
        fields = ["kind", "title", "planned_on", "actual_on", "notes"]
        widgets = {
            "planned_on": DATE,
            "actual_on": DATE,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }


class PaperForm(VersionedForm, Form):
    title = forms.CharField(max_length=200)
    summary = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    proposals = forms.ModelMultipleChoiceField(
        queryset=Proposal.all_objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, proposals: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["proposals"].queryset = proposals  # type: ignore[attr-defined]


class SessionForm(VersionedForm, ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = EngagementSession
        fields = [
            "kind",
            "title",
            "held_on",
            "stage",
            "workstream",
            "department",
            "organisations",
            "notes",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "stage": forms.RadioSelect,
            "held_on": DATE,
            "organisations": forms.CheckboxSelectMultiple,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["workstream"].queryset = _workstreams(region)  # type: ignore[attr-defined]
        self.fields["department"].queryset = _departments(region)  # type: ignore[attr-defined]
        self.fields["organisations"].queryset = _organisations(region)  # type: ignore[attr-defined]


class IdeaForm(ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Idea
        fields = ["title", "description", "organisation"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        labels = {"organisation": "Put forward by"}

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = _organisations(region)  # type: ignore[attr-defined]


class FeedbackForm(Form):
    text = forms.CharField(label="Feedback", widget=forms.Textarea(attrs={"rows": 3}))
    organisation = forms.ModelChoiceField(
        label="From", queryset=Organisation.objects.none(), required=False
    )
    proposal = forms.ModelChoiceField(
        label="About the proposal", queryset=Proposal.all_objects.none(), required=False
    )
    themes = forms.ModelMultipleChoiceField(
        queryset=Theme.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, region: Region, proposals: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = _organisations(region)  # type: ignore[attr-defined]
        self.fields["proposal"].queryset = proposals  # type: ignore[attr-defined]
        self.fields["themes"].queryset = Theme.objects.filter(region=region)  # type: ignore[attr-defined]


class SessionChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title} ({obj.get_kind_display().lower()}, {obj.held_on:%-d %B %Y})"


class ProposalFeedbackForm(FeedbackForm):
    """Feedback captured from a proposal's page: the session it came from is chosen first."""

    session = SessionChoice(
        label="Engagement session",
        queryset=EngagementSession.objects.none(),
        help_text="Where the feedback was given.",
    )
    field_order = ["session", "text", "organisation", "proposal", "themes"]

    def __init__(self, *args: Any, sessions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = sessions  # type: ignore[attr-defined]
        self.order_fields(self.field_order)

    def feedback_data(self) -> dict[str, Any]:
        """The feedback as `feedback_add` takes it, without the session."""
        return {k: v for k, v in self.cleaned_data.items() if k != "session"}


class ActedOnForm(Form):
    response = forms.CharField(
        label="What was done about it", widget=forms.Textarea(attrs={"rows": 3})
    )
