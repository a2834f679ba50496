"""`remit`: the command line, with the same operations as the UI.

Pure computations (fund allocation, appraisal) run without a database;
everything else sets Django up first.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from remit.appraisal.cli import appraise
from remit.bootstrap import setup_django
from remit.funding.cli import fund_app
from remit.funding.cli import grants_app
from remit.indicators import cli as crime_cli
from remit.notifications.cli import notify_app
from remit.search.cli import search_app

app = typer.Typer(
    help="Remit: open governance for combined authorities and police and crime commissioners.",
    no_args_is_help=True,
    add_completion=False,
)
region_app = typer.Typer(help="Region packs: load and list.", no_args_is_help=True)
token_app = typer.Typer(help="API tokens for scripted writes.", no_args_is_help=True)
boundaries_app = typer.Typer(help="Boundary shapes for maps.", no_args_is_help=True)
story_app = typer.Typer(help="Demo stories: check them.", no_args_is_help=True)
app.add_typer(region_app, name="region")
app.add_typer(boundaries_app, name="boundaries")
app.add_typer(token_app, name="token")
app.add_typer(story_app, name="story")

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


def fail(message: str, code: int = 2) -> typer.Exit:
    err.print(message, markup=False, highlight=False)
    return typer.Exit(code)


@app.command()
def migrate() -> None:
    """Create or update the database tables."""
    setup_django()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=1)


@app.command()
def demo(
    region: Annotated[
        str | None,
        typer.Option(
            help="A shipped region pack's name, or the path of a region pack file; "
            "the demo's own region if left out."
        ),
    ] = None,
) -> None:
    """Load a region pack, one demo account per role, and the demo data for its areas (safe
    to run again)."""
    setup_django()
    from remit.core.services.demo import DEMO_PASSWORD
    from remit.demo import DEMO_REGION
    from remit.demo import demo_load
    from remit.regions.pack import PackError

    try:
        report, accounts = demo_load(
            region=region or DEMO_REGION, progress=lambda label: out.print(f"Loading {label}…")
        )
    except (KeyError, PackError) as exc:
        raise fail(str(exc).strip("'\"")) from exc
    out.print(f"Loaded {report.region.name}:")
    for line in report.lines():
        out.print(f"  {line}", markup=False)
    out.print(f"\nDemo accounts (password for all: {DEMO_PASSWORD}):")
    for a in accounts:
        out.print(f"  {a.username:<13} {a.role.label:<24} {a.bound_to}", markup=False)


@app.command()
def serve(
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    debug: Annotated[
        bool, typer.Option(help="Show developers' error pages instead of the site's own.")
    ] = False,
) -> None:
    """Serve the site (development server; use gunicorn remit.wsgi in production)."""
    if not debug:
        os.environ.setdefault("REMIT_DEBUG", "0")
    setup_django()
    from django.core.management import call_command

    out.print(f"Remit is at http://{host}:{port}/  (Ctrl-C to stop)")
    call_command("runserver", f"{host}:{port}", use_reloader=False)


@region_app.command("load")
def region_load_command(
    file: Annotated[Path, typer.Argument(help="Region pack YAML file.")],
    activate: Annotated[bool, typer.Option(help="Make it the region the site shows.")] = False,
) -> None:
    """Validate a region pack and load it; a broken pack changes nothing."""
    setup_django()
    from remit.core.services import region_load
    from remit.regions.pack import PackError
    from remit.regions.pack import read_pack_text

    if not file.is_file():
        raise fail(f"{file}: no such file")
    try:
        report = region_load(
            by=None, text=read_pack_text(file), source=str(file), activate=activate
        )
    except PackError as exc:
        raise fail(f"{file}: the region pack has errors; nothing was loaded.\n{exc}") from exc
    out.print(f"Loaded {report.region.name} ({report.region.slug}):")
    for line in report.lines():
        out.print(f"  {line}", markup=False)


@region_app.command("check")
def region_check_command(
    file: Annotated[Path, typer.Argument(help="Region pack YAML file.")],
) -> None:
    """Check a region pack without loading it; exits with 1 if it has errors."""
    from remit.regions.pack import PACK_VERSION
    from remit.regions.pack import PackError
    from remit.regions.pack import load_pack
    from remit.regions.pack import read_pack_text

    if not file.is_file():
        raise fail(f"{file}: no such file", code=1)
    try:
        pack = load_pack(read_pack_text(file), source=str(file))
    except PackError as exc:
        count = len(exc.errors)
        err.print(
            f"{file}: the region pack has {count} error{'s' if count != 1 else ''}:",
            markup=False,
            highlight=False,
        )
        raise fail(str(exc), code=1) from exc
    areas = len(pack.region_areas)
    context = len(pack.areas) - areas
    summary = f"{areas} area{'s' if areas != 1 else ''}"
    if context:
        summary += f" and {context} for comparison"
    out.print(
        f"{file}: no errors. {pack.region.name} ({pack.region.slug}), pack version "
        f"{pack.written_version}: {summary}, {len(pack.organisations)} organisations, "
        f"{len(pack.boards)} boards.",
        markup=False,
        highlight=False,
    )
    if pack.written_version < PACK_VERSION:
        out.print(
            f"It is written in pack version {pack.written_version} and is read as version "
            f"{PACK_VERSION}. To bring it up to date, set pack_version: {PACK_VERSION} and "
            "list each district's police forces (see the region packs guide).",
            markup=False,
            highlight=False,
        )


@story_app.command("check")
def story_check_command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Story files, or a region's folder of them. Default: every one shipped."
        ),
    ] = None,
) -> None:
    """Check demo stories without loading them; exits with 1 if any has errors."""
    from remit.regions.story import STORY_DIR
    from remit.regions.story import NotAStory
    from remit.regions.story import StoryError
    from remit.regions.story import check_story_file
    from remit.regions.story import story_files

    found: list[tuple[Path, str]] = []
    problems: list[str] = []
    for path in paths or sorted(p for p in STORY_DIR.iterdir() if p.is_dir()):
        if not path.exists():
            problems.append(f"{path}: no such file or folder")
            continue
        try:
            found += story_files(path)
        except NotAStory as exc:
            problems.append(str(exc))
    for path, part in found:
        try:
            check_story_file(path, part)
        except StoryError as exc:
            problems.append(str(exc))
        else:
            out.print(f"{path}: no errors.", markup=False, highlight=False)
    if problems:
        raise fail("\n".join(problems), code=1)
    if not found:
        raise fail("No story files there: name each after the part it tells.", code=1)


@region_app.command("list")
def region_list() -> None:
    """List the regions in the database and the packs shipped with Remit."""
    setup_django()
    from remit.core.models import Region
    from remit.regions.pack import shipped_packs

    for r in Region.objects.order_by("slug"):
        out.print(f"{r.slug:<32} {r.name}{'  (active)' if r.is_active else ''}", markup=False)
    out.print("Shipped packs: " + ", ".join(sorted(shipped_packs())), markup=False)


@boundaries_app.command("load")
def boundaries_load_command(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="TopoJSON files of districts and of each district's LSOAs, or folders of them.",
            show_default=False,
        ),
    ],
) -> None:
    """Load the shapes of the region's districts and their LSOAs; all or nothing."""
    setup_django()
    from remit.core.errors import DomainError
    from remit.core.selectors import active_region
    from remit.indicators.services.boundaries import boundaries_load

    region = active_region()
    if region is None:
        raise fail("No region has been loaded yet: run `remit region load FILE` first.")
    try:
        report = boundaries_load(by=None, region=region, paths=files)
    except DomainError as exc:
        raise fail(exc.message) from exc
    load = report.load
    out.print(
        f"Loaded the shapes of {load.districts} districts and {load.neighbourhoods:,} "
        f"neighbourhoods ({report.size_bytes / 1024:,.0f} KB).",
        markup=False,
        highlight=False,
    )
    if report.without_neighbourhoods:
        out.print(
            "No neighbourhood shapes for: " + ", ".join(report.without_neighbourhoods) + ".",
            markup=False,
        )
    out.print(load.attribution, markup=False, highlight=False)


