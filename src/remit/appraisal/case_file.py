"""Reading a business case, as YAML text or an already-parsed mapping, into a `Case`.

Every refusal is a `CaseError` whose path names the option, the category and the year, so the
author can find the line to fix. Mappings from JSON (string keys) are read like YAML.
"""

from __future__ import annotations

from collections.abc import Hashable
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from decimal import InvalidOperation
from enum import StrEnum
from typing import Any
from typing import TypeVar

import yaml

from remit.appraisal.greenbook import MAX_YEARS_AFTER_BASE
from remit.appraisal.greenbook import ONE
from remit.appraisal.greenbook import ZERO
from remit.appraisal.greenbook import Additionality
from remit.appraisal.greenbook import BenefitLine
from remit.appraisal.greenbook import Bound
from remit.appraisal.greenbook import Case
from remit.appraisal.greenbook import CaseError
from remit.appraisal.greenbook import DiscountSchedule
from remit.appraisal.greenbook import Flows
from remit.appraisal.greenbook import OptimismBias
from remit.appraisal.greenbook import Option
from remit.appraisal.greenbook import ProjectType
from remit.appraisal.greenbook import counterfactual_index

CASE_KEYS = ("title", "base_year", "discount", "deflators", "options")
OPTION_KEYS = (
    "name",
    "description",
    "counterfactual",
    "nominal",
    "capital",
    "revenue",
    "benefits",
    "optimism_bias",
)
ADDITIONALITY_KEYS = ("leakage", "deadweight", "displacement", "substitution")
BENEFIT_LINE_KEYS = ("flows", *ADDITIONALITY_KEYS)
OPTIMISM_BIAS_KEYS = ("capital", "revenue", "project_type", "bound", "mitigation")

FLOWS_HINT = "expected a mapping of year to amount in pounds, such as {2026: 40000}"

Choice = TypeVar("Choice", bound=StrEnum)


def load_case(source: str | Mapping[str, Any]) -> Case:
    """A validated case from YAML text or from a mapping of the same shape."""
    data = _parse_yaml(source) if isinstance(source, str) else source
    return _read_case(data)


class _CaseLoader(yaml.SafeLoader):
    """Safe YAML that refuses a key given twice, which plain loading silently overwrites."""


def _construct_mapping(loader: _CaseLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    loader.flatten_mapping(node)
    seen: set[Any] = set()
    for key_node, _value in node.value:
        key = loader.construct_object(key_node, deep=True)
        if isinstance(key, Hashable):
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"{key!r} is given twice", key_node.start_mark
                )
            seen.add(key)
    return loader.construct_mapping(node, deep=True)


_CaseLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _parse_yaml(text: str) -> Any:
    try:
        return yaml.load(text, Loader=_CaseLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        problem = getattr(error, "problem", None) or "cannot be parsed"
        raise CaseError(f"not valid YAML{where}: {problem}") from None


@dataclass(frozen=True)
class _Reading:
    """What every flow is checked against: the price base and the available deflators."""

    base_year: int
    deflators: Mapping[int, Decimal]


def _read_case(data: Any) -> Case:
    fields = _mapping(data, "", "a case must be a mapping with base_year and options")
    _refuse_unknown(fields, CASE_KEYS, "")
    if "base_year" not in fields:
        raise CaseError("missing; the price base and first year of discounting", "base_year")
    base_year = _year(fields["base_year"], "base_year")
    reading = _Reading(base_year, _deflators(fields.get("deflators")))
    raw_options = fields.get("options")
    if not isinstance(raw_options, list) or not raw_options:
        raise CaseError("expected a list of options, one of them counterfactual: true", "options")
    options = tuple(_option(raw, index, reading) for index, raw in enumerate(raw_options))
    _refuse_repeated_names(options)
    counterfactual_index(options)
    return Case(
        base_year=base_year,
        options=options,
        discount=_choice(
            fields.get("discount", "standard"), DiscountSchedule, "discount", "discount schedule"
        ),
        deflators=reading.deflators,
        title=_text(fields.get("title"), "title"),
    )


def _option(raw: Any, index: int, reading: _Reading) -> Option:
    path = f"options[{index}]"
    fields = _mapping(raw, path, "an option must be a mapping with at least a name")
    name = _text(fields.get("name"), f"{path}.name")
    if not name:
        raise CaseError("missing; every option needs a name", f"{path}.name")
    try:
        _refuse_unknown(fields, OPTION_KEYS, path)
        nominal = _flag(fields.get("nominal", False), f"{path}.nominal")
        if nominal and reading.base_year not in reading.deflators:
            raise CaseError(
                f"cash prices need a deflator for base_year {reading.base_year} in deflators",
                f"{path}.nominal",
            )
        return Option(
            name=name,
            description=_text(fields.get("description"), f"{path}.description"),
            counterfactual=_flag(fields.get("counterfactual", False), f"{path}.counterfactual"),
            nominal=nominal,
            capital=_flows(fields.get("capital"), f"{path}.capital", reading, nominal, cost=True),
            revenue=_flows(fields.get("revenue"), f"{path}.revenue", reading, nominal, cost=True),
            benefits=_benefits(fields.get("benefits"), f"{path}.benefits", reading, nominal),
            optimism_bias=_optimism_bias(fields.get("optimism_bias"), f"{path}.optimism_bias"),
        )
    except CaseError as error:
        raise error.for_option(name) from None


def _refuse_repeated_names(options: tuple[Option, ...]) -> None:
    seen: dict[str, int] = {}
    for index, option in enumerate(options):
        if option.name in seen:
            raise CaseError(
                f"the same name as options[{seen[option.name]}]; option names must differ",
                f"options[{index}].name",
                option_name=option.name,
            )
        seen[option.name] = index


def _flows(raw: Any, path: str, reading: _Reading, nominal: bool, *, cost: bool) -> Flows:
    if raw is None:
        return {}
    entries = _mapping(raw, path, FLOWS_HINT)
    flows: dict[int, Decimal] = {}
    for key, value in entries.items():
        year = _year(key, _join(path, key))
        where = _join(path, year)
        if year in flows:
            raise CaseError("the year is given twice", where)
        _check_year(year, where, reading, nominal)
        amount = _number(value, where)
        if cost and amount < 0:
            raise CaseError(
                "a cost cannot be negative; enter savings or residual values as a benefit line",
                where,
            )
        flows[year] = amount
    return flows


def _check_year(year: int, where: str, reading: _Reading, nominal: bool) -> None:
    if year < reading.base_year:
        raise CaseError(f"year is before base_year {reading.base_year}", where)
    if year - reading.base_year > MAX_YEARS_AFTER_BASE:
        raise CaseError(f"year is more than {MAX_YEARS_AFTER_BASE} years after base_year", where)
    if nominal and year not in reading.deflators:
        raise CaseError(f"no deflator for {year}; the option is nominal (cash prices)", where)


def _benefits(raw: Any, path: str, reading: _Reading, nominal: bool) -> tuple[BenefitLine, ...]:
    if raw is None:
        return ()
    lines = _mapping(raw, path, "expected a mapping of benefit name to its flows by year")
    return tuple(
        _benefit_line(name, value, path, reading, nominal) for name, value in lines.items()
    )


def _benefit_line(name: Any, raw: Any, path: str, reading: _Reading, nominal: bool) -> BenefitLine:
    line_path = _join(path, name)
    if not isinstance(name, str) or not name.strip():
        raise CaseError("a benefit line needs a name, such as 'reduced harm'", line_path)
    if isinstance(raw, Mapping) and "flows" in raw:
        _refuse_unknown(raw, BENEFIT_LINE_KEYS, line_path)
        flows = _flows(raw["flows"], f"{line_path}.flows", reading, nominal, cost=False)
        return BenefitLine(name, flows, _additionality(raw, line_path))
    if isinstance(raw, Mapping):
        for key in raw:
            if key in ADDITIONALITY_KEYS:
                raise CaseError(
                    "with additionality the years go under flows:, such as "
                    "{flows: {2026: 40000}, deadweight: 0.2}",
                    _join(line_path, key),
                )
    return BenefitLine(name, _flows(raw, line_path, reading, nominal, cost=False))


def _additionality(fields: Mapping[Any, Any], path: str) -> Additionality:
    def share(key: str) -> Decimal:
        return _share(fields.get(key, 0), _join(path, key))

    return Additionality(
        leakage=share("leakage"),
        deadweight=share("deadweight"),
        displacement=share("displacement"),
        substitution=share("substitution"),
    )


def _optimism_bias(raw: Any, path: str) -> OptimismBias:
    if raw is None:
        return OptimismBias()
    fields = _mapping(
        raw,
        path,
        "expected {capital: 0.24, revenue: 0.05} or {project_type: standard_buildings, "
        "bound: upper}",
    )
    _refuse_unknown(fields, OPTIMISM_BIAS_KEYS, path)
    mitigation = _share(fields.get("mitigation", 0), f"{path}.mitigation")
    if "project_type" in fields:
        for key in ("capital", "revenue"):
            if key in fields:
                raise CaseError(
                    "give either a project_type or a fraction per category, not both",
                    f"{path}.{key}",
                )
        return OptimismBias.from_table(
            _choice(fields["project_type"], ProjectType, f"{path}.project_type", "project type"),
            _choice(fields.get("bound", "upper"), Bound, f"{path}.bound", "bound"),
            mitigation,
        )
    if "bound" in fields:
        raise CaseError("a bound needs a project_type to look up", f"{path}.bound")
    return OptimismBias(
        capital=_uplift(fields.get("capital", 0), f"{path}.capital"),
        revenue=_uplift(fields.get("revenue", 0), f"{path}.revenue"),
        mitigation=mitigation,
    )


def _deflators(raw: Any) -> dict[int, Decimal]:
    if raw is None:
        return {}
    entries = _mapping(raw, "deflators", "expected a mapping of year to GDP deflator index")
    deflators: dict[int, Decimal] = {}
    for key, value in entries.items():
        year = _year(key, _join("deflators", key))
        index = _number(value, f"deflators.{year}")
        if index <= 0:
            raise CaseError("a deflator index must be positive", f"deflators.{year}")
        deflators[year] = index
    return deflators


def _share(value: Any, path: str) -> Decimal:
    share = _number(value, path)
    if not ZERO <= share <= ONE:
        raise CaseError(f"must be a fraction between 0 and 1 (0.2 for 20%), not {share}", path)
    return share


def _uplift(value: Any, path: str) -> Decimal:
    uplift = _number(value, path)
    if uplift < 0:
        raise CaseError(f"optimism bias cannot be negative, not {uplift}", path)
    return uplift


def _number(value: Any, path: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise CaseError(f"not a number: {value!r}", path)
    try:
        number = Decimal(repr(value) if isinstance(value, float) else value)
    except InvalidOperation:
        raise CaseError(f"not a number: {value!r}", path) from None
    if not number.is_finite():
        raise CaseError(f"not a finite number: {value!r}", path)
    return number


def _year(value: Any, path: str) -> int:
    digits = isinstance(value, str) and value.strip().isdigit()
    whole = isinstance(value, int) and not isinstance(value, bool)
    year = int(value) if digits or whole else 0
    if not 1000 <= year <= 9999:
        raise CaseError(f"not a year: {value!r}; expected a calendar year such as 2026", path)
    return year


def _choice(value: Any, choices: type[Choice], path: str, what: str) -> Choice:
    try:
        return choices(value)
    except ValueError:
        allowed = ", ".join(choice.value for choice in choices)
        raise CaseError(f"unknown {what} {value!r}; expected one of {allowed}", path) from None


def _flag(value: Any, path: str) -> bool:
    if not isinstance(value, bool):
        raise CaseError(f"expected true or false, not {value!r}", path)
    return value


def _text(value: Any, path: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise CaseError(f"expected text, not {value!r}", path)
    return value.strip()


def _mapping(value: Any, path: str, hint: str) -> Mapping[Any, Any]:
    if not isinstance(value, Mapping):
        raise CaseError(hint, path)
    return value


def _refuse_unknown(fields: Mapping[Any, Any], allowed: tuple[str, ...], path: str) -> None:
    for key in fields:
        if key not in allowed:
            raise CaseError(f"unknown key; expected one of {', '.join(allowed)}", _join(path, key))


def _join(path: str, key: object) -> str:
    return f"{path}.{key}" if path else str(key)
