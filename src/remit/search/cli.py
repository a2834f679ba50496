"""`remit search rebuild`: fill the search index again from every record."""

from __future__ import annotations

import typer
from rich.console import Console

search_app = typer.Typer(help="Search across everything: the index.", no_args_is_help=True)
out = Console(soft_wrap=True)


@search_app.command("rebuild")
def rebuild() -> None:
    """Empty the search index and build it again from every record (appendices included)."""
    from remit.bootstrap import setup_django

    setup_django()
    from remit.search.services import index_rebuild

    def progress(kind: str, total: int) -> None:
        out.print(f"Indexed {kind.replace('_', ' ')}: {total:,} rows so far", highlight=False)

    total = index_rebuild(progress=progress)
    out.print(f"The search index holds {total:,} rows.", highlight=False)
