"""A scenario built from figures Remit holds, written as the YAML that `remit fund allocate` reads.

Plain values in (areas, the held figures of each chosen indicator for one period, weights and
the limits chosen), a scenario's YAML text out. Nothing is retyped: every figure comes from the
held values given, and an area without a value for a chosen indicator is named so the person
can choose another period or leave the indicator out.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from decimal import Decimal

from remit.funding.allocation import TopSlice

POPULATION = "population"
RESERVED = frozenset({"code", "name", "previous"})
HUNDRED = Decimal(100)
PLAIN_KEY = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
YAML_WORDS = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null"})


class BuildError(ValueError):
    """A choice that cannot make a scenario, naming the form field it is about."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(f"{field}: {message}")
        self.message = message
        self.field = field


@dataclass(frozen=True)
class HeldArea:
    """An area the fund may be shared between, with last year's formula allocation if any."""

    code: str
    name: str
    previous: Decimal | None = None


@dataclass(frozen=True)
class Need:
    """A chosen need indicator: its held values for one period and its weight."""

    key: str
    name: str
    source: str
    period: str
    weight: Decimal
    values: Mapping[str, Decimal] = field(default_factory=dict)


@dataclass(frozen=True)
class Plan:
    """Everything chosen on the form, with the held figures filled in."""

    title: str
    financial_year: str
    budget: Decimal
    areas: tuple[HeldArea, ...]
    needs: tuple[Need, ...]
    top_slices: tuple[TopSlice, ...] = ()
    protected: Mapping[str, Decimal] = field(default_factory=dict)
    floor_percent: Decimal | None = None
    ceiling_percent: Decimal | None = None
    max_share_percent: Decimal | None = None


def indicator_key(slug: str) -> str:
    """The indicator's name in the scenario: its short name, unless an area field has it."""
    return f"indicator-{slug}" if slug in RESERVED or slug == POPULATION else slug


def field_for(key: str, part: str) -> str:
    """The form field for one part (``weight`` or ``period``) of an indicator's choice."""
    return f"{part}-{key}"


def missing(plan: Plan) -> list[tuple[Need, list[HeldArea]]]:
    """The chosen indicators some chosen areas have no value for, with those areas."""
    gaps = []
    for need in plan.needs:
        without = [area for area in plan.areas if need.values.get(area.code) is None]
        if without:
            gaps.append((need, without))
    return gaps


def gaps(plan: Plan) -> list[BuildError]:
    """One refusal for each chosen indicator that some chosen areas have no figure for."""
    found = []
    for need, without in missing(plan):
        names = ", ".join(area.name for area in without)
        verb = "has" if len(without) == 1 else "have"
        found.append(
            BuildError(
                f"{names} {verb} no complete figure for {need.name} in {need.period}. Choose "
                f"another period, or leave {need.name} out by clearing its weight.",
                field_for(need.key, "period"),
            )
        )
    return found


def check(plan: Plan) -> None:
    """Refuse a plan the formula could not take, naming the field a person would change."""
    if not plan.areas:
        raise BuildError("Choose at least one area to share the fund between.", "areas")
    if not plan.needs:
        raise BuildError(
            "Give a weight to at least one indicator: need is measured by the indicators "
            "you weight.",
            "indicators",
        )
    for gap in gaps(plan):
        raise gap
    for need in plan.needs:
        for area in plan.areas:
            if need.values[area.code] < 0:
                raise BuildError(
                    f"{area.name}'s value for {need.name} in {need.period} is below zero, and "
                    "need cannot be negative. Choose another indicator or period.",
                    field_for(need.key, "period"),
                )


