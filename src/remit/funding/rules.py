"""The fund's arithmetic that is not the allocation formula: years, scores, schedules, returns.

Plain values only (int pence, ``Decimal``, ``Fraction``, dates), so the rules can be tested
on their own and shared by the services, the pages and the CLI.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from datetime import timedelta
from decimal import ROUND_HALF_UP
from decimal import Decimal
from decimal import InvalidOperation
from fractions import Fraction

FINANCIAL_YEAR = re.compile(r"^(\d{4})/(\d{2})$")
MOST_YEARS = 3
DISAGREEMENT_SPREAD = 2
RETURN_GRACE_DAYS = 30
TWO_PLACES = Decimal("0.01")
HUNDRED = Decimal(100)
DATE_LINE = re.compile(r"^(\d{4}-\d{2}-\d{2})$")


class RuleError(ValueError):
    """Input that breaks one of the fund's rules, located by ``field`` (a name or a line)."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(f"{field}: {message}" if field else message)
        self.message = message
        self.field = field

    @property
    def path(self) -> str:
        return self.field


def financial_years(first: str, count: int) -> tuple[str, ...]:
    """``count`` financial years from ``first``: ``("2018/19", "2019/20")`` for 2018/19 and 2."""
    match = FINANCIAL_YEAR.match(first)
    if not match or (int(match.group(1)) + 1) % 100 != int(match.group(2)):
        raise RuleError("write the financial year as 2018/19", "financial_year")
    if not 1 <= count <= MOST_YEARS:
        raise RuleError(f"a grant runs for 1 to {MOST_YEARS} years", "max_years")
    start = int(match.group(1))
    return tuple(f"{year}/{(year + 1) % 100:02d}" for year in range(start, start + count))


def year_starts(financial_year: str) -> date:
    """1 April of the financial year."""
    return date(int(financial_year[:4]), 4, 1)


def pence(pounds: str | Decimal) -> int:
    """Pounds to the penny, as written in an allocation's JSON, in whole pence."""
    amount = Decimal(pounds)
    if amount != amount.quantize(TWO_PLACES):
        raise RuleError(f"{pounds} is not pounds to the penny")
    return int(amount * 100)


def envelopes(result: Mapping[str, object]) -> dict[str, int]:
    """Each area's envelope from an allocation's JSON: its total (formula plus protected)."""
    areas = result.get("areas")
    if not isinstance(areas, list):
        return {}
    return {str(area["code"]): pence(str(area["total"])) for area in areas}


def parse_pounds(text: str, field: str) -> int:
    """Pounds as a person types them (commas and a £ sign allowed) to whole pence."""
    cleaned = text.replace(",", "").replace("£", "").strip()
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        raise RuleError(
            f"enter an amount in pounds, like 25000 or 1,250.50, not {text!r}", field
        ) from None
    if not amount.is_finite() or amount != amount.quantize(TWO_PLACES):
        raise RuleError("enter pounds to the penny at most", field)
    if amount < 0:
        raise RuleError("cannot be negative", field)
    return int(amount * 100)


@dataclass(frozen=True)
class Criterion:
    """An assessment criterion as scoring needs it: its weight and the top of its scale."""

    key: int
    weight: Decimal
    scale_max: int


@dataclass(frozen=True)
class ScoreSummary:
    """What the assessors gave one bid on one criterion."""

    count: int
    mean: Decimal
    low: int
    high: int

    @property
    def spread(self) -> int:
        return self.high - self.low

    @property
    def disagreement(self) -> bool:
        return self.spread >= DISAGREEMENT_SPREAD


def summarise(scores: Sequence[int]) -> ScoreSummary | None:
    if not scores:
        return None
    mean = (Decimal(sum(scores)) / len(scores)).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)
    return ScoreSummary(len(scores), mean, min(scores), max(scores))


