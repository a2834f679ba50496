"""Forms for the fund's pages: they parse what people type, the services judge it."""

from __future__ import annotations

from datetime import datetime
from datetime import time
from typing import Any

from django import forms
from django.utils import timezone

from remit.core.forms import VersionedForm
from remit.core.models import Area
from remit.core.models import Organisation
from remit.core.models import Person
from remit.core.models import Region
from remit.funding.models import Criterion
from remit.funding.models import DecisionRule
from remit.funding.models import Fund
from remit.funding.models import Grant
from remit.funding.models import Question
from remit.funding.models import Round
from remit.funding.rules import RuleError
from remit.funding.rules import parse_pounds
from remit.funding.services.grants import AGREEMENT_FIELDS
from remit.funding.services.rounds import ROUND_FIELDS
from remit.funding.workflow import Outcome
from remit.funding.workflow import Rag
from remit.ui.fields import FigureField
from remit.ui.forms import Form
from remit.ui.forms import ModelForm

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
MONEY = {"inputmode": "decimal", "spellcheck": "false", "class": "govuk-input--width-10"}


class PoundsField(forms.CharField):
    """Pounds as typed (commas and a £ sign allowed), to the penny, as whole pence."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.TextInput(attrs=MONEY))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> int | None:  # type: ignore[override]
        text = str(value or "").strip()
        if not text:
            return None
        try:
            return parse_pounds(text, str(self.label or "amount"))
        except RuleError as error:
            raise forms.ValidationError(f"{self.label}: {error.message}") from None


def pounds_text(pence: int | None) -> str:
    if pence is None:
        return ""
    whole, part = divmod(pence, 100)
    return f"{whole}.{part:02d}" if part else str(whole)


class FundForm(VersionedForm, Form):
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False)
    priorities = forms.CharField(
        label="Priorities",
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text="One priority a line, in the plan's order. Bidders say which they address.",
    )
    transition_year = forms.BooleanField(
        label="This is a transition year",
        required=False,
        help_text="Critical capabilities keep their funding: the scenario's protected amounts.",
    )
    identifier_prefix = forms.CharField(
        label="360Giving prefix",
        max_length=60,
        required=False,
        help_text="The part after 360G- in grant identifiers. Blank uses the owner's short name.",
    )
    notice_reference_prefix = forms.CharField(
        label="Decision notice prefix",
        max_length=16,
        required=False,
        help_text="Starts each decision notice's reference, as DN in DN-2026-001: capital "
        "letters and digits, starting with a letter. Notices already signed keep theirs.",
    )

    owner = forms.ModelChoiceField(
        label="Lead owner",
        queryset=Organisation.objects.none(),
        required=False,
        help_text="The organisation that runs the fund and is named as the funder.",
    )
    joint_owners = forms.ModelMultipleChoiceField(
        label="Joint owners",
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Other organisations that own the fund with the lead owner.",
    )
    decision_maker = forms.ModelChoiceField(
        label="Lead decision maker",
        queryset=Person.objects.none(),
        required=False,
        help_text="Signs the decision notices, and decides alone under the lead rule.",
    )
    joint_decision_makers = forms.ModelMultipleChoiceField(
        label="Joint decision makers",
        queryset=Person.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Other people who determine bids with the lead decision maker.",
    )
    decision_rule = forms.ChoiceField(
        label="How the decision makers decide",
        choices=DecisionRule.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text="With one decision maker, their decision is the determination.",
    )
    areas = forms.ModelMultipleChoiceField(
        label="Areas the fund may fund",
        queryset=Area.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Choose none for every area of the region.",
    )

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisations = region.organisations.order_by("name")
        people = region.people.order_by("name")
        self.fields["owner"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["joint_owners"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["decision_maker"].queryset = people  # type: ignore[attr-defined]
        self.fields["joint_decision_makers"].queryset = people  # type: ignore[attr-defined]
        areas = region.areas.filter(context=False).order_by("name")
        self.fields["areas"].queryset = areas  # type: ignore[attr-defined]

    def clean_priorities(self) -> list[str]:
        return [
            line.strip() for line in self.cleaned_data["priorities"].splitlines() if line.strip()
        ]

    def clean_notice_reference_prefix(self) -> str:
        return str(self.cleaned_data["notice_reference_prefix"]).strip().upper()

    def clean(self) -> dict[str, Any]:
        """A fund always has a lead owner, a rule and a notice prefix: left blank, they stay
        as they are."""
        data = super().clean() or {}
        for name in ("owner", "decision_rule", "notice_reference_prefix"):
            if not data.get(name):
                data.pop(name, None)
        return data

    @staticmethod
    def initial_for(fund: Fund) -> dict[str, Any]:
        return {
            "description": fund.description,
            "priorities": "\n".join(fund.priorities),
            "transition_year": fund.transition_year,
            "identifier_prefix": fund.identifier_prefix,
            "notice_reference_prefix": fund.notice_reference_prefix,
            "owner": fund.owner_id,
            "joint_owners": [o.pk for o in fund.joint_owners.all()],
            "decision_maker": fund.decision_maker_id,
            "joint_decision_makers": [p.pk for p in fund.joint_decision_makers.all()],
            "decision_rule": fund.decision_rule,
            "areas": [a.pk for a in fund.areas.all()],
        }


class ScenarioForm(VersionedForm, Form):
    name = forms.CharField(max_length=200, help_text="Such as: Population and deprivation, 60:40")
    yaml = forms.CharField(
        label="Scenario (YAML)",
        widget=forms.Textarea(attrs={"rows": 24, "spellcheck": "false", "class": "remit-code"}),
        help_text="The budget, top slices, protected amounts, weights, areas and their "
        "indicators, damping and the largest share; see the guide to the formula.",
    )


class PrefillForm(Form):
    areas = forms.MultipleChoiceField(
        label="Areas to share the fund between",
        widget=forms.CheckboxSelectMultiple,
        help_text="Each comes with its population; add other indicators afterwards.",
    )

    def __init__(self, *args: Any, areas: list[Area], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["areas"].choices = [  # type: ignore[attr-defined]
            (a.code, f"{a.name} ({a.code}), population {a.population:,}") for a in areas
        ]


class AdoptForm(Form):
    decided_on = forms.DateField(label="Decided on", widget=DATE)
    reasons = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}))


def _aware(day: Any, at: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, at), timezone.get_current_timezone())


class RoundForm(VersionedForm, Form):
    title = forms.CharField(max_length=200)
    slug = forms.SlugField(
        label="Short name", max_length=80, help_text="Used in links, such as 2018-19-main-round."
    )
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    opens_on = forms.DateField(label="Opens on", widget=DATE)
    opens_time = forms.TimeField(label="Opens at (time)", widget=TIME, initial=time(9, 0))
    closes_on = forms.DateField(label="Closes on", widget=DATE)
    closes_time = forms.TimeField(
        label="Closes at (time)",
        widget=TIME,
        initial=time(17, 0),
        help_text="UK time. Bids submitted after this are refused.",
    )
    eligibility = forms.CharField(
        label="Who may bid", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    max_years = forms.TypedChoiceField(
        label="Longest grant",
        choices=[(1, "1 year (single-year grants)"), (2, "2 years"), (3, "3 years")],
        coerce=int,
        widget=forms.RadioSelect,
        initial=1,
    )
    match_funding_rules = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    match_funding_min_percent = FigureField(
        label="Least match funding (%)",
        required=False,
        min_value=0,
        max_value=100,
        decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-4"}),
        help_text="As a percentage of the amount asked for. Leave blank for no minimum.",
    )
    budget_pence = PoundsField(
        label="Amount available (£)",
        required=False,
        help_text="Leave blank to make the fund's whole budget available.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for prefix in ("opens", "closes"):
            day, at = data.get(f"{prefix}_on"), data.get(f"{prefix}_time")
            if day is not None and at is not None:
                data[f"{prefix}_at"] = _aware(day, at)
        return data

    def service_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in ROUND_FIELDS if name in self.cleaned_data}

    @staticmethod
    def initial_for(round: Round) -> dict[str, Any]:
        opens = timezone.localtime(round.opens_at)
        closes = timezone.localtime(round.closes_at)
        return {
            "title": round.title,
            "slug": round.slug,
            "description": round.description,
            "opens_on": opens.date(),
            "opens_time": opens.time(),
            "closes_on": closes.date(),
            "closes_time": closes.time(),
            "eligibility": round.eligibility,
            "max_years": round.max_years,
            "match_funding_rules": round.match_funding_rules,
            "match_funding_min_percent": round.match_funding_min_percent,
            "budget_pence": pounds_text(round.budget_pence),
        }


class QuestionForm(ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Question
        fields = ["text", "hint", "required"]
        labels = {"required": "Bidders must answer this question"}


class CriterionForm(ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Criterion
        fields = ["title", "description", "weight", "scale_max"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "weight": forms.TextInput(
                attrs={"inputmode": "decimal", "class": "govuk-input--width-4"}
            ),
            "scale_max": forms.NumberInput(attrs={"class": "govuk-input--width-2"}),
        }
        help_texts = {"weight": "Weights are relative: 30 and 20 count the same as 3 and 2."}


class BidForm(VersionedForm, Form):
    """The bid itself: title, summary, areas, priorities, amounts per year and the answers."""

    title = forms.CharField(label="Project title", max_length=200)
    summary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text="What the project will do, for whom, and why it is needed.",
    )
    lead_area = forms.ModelChoiceField(
        label="Lead area",
        queryset=Area.objects.none(),
        required=False,
        help_text="The area the bid mainly serves: it counts against this area's share.",
    )
    areas = forms.ModelMultipleChoiceField(
        label="Other areas served",
        queryset=Area.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    priorities = forms.MultipleChoiceField(
        label="Priorities the project addresses",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args: Any, round: Round, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.round = round
        areas = (
            round.fund.fundable_areas()
            .filter(
                kind__in=[
                    Area.Kind.METROPOLITAN_DISTRICT,
                    Area.Kind.UNITARY,
                    Area.Kind.NON_METROPOLITAN_DISTRICT,
                    Area.Kind.COUNTY,
                ]
            )
            .order_by("name")
        )
        self.fields["lead_area"].queryset = areas  # type: ignore[attr-defined]
        self.fields["areas"].queryset = areas  # type: ignore[attr-defined]
        priorities = list(round.fund.priorities)
        self.fields["priorities"].choices = [(p, p) for p in priorities]  # type: ignore[attr-defined]
        if not priorities:
            del self.fields["priorities"]
        self.years = list(round.years)
        for index, year in enumerate(self.years):
            self.fields[f"amount_{index}"] = PoundsField(
                label=f"Amount asked for in {year} (£)", required=False
            )
        self.questions = list(round.questions.order_by("position"))
        for question in self.questions:
            self.fields[f"answer_{question.pk}"] = forms.CharField(
                label=f"{question.position}. {question.text}",
                help_text=question.hint,
                required=False,
                widget=forms.Textarea(attrs={"rows": 5}),
            )

    def service_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        result: dict[str, Any] = {
            "title": data["title"],
            "summary": data.get("summary", ""),
            "lead_area": data.get("lead_area"),
            "areas": list(data.get("areas") or []),
            "amounts": {year: data.get(f"amount_{index}") for index, year in enumerate(self.years)},
            "answers": {q.pk: data.get(f"answer_{q.pk}", "") for q in self.questions},
        }
        if "priorities" in self.fields:
            result["priorities"] = list(data.get("priorities") or [])
        return result

    @staticmethod
    def initial_for(bid: Any) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "title": bid.title,
            "summary": bid.summary,
            "lead_area": bid.lead_area_id,
            "areas": [a.pk for a in bid.areas.all() if a.pk != bid.lead_area_id],
            "priorities": list(bid.priorities),
        }
        asked = {a.financial_year: a.amount_pence for a in bid.amounts.all()}
        for index, year in enumerate(bid.round.years):
            initial[f"amount_{index}"] = pounds_text(asked.get(year))
        for answer in bid.answers.all():
            initial[f"answer_{answer.question_id}"] = answer.text
        return initial


class MatchFundingForm(Form):
    source = forms.CharField(max_length=200, help_text="Who provides the money, and from what.")
    amount_pence = PoundsField(label="Amount (£)")
    confirmed = forms.BooleanField(label="The money is confirmed", required=False)


class OutcomeForm(Form):
    outcome = forms.CharField(max_length=300, help_text="The change the project will make.")
    measure = forms.CharField(
        label="How it will be measured", max_length=300, help_text="The evidence you will report."
    )
    target = forms.CharField(max_length=200, required=False, help_text="Such as: 120 young people")


class AttachmentForm(Form):
    file = forms.FileField(
        label="File",
        help_text="PDF, Word (DOCX) or Excel (XLSX), up to 10 MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.xlsx"}),
    )


class ConfirmForm(Form):
    """No fields: the button is the answer."""


class ReasonForm(Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))


class InterestForm(Form):
    nature = forms.CharField(
        label="Nature of the interest",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example: a trustee of the organisation, or a close relative works there.",
    )


class ScoreForm(Form):
    """A score and a comment for each of the round's criteria."""

    def __init__(self, *args: Any, criteria: list[Criterion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"score_{criterion.pk}"] = forms.TypedChoiceField(
                label=f"{criterion.title} (weight {criterion.weight.normalize():f})",
                choices=[(n, str(n)) for n in range(criterion.scale_max + 1)],
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
                help_text=criterion.description or f"0 (none) to {criterion.scale_max} (excellent)",
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=f"Comment on {criterion.title.lower()}",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def scores(self) -> dict[int, tuple[int | None, str]]:
        return {
            c.pk: (
                self.cleaned_data.get(f"score_{c.pk}"),
                self.cleaned_data.get(f"comment_{c.pk}", ""),
            )
            for c in self.criteria
        }


OUTCOME_CHOICES = [(o.value, o.label) for o in Outcome]


class DecisionForm(Form):
    outcome = forms.ChoiceField(choices=OUTCOME_CHOICES, widget=forms.RadioSelect)
    amount_pence = PoundsField(
        label="Amount to fund (£)",
        required=False,
        help_text="Only when funding in part; funding in full gives all that was asked.",
    )
    reasons = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False)
    correction_note = forms.CharField(
        label="What the correction puts right",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(
        self,
        *args: Any,
        correcting: bool = False,
        years: list[tuple[str, int]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if not correcting:
            del self.fields["correction_note"]
        self.years = [(year, asked) for year, asked in years or [] if asked > 0]
        if len(self.years) > 1:
            self._year_fields()

    def _year_fields(self) -> None:
        """A multi-year bid funded in part gets an amount for each year it asks for."""
        from remit.funding.rules import money

        total = self.fields["amount_pence"]
        total.label = "Total to fund (£)"
        total.help_text = (
            "Only when funding in part, and optional: if you enter it, it must be what the "
            "years below add up to."
        )
        order = list(self.fields)
        at = order.index("amount_pence") + 1
        for year, asked in self.years:
            name = year_field(year)
            self.fields[name] = PoundsField(
                label=f"Amount to fund in {year} (£)",
                required=False,
                help_text=f"Only when funding in part. {money(asked)} asked for in {year}; "
                "enter 0 to fund nothing that year.",
            )
            order.insert(at, name)
            at += 1
        self.order_fields(order)

    def amounts_by_year(self) -> dict[str, int | None] | None:
        if len(self.years) < 2:
            return None
        return {year: self.cleaned_data.get(year_field(year)) for year, _ in self.years}

    def aliases(self) -> dict[str, str]:
        """The service's name for each year's amount, and the form's."""
        return {f"amounts_pence.{year}": year_field(year) for year, _ in self.years}


def year_field(year: str) -> str:
    """The form field for one financial year's amount: 2019/20 is amount_2019_20."""
    return "amount_" + year.replace("/", "_")


class RecommendationForm(DecisionForm):
    recommended_on = forms.DateField(label="Recommended on", widget=DATE)

    field_order = ["outcome", "amount_pence", "recommended_on", "reasons", "correction_note"]


class DeterminationForm(DecisionForm):
    decided_on = forms.DateField(label="Decided on", widget=DATE)
    reference = forms.CharField(
        label="Decision reference",
        max_length=100,
        required=False,
        help_text="The reference the decision maker gave the decision, if any.",
    )

    field_order = [
        "outcome",
        "amount_pence",
        "decided_on",
        "reference",
        "reasons",
        "correction_note",
    ]


class AgreementForm(VersionedForm, ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Grant
        fields = list(AGREEMENT_FIELDS)
        widgets = {
            "agreement_start": DATE,
            "agreement_end": DATE,
            "agreement_signed_on": DATE,
            "conditions": forms.Textarea(attrs={"rows": 4}),
            "return_frequency": forms.RadioSelect,
        }
        error_messages = {
            "return_frequency": {"required": "Select how often monitoring returns are due"}
        }


class ScheduleForm(VersionedForm, Form):
    schedule = forms.CharField(
        label="Instalments",
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "false", "class": "remit-code"}),
        help_text="One a line: the date it is paid and the amount, like 2018-04-30, 12500.00. "
        "They must add up to the award.",
    )


class ReturnForm(VersionedForm, Form):
    spend_to_date_pence = PoundsField(label="Spend to date (£)")
    outcomes_report = forms.CharField(
        label="Outcomes against measures",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="For each outcome: what the measure shows so far.",
    )
    rag = forms.ChoiceField(
        label="RAG status", choices=[(r.value, r.label) for r in Rag], widget=forms.RadioSelect
    )

    def __init__(self, *args: Any, outcomes: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.outcomes = list(outcomes)
        order = list(self.fields)
        at = order.index("outcomes_report")
        for outcome in self.outcomes:
            name = f"figure_{outcome.pk}"
            target = f" Target: {outcome.target}." if outcome.target else ""
            self.fields[name] = forms.CharField(
                label=f"{outcome.measure} so far",
                help_text=f"The number for the outcome “{outcome.outcome}”.{target}",
                widget=forms.TextInput(
                    attrs={"inputmode": "decimal", "class": "govuk-input--width-10"}
                ),
            )
            order.insert(at, name)
            at += 1
        self.order_fields(order)

    def figures(self) -> dict[int, str]:
        return {o.pk: self.cleaned_data.get(f"figure_{o.pk}", "") for o in self.outcomes}

    def aliases(self) -> dict[str, str]:
        return {f"figures.{o.pk}": f"figure_{o.pk}" for o in self.outcomes}


class PaymentForm(Form):
    paid_on = forms.DateField(label="Date paid", widget=DATE)
    amount_pence = PoundsField(label="Amount paid (£)")
    reference = forms.CharField(
        label="Payment reference",
        max_length=100,
        help_text="The reference on the remittance or in the finance system, such as PAY-004512.",
    )


class ReversalForm(Form):
    note = forms.CharField(
        label="Why is the payment reversed?",
        error_messages={"required": "Enter why the payment is reversed"},
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Such as: the amount was keyed wrongly, or the payment was returned by the bank.",
    )


class NextFundForm(Form):
    """Next year's fund, set up from this year's."""

    name = forms.CharField(label="Name of next year's fund", max_length=200)
    budget_pence = PoundsField(label="Next year's budget (£)")
    scenario = forms.ChoiceField(
        label="Allocation scenario to carry forward",
        widget=forms.RadioSelect,
        help_text="It becomes next year's first scenario, for the new year and budget. "
        "Adopting it for next year is a decision of its own.",
    )
    transition_year = forms.BooleanField(
        label="Next year is a transition year",
        required=False,
        help_text="Critical capabilities keep their funding: the scenario's protected amounts.",
    )

    NONE = "none"

    def __init__(self, *args: Any, fund: Fund, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        scenarios = list(fund.scenarios.order_by("created_at", "pk"))
        self.scenarios = {str(s.pk): s for s in scenarios}
        choices = [
            (str(s.pk), f"{s.name}{' (adopted)' if s.pk == fund.adopted_scenario_id else ''}")
            for s in scenarios
        ]
        self.fields["scenario"].choices = [*choices, (self.NONE, "None: start with no scenario")]

    def chosen_scenario(self) -> Any:
        return self.scenarios.get(self.cleaned_data["scenario"])


class BoardRecommendationForm(Form):
    """The board's recommendation on a round's bids, taken under an item of its meeting.

    One group of fields per bid waiting for a recommendation (`bid12-outcome`, ...); a bid left
    as "Not decided at this meeting" is left out.
    """

    item = forms.ModelChoiceField(
        queryset=None,
        label="Agenda item",
        help_text="The item of the recommending board's meeting where the recommendation was made. "
        "The meeting must have been held.",
        error_messages={
            "required": "Choose the agenda item where the board made its recommendation.",
            "invalid_choice": "Choose one of the agenda items listed.",
        },
    )
    resolution = forms.CharField(
        label="What the board resolved",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Write down what the board resolved."},
        help_text="In the board's words. The bids and amounts below are listed after it.",
    )

    def __init__(
        self, *args: Any, items: Any, bids: list[Any], years: dict[int, list[Any]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["item"]
        field.queryset = items
        field.label_from_instance = lambda i: (
            f"{i.meeting.board.name}, {i.meeting.date.day} {i.meeting.date:%B %Y}: {i.title}"
        )
        self.bids = bids
        self.groups: list[tuple[Any, list[str]]] = []
        self.years = {pk: [(y, a) for y, a in ys if a > 0] for pk, ys in years.items()}
        for bid in bids:
            self.groups.append((bid, self._bid_fields(bid)))

    def _bid_fields(self, bid: Any) -> list[str]:
        from remit.funding.rules import money

        p = f"bid{bid.pk}-"
        names = [p + "outcome", p + "amount_pence"]
        self.fields[p + "outcome"] = forms.ChoiceField(
            label="Recommendation",
            choices=[("", "Not decided at this meeting"), *OUTCOME_CHOICES],
            required=False,
        )
        self.fields[p + "amount_pence"] = PoundsField(
            label="Amount to fund (£)",
            required=False,
            help_text="Only when funding in part.",
        )
        years = self.years.get(bid.pk, [])
        if len(years) > 1:
            self.fields[p + "amount_pence"].label = "Total to fund (£)"
            self.fields[
                p + "amount_pence"
            ].help_text = (
                "Only when funding in part, and optional: the years below must add up to it."
            )
            for year, asked in years:
                name = p + year_field(year)
                self.fields[name] = PoundsField(
                    label=f"Amount to fund in {year} (£)",
                    required=False,
                    help_text=f"Only when funding in part. {money(asked)} asked for in {year}.",
                )
                names.append(name)
        self.fields[p + "reasons"] = forms.CharField(
            label="Reasons", widget=forms.Textarea(attrs={"rows": 2}), required=False
        )
        names.append(p + "reasons")
        return names

    def bid_groups(self) -> list[tuple[Any, list[Any]]]:
        """Each bid with its fields, to show under its own heading."""
        return [(bid, [self[name] for name in names]) for bid, names in self.groups]

    def verdicts(self) -> list[dict[str, Any]]:
        """What the board recommended on each bid it decided on, as the service takes it."""
        chosen = []
        for bid in self.bids:
            p = f"bid{bid.pk}-"
            outcome = self.cleaned_data.get(p + "outcome")
            if not outcome:
                continue
            years = self.years.get(bid.pk, [])
            by_year = (
                {y: self.cleaned_data.get(p + year_field(y)) for y, _ in years}
                if len(years) > 1
                else None
            )
            chosen.append(
                {
                    "bid": bid,
                    "outcome": outcome,
                    "reasons": self.cleaned_data.get(p + "reasons", ""),
                    "amount_pence": self.cleaned_data.get(p + "amount_pence"),
                    "amounts_pence": by_year,
                }
            )
        return chosen

    def aliases(self) -> dict[str, str]:
        return {
            f"bid{pk}-amounts_pence.{year}": f"bid{pk}-{year_field(year)}"
            for pk, years in self.years.items()
            for year, _ in years
        } | {"resolution": "resolution"}


class RoundAgendaForm(Form):
    meeting = forms.ModelChoiceField(
        queryset=None,
        label="Meeting",
        help_text="An upcoming meeting of the recommending board.",
        error_messages={"required": "Choose the meeting.", "invalid_choice": "Choose a meeting."},
    )

    def __init__(self, *args: Any, meetings: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["meeting"]
        field.queryset = meetings
        field.label_from_instance = lambda m: f"{m.board.name}, {m.date.day} {m.date:%B %Y}"


class DecisionNoticeForm(Form):
    decision = forms.CharField(
        label="Decision",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Write down the decision."},
        help_text="What you have decided, in a sentence or two. The bids and amounts are listed "
        "on the notice from your determinations.",
    )
    reasons = forms.CharField(
        label="Reasons for the decision",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Give the reasons for the decision."},
    )
    declarations = forms.CharField(
        label="Declarations of interest",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="Any interest you have in the decision. Leave blank if you have none: the "
        "notice then says none declared.",
    )
    decided_on = forms.DateField(
        label="Date of the decision",
        widget=DATE,
        error_messages={"required": "Enter the date of the decision."},
    )
    signatory_role = forms.CharField(
        label="Your role",
        max_length=200,
        help_text="As it appears below your name.",
        error_messages={"required": "Enter the role of the person signing."},
    )
    signed_on = forms.DateField(
        label="Date signed", widget=DATE, error_messages={"required": "Enter the date signed."}
    )
    correction_note = forms.CharField(
        label="What the correction puts right",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args: Any, correcting: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not correcting:
            del self.fields["correction_note"]
