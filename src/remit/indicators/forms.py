"""Forms for indicators, targets, uploads, results and reports; choices limited to the region."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms

from remit.core.forms import VersionedForm
from remit.core.models import Area
from remit.core.models import Mission
from remit.core.models import Region
from remit.indicators import measures
from remit.indicators.models import CRIME_TYPES
from remit.indicators.models import Indicator
from remit.indicators.models import Origin
from remit.indicators.models import Result
from remit.indicators.models import ResultMilestone
from remit.indicators.models import Target
from remit.indicators.services.results import PROGRESS_NOTE_MAX
from remit.ui.fields import FigureField
from remit.ui.forms import Form
from remit.ui.forms import ModelForm


def _missions(region: Region) -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        queryset=Mission.objects.filter(region=region).order_by("number"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Missions it evidences",
    )


class IndicatorForm(VersionedForm, ModelForm):  # type: ignore[type-arg]
    crime_types = forms.MultipleChoiceField(
        choices=[(t, t) for t in CRIME_TYPES],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Crime types counted",
        help_text="For a crime indicator: the police.uk crime types it adds up. Neighbourhood "
        "crime is burglary, robbery, theft from the person and vehicle crime.",
    )

    class Meta:
        model = Indicator
        fields = [
            "name",
            "slug",
            "description",
            "source",
            "period",
            "geography",
            "licence",
            "origin",
            "crime_types",
            "kind",
            "decimal_places",
            "unit_label",
            "polarity",
            "baseline_period",
            "baseline_value",
        ]
        labels = {
            "slug": "Short name",
            "origin": "Where its figures come from",
            "kind": "What its figures are",
            "decimal_places": "Decimal places shown",
            "polarity": "Better when",
        }
        field_classes = {"baseline_value": FigureField}
        help_texts = {
            "slug": "Used in links: lower-case letters, digits and hyphens.",
            "kind": "Counts, rates, scores and ranks measure performance: areas are ranked "
            "against each other and can have targets. Context, such as population, is shown "
            "as a fact only. A crime indicator is a count or a rate per 1,000 people.",
            "decimal_places": "For rates and scores, from 0 to 4. Counts, ranks and context "
            "are shown as whole numbers.",
            "polarity": "Leave as it is for a context figure: it is not rated.",
        }
        widgets = {
            "origin": forms.RadioSelect,
            "kind": forms.RadioSelect,
            "polarity": forms.RadioSelect,
        }

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["missions"] = _missions(region)
        if self.instance.pk:
            self.initial["missions"] = list(self.instance.missions.values_list("pk", flat=True))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("origin") == Origin.CRIME and not data.get("crime_types"):
            self.add_error("crime_types", "Choose at least one crime type.")
        return data

    def _post_clean(self) -> None:
        """Leave model validation to the service, which reports it against the field."""


class TargetForm(ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Target
        fields = ["area", "due", "value", "note"]
        widgets = {"due": forms.DateInput(attrs={"type": "date"})}
        help_texts = {"value": "In the indicator's unit."}
        field_classes = {"value": FigureField}

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        area = self.fields["area"]
        area.queryset = Area.objects.filter(region=region).order_by("name")  # type: ignore[attr-defined]
        area.empty_label = "The region as a whole"  # type: ignore[attr-defined]

    def _post_clean(self) -> None:
        """The service validates the target (and its uniqueness) with the indicator set."""


class SeriesUploadForm(Form):
    file = forms.FileField(
        label="CSV file",
        help_text="Columns area_code,period,value; a period is YYYY-MM or YYYY. "
        "The file replaces the indicator's figures.",
    )


class CrimeImportForm(Form):
    upload = forms.FileField(
        label="police.uk files",
        help_text="A .zip of street-level files as police.uk publishes them "
        "(2019-01/2019-01-west-mercia-street.csv), or one street-level .csv file.",
    )
    allow_empty = forms.BooleanField(
        required=False,
        label="Replace months already held with files that have no crimes",
        help_text="Only tick this after an import was refused for a file with no crimes, "
        "if that month really had none.",
    )


class ResultForm(VersionedForm, ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Result
        fields = [
            "title",
            "description",
            "owner_label",
            "owner_url",
            "progress_percent",
            "is_published",
        ]
        widgets = {"progress_percent": forms.NumberInput(attrs={"min": 0, "max": 100})}
        labels = {"is_published": "Show it on the public site"}
        error_messages = {"owner_label": {"required": "Enter who declared the result"}}

    def __init__(
        self, *args: Any, region: Region, owner_locked: bool = False, **kwargs: Any
    ) -> None:
        """`owner_locked`: a proposal or grant declares it, so its name and link are theirs."""
        super().__init__(*args, **kwargs)
        if owner_locked:
            del self.fields["owner_label"], self.fields["owner_url"]
        self.fields["indicators"] = forms.ModelMultipleChoiceField(
            queryset=Indicator.all_objects.filter(region=region).order_by("name"),
            widget=forms.CheckboxSelectMultiple,
            required=False,
            label="Indicators it should move",
        )
        self.fields["missions"] = _missions(region)
        self.fields["missions"].label = "Other missions it serves"
        if self.instance.pk:
            self.initial["indicators"] = list(self.instance.indicators.values_list("pk", flat=True))
            self.initial["missions"] = list(self.instance.missions.values_list("pk", flat=True))

    def clean_owner_url(self) -> str:
        url = str(self.cleaned_data.get("owner_url") or "").strip()
        if url and not (url.startswith("/") or url.startswith("https://")):
            raise forms.ValidationError("Give a page on this site (/…) or an https:// link.")
        return url

    def _post_clean(self) -> None:
        """The service validates the result."""


class ProgressForm(Form):
    progress_percent = forms.IntegerField(
        label="Progress (%)",
        min_value=0,
        max_value=100,
        widget=forms.NumberInput(attrs={"min": 0, "max": 100}),
    )
    note = forms.CharField(
        label="What has moved it",
        required=False,
        max_length=PROGRESS_NOTE_MAX,
        help_text=f"Kept in the history of changes; up to {PROGRESS_NOTE_MAX} characters.",
    )


class MilestoneForm(ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = ResultMilestone
        fields = ["title", "due"]
        widgets = {"due": forms.DateInput(attrs={"type": "date"})}

    def _post_clean(self) -> None:
        """The service validates the milestone."""


class ReportForm(Form):
    period_from = forms.CharField(
        label="From", help_text="A month, such as 2018-10.", required=False
    )
    period_to = forms.CharField(label="To", help_text="A month, such as 2019-02.", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("period_from", "period_to"):
            value = str(data.get(name) or "").strip()
            if value and not measures.is_period(value):
                self.add_error(name, "Enter a month as YYYY-MM or a year as YYYY.")
            data[name] = value
        start, end = data.get("period_from"), data.get("period_to")
        if start and end and not self.errors and start > end:
            self.add_error("period_to", "The end must be on or after the start.")
        return data


class AttachReportForm(ReportForm):
    """The report's period (carried over from the page) and the draft paper to add it to."""

    paper = forms.TypedChoiceField(
        label="Paper",
        coerce=int,
        help_text="A draft paper of a coming meeting; the report becomes its next appendix.",
    )

    def __init__(self, *args: Any, papers: Sequence[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.papers = {paper.pk: paper for paper in papers}
        self.fields["period_from"].widget = forms.HiddenInput()
        self.fields["period_to"].widget = forms.HiddenInput()
        self.fields["paper"].choices = [
            (paper.pk, f"{paper.item.meeting}: {paper.title}") for paper in papers
        ]
