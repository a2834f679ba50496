"""Reading an allocation scenario from YAML text or a mapping, with every error located.

Decimal fractions in the YAML are read as ``Decimal`` straight from the text, so
``0.1`` is one tenth and a budget is never rounded through a binary float.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from collections.abc import Hashable
from collections.abc import Mapping
from decimal import Decimal
from decimal import InvalidOperation
from typing import Any

import yaml

from remit.funding.allocation import Area
from remit.funding.allocation import Damping
from remit.funding.allocation import Scenario
from remit.funding.allocation import ScenarioError
from remit.funding.allocation import TopSlice
from remit.funding.allocation import decimal_places

SCENARIO_KEYS = frozenset(
    {
        "title",
        "financial_year",
        "budget",
        "top_slices",
        "protected",
        "weights",
        "areas",
        "damping",
        "max_share",
    }
)
AREA_KEYS = frozenset({"code", "name", "previous"})
MOST_PLACES = 12
LARGEST_DIGITS = 15
FINANCIAL_YEAR = re.compile(r"^(\d{4})/(\d{2})$")

__all__ = ["ScenarioError", "load_scenario"]


class _ScenarioLoader(yaml.SafeLoader):
    """Safe YAML that refuses duplicate keys and reads decimals exactly."""


def _mapping_without_duplicates(loader: _ScenarioLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    loader.flatten_mapping(node)
    seen: set[Hashable] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        if isinstance(key, Hashable):
            if key in seen:
                raise ScenarioError(f"duplicate key {key}", f"line {key_node.start_mark.line + 1}")
            seen.add(key)
    return loader.construct_mapping(node, deep=True)


def _exact_decimal(loader: _ScenarioLoader, node: yaml.ScalarNode) -> Decimal | float:
    text = str(loader.construct_scalar(node)).replace("_", "")
    try:
        return Decimal(text)
    except InvalidOperation:
        return float(loader.construct_yaml_float(node))


_ScenarioLoader.add_constructor("tag:yaml.org,2002:map", _mapping_without_duplicates)
_ScenarioLoader.add_constructor("tag:yaml.org,2002:float", _exact_decimal)


def _parse_yaml(text: str) -> object:
    try:
        return yaml.load(text, Loader=_ScenarioLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise ScenarioError(f"not valid YAML: {error.problem or error}", where) from None
    except yaml.YAMLError as error:
        raise ScenarioError(f"not valid YAML: {error}") from None
    except RecursionError:
        raise ScenarioError("not valid YAML: nested too deeply") from None


def _number(value: object, path: str) -> Decimal:
    if isinstance(value, bool):
        raise ScenarioError("must be a number", path)
    if isinstance(value, Decimal | int):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(repr(value))
    elif isinstance(value, str):
        try:
            number = Decimal(value.strip())
        except InvalidOperation:
            raise ScenarioError("must be a number", path) from None
    else:
        raise ScenarioError("must be a number", path)
    if not number.is_finite():
        raise ScenarioError("must be a finite number", path)
    if number and number.adjusted() >= LARGEST_DIGITS:
        raise ScenarioError(f"must be less than {10**LARGEST_DIGITS:,}", path)
    if decimal_places(number) > MOST_PLACES:
        raise ScenarioError(f"must have at most {MOST_PLACES} decimal places", path)
    return number


def _money(value: object, path: str) -> Decimal:
    amount = _number(value, path)
    if amount < 0:
        raise ScenarioError("must not be negative", path)
    if decimal_places(amount) > 2:
        raise ScenarioError("must be in pounds with at most 2 decimal places", path)
    return amount


def _text(value: object, path: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ScenarioError("must be text that is not empty", path)
    return value.strip()


def _mapping(value: object, path: str) -> Mapping[Any, Any]:
    if not isinstance(value, Mapping):
        raise ScenarioError("must be a mapping of keys to values", path)
    return value


def _require(data: Mapping[Any, Any], key: str, path: str) -> object:
    if key not in data or data[key] is None:
        raise ScenarioError("is missing", f"{path}.{key}" if path else key)
    return data[key]


def _named_amounts(
    value: object, path: str, key: str, check_key: Callable[[str, str], None] | None = None
) -> list[tuple[str, Decimal]]:
    """Amounts given either as a mapping ``key -> amount`` or a list of ``{key, amount}``."""
    pairs: list[tuple[str, Decimal]] = []
    if isinstance(value, Mapping):
        for raw_name, amount in value.items():
            item_path = f"{path}.{raw_name}"
            name = _text(raw_name, item_path)
            if check_key is not None:
                check_key(name, item_path)
            pairs.append((name, _money(amount, item_path)))
        return pairs
    if not isinstance(value, list):
        raise ScenarioError(f"must be a mapping of {key} to amount, or a list of them", path)
    seen: dict[str, int] = {}
    for index, item in enumerate(value):
        item_path = f"{path}[{index}]"
        entry = _mapping(item, item_path)
        name = _text(_require(entry, key, item_path), f"{item_path}.{key}")
        if check_key is not None:
            check_key(name, f"{item_path}.{key}")
        if name in seen:
            raise ScenarioError(f"{name} appears twice (also {path}[{seen[name]}])", item_path)
        seen[name] = index
        pairs.append((name, _money(_require(entry, "amount", item_path), f"{item_path}.amount")))
    return pairs


def _weights(value: object) -> dict[str, Decimal]:
    weights: dict[str, Decimal] = {}
    for name, weight in _mapping(value, "weights").items():
        path = f"weights.{name}"
        text = _text(name, path)
        if text in AREA_KEYS:
            raise ScenarioError(f"{text} is an area field, not an indicator", path)
        number = _number(weight, path)
        if number < 0:
            raise ScenarioError("must not be negative", path)
        weights[text] = number
    return weights


def _area(value: object, index: int, weights: Mapping[str, Decimal]) -> Area:
    path = f"areas[{index}]"
    data = _mapping(value, path)
    code = _text(_require(data, "code", path), f"{path}.code")
    name = _text(_require(data, "name", path), f"{path}.name")
    previous_value = data.get("previous")
    previous = None if previous_value is None else _money(previous_value, f"{path}.previous")
    indicators: dict[str, Decimal] = {}
    for key, raw in data.items():
        if key in AREA_KEYS:
            continue
        key_path = f"{path}.{key}"
        indicator = _text(key, key_path)
        if indicator not in weights and not isinstance(raw, int | float | Decimal):
            raise ScenarioError(
                "unknown key: an area has code, name, previous and indicator values", key_path
            )
        number = _number(raw, key_path)
        if number < 0:
            raise ScenarioError("must not be negative", key_path)
        indicators[indicator] = number
    for indicator in weights:
        if indicator not in indicators:
            raise ScenarioError(
                "is missing: every weighted indicator needs a value", f"{path}.{indicator}"
            )
    return Area(code=code, name=name, indicators=indicators, previous=previous)


def _areas(value: object, weights: Mapping[str, Decimal]) -> tuple[Area, ...]:
    if not isinstance(value, list) or not value:
        raise ScenarioError("must be a list of areas, each with a code and a name", "areas")
    return tuple(_area(item, index, weights) for index, item in enumerate(value))


def _damping(value: object) -> Damping | None:
    if value is None:
        return None
    data = _mapping(value, "damping")
    for key in data:
        if key not in ("floor", "ceiling"):
            raise ScenarioError("unknown key: damping has floor and ceiling", f"damping.{key}")
    if data.get("floor") is None and data.get("ceiling") is None:
        raise ScenarioError("needs a floor, a ceiling or both", "damping")
    floor = None if data.get("floor") is None else _number(data["floor"], "damping.floor")
    ceiling = None if data.get("ceiling") is None else _number(data["ceiling"], "damping.ceiling")
    return Damping(floor=floor, ceiling=ceiling)


def _financial_year(value: object) -> str:
    if value is None:
        return ""
    text = _text(value, "financial_year")
    match = FINANCIAL_YEAR.match(text)
    if not match or (int(match[1]) + 1) % 100 != int(match[2]):
        raise ScenarioError("must be written like 2018/19", "financial_year")
    return text


def load_scenario(source: str | Mapping[str, Any]) -> Scenario:
    """A validated scenario from YAML text or an already-parsed mapping."""
    data = _parse_yaml(source) if isinstance(source, str) else source
    if not isinstance(data, Mapping):
        raise ScenarioError("a scenario is a mapping with budget, weights and areas")
    for key in data:
        if key not in SCENARIO_KEYS:
            raise ScenarioError(
                f"unknown key: a scenario has {', '.join(sorted(SCENARIO_KEYS))}", str(key)
            )
    budget = _money(_require(data, "budget", ""), "budget")
    weights = _weights(_require(data, "weights", ""))
    areas = _areas(_require(data, "areas", ""), weights)
    codes = {area.code for area in areas}

    def known_code(code: str, path: str) -> None:
        if code not in codes:
            raise ScenarioError("no area has this code", path)

    top_slices = data.get("top_slices")
    protected = data.get("protected")
    max_share = data.get("max_share")
    title = data.get("title")
    return Scenario(
        budget=budget,
        weights=weights,
        areas=areas,
        top_slices=tuple(
            TopSlice(name, amount)
            for name, amount in (
                [] if top_slices is None else _named_amounts(top_slices, "top_slices", "name")
            )
        ),
        protected=dict(
            [] if protected is None else _named_amounts(protected, "protected", "code", known_code)
        ),
        damping=_damping(data.get("damping")),
        max_share=None if max_share is None else _number(max_share, "max_share"),
        title="" if title is None else _text(title, "title"),
        financial_year=_financial_year(data.get("financial_year")),
    )


_STEP = re.compile(r"([a-z_]+)(?:\[(\d+)\])?")
_SAID = {"imd": "IMD", "max": "largest", "pence": "", "yaml": "scenario"}


def _words(key: str) -> str:
    return " ".join(_SAID.get(word, word) for word in key.split("_") if _SAID.get(word, word))


def where_in_words(path: str, text: str) -> str:
    """A place in the scenario as an officer says it: ``areas[0].imd_score`` is "area 1
    (Dunmere), IMD score", named from the scenario's own text where it can be read."""
    if not path or path.startswith("line "):
        return path
    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError:
        document = None
    parts = []
    for key, index in _STEP.findall(path):
        document = document.get(key) if isinstance(document, dict) else None
        if index == "":
            parts.append(_words(key))
            continue
        singular = _words(key[:-1] if key.endswith("s") else key)
        item = (
            document[int(index)]
            if isinstance(document, list) and int(index) < len(document)
            else None
        )
        name = item.get("name") or item.get("code") if isinstance(item, dict) else None
        parts.append(f"{singular} {int(index) + 1}" + (f" ({name})" if name else ""))
        document = item
    return ", ".join(parts)


def said(error: ScenarioError, text: str) -> str:
    """The error with its place in words: "Area 2 (Dunmere), population: must be a number"."""
    where = where_in_words(error.path, text)
    if not where:
        return error.message[:1].upper() + error.message[1:]
    return f"{where[:1].upper()}{where[1:]}: {error.message}"