def weighted_score(
    scores: Mapping[int, Sequence[int]], criteria: Sequence[Criterion]
) -> Decimal | None:
    """The bid's score out of 100: each criterion's mean as a share of its scale, weighted.

    A bid is not scored until every criterion with a weight has at least one score.
    """
    weighted = [c for c in criteria if c.weight > 0]
    if not weighted or any(not scores.get(c.key) for c in weighted):
        return None
    total_weight = sum((Fraction(c.weight) for c in weighted), Fraction(0))
    score = sum(
        (
            Fraction(c.weight) * Fraction(sum(scores[c.key]), len(scores[c.key])) / c.scale_max
            for c in weighted
        ),
        Fraction(0),
    )
    exact = score / total_weight * 100
    return (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(
        TWO_PLACES, rounding=ROUND_HALF_UP
    )


def match_percent(match_pence: int, requested_pence: int) -> Decimal | None:
    """Match funding as a percentage of the amount asked of the fund."""
    if requested_pence <= 0:
        return None
    return (Decimal(match_pence) * HUNDRED / Decimal(requested_pence)).quantize(
        TWO_PLACES, rounding=ROUND_HALF_UP
    )


@dataclass(frozen=True)
class Instalment:
    due_on: date
    amount_pence: int


def parse_schedule(text: str) -> list[Instalment]:
    """One instalment a line, ``2018-04-30, 12500.00``; every mistake names its line."""
    instalments = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        where = f"line {number}"
        when, comma, amount = line.partition(",")
        if not comma or not DATE_LINE.match(when.strip()):
            raise RuleError("write a date and an amount, like 2018-04-30, 12500.00", where)
        try:
            due_on = date.fromisoformat(when.strip())
        except ValueError:
            raise RuleError(f"{when.strip()} is not a date", where) from None
        amount_pence = parse_pounds(amount, where)
        if amount_pence == 0:
            raise RuleError("an instalment must be more than £0", where)
        instalments.append(Instalment(due_on, amount_pence))
    return instalments


def check_schedule(
    instalments: Sequence[Instalment], award_pence: int, start: date | None, end: date | None
) -> None:
    """Instalments add up to the award to the penny and fall within the agreement."""
    if not instalments:
        raise RuleError("add at least one instalment", "schedule")
    for number, instalment in enumerate(instalments, start=1):
        before = start is not None and instalment.due_on < start
        after = end is not None and instalment.due_on > end
        if before or after:
            span = f" ({start:%d %B %Y} to {end:%d %B %Y})" if start and end else ""
            raise RuleError(
                f"{instalment.due_on:%d %B %Y} is outside the agreement{span}",
                f"instalment {number}",
            )
    total = sum(i.amount_pence for i in instalments)
    if total != award_pence:
        raise RuleError(
            f"the instalments add up to {money(total)} but the award is {money(award_pence)}; "
            f"they must match to the penny ({money(abs(total - award_pence))} "
            f"{'too much' if total > award_pence else 'short'})",
            "schedule",
        )


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    due_on: date


def return_periods(
    start: date, end: date, months: int, grace_days: int = RETURN_GRACE_DAYS
) -> list[Period]:
    """Reporting periods from the agreement's start to its end; each return is due after it."""
    if end < start:
        raise RuleError("the agreement must end after it starts", "agreement_end")
    periods = []
    period_start = start
    while period_start <= end:
        period_end = min(add_months(period_start, months) - timedelta(days=1), end)
        periods.append(Period(period_start, period_end, period_end + timedelta(days=grace_days)))
        period_start = period_end + timedelta(days=1)
    return periods


def part_by_year(
    asked: Mapping[str, int], given: Mapping[str, int | None], total: int | None = None
) -> dict[str, int]:
    """Funding a multi-year bid in part: an amount for each year it asks for.

    Each year the bid asks something for gets an amount from nothing up to what it asked that
    year; a year it asks nothing for gets nothing; together the years come to less than all it
    asked (otherwise it is funding in full) and more than nothing. A ``total``, if given, must
    be what the years add up to. ``field`` on an error is the year it is about, or ``total``.
    """
    amounts: dict[str, int] = {}
    for year in sorted(set(asked) | set(given)):
        amount = _year_amount(year, asked.get(year, 0), given.get(year))
        if amount is not None:
            amounts[year] = amount
    whole = sum(amounts.values())
    said = ", ".join(f"{year} {money(amount)}" for year, amount in amounts.items())
    if total is not None and total != whole:
        raise RuleError(
            f"the years add up to {money(whole)} ({said}), not the total of {money(total)}",
            "total",
        )
    if whole <= 0:
        raise RuleError("enter an amount to fund in at least one year", "total")
    if whole >= sum(asked.values()):
        raise RuleError(
            f"funding in part means less than the {money(sum(asked.values()))} asked for "
            f"({said}); choose fund in full otherwise",
            "total",
        )
    return amounts


def _year_amount(year: str, asked: int, amount: int | None) -> int | None:
    """One year's part of the funding, checked against what was asked that year."""
    if asked <= 0:
        if amount:
            raise RuleError(f"the bid asks for nothing in {year}, so fund nothing", year)
        return None
    if amount is None:
        raise RuleError(f"enter the amount to fund in {year} (£0 for nothing)", year)
    if amount < 0:
        raise RuleError(f"the amount for {year} cannot be less than £0", year)
    if amount > asked:
        raise RuleError(
            f"the amount for {year} ({money(amount)}) is more than the {money(asked)} asked "
            "for that year",
            year,
        )
    return amount


def paid_by(instalments: Iterable[Instalment], day: date) -> int:
    """What the schedule has paid out by ``day``."""
    return sum(i.amount_pence for i in instalments if i.due_on <= day)


def money(amount_pence: int) -> str:
    sign = "-" if amount_pence < 0 else ""
    pounds, pennies = divmod(abs(amount_pence), 100)
    return f"{sign}£{pounds:,}.{pennies:02d}"


def next_financial_year(financial_year: str) -> str:
    """The year after: 2019/20 after 2018/19."""
    return financial_years(financial_year, 2)[1]


def carried_forward_yaml(yaml_text: str, financial_year: str, budget_pence: int) -> str:
    """A scenario's YAML for another year and budget, comments and everything else kept.

    The top-level ``financial_year`` and ``budget`` lines are rewritten (or added at the top).
    """
    whole, part = divmod(budget_pence, 100)
    lines = {
        "financial_year": f"financial_year: {financial_year}",
        "budget": f"budget: {whole}.{part:02d}",
    }
    text = yaml_text
    for key, line in lines.items():
        pattern = re.compile(rf"^{key}:.*$", re.MULTILINE)
        text = pattern.sub(line, text, count=1) if pattern.search(text) else f"{line}\n{text}"
    return text


@dataclass(frozen=True)
class ScenarioArea:
    code: str
    name: str
    population: int


def scenario_yaml(
    *, title: str, financial_year: str, budget_pence: int, areas: Sequence[ScenarioArea]
) -> str:
    """A starting scenario: the whole budget shared by population, ready to be refined."""
    whole, part = divmod(budget_pence, 100)
    lines = [
        f"title: {_quoted(title)}",
        f"financial_year: {financial_year}",
        f"budget: {whole}.{part:02d}",
        "",
        "# Add indicators (an IMD score, recorded crime) to each area and weight them here.",
        "weights:",
        "  population: 1",
        "",
        "# Optional: top_slices, protected, damping (floor, ceiling) and max_share.",
        "areas:",
    ]
    for area in areas:
        lines += [
            f"  - code: {area.code}",
            f"    name: {_quoted(area.name)}",
            f"    population: {area.population}",
        ]
    return "\n".join(lines) + "\n"


def _quoted(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'
