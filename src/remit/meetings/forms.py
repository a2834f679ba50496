"""Forms for meetings. They parse input; the services decide what is allowed."""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Mapping
from typing import Any

from django import forms
from django.db.models import Q

from remit.core.forms import VersionedForm
from remit.core.models import Board
from remit.core.models import Person
from remit.core.models import Region
from remit.meetings.models import AgendaItem
from remit.meetings.models import Attendance
from remit.meetings.models import Decision
from remit.meetings.models import Declaration
from remit.meetings.models import Exemption
from remit.meetings.models import ForwardPlanEntry
from remit.meetings.models import Meeting
from remit.meetings.models import NoticeException
from remit.meetings.models import Recommendation
from remit.meetings.models import RecommendationOutcome
from remit.meetings.models import Vote
from remit.meetings.rules import REFERRED_BACK
from remit.meetings.rules import REJECTED
from remit.meetings.schedule import MAX_SERIES
from remit.meetings.schedule import REPEAT_LABELS
from remit.meetings.schedule import Repeat
from remit.meetings.services.agenda import ITEM_FIELDS
from remit.meetings.services.forward_plan import ENTRY_FIELDS
from remit.meetings.services.meetings import MEETING_FIELDS
from remit.proposals import selectors as proposal_selectors
from remit.proposals.models import Proposal
from remit.ui.forms import Form
from remit.ui.forms import ModelForm

DATE = forms.DateInput(attrs={"type": "date"})
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class ScheduleForm(Form):
    board = forms.ModelChoiceField(queryset=Board.objects.none())
    title = forms.CharField(
        max_length=200, required=False, help_text="Leave blank for an ordinary meeting."
    )
    first_date = forms.DateField(label="Date of the (first) meeting", widget=DATE)
    start_time = forms.TimeField(label="Starts at", widget=TIME)
    end_time = forms.TimeField(label="Ends at", required=False, widget=TIME)
    location = forms.CharField(label="Place", max_length=300, required=False)
    online_link = forms.URLField(label="Online meeting link", required=False)
    repeat = forms.ChoiceField(
        label="How often",
        error_messages={"required": "Select how often the meetings repeat"},
        choices=[(r.value, REPEAT_LABELS[r]) for r in Repeat],
        initial=Repeat.NONE.value,
        widget=forms.RadioSelect,
    )
    count = forms.IntegerField(
        label="Number of meetings",
        min_value=1,
        max_value=MAX_SERIES,
        initial=1,
        help_text="For a series, e.g. 4 for quarterly meetings over a year.",
    )
    same_weekday = forms.BooleanField(
        label="Keep the same weekday of the month (for example, the fourth Tuesday)",
        required=False,
    )

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["board"].queryset = region.boards.order_by("name")  # type: ignore[attr-defined]


class MeetingForm(VersionedForm, ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Meeting
        fields = list(MEETING_FIELDS)
        widgets = {"date": DATE, "start_time": TIME, "end_time": TIME}


class ReasonForm(Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, label: str = "Reason", hint: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = label
        self.fields["reason"].help_text = hint


class UrgencyForm(Form):
    urgency_reason = forms.CharField(
        label="Chair's reason for urgency",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed only when the paper is published after the deadline.",
    )


class ItemForm(VersionedForm, ModelForm):  # type: ignore[type-arg]
    kind = forms.ChoiceField(
        choices=[c for c in AgendaItem.Kind.choices if c[0] != AgendaItem.Kind.MINUTES]
    )
    proposal = forms.ModelChoiceField(
        queryset=Proposal.all_objects.none(),
        required=False,
        empty_label="None",
        label="Proposal for the board to decide on",
        help_text="Only proposals waiting for this board's decision are listed. The decision "
        "recorded on the item is then the board's decision on the proposal too.",
    )

    class Meta:
        model = AgendaItem
        fields = list(ITEM_FIELDS)
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.kind == AgendaItem.Kind.MINUTES:
            del self.fields["kind"]
            del self.fields["proposal"]
            return
        choices = proposal_selectors.awaiting(meeting.board)
        if self.instance.proposal_id:
            choices = choices | Proposal.all_objects.filter(pk=self.instance.proposal_id)
        field = self.fields["proposal"]
        field.queryset = choices.distinct()  # type: ignore[attr-defined]
        field.error_messages["invalid_choice"] = (
            f"Choose a proposal that is waiting for {meeting.board.name}'s decision."
        )


class PaperForm(VersionedForm, Form):
    title = forms.CharField(max_length=300)
    purpose = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Why the paper comes to the board, in a sentence or two.",
    )
    recommendations = forms.CharField(
        label="Recommendations",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One per line, each something the board can agree, such as: Note the report.",
    )
    presented_by = forms.CharField(max_length=200, required=False)
    author = forms.ModelChoiceField(queryset=Person.objects.none(), required=False)
    contact_officer = forms.ModelChoiceField(queryset=Person.objects.none(), required=False)
    financial_implications = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}), help_text="Or say there are none."
    )
    legal_implications = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}), help_text="Or say there are none."
    )
    equality_implications = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}), help_text="Or say there are none."
    )

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = region.people.select_related("organisation").order_by("name")
        self.fields["author"].queryset = people  # type: ignore[attr-defined]
        self.fields["contact_officer"].queryset = people  # type: ignore[attr-defined]

    def recommendation_lines(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["recommendations"].splitlines()]


