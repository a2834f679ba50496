"""The form a scenario is built on: choices only, every figure taken from those Remit holds."""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django import forms

from remit.core.models import Area
from remit.funding import builder
from remit.funding.allocation import TopSlice
from remit.funding.forms import PoundsField
from remit.indicators.selectors import HeldIndicator
from remit.ui.fields import FigureField
from remit.ui.forms import Form

TOP_SLICE_ROWS = 3
POPULATION_LABEL = "Population"


def _weight(name: str) -> FigureField:
    said = f"Enter the weight for {name} as a number of 0 or more, like 1 or 0.5"
    return FigureField(
        label=f"Weight for {name}",
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=6,
        error_messages={
            "invalid": said,
            "min_value": said,
            "max_digits": f"Enter a smaller weight for {name}",
            "max_decimal_places": f"Enter the weight for {name} with at most 6 decimal places",
        },
        help_text="Blank leaves it out. Only the weights' proportions matter: 2 and 1 is 2:1.",
    )


def _percent(label: str, low: int, help_text: str, what: str) -> FigureField:
    said = f"Enter the {what} as a percentage from {low} to 1000, like 5 or -5"
    return FigureField(
        label=label,
        required=False,
        min_value=low,
        max_value=1000,
        max_digits=8,
        decimal_places=4,
        help_text=help_text,
        error_messages={
            "invalid": said,
            "min_value": said,
            "max_value": said,
            "max_digits": said,
            "max_decimal_places": f"Enter the {what} with at most 4 decimal places",
        },
    )


