"""``remit fund``: the community safety fund from the command line, no database needed."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich import box
from rich.console import Console
from rich.table import Table

from remit.funding.allocation import Allocation
from remit.funding.allocation import ScenarioError
from remit.funding.allocation import allocate
from remit.funding.allocation import allocation_to_json
from remit.funding.allocation import fixed
from remit.funding.scenario import load_scenario

fund_app = typer.Typer(
    help="The community safety fund: share a budget between areas by need.",
    no_args_is_help=True,
)

PIPED_WIDTH = 160
BOUND_LABELS = {"none": "", "floor": "floor", "ceiling": "ceiling", "max_share": "max share"}


@fund_app.callback()
def fund() -> None:
    """The community safety fund: share a budget between areas by need."""


def _pounds(text: str | None) -> str:
    if text is None:
        return "-"
    sign, digits = ("-", text[1:]) if text.startswith("-") else ("", text)
    whole, _, pence = digits.partition(".")
    return f"{sign}£{int(whole):,}.{pence}"


def _table(allocation: Allocation) -> Table:
    heading = " ".join(part for part in (allocation.title, allocation.financial_year) if part)
    table = Table(title=heading or "Allocation", box=box.SIMPLE_HEAD)
    table.add_column("Code")
    table.add_column("Area")
    table.add_column("Need share", justify="right")
    table.add_column("Unconstrained", justify="right")
    table.add_column("Formula", justify="right")
    table.add_column("Bound")
    table.add_column("Protected", justify="right")
    table.add_column(
        "Total",
        justify="right",
        footer=_pounds(fixed(allocation.formula + allocation.protected, 2)),
    )
    table.add_column("Change", justify="right")
    table.add_column("Change %", justify="right")
    for area in allocation.areas:
        table.add_row(
            area.code,
            area.name,
            f"{fixed(area.need_share * 100, 2)}%",
            _pounds(fixed(area.unconstrained, 2)),
            _pounds(fixed(area.formula, 2)),
            BOUND_LABELS[area.bound.value],
            _pounds(fixed(area.protected, 2)),
            _pounds(fixed(area.total, 2)),
            _pounds(None if area.change is None else fixed(area.change, 2)),
            "-" if area.change_pct is None else f"{fixed(area.change_pct, 2)}%",
        )
    table.add_section()
    table.add_row(
        "Total",
        "",
        "",
        "",
        _pounds(fixed(allocation.formula, 2)),
        "",
        _pounds(fixed(allocation.protected, 2)),
        _pounds(fixed(allocation.formula + allocation.protected, 2)),
        style="bold",
    )
    return table


def _summary(allocation: Allocation) -> str:
    return (
        f"Budget {_pounds(fixed(allocation.budget, 2))} - top slices "
        f"{_pounds(fixed(allocation.top_slices, 2))} - protected "
        f"{_pounds(fixed(allocation.protected, 2))} = formula pot "
        f"{_pounds(fixed(allocation.pot, 2))}"
    )


@fund_app.command("allocate")
def allocate_command(
    scenario: Annotated[Path, typer.Argument(help="Scenario YAML file.", show_default=False)],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Share a scenario's budget between its areas by the allocation formula."""
    try:
        text = scenario.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        typer.echo(f"{scenario}: cannot read the file: {error}", err=True)
        raise typer.Exit(2) from None
    try:
        allocation = allocate(load_scenario(text))
    except ScenarioError as error:
        where = f"{error.path}: " if error.path else ""
        typer.echo(f"{scenario}: {where}{error.message}", err=True)
        raise typer.Exit(2) from None
    if as_json:
        typer.echo(json.dumps(allocation_to_json(allocation), indent=2))
        return
    console = Console()
    if not console.is_terminal:
        console = Console(width=PIPED_WIDTH)
    console.print(_table(allocation))
    console.print(_summary(allocation))


grants_app = typer.Typer(
    help="Grants: the public register as open data (360Giving).",
    no_args_is_help=True,
)


class ExportFormat(StrEnum):
    THREESIXTY = "360giving"
    CSV = "csv"


@grants_app.callback()
def grants() -> None:
    """Grants: the public register as open data (360Giving)."""


def _fail(message: str) -> typer.Exit:
    typer.echo(message, err=True)
    return typer.Exit(2)


@grants_app.command("export")
def export_command(
    export_format: Annotated[
        ExportFormat,
        typer.Option("--format", help="360giving (a JSON package) or csv (the spreadsheet)."),
    ] = ExportFormat.THREESIXTY,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of to stdout.")
    ] = None,
    base_url: Annotated[
        str, typer.Option("--base-url", help="The public site's address, to link each grant.")
    ] = "",
) -> None:
    """Export the published grants; a 360Giving package is checked against the standard first."""
    from remit.bootstrap import setup_django

    setup_django()
    from django.urls import reverse
    from django.utils import timezone

    from remit.core.selectors import active_region
    from remit.funding import selectors
    from remit.funding import threesixty

    region = active_region()
    if region is None:
        raise _fail("No region has been loaded: run `remit region load FILE` first.")

    def url_for(grant: object) -> str:
        path = reverse("funding_public:detail", args=[grant.pk])  # type: ignore[attr-defined]
        return base_url.rstrip("/") + path if base_url else ""

    records = selectors.grant_records(selectors.export_grants(region), url_for=url_for)
    if export_format == ExportFormat.CSV:
        text = threesixty.to_csv(records)
    else:
        if not records:
            raise _fail(f"{region} has published no grants, and a 360Giving package needs one.")
        data = threesixty.package_json(
            records,
            publisher=records[0].funder,
            title=f"Grants published by {records[0].funder.name}",
            issued=timezone.now(),
        )
        problems = threesixty.problems(data)
        if problems:
            raise _fail(
                "The export is not valid 360Giving data, so nothing was written:\n"
                + "\n".join(problems)
            )
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if output is None:
        typer.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as error:
        raise _fail(f"{output}: cannot write the file: {error}") from None
    typer.echo(f"Wrote {len(records)} grants to {output}", err=True)


if __name__ == "__main__":
    import sys

    app = grants_app if sys.argv[1:2] == ["export"] else fund_app
    app()