class SectionForm(Form):
    heading = forms.CharField(max_length=200, required=False)
    body = forms.CharField(
        label="Text",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Leave a blank line between paragraphs; start lines with '- ' for a list.",
    )


SectionFormSet = forms.formset_factory(SectionForm, extra=2, can_delete=True, max_num=40)


def sections_from(formset: Any) -> list[tuple[str, str]]:
    return [
        (f.cleaned_data.get("heading", ""), f.cleaned_data.get("body", ""))
        for f in formset.forms
        if f.cleaned_data and not f.cleaned_data.get("DELETE")
    ]


class AppendixForm(Form):
    title = forms.CharField(max_length=300, required=False, help_text="Defaults to the file name.")
    file = forms.FileField(label="PDF or Word (DOCX) file")


class AttendanceForm(Form):
    """Each member's attendance and, where the board allows it, who attended in their place."""

    def __init__(
        self,
        *args: Any,
        lines: Iterable[Any],
        named: Mapping[int, Iterable[Any]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        named = named or {}
        standing_in = {line.in_place_of.pk: line.person.pk for line in lines if line.in_place_of}
        self.substitutes_shown = False
        for line in lines:
            if line.in_place_of is not None:
                continue
            self.fields[f"person_{line.person.pk}"] = forms.ChoiceField(
                label=f"{line.person.name} ({line.role_label}, {line.organisation})",
                choices=Attendance.Status.choices,
                widget=forms.RadioSelect,
                initial=line.status or Attendance.Status.PRESENT,
            )
            people = list(named.get(line.person.pk, ()))
            if people:
                self.substitutes_shown = True
                self.fields[f"substitute_{line.person.pk}"] = forms.TypedChoiceField(
                    label=f"Who attended in place of {line.person.name}",
                    help_text="Only substitutes named for this member's seat are listed.",
                    choices=[("", "Nobody"), *((p.pk, p.name) for p in people)],
                    coerce=int,
                    empty_value=None,
                    required=False,
                    initial=standing_in.get(line.person.pk),
                )

    def statuses(self) -> dict[int, str]:
        return {
            int(name.removeprefix("person_")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("person_")
        }

    def substitutes(self) -> list[tuple[int, int]] | None:
        """(who attended, in place of whom); None when the board names no substitutes."""
        if not self.substitutes_shown:
            return None
        return [
            (value, int(name.removeprefix("substitute_")))
            for name, value in self.cleaned_data.items()
            if name.startswith("substitute_") and value is not None
        ]


class SubstitutesForm(Form):
    """Who may attend in a member's place: people from the organisation the member represents."""

    substitutes = forms.ModelMultipleChoiceField(
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Named substitutes",
    )

    def __init__(self, *args: Any, membership: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["substitutes"]
        named = Q(substitute_seats__membership=membership)
        organisation = membership.organisation
        field.queryset = (  # type: ignore[attr-defined]
            Person.objects.filter(named | Q(organisation=organisation) if organisation else named)
            .exclude(pk=membership.person_id)
            .distinct()
            .order_by("name")
        )
        field.help_text = (
            f"People from {organisation.name}. If someone is not listed, add them "
            f"to {organisation.name} first."
            if organisation
            else "An independent member represents no organisation, so no one can be named "
            "to attend in their place."
        )
        field.initial = [s.person_id for s in membership.substitutes.all()]


class DeclarationForm(Form):
    person = forms.ModelChoiceField(queryset=Person.objects.none(), label="Member")
    item = forms.ModelChoiceField(
        queryset=AgendaItem.objects.none(),
        required=False,
        label="Agenda item",
        empty_label="The meeting generally",
    )
    kind = forms.ChoiceField(
        label="Kind of interest", choices=Declaration.Kind.choices, widget=forms.RadioSelect
    )
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, members: Any, items: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = members  # type: ignore[attr-defined]
        self.fields["item"].queryset = items  # type: ignore[attr-defined]


VOTE_CHOICES = [("", "Did not vote"), *Vote.Choice.choices]
IF_NOT_AGREED_CHOICES = [
    (REJECTED, "Rejected: its route ends"),
    (REFERRED_BACK, "Referred back, to come to the board again"),
]


class DecisionForm(Form):
    summary = forms.CharField(
        label="Resolution",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What the board resolved, as it will appear in the minutes.",
    )
    published_on = forms.DateField(label="Published on", required=False, widget=DATE)
    effective_on = forms.DateField(label="Takes effect on", required=False, widget=DATE)

    def __init__(
        self,
        *args: Any,
        recommendations: list[Recommendation],
        voters: list[Person],
        correcting: Decision | None = None,
        proposal: Proposal | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.recommendation_ids: list[int | None] = [r.pk for r in recommendations] or [None]
        options: list[Recommendation | None] = [*recommendations] or [None]
        for number, rec in enumerate(options, start=1):
            key = rec.pk if rec is not None else "item"
            label = f"Recommendation {number}: {rec.text}" if rec is not None else "Outcome"
            self.fields[f"outcome_{key}"] = forms.ChoiceField(
                label=label, choices=RecommendationOutcome.Outcome.choices, widget=forms.RadioSelect
            )
            if rec is not None:
                self.fields[f"amended_{key}"] = forms.CharField(
                    label=f"Recommendation {number} as amended",
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 2}),
                    help_text="Only if it was agreed as amended.",
                )
        for person in voters:
            self.fields[f"vote_{person.pk}"] = forms.ChoiceField(
                label=f"Vote: {person.name}", choices=VOTE_CHOICES, required=False
            )
        if correcting is not None:
            self.fields["correction_reason"] = forms.CharField(
                label=f"Why {correcting.reference} is being corrected",
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        if proposal is not None:
            self.fields["if_not_agreed"] = forms.ChoiceField(
                label=f"If the board did not agree, “{proposal}” is",
                choices=IF_NOT_AGREED_CHOICES,
                initial=REJECTED,
                widget=forms.RadioSelect,
                help_text="Referred back, the resolution is recorded as the board's reasons.",
            )

    def outcomes(self) -> list[tuple[int | None, str, str]]:
        result = []
        for rec_id in self.recommendation_ids:
            key = rec_id if rec_id is not None else "item"
            result.append(
                (
                    rec_id,
                    self.cleaned_data[f"outcome_{key}"],
                    self.cleaned_data.get(f"amended_{key}", ""),
                )
            )
        return result

    def votes(self) -> dict[int, str]:
        return {
            int(name.removeprefix("vote_")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("vote_") and value
        }


class MinutesForm(VersionedForm, Form):
    body = forms.CharField(
        label="Minutes",
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text="The record of discussion. Attendance, declarations and decisions are added "
        "from the record.",
    )


class ForwardPlanForm(VersionedForm, ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = ForwardPlanEntry
        fields = ["board", *ENTRY_FIELDS]
        widgets = {"expected_date": DATE, "summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["board"].queryset = region.boards.order_by("name")  # type: ignore[attr-defined]
        self.fields["contact"].queryset = region.people.order_by("name")  # type: ignore[attr-defined]
        self.fields["exemption"].choices = [("", "Not exempt"), *Exemption.choices]  # type: ignore[attr-defined]


class PlaceForm(Form):
    meeting = forms.ModelChoiceField(queryset=Meeting.objects.none())
    notice_exception_kind = forms.ChoiceField(
        label="If notice is short, the decision is taken under",
        choices=NoticeException.choices,
        required=False,
        widget=forms.RadioSelect,
        help_text="Needed only when the meeting is less than 28 clear days after the entry was "
        "published. The general exception needs at least 5 clear days' notice; with less, "
        "only special urgency applies.",
    )
    notice_exception = forms.CharField(
        label="Why the decision cannot wait for 28 clear days' notice",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Published with the decision on the forward plan and the agenda.",
    )
    urgency_agreed_by = forms.CharField(
        label="For special urgency: who agreed the decision is urgent and cannot be deferred",
        required=False,
        max_length=200,
        help_text="The chair of the overview and scrutiny committee, or of the authority.",
    )

    def __init__(self, *args: Any, meetings: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings  # type: ignore[attr-defined]


class SubscribeForm(Form):
    email = forms.EmailField(label="E-mail address")
