"""Forms for business cases, including the year-by-year grid of an option's flows.

The grid form turns what was typed into the case-file shape the engine reads, and maps the
engine's error paths (`options[1].revenue.2026`) back onto the cell that was typed in.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from decimal import InvalidOperation
from typing import Any

from django import forms

from remit.appraisal.greenbook import Bound
from remit.appraisal.greenbook import DiscountSchedule
from remit.appraisal.greenbook import Option
from remit.appraisal.greenbook import ProjectType
from remit.appraisal.inputs import SHARE_KEYS
from remit.appraisal.inputs import number
from remit.appraisal.models import ApprovalDecision
from remit.appraisal.models import BusinessCase
from remit.appraisal.models import DeliveryMilestone
from remit.appraisal.models import FundingLine
from remit.appraisal.models import Risk
from remit.appraisal.services import CASE_FIELDS
from remit.appraisal.services import DECISION_FIELDS
from remit.appraisal.workflow import Outcome
from remit.appraisal.workflow import SectionKind
from remit.core.forms import VersionedForm
from remit.core.models import Board
from remit.core.models import Mission
from remit.core.models import Person
from remit.core.models import Region
from remit.ui.fields import FigureField
from remit.ui.fields import typed_figure
from remit.ui.forms import Form
from remit.ui.forms import ModelForm

HUNDRED = Decimal(100)
MAX_PENCE = 10**15
SHARE_LABELS = {
    "leakage": "Leakage",
    "deadweight": "Deadweight",
    "displacement": "Displacement",
    "substitution": "Substitution",
}
EXTRA_BENEFIT_ROWS = 2


GRID_SIZES = {"amount": "remit-grid__amount", "share": "remit-grid__share"}


def _number_input(size: str) -> forms.TextInput:
    """A text box for figures (commas allowed), sized for the grid or as a GOV.UK width."""
    css = GRID_SIZES.get(size, f"govuk-input--{size}")
    return forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false", "class": css})


class _FigureField(forms.CharField):
    """A figure as typed (commas and a £ or % sign allowed), read as a `Decimal`."""

    width = ""
    not_a_figure = ""

    def __init__(self, *, size: str = "", **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", _number_input(size or self.width))
        super().__init__(**kwargs)

    def figure(self, value: Any) -> Decimal | None:
        text = typed_figure(str(value or ""))
        if not text:
            return None
        try:
            return Decimal(text)
        except InvalidOperation:
            raise forms.ValidationError(f"{self.label}: {self.not_a_figure}") from None


class AmountField(_FigureField):
    """Pounds as typed (commas and a £ sign allowed), to the penny, as a `Decimal`."""

    width = "width-10"
    not_a_figure = "enter an amount in pounds, like 120000 or 1,250.50"

    def __init__(self, *, negative: bool = True, **kwargs: Any) -> None:
        self.negative = negative
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        amount = self.figure(value)
        if amount is None:
            return None
        if not amount.is_finite() or amount != amount.quantize(Decimal("0.01")):
            raise forms.ValidationError(f"{self.label}: enter pounds to the penny at most")
        if amount < 0 and not self.negative:
            raise forms.ValidationError(f"{self.label}: cannot be negative")
        return amount


class PercentField(_FigureField):
    """A percentage as typed (24 for 24%), as the fraction the engine reads (0.24)."""

    width = "width-4"
    not_a_figure = "enter a percentage, like 25"

    def __init__(self, *, at_most: Decimal | None = HUNDRED, **kwargs: Any) -> None:
        self.at_most = at_most
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        share = self.figure(value)
        if share is None:
            return None
        if not share.is_finite() or share < 0:
            raise forms.ValidationError(f"{self.label}: enter a percentage of 0 or more")
        if self.at_most is not None and share > self.at_most:
            raise forms.ValidationError(f"{self.label}: enter a percentage up to {self.at_most}")
        return share / HUNDRED


def percent_text(fraction: Decimal) -> str:
    return f"{number(fraction * HUNDRED)}"


def amount_text(amount: Decimal) -> str:
    return f"{number(amount)}"


@dataclass(frozen=True)
class GridRow:
    """One row of the grid: a label or a name field, the share fields, then a cell per year."""

    label: str
    name: Any
    shares: list[Any]
    cells: list[Any]


class OptionGridForm(Form):
    """One option: its flags, optimism bias, and a grid of flows by year."""

    name = forms.CharField(max_length=200, label="Option name")
    description = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}), label="Description"
    )
    counterfactual = forms.BooleanField(
        required=False,
        label="This is the counterfactual (business as usual)",
        help_text="Exactly one option is; every other option is measured against it.",
    )
    nominal = forms.BooleanField(
        required=False,
        label="Figures are in cash prices (nominal)",
        help_text="They are converted to base-year prices with the deflators in the settings.",
    )
    bias_capital = PercentField(at_most=None, label="Optimism bias on capital (%)")
    bias_revenue = PercentField(at_most=None, label="Optimism bias on revenue (%)")
    project_type = forms.ChoiceField(
        required=False,
        label="Or: optimism bias from the Green Book table, for this project type",
        choices=[("", "Not used")]
        + [(choice.value, choice.value.replace("_", " ").capitalize()) for choice in ProjectType],
    )
    bound = forms.ChoiceField(
        required=False,
        label="Bound of the table",
        choices=[("", "Upper (the default)")] + [(b.value, b.value.capitalize()) for b in Bound],
    )
    mitigation = PercentField(label="Bias removed by mitigation (%)")
    based_on = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        years: Sequence[int],
        benefit_names: Sequence[str] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.years = list(years)
        submitted = self._submitted_benefit_rows()
        self.benefit_rows = max(len(benefit_names) + EXTRA_BENEFIT_ROWS, submitted)
        for line in ("capital", "revenue"):
            for year in self.years:
                self.fields[f"{line}_{year}"] = AmountField(
                    negative=False, label=f"{line.capitalize()} {year}", size="amount"
                )
        for row in range(self.benefit_rows):
            self.fields[f"benefit_{row}_name"] = forms.CharField(
                required=False,
                max_length=200,
                label=f"Benefit line {row + 1}: name",
                widget=forms.TextInput(attrs={"class": "remit-grid__name"}),
            )
            for key in SHARE_KEYS:
                self.fields[f"benefit_{row}_{key}"] = PercentField(
                    label=f"Benefit line {row + 1}: {SHARE_LABELS[key].lower()} (%)",
                    size="share",
                )
            for year in self.years:
                self.fields[f"benefit_{row}_{year}"] = AmountField(
                    label=f"Benefit line {row + 1}, {year}", size="amount"
                )

    def _submitted_benefit_rows(self) -> int:
        if not self.is_bound:
            return 0
        rows = 0
        while f"{self.add_prefix(f'benefit_{rows}_name')}" in self.data:
            rows += 1
        return rows

    @staticmethod
    def initial_for(option: Option, based_on: int | None) -> dict[str, Any]:
        bias = option.optimism_bias
        initial: dict[str, Any] = {
            "name": option.name,
            "description": option.description,
            "counterfactual": option.counterfactual,
            "nominal": option.nominal,
            "mitigation": percent_text(bias.mitigation) if bias.mitigation else "",
            "based_on": based_on,
        }
        if bias.project_type is not None:
            initial["project_type"] = bias.project_type.value
            initial["bound"] = bias.bound.value if bias.bound else ""
        else:
            initial["bias_capital"] = percent_text(bias.capital) if bias.capital else ""
            initial["bias_revenue"] = percent_text(bias.revenue) if bias.revenue else ""
        for line, flows in (("capital", option.capital), ("revenue", option.revenue)):
            for year, amount in flows.items():
                initial[f"{line}_{year}"] = amount_text(amount)
        for row, benefit in enumerate(option.benefits):
            initial[f"benefit_{row}_name"] = benefit.name
            for key in SHARE_KEYS:
                share = getattr(benefit.additionality, key)
                initial[f"benefit_{row}_{key}"] = percent_text(share) if share else ""
            for year, amount in benefit.flows.items():
                initial[f"benefit_{row}_{year}"] = amount_text(amount)
        return initial

    def grid(self) -> list[GridRow]:
        rows = [
            GridRow(line.capitalize(), None, [], [self[f"{line}_{year}"] for year in self.years])
            for line in ("capital", "revenue")
        ]
        for row in range(self.benefit_rows):
            rows.append(
                GridRow(
                    f"Benefit line {row + 1}",
                    self[f"benefit_{row}_name"],
                    [self[f"benefit_{row}_{key}"] for key in SHARE_KEYS],
                    [self[f"benefit_{row}_{year}"] for year in self.years],
                )
            )
        return rows

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        names: dict[str, int] = {}
        for row in range(self.benefit_rows):
            name = (data.get(f"benefit_{row}_name") or "").strip()
            filled = any(data.get(f"benefit_{row}_{year}") is not None for year in self.years)
            if filled and not name:
                self.add_error(f"benefit_{row}_name", f"Benefit line {row + 1}: give it a name")
            if name in names:
                self.add_error(
                    f"benefit_{row}_name",
                    f"Benefit line {row + 1}: the same name as line {names[name] + 1}",
                )
            if name:
                names[name] = row
        return data

    def option_mapping(self) -> dict[str, Any]:
        """What was typed, in the case-file shape, for the engine to check and appraise."""
        data = self.cleaned_data
        option: dict[str, Any] = {"name": data["name"].strip()}
        if data.get("description"):
            option["description"] = data["description"].strip()
        option["counterfactual"] = bool(data.get("counterfactual"))
        option["nominal"] = bool(data.get("nominal"))
        for line in ("capital", "revenue"):
            flows = self._flows(line)
            if flows:
                option[line] = flows
        benefits: dict[str, Any] = {}
        for row in range(self.benefit_rows):
            name = (data.get(f"benefit_{row}_name") or "").strip()
            if not name:
                continue
            flows = self._flows(f"benefit_{row}")
            shares = {
                key: data[f"benefit_{row}_{key}"]
                for key in SHARE_KEYS
                if data.get(f"benefit_{row}_{key}") is not None
            }
            benefits[name] = {"flows": flows, **shares} if shares else flows
        if benefits:
            option["benefits"] = benefits
        bias = self._bias()
        if bias:
            option["optimism_bias"] = bias
        return option

    def _flows(self, prefix: str) -> dict[int, Decimal]:
        return {
            year: self.cleaned_data[f"{prefix}_{year}"]
            for year in self.years
            if self.cleaned_data.get(f"{prefix}_{year}") is not None
        }

    def _bias(self) -> dict[str, Any]:
        data = self.cleaned_data
        bias: dict[str, Any] = {}
        if data.get("project_type"):
            bias["project_type"] = data["project_type"]
            if data.get("bound"):
                bias["bound"] = data["bound"]
        elif data.get("bound"):
            bias["bound"] = data["bound"]
        for key, field in (("capital", "bias_capital"), ("revenue", "bias_revenue")):
            if data.get(field) is not None:
                bias[key] = data[field]
        if data.get("mitigation") is not None:
            bias["mitigation"] = data["mitigation"]
        return bias

    def field_for_path(self, path: str) -> str | None:
        """The field where an engine error about this option belongs, if there is one."""
        if "]." not in path:
            return None
        rest = path.split("].", 1)[1]
        head, _, tail = rest.partition(".")
        if head in ("name", "description", "counterfactual", "nominal"):
            return head
        if head in ("capital", "revenue"):
            return f"{head}_{tail}" if f"{head}_{tail}" in self.fields else None
        if head == "optimism_bias":
            key = {"capital": "bias_capital", "revenue": "bias_revenue"}.get(tail, tail)
            return key if key in self.fields else None
        if head == "benefits":
            return self._benefit_field(tail)
        return None

    def _benefit_field(self, tail: str) -> str | None:
        for row in range(self.benefit_rows):
            name = (self.cleaned_data.get(f"benefit_{row}_name") or "").strip()
            if name and (tail == name or tail.startswith(f"{name}.")):
                last = tail[len(name) :].lstrip(".").removeprefix("flows.").removeprefix("flows")
                field = f"benefit_{row}_{last}" if last else f"benefit_{row}_name"
                return field if field in self.fields else f"benefit_{row}_name"
        return None


class SettingsForm(VersionedForm, Form):
    """Base year and years in the grid; once there is an appraisal, discount and deflators."""

    base_year = forms.IntegerField(
        label="Base year",
        min_value=1000,
        max_value=9999,
        help_text="Year 0: the price base, and the year discounting starts from.",
    )
    appraisal_period = forms.IntegerField(
        label="Years in the grid",
        min_value=1,
        max_value=60,
        help_text="How many years from the base year the grid of flows shows.",
    )
    discount = forms.ChoiceField(
        label="Discount rate",
        widget=forms.RadioSelect,
        choices=[
            (DiscountSchedule.STANDARD.value, "Standard (3.5% a year to year 30, declining)"),
            (DiscountSchedule.HEALTH.value, "Health (1.5% a year to year 30, declining)"),
        ],
    )
    based_on = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, years: Sequence[int] = (), with_run: bool, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.years = list(years) if with_run else []
        if not with_run:
            del self.fields["discount"]
        for year in self.years:
            self.fields[f"deflator_{year}"] = FigureField(
                required=False,
                min_value=Decimal("0.0001"),
                max_digits=12,
                decimal_places=4,
                label=f"GDP deflator {year}",
            )

    def deflators(self) -> dict[int, Decimal | None]:
        return {year: self.cleaned_data.get(f"deflator_{year}") for year in self.years}

    def deflator_fields(self) -> list[Any]:
        return [self[f"deflator_{year}"] for year in self.years]


class UploadForm(Form):
    file = forms.FileField(
        label="Upload the appraisal inputs",
        help_text="A case file (.yaml), or an Excel workbook (.xlsx) laid out as the "
        "downloaded workbook is.",
        widget=forms.ClearableFileInput(attrs={"accept": ".yaml,.yml,.xlsx"}),
    )


class CaseForm(VersionedForm, ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = BusinessCase
        fields = list(CASE_FIELDS)
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = Person.objects.filter(region=region)  # type: ignore[attr-defined]
        self.fields["owner"].label = "Owner (senior responsible owner)"
        proposal = self.fields["proposal"]
        model = proposal.queryset.model  # type: ignore[attr-defined]
        proposal.queryset = model.all_objects.filter(deal__region=region)  # type: ignore[attr-defined]


SECTION_TEXT_LABELS = {
    SectionKind.STRATEGIC: (
        "Case for change",
        "Why the change is needed: the problem, the evidence, and what happens without it.",
    ),
    SectionKind.ECONOMIC: (
        "Economic case",
        "The options considered, how they were appraised and "
        "why the preferred option offers the best value.",
    ),
    SectionKind.COMMERCIAL: (
        "Commercial case",
        "How the option will be procured: the route, "
        "contract, payment and the risks the supplier bears.",
    ),
    SectionKind.FINANCIAL: (
        "Financial case",
        "Affordability: where the money comes from and how any gap will be closed.",
    ),
    SectionKind.MANAGEMENT: (
        "Delivery plan",
        "Who delivers what, when, and how delivery is governed, reported and evaluated.",
    ),
}


class SectionForm(VersionedForm, Form):
    text = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 8}))

    def __init__(
        self,
        *args: Any,
        kind: str,
        region: Region,
        option_names: Iterable[str] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        label, hint = SECTION_TEXT_LABELS[SectionKind(kind)]
        self.fields["text"].label = label
        self.fields["text"].help_text = hint
        if kind == SectionKind.STRATEGIC:
            self.fields["objectives"] = forms.CharField(
                required=False,
                widget=forms.Textarea(attrs={"rows": 5}),
                label="Objectives",
                help_text="What the investment must achieve, one objective a line.",
            )
            self.fields["missions"] = forms.ModelMultipleChoiceField(
                queryset=Mission.objects.filter(region=region),
                required=False,
                widget=forms.CheckboxSelectMultiple,
                label="Missions served",
            )
        if kind == SectionKind.ECONOMIC:
            names = list(option_names)
            self.fields["preferred_option"] = forms.ChoiceField(
                required=False,
                label="Preferred option",
                choices=[("", "Not chosen yet")] + [(name, name) for name in names],
                help_text="Affordability is shown against this option's costs.",
            )


class CommentForm(Form):
    text = forms.CharField(
        label="Add a review comment", widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )


class FundingLineForm(VersionedForm, ModelForm):  # type: ignore[type-arg]
    amount = AmountField(negative=False, required=True, label="Amount (£)")

    class Meta:
        model = FundingLine
        fields = ["source", "year"]

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["amount"] = amount_text(Decimal(self.instance.amount_pence) / 100)

    def row_data(self) -> dict[str, Any]:
        pence = int(self.cleaned_data["amount"] * 100)
        if pence > MAX_PENCE:
            raise forms.ValidationError("Amount (£): too large")
        return {
            "source": self.cleaned_data["source"],
            "year": self.cleaned_data["year"],
            "amount_pence": pence,
        }


class MilestoneForm(VersionedForm, ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = DeliveryMilestone
        fields = ["title", "due_on", "achieved_on"]
        widgets = {"due_on": forms.DateInput(), "achieved_on": forms.DateInput()}

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)

    def row_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class RiskForm(VersionedForm, ModelForm):  # type: ignore[type-arg]
    likelihood = forms.TypedChoiceField(
        coerce=int,
        choices=[(n, str(n)) for n in range(1, 6)],
        help_text="1 (rare) to 5 (almost certain).",
    )
    impact = forms.TypedChoiceField(
        coerce=int,
        choices=[(n, str(n)) for n in range(1, 6)],
        help_text="1 (negligible) to 5 (severe).",
    )

    class Meta:
        model = Risk
        fields = ["title", "owner", "likelihood", "impact", "mitigation"]
        widgets = {"mitigation": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = Person.objects.filter(region=region)  # type: ignore[attr-defined]
        self.fields["owner"].label = "Risk owner"

    def row_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class DecisionForm(ModelForm):  # type: ignore[type-arg]
    outcome = forms.ChoiceField(choices=Outcome.choices, widget=forms.RadioSelect)

    class Meta:
        model = ApprovalDecision
        fields = list(DECISION_FIELDS)
        widgets = {
            "decided_on": forms.DateInput(),
            "conditions": forms.Textarea(attrs={"rows": 3}),
            "reasons": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "conditions": "Needed when the board approves with conditions.",
            "minute_reference": "The minute or decision reference, as the board records it.",
        }

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["board"].queryset = Board.objects.filter(region=region)  # type: ignore[attr-defined]
        self.fields["board"].label = "Board that decided"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("outcome") == Outcome.APPROVED_WITH_CONDITIONS and not data.get("conditions"):
            self.add_error("conditions", "State the conditions of the approval.")
        return data

    def decision_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) or "" for name in self.Meta.fields} | {
            "board": self.cleaned_data["board"],
            "decided_on": self.cleaned_data["decided_on"],
        }

    def _post_clean(self) -> None:
        """The service builds and validates the decision; the form checks the fields only."""


class CorrectionForm(DecisionForm):
    correction_note = forms.CharField(
        label="What was wrong with the record",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
