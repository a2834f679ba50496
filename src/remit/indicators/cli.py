"""`crime` commands: import police.uk files, summarise them, load the LSOA lookup.

The store comes from `--store` (or REMIT_CRIME_STORE); the region's areas from
the database's configured region, or, with `--areas-from`, from a region pack
YAML file (for use without a database).

    python -m remit.indicators.cli import ../shared/data/police-uk
    python -m remit.indicators.cli summary --csv --areas-from pack.yaml
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated
from typing import Any

import typer
import yaml
from rich.console import Console
from rich.progress import BarColumn
from rich.progress import MofNCompleteColumn
from rich.progress import Progress
from rich.progress import TextColumn
from rich.progress import TimeElapsedColumn
from rich.table import Table

from remit.bootstrap import setup_django
from remit.indicators.crime import import_paths
from remit.indicators.crime import load_lsoa_lookup
from remit.indicators.crime import lookup_info
from remit.indicators.crime import status
from remit.indicators.crime import summary
from remit.indicators.crime import summary_csv
from remit.indicators.crime_files import CrimeDataError


def configured_region_areas() -> list[tuple[str, str]]:
    """The configured region's areas, or none where there is no database yet."""
    setup_django()
    from django.db import DatabaseError

    from remit.core.selectors import region_areas

    try:
        return region_areas()
    except DatabaseError:
        return []


def refreshed(store: Path) -> None:
    """Bring the store up to the shared copy, where the crime store is shared."""
    setup_django()
    from remit.indicators.services.shared_store import refresh

    refresh(store, force=True)


def published(store: Path) -> None:
    """Share what was just written, where the crime store is shared."""
    setup_django()
    from remit.indicators.services.shared_store import publish

    publish(store)


crime_app = typer.Typer(
    help="police.uk crime data: import, summary, LSOA lookup and status.",
    no_args_is_help=True,
    add_completion=False,
)

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

StoreOption = Annotated[
    Path,
    typer.Option("--store", envvar="REMIT_CRIME_STORE", help="The crime store directory."),
]
DEFAULT_STORE = Path("var/crime")


_OPTIONS = {"month_from": "--from", "month_to": "--to", "area": "--area", "paths": "PATH"}


def _say(text: str) -> None:
    """Print a line as written: no markup read into it, no highlighting added."""
    out.print(text, markup=False, highlight=False)


def _fail(exc: Exception, code: int = 2) -> typer.Exit:
    message = str(exc)
    if isinstance(exc, CrimeDataError) and exc.path is None and exc.field in _OPTIONS:
        message = f"{_OPTIONS[exc.field]}: {exc.message}"
    err.print(message, markup=False, highlight=False)
    return typer.Exit(code)


def _table(title: str, *columns: str) -> Table:
    table = Table(title=title)
    for column in columns:
        numeric = column in ("rows", "unlocated", "count")
        table.add_column(column, justify="right" if numeric else "left", overflow="fold")
    return table


def read_region_areas(path: Path) -> list[tuple[str, str]]:
    """The (GSS code, name) of each area in a region pack YAML file."""
    source = str(path)
    try:
        data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise CrimeDataError(f"cannot read the region pack ({exc})", path=source) from exc
    areas = data.get("areas") if isinstance(data, dict) else None
    if not isinstance(areas, list):
        raise CrimeDataError("a region pack needs a list of areas", path=source, field="areas")
    found: list[tuple[str, str]] = []
    for number, item in enumerate(areas, start=1):
        if not isinstance(item, dict) or not item.get("code") or not item.get("name"):
            raise CrimeDataError(
                f"area {number} needs a code and a name", path=source, field="areas"
            )
        found.append((str(item["code"]), str(item["name"])))
    return found


@crime_app.command("import")
def import_command(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="police.uk street CSVs, folders of them, or a zip.", show_default=False
        ),
    ],
    store: StoreOption = DEFAULT_STORE,
    allow_empty: Annotated[
        bool,
        typer.Option(
            "--allow-empty",
            help="Let a file with a header and no crimes replace a month already held.",
        ),
    ] = False,
) -> None:
    """Import police.uk street files; all or nothing, a force-month again replaces it."""
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task("Finding files", total=None)

        def progress(done: int, total: int, source: str) -> None:
            label = Path(source.rsplit(":", 1)[-1]).name if source else "Importing"
            bar.update(task, completed=done, total=total, description=label)

        try:
            refreshed(store)
            report = import_paths(store, paths, progress=progress, allow_empty=allow_empty)
            published(store)
        except CrimeDataError as exc:
            if exc.field == "allow_empty":
                exc.message += "; to empty that month on purpose, run again with --allow-empty"
            raise _fail(exc) from None
        except OSError as exc:
            raise _fail(exc, 1) from None
    table = _table("Imported", "force", "month", "rows", "unlocated", "source")
    for fm in report.force_months:
        table.add_row(fm.force, fm.month, f"{fm.rows:,}", f"{fm.unlocated:,}", fm.source)
    out.print(table)
    replaced = f", {len(report.replaced)} replaced" if report.replaced else ""
    _say(
        f"{report.rows:,} rows imported ({report.unlocated:,} unlocated) "
        f"in {len(report.force_months)} force-months{replaced}, into {store}."
    )