class ScenarioBuildForm(Form):
    """Name, areas, a weight and period for each held indicator, top slices, protected
    amounts, damping and the largest share: every input the formula takes."""

    name = forms.CharField(
        label="Name of the scenario",
        max_length=200,
        help_text="Such as: Population and deprivation, 60:40",
        error_messages={
            "required": "Enter a name for the scenario",
            "max_length": "Enter a name of at most 200 characters",
        },
    )
    areas = forms.MultipleChoiceField(
        label="Areas to share the fund between",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Choose at least one area to share the fund between",
            "invalid_choice": "Choose the areas from the list",
        },
    )

    def __init__(
        self,
        *args: Any,
        areas: Sequence[Area],
        indicators: Sequence[HeldIndicator],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.area_list = list(areas)
        self.indicator_list = list(indicators)
        self.fields["areas"].choices = [  # type: ignore[attr-defined]
            (a.code, f"{a.name} ({a.code})") for a in self.area_list
        ]
        years = sorted({str(a.population_year) for a in self.area_list if a.population_year})
        self.fields[builder.field_for(builder.POPULATION, "weight")] = _weight(POPULATION_LABEL)
        self.fields[builder.field_for(builder.POPULATION, "weight")].help_text = (
            f"Each area's population as held ({', '.join(years) or 'no year given'}). "
            "Blank leaves it out."
        )
        self.need_fields: list[tuple[str, str, str]] = [
            (POPULATION_LABEL, builder.field_for(builder.POPULATION, "weight"), "")
        ]
        for held in self.indicator_list:
            indicator = held.indicator
            key = builder.indicator_key(indicator.slug)
            weight, period = builder.field_for(key, "weight"), builder.field_for(key, "period")
            self.fields[weight] = _weight(indicator.name)
            self.fields[period] = forms.ChoiceField(
                label=f"Period for {indicator.name}",
                choices=[(p, p) for p in held.periods],
                initial=held.periods[0],
                help_text=indicator.source or "",
                error_messages={
                    "required": f"Choose the period to take {indicator.name} from",
                    "invalid_choice": f"Choose one of the periods Remit holds for {indicator.name}",
                },
            )
            self.need_fields.append((indicator.name, weight, period))
        for row in range(1, TOP_SLICE_ROWS + 1):
            self.fields[f"top_slice_{row}_name"] = forms.CharField(
                label=f"Top slice {row}: what it is for",
                required=False,
                max_length=200,
                error_messages={"max_length": "Enter at most 200 characters"},
            )
            self.fields[f"top_slice_{row}_amount"] = PoundsField(
                label=f"Top slice {row}: amount (£)", required=False
            )
        for area in self.area_list:
            self.fields[f"protected-{area.code}"] = PoundsField(
                label=f"Protected for {area.name} (£)", required=False
            )
        self.fields["damping_floor"] = _percent(
            "Damping floor (%)",
            -100,
            "How far an area's formula allocation may fall from last year's: -5 means it "
            "falls by 5% at most. Blank for no floor.",
            "damping floor",
        )
        self.fields["damping_ceiling"] = _percent(
            "Damping ceiling (%)",
            -100,
            "How far it may rise from last year's: 10 means it rises by 10% at most. "
            "Blank for no ceiling.",
            "damping ceiling",
        )
        self.fields["max_share"] = _percent(
            "Largest share (%)",
            0,
            "The most any one area may take of the money shared by the formula, such as 40. "
            "Blank for no limit.",
            "largest share",
        )

    @property
    def top_slice_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [
            (self[f"top_slice_{row}_name"], self[f"top_slice_{row}_amount"])
            for row in range(1, TOP_SLICE_ROWS + 1)
        ]

    @property
    def need_rows(self) -> list[tuple[str, forms.BoundField, forms.BoundField | None]]:
        return [
            (name, self[weight], self[period] if period else None)
            for name, weight, period in self.need_fields
        ]

    @property
    def protected_fields(self) -> list[forms.BoundField]:
        return [self[f"protected-{area.code}"] for area in self.area_list]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for row in range(1, TOP_SLICE_ROWS + 1):
            name = (data.get(f"top_slice_{row}_name") or "").strip()
            amount = data.get(f"top_slice_{row}_amount")
            if name and amount is None and f"top_slice_{row}_amount" not in self.errors:
                self.add_error(f"top_slice_{row}_amount", f"Enter the amount for {name}")
            if amount is not None and not name:
                self.add_error(f"top_slice_{row}_name", f"Enter what top slice {row} is for")
        max_share = data.get("max_share")
        if max_share is not None and not (0 < max_share <= 100):
            self.add_error("max_share", "Enter a largest share above 0% and at most 100%")
        floor, ceiling = data.get("damping_floor"), data.get("damping_ceiling")
        if floor is not None and ceiling is not None and floor > ceiling:
            self.add_error(
                "damping_floor",
                f"The damping floor ({floor}%) must not be above the ceiling ({ceiling}%)",
            )
        return data

    def choices(self) -> builder.Choices:
        data = self.cleaned_data
        weights: dict[str, Decimal] = {}
        periods: dict[str, str] = {}
        for _, weight_field, period_field in self.need_fields:
            key = weight_field.removeprefix("weight-")
            if data.get(weight_field) is not None:
                weights[key] = data[weight_field]
                if period_field:
                    periods[key] = data[period_field]
        top_slices = tuple(
            TopSlice(
                data[f"top_slice_{row}_name"].strip(), _pounds(data[f"top_slice_{row}_amount"])
            )
            for row in range(1, TOP_SLICE_ROWS + 1)
            if data.get(f"top_slice_{row}_amount") is not None
        )
        return builder.Choices(
            name=data["name"],
            areas=tuple(data["areas"]),
            weights=weights,
            periods=periods,
            top_slices=top_slices,
            protected={
                area.code: _pounds(data[f"protected-{area.code}"])
                for area in self.area_list
                if data.get(f"protected-{area.code}")
            },
            floor_percent=data.get("damping_floor"),
            ceiling_percent=data.get("damping_ceiling"),
            max_share_percent=data.get("max_share"),
        )


def _pounds(pence: int) -> Decimal:
    return Decimal(pence).scaleb(-2)


def initial_from(choices: Mapping[str, Any], name: str) -> dict[str, Any]:
    """The form's starting values from a scenario built before, to start a new one from it."""
    initial: dict[str, Any] = {"name": name, "areas": list(choices.get("areas", []))}
    for key, weight in choices.get("weights", {}).items():
        initial[builder.field_for(key, "weight")] = weight
    for key, period in choices.get("periods", {}).items():
        initial[builder.field_for(key, "period")] = period
    for row, item in enumerate(choices.get("top_slices", []), start=1):
        if row <= TOP_SLICE_ROWS:
            initial[f"top_slice_{row}_name"] = item["name"]
            initial[f"top_slice_{row}_amount"] = item["amount"]
    for code, amount in choices.get("protected", {}).items():
        initial[f"protected-{code}"] = amount
    for key, field_name in (
        ("floor_percent", "damping_floor"),
        ("ceiling_percent", "damping_ceiling"),
        ("max_share_percent", "max_share"),
    ):
        if choices.get(key) is not None:
            initial[field_name] = choices[key]
    return initial