def _number(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _money(value: Decimal) -> str:
    return format(value.quantize(Decimal("0.01")), "f")


def _fraction(percent: Decimal) -> str:
    return _number(percent / HUNDRED)


def _text(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _key(value: str) -> str:
    """A key as written: plain where YAML reads it back as the same text, quoted otherwise."""
    if PLAIN_KEY.match(value) and value.lower() not in YAML_WORDS:
        return value
    return _text(value)


def to_yaml(plan: Plan) -> str:
    """The scenario as YAML, with where each indicator's figures came from as comments."""
    check(plan)
    lines = [
        f"title: {_text(plan.title)}",
        f"financial_year: {plan.financial_year}",
        f"budget: {_money(plan.budget)}",
    ]
    if plan.top_slices:
        lines.append("top_slices:")
        lines += [
            f"  - {{name: {_text(item.name)}, amount: {_money(item.amount)}}}"
            for item in plan.top_slices
        ]
    protected = {code: amount for code, amount in plan.protected.items() if amount}
    if protected:
        lines.append("protected:")
        lines += [f"  {_key(code)}: {_money(amount)}" for code, amount in protected.items()]
    lines.append("# Figures held in Remit:")
    lines += [
        f"#   {need.key}: {need.name}, {need.period}" + (f" ({need.source})" if need.source else "")
        for need in plan.needs
    ]
    lines.append("weights:")
    lines += [f"  {_key(need.key)}: {_number(need.weight)}" for need in plan.needs]
    if plan.floor_percent is not None or plan.ceiling_percent is not None:
        lines.append("damping:")
        if plan.floor_percent is not None:
            lines.append(f"  floor: {_fraction(plan.floor_percent)}")
        if plan.ceiling_percent is not None:
            lines.append(f"  ceiling: {_fraction(plan.ceiling_percent)}")
    if plan.max_share_percent is not None:
        lines.append(f"max_share: {_fraction(plan.max_share_percent)}")
    lines.append("areas:")
    for area in plan.areas:
        lines += [f"  - code: {_key(area.code)}", f"    name: {_text(area.name)}"]
        if area.previous is not None:
            lines.append(f"    previous: {_money(area.previous)}")
        lines += [f"    {_key(need.key)}: {_number(need.values[area.code])}" for need in plan.needs]
    return "\n".join(lines) + "\n"


def provenance(plan: Plan, *, previous_from: str = "") -> dict[str, object]:
    """What the scenario's figures were taken from, kept with the scenario."""
    return {
        "indicators": [
            {
                "key": need.key,
                "name": need.name,
                "source": need.source,
                "period": need.period,
                "weight": _number(need.weight),
            }
            for need in plan.needs
        ],
        "previous_from": previous_from,
    }


def population_split_yaml(
    budget: Decimal, top_slices: Sequence[TopSlice], areas: Sequence[tuple[HeldArea, int]]
) -> str:
    """The money the areas share, split by population alone: the plain comparison."""
    shared = budget - sum((item.amount for item in top_slices), Decimal(0))
    lines = [f"budget: {_money(shared)}", "weights:", f"  {POPULATION}: 1", "areas:"]
    for area, population in areas:
        lines += [
            f"  - code: {_key(area.code)}",
            f"    name: {_text(area.name)}",
            f"    {POPULATION}: {population}",
        ]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Choices:
    """What a person chose on the form; kept with the scenario so it can be started again."""

    name: str
    areas: tuple[str, ...]
    weights: Mapping[str, Decimal]
    periods: Mapping[str, str] = field(default_factory=dict)
    top_slices: tuple[TopSlice, ...] = ()
    protected: Mapping[str, Decimal] = field(default_factory=dict)
    floor_percent: Decimal | None = None
    ceiling_percent: Decimal | None = None
    max_share_percent: Decimal | None = None

    def to_json(self) -> dict[str, object]:
        def text(value: Decimal | None) -> str | None:
            return None if value is None else _number(value)

        return {
            "areas": list(self.areas),
            "weights": {key: _number(weight) for key, weight in self.weights.items()},
            "periods": dict(self.periods),
            "top_slices": [
                {"name": item.name, "amount": _money(item.amount)} for item in self.top_slices
            ],
            "protected": {code: _money(amount) for code, amount in self.protected.items()},
            "floor_percent": text(self.floor_percent),
            "ceiling_percent": text(self.ceiling_percent),
            "max_share_percent": text(self.max_share_percent),
        }