@crime_app.command("summary")
def summary_command(
    store: StoreOption = DEFAULT_STORE,
    as_csv: Annotated[
        bool, typer.Option("--csv", help="Write CSV (area_code,area_name,month,crime_type,count).")
    ] = False,
    area: Annotated[str | None, typer.Option("--area", help="Only this GSS code.")] = None,
    month_from: Annotated[str | None, typer.Option("--from", help="First month, YYYY-MM.")] = None,
    month_to: Annotated[str | None, typer.Option("--to", help="Last month, YYYY-MM.")] = None,
    crime_type: Annotated[
        str | None, typer.Option("--type", help='Only this crime type, e.g. "Burglary".')
    ] = None,
    areas_from: Annotated[
        Path | None, typer.Option("--areas-from", help="Region pack YAML giving the areas.")
    ] = None,
) -> None:
    """Crimes per area, month and crime type; the total is every row imported."""
    filters: dict[str, Any] = {
        "area": area,
        "month_from": month_from,
        "month_to": month_to,
        "crime_type": crime_type,
    }
    try:
        refreshed(store)
        areas = read_region_areas(areas_from) if areas_from else configured_region_areas()
        if as_csv:
            summary_csv(store, areas, sys.stdout, **filters)
            return
        rows = list(summary(store, areas, **filters))
    except CrimeDataError as exc:
        raise _fail(exc) from None
    table = _table("Crimes", "area", "name", "month", "crime type", "count")
    for row in rows:
        table.add_row(row.area_code, row.area_name, row.month, row.crime_type, f"{row.count:,}")
    out.print(table)
    _say(f"{sum(r.count for r in rows):,} crimes.")


@crime_app.command("lookup")
def lookup_command(
    path: Annotated[
        Path, typer.Argument(help="ONS LSOA to district lookup CSV, or IMD 2019 File 1 (.csv.gz).")
    ],
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """Load the LSOA to local authority district lookup, replacing any earlier one."""
    try:
        refreshed(store)
        info = load_lsoa_lookup(store, path)
        published(store)
    except CrimeDataError as exc:
        raise _fail(exc) from None
    except OSError as exc:
        raise _fail(exc, 1) from None
    _say(
        f"{info.rows:,} LSOAs loaded from {info.source} "
        f"({info.lsoa_column} -> {info.district_code_column}, {info.district_name_column})."
    )


@crime_app.command("status")
def status_command(store: StoreOption = DEFAULT_STORE) -> None:
    """What the store holds: each force-month, and the LSOA lookup."""
    try:
        refreshed(store)
    except CrimeDataError as exc:
        raise _fail(exc) from None
    held = status(store)
    table = _table("Store", "force", "month", "rows", "unlocated", "imported at", "source")
    for fm in held:
        table.add_row(
            fm.force,
            fm.month,
            f"{fm.rows:,}",
            f"{fm.unlocated:,}",
            fm.imported_at.isoformat(timespec="seconds"),
            fm.source,
        )
    out.print(table)
    rows = sum(fm.rows for fm in held)
    _say(f"{rows:,} rows in {len(held)} force-months in {store}.")
    info = lookup_info(store)
    if info is None:
        out.print("No LSOA lookup loaded: districts come from LSOA names.", markup=False)
    else:
        _say(
            f"LSOA lookup: {info.rows:,} LSOAs from {info.source}, "
            f"loaded {info.loaded_at.isoformat(timespec='seconds')}."
        )


indicators_app = typer.Typer(
    help="Indicators: load official statistics from the catalogue.",
    no_args_is_help=True,
    add_completion=False,
)


@indicators_app.command("load-statistics")
def load_statistics_command(
    data: Annotated[
        Path | None,
        typer.Option(
            "--data",
            help="The shared data folder (with imd2019/ and imd2025/); "
            "default $REMIT_SHARED/data, else ../shared/data.",
        ),
    ] = None,
    publish: Annotated[
        bool, typer.Option("--publish", help="Publish the indicators once loaded.")
    ] = False,
) -> None:
    """Load the catalogue's IMD statistics for the region's districts; all or nothing."""
    setup_django()
    from remit.core.errors import DomainError
    from remit.core.selectors import active_region
    from remit.indicators.demo import shared_data
    from remit.indicators.services.statistics import statistics_load

    region = active_region()
    if region is None:
        err.print("No region has been loaded yet: run `remit region load FILE` first.")
        raise typer.Exit(2)
    folder = data or shared_data()
    if folder is None or not folder.is_dir():
        err.print(
            "No shared data folder: give it with --data, or set REMIT_SHARED.",
            markup=False,
        )
        raise typer.Exit(2)
    try:
        report = statistics_load(region=region, data=folder, publish=publish)
    except DomainError as exc:
        err.print(exc.message, markup=False, highlight=False)
        raise typer.Exit(2) from None
    table = _table("Loaded", "indicator", "periods", "count", "missing")
    for item in report.loaded:
        table.add_row(
            item.slug, ", ".join(item.periods), f"{item.figures:,}", ", ".join(item.without)
        )
    out.print(table)
    for slug, titles in report.unknown_missions.items():
        out.print(f"{slug}: this region has no mission called {', '.join(titles)}.", markup=False)
    if report.unmeasured:
        names = ", ".join(f"{m.number} ({m.short_title})" for m in report.unmeasured)
        out.print(
            f"No indicator measures missions {names} yet: no data Remit loads covers them.",
            markup=False,
        )
    _say(
        f"{sum(i.figures for i in report.loaded):,} figures loaded for "
        f"{len(report.loaded)} indicators ({len(report.created)} newly defined)."
    )


if __name__ == "__main__":
    crime_app()
