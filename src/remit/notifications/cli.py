"""`notify` commands: the scheduled checks and the daily digest, for cron.

    remit notify due      # papers late, monitoring returns due in 7 days or overdue
    remit notify digest   # one e-mail per person of what they chose to hear about daily

Both may run as often as wanted: an event is told to each person once, and a notification
goes in one digest only.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer
from rich.console import Console

notify_app = typer.Typer(
    help="Notifications: the scheduled checks and the daily digest.",
    no_args_is_help=True,
    add_completion=False,
)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


def _setup() -> None:
    from remit.bootstrap import setup_django

    setup_django()


def _day(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        err.print(f"--today: {text} is not a date such as 2026-04-01.", markup=False)
        raise typer.Exit(2) from None


@notify_app.command("due")
def due_command(
    today: Annotated[
        str | None, typer.Option("--today", help="Check as of this day (YYYY-MM-DD).")
    ] = None,
) -> None:
    """Tell officers of late papers, and grantees and officers of returns due or overdue."""
    day = _day(today)
    _setup()
    from remit.notifications.services import due_check

    report = due_check(today=day)
    out.print(" ".join(report.lines()) or "No scheduled checks ran.", markup=False)


@notify_app.command("digest")
def digest_command() -> None:
    """Send each person one e-mail of the notifications they chose to get daily."""
    _setup()
    from remit.notifications.services import digest_send

    sent = digest_send()
    out.print(f"Daily summaries sent: {sent}.", markup=False)