@app.command()
def backup(file: Annotated[Path, typer.Argument(help="Where to write the backup.")]) -> None:
    """Back up the database, uploaded files and crime store while the site runs."""
    setup_django()
    from remit.backup import BackupError
    from remit.backup import backup as take

    try:
        take(file)
    except BackupError as exc:
        raise fail(str(exc)) from exc
    out.print(f"Backed up the database, uploaded files and crime store to {file}", markup=False)


@app.command()
def restore(file: Annotated[Path, typer.Argument(help="A backup made by `remit backup`.")]) -> None:
    """Check a backup's checksums, then replace the database, uploaded files and crime store."""
    setup_django()
    from remit.backup import BackupError
    from remit.backup import restore as put_back

    try:
        done = put_back(file)
    except BackupError as exc:
        raise fail(str(exc)) from exc
    out.print(
        f"Restored from {file}: the database, {done.media_files:,} uploaded files and "
        f"{done.crime_files:,} crime store files, each checked against the manifest.",
        markup=False,
    )


@token_app.command("create")
def token_create(
    username: str, name: Annotated[str, typer.Option(help="What the token is for.")] = "script"
) -> None:
    """Create an API token for a user; it is shown once."""
    setup_django()
    from remit.core.apikit.auth import token_create as make
    from remit.core.models import User

    user = User.objects.filter(username=username).first()
    if user is None:
        raise fail(f"No user '{username}'.")
    _, key = make(user=user, name=name)
    out.print(key, markup=False)


@app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def manage(ctx: typer.Context) -> None:
    """Run a Django management command (e.g. `remit manage createsuperuser`)."""
    setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["remit manage", *ctx.args])


app.add_typer(fund_app, name="fund")
app.add_typer(grants_app, name="grants")
app.add_typer(crime_cli.crime_app, name="crime")
app.add_typer(crime_cli.indicators_app, name="indicators")
app.add_typer(notify_app, name="notify")
app.add_typer(search_app, name="search")
app.command("appraise")(appraise)


def main() -> None:
    sys.exit(app())


if __name__ == "__main__":
    main()
