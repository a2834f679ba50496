"""The inputs of an appraisal as one canonical text, so a stored result can name what gave it.

Two uploads that say the same thing (whatever their layout, comments or key order) have the
same canonical YAML and therefore the same hash. Reading the canonical text back with
`load_case` gives the same `Case`. Nothing here imports Django.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import yaml

from remit.appraisal.greenbook import ZERO
from remit.appraisal.greenbook import Additionality
from remit.appraisal.greenbook import BenefitLine
from remit.appraisal.greenbook import Case
from remit.appraisal.greenbook import DiscountSchedule
from remit.appraisal.greenbook import OptimismBias
from remit.appraisal.greenbook import Option

SHARE_KEYS = ("leakage", "deadweight", "displacement", "substitution")


class _CanonicalDumper(yaml.SafeDumper):
    """Block style throughout, except the short year-to-amount maps, which read best inline."""


def _represent_decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    if value == value.to_integral_value():
        return dumper.represent_int(int(value))
    return dumper.represent_scalar("tag:yaml.org,2002:float", f"{value.normalize():f}")


_CanonicalDumper.add_representer(Decimal, _represent_decimal)


def number(value: Decimal) -> Decimal | int:
    """A figure as it is written in the inputs: whole numbers without a decimal point."""
    return int(value) if value == value.to_integral_value() else value.normalize()


def _flows(flows: Mapping[int, Decimal]) -> dict[int, Decimal | int]:
    return {year: number(flows[year]) for year in sorted(flows)}


def _benefit(line: BenefitLine) -> Any:
    shares = _shares(line.additionality)
    if not shares:
        return _flows(line.flows)
    return {"flows": _flows(line.flows), **shares}


def _shares(additionality: Additionality) -> dict[str, Decimal | int]:
    return {
        key: number(getattr(additionality, key))
        for key in SHARE_KEYS
        if getattr(additionality, key) != ZERO
    }


def _optimism_bias(bias: OptimismBias) -> dict[str, Any]:
    if bias.project_type is not None:
        found: dict[str, Any] = {"project_type": bias.project_type.value}
        if bias.bound is not None:
            found["bound"] = bias.bound.value
    else:
        found = {
            key: number(getattr(bias, key))
            for key in ("capital", "revenue")
            if getattr(bias, key) != ZERO
        }
    if bias.mitigation != ZERO:
        found["mitigation"] = number(bias.mitigation)
    return found


def option_to_mapping(option: Option) -> dict[str, Any]:
    """One option in the shape of the case file, leaving out what is empty or the default."""
    found: dict[str, Any] = {"name": option.name}
    if option.description:
        found["description"] = option.description
    if option.counterfactual:
        found["counterfactual"] = True
    if option.nominal:
        found["nominal"] = True
    if option.capital:
        found["capital"] = _flows(option.capital)
    if option.revenue:
        found["revenue"] = _flows(option.revenue)
    if option.benefits:
        found["benefits"] = {line.name: _benefit(line) for line in option.benefits}
    bias = _optimism_bias(option.optimism_bias)
    if bias:
        found["optimism_bias"] = bias
    return found


def case_to_mapping(case: Case) -> dict[str, Any]:
    """The case in the shape `load_case` reads, in a fixed key order."""
    found: dict[str, Any] = {}
    if case.title:
        found["title"] = case.title
    found["base_year"] = case.base_year
    if case.discount is not DiscountSchedule.STANDARD:
        found["discount"] = case.discount.value
    if case.deflators:
        found["deflators"] = _flows(case.deflators)
    found["options"] = [option_to_mapping(option) for option in case.options]
    return found


def canonical_yaml(case: Case) -> str:
    """The canonical text of a case: the same inputs always give the same characters."""
    return yaml.dump(
        case_to_mapping(case),
        Dumper=_CanonicalDumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=None,
        width=100,
    )


def inputs_hash(text: str) -> str:
    """SHA-256 of the canonical text, as hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def with_title(case: Case, title: str) -> Case:
    """The case under another title; the stored inputs carry the business case's title."""
    return Case(
        base_year=case.base_year,
        options=case.options,
        discount=case.discount,
        deflators=case.deflators,
        title=title.strip(),
    )
