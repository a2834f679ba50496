"""`remit appraise CASE.yaml`: the economic appraisal of a business case, as tables or JSON."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Annotated
from typing import NoReturn

import typer
from rich.console import Console
from rich.table import Table

from remit.appraisal import greenbook
from remit.appraisal.case_file import load_case
from remit.appraisal.greenbook import Appraisal
from remit.appraisal.greenbook import CaseError
from remit.appraisal.greenbook import DiscountSchedule
from remit.appraisal.greenbook import Increment
from remit.appraisal.greenbook import appraisal_to_json
from remit.appraisal.greenbook import round_money
from remit.appraisal.greenbook import round_ratio

SCHEDULE_NOTES = {
    DiscountSchedule.STANDARD: "Green Book STPR, 3.5% a year to year 30, declining after",
    DiscountSchedule.HEALTH: "Green Book health rate, 1.5% a year to year 30, declining after",
}

appraise_app = typer.Typer(add_completion=False)


def appraise(
    case: Annotated[Path, typer.Argument(help="The business case (YAML).", show_default=False)],
    json_output: Annotated[
        bool, typer.Option("--json", help="Print the appraisal as JSON.")
    ] = False,
) -> None:
    """Appraise the options of a business case: present values, NPSV, BCR, switching values."""
    try:
        text = case.read_text(encoding="utf-8")
    except OSError as error:
        _refuse(f"{case}: cannot read the case file ({error.strerror or error})")
    except UnicodeDecodeError:
        _refuse(f"{case}: the case file is not UTF-8 text")
    try:
        appraisal = greenbook.appraise(load_case(text))
    except CaseError as error:
        _refuse(f"{case}: {error.located()}")
    if json_output:
        typer.echo(json.dumps(appraisal_to_json(appraisal), indent=2))
    else:
        _render(appraisal, Console())


appraise_app.command()(appraise)


def _refuse(message: str) -> NoReturn:
    typer.echo(message, err=True)
    raise typer.Exit(code=2)


def _money(value: Decimal) -> str:
    rounded = round_money(value)
    sign = "-" if rounded < 0 else ""
    return f"{sign}£{abs(rounded):,.2f}"


def _ratio(value: Decimal | None) -> str:
    return "n/a" if value is None else f"{round_ratio(value):f}"


def _percent(value: Decimal | None) -> str:
    return "n/a" if value is None else f"{round_ratio(value) * 100:.2f}%"


def _render(appraisal: Appraisal, console: Console) -> None:
    heading = appraisal.title or "Economic appraisal"
    console.print(f"[bold]{heading}[/bold]")
    console.print(
        f"Real {appraisal.base_year} prices; discounted to {appraisal.base_year} at the "
        f"{SCHEDULE_NOTES[appraisal.discount]}. Costs include optimism bias; benefits are net "
        "of additionality."
    )
    console.print(_summary_table(appraisal))
    benefits = _benefits_table(appraisal)
    if benefits.row_count:
        console.print(benefits)


def _summary_table(appraisal: Appraisal) -> Table:
    """Options as columns and measures as rows, the layout of an appraisal summary table."""
    table = Table(title="Appraisal summary")
    table.add_column("Present values")
    for option in appraisal.options:
        label = f"{option.name} (counterfactual)" if option.counterfactual else option.name
        table.add_column(label, justify="right")
    options = appraisal.options
    table.add_row("Capital costs", *(_money(option.pv_capital) for option in options))
    table.add_row("Revenue costs", *(_money(option.pv_revenue) for option in options))
    table.add_row("Costs (PVC)", *(_money(option.pv_costs) for option in options))
    table.add_row("Benefits (PVB)", *(_money(option.pv_benefits) for option in options))
    table.add_row("NPSV", *(_money(option.npsv) for option in options))
    table.add_row("BCR", *(_ratio(option.bcr) for option in options), end_section=True)
    increments = [option.incremental for option in options]
    rows: list[tuple[str, Callable[[Increment], str]]] = [
        ("Added costs", lambda increment: _money(increment.pv_costs)),
        ("Added benefits", lambda increment: _money(increment.pv_benefits)),
        ("Incremental NPSV", lambda increment: _money(increment.npsv)),
        ("Incremental BCR", lambda increment: _ratio(increment.bcr)),
        ("Benefits may fall", lambda increment: _percent(increment.switching_benefits)),
        ("Costs may rise", lambda increment: _percent(increment.switching_costs)),
    ]
    for label, show in rows:
        table.add_row(label, *("" if item is None else show(item) for item in increments))
    return table


def _benefits_table(appraisal: Appraisal) -> Table:
    table = Table(title="Benefits, present values gross and net of additionality")
    table.add_column("Option")
    table.add_column("Benefit")
    table.add_column("PV gross", justify="right")
    table.add_column("PV net", justify="right")
    for option in appraisal.options:
        for line in option.benefit_lines:
            table.add_row(option.name, line.name, _money(line.pv_gross), _money(line.pv_net))
    return table


if __name__ == "__main__":
    appraise_app()
