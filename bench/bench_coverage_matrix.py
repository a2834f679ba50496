"""The mission coverage matrix page: 2,000 proposals × 12 missions against an empty matrix.

Builds a throwaway SQLite database in a temporary folder, signs in an officer with
Django's test client, and times the whole request (queries, matrix, template) for an
empty deal, then with 200, 1,000 and 2,000 proposals, each aligned to two missions.
The ratio to the empty page is the cost of the proposals themselves. A copy of the database
is kept at each size, and the page is asked of the copies in turns (`turns.py`).

Run: .venv/bin/python bench/bench_coverage_matrix.py
"""

from __future__ import annotations

import atexit
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

WORK = Path(tempfile.mkdtemp(prefix="remit-bench-coverage-"))
atexit.register(shutil.rmtree, WORK, ignore_errors=True)
os.environ["DATABASE_URL"] = f"sqlite:///{WORK / 'bench.sqlite3'}"
os.environ["REMIT_VAR"] = str(WORK)
os.environ["DJANGO_SETTINGS_MODULE"] = "remit.settings"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from turns import in_turns  # noqa: E402

from remit.core.models import Board  # noqa: E402
from remit.core.models import GovernanceRoute  # noqa: E402
from remit.core.models import Mission  # noqa: E402
from remit.core.models import Region  # noqa: E402
from remit.core.models import Role  # noqa: E402
from remit.core.models import RouteStep  # noqa: E402
from remit.core.models import Theme  # noqa: E402
from remit.core.models import User  # noqa: E402
from remit.core.models import Workstream  # noqa: E402
from remit.proposals.models import Deal  # noqa: E402
from remit.proposals.models import MissionAlignment  # noqa: E402
from remit.proposals.models import Proposal  # noqa: E402

SIZES = (0, 200, 1_000, 2_000)
RUNS = 5
MISSIONS = 12
WORKSTREAMS = 20


def build() -> tuple[Deal, list[Workstream], list[Mission]]:
    region = Region.objects.create(slug="bench", name="Benchshire", is_active=True)
    missions = [
        Mission.objects.create(region=region, number=n, short_title=f"Mission {n}", target="…")
        for n in range(1, MISSIONS + 1)
    ]
    themes = [
        Theme.objects.create(region=region, slug=f"theme-{t}", name=f"Theme {t}", position=t)
        for t in range(5)
    ]
    workstreams = [
        Workstream.objects.create(
            theme=themes[w % 5], slug=f"ws-{w}", name=f"Workstream {w}", position=w
        )
        for w in range(WORKSTREAMS)
    ]
    boards = [
        Board.objects.create(region=region, slug=f"forum-{b}", name=f"Forum {b}") for b in range(5)
    ]
    route = GovernanceRoute.objects.create(
        region=region, slug="route", name="Route", final_board=boards[-1]
    )
    for position, board in enumerate(boards[:-1], start=1):
        RouteStep.objects.create(route=route, position=position, board=board)
    deal = Deal.objects.create(region=region, slug="deal", name="Bench deal", route=route)
    return deal, workstreams, missions


def grow(deal: Deal, workstreams: list[Workstream], missions: list[Mission], upto: int) -> None:
    have = Proposal.all_objects.count()
    made = Proposal.all_objects.bulk_create(
        Proposal(
            deal=deal,
            workstream=workstreams[i % WORKSTREAMS],
            title=f"Proposal {i:05d}",
            summary="…",
            ask_type="funding",
            amount_pence=100_000 * i,
            years_from="2023/24",
            years_to="2025/26",
            form_of_devolution="double",
        )
        for i in range(have, upto)
    )
    MissionAlignment.objects.bulk_create(
        MissionAlignment(
            proposal=p,
            mission=missions[(p.pk + k * 5) % MISSIONS],
            strength="primary" if k == 0 else "secondary",
            rationale="It serves the mission.",
        )
        for p in made
        for k in range(2)
    )


def keep_copy(size: int) -> Path:
    """A copy of the database as it stands, to ask the page of later."""
    connection.close()
    copy = WORK / f"proposals-{size}.sqlite3"
    shutil.copy(WORK / "bench.sqlite3", copy)
    return copy


def ask(client: Client, database: Path) -> int:
    """The page from ``database``; its size in bytes."""
    connection.close()
    connection.settings_dict["NAME"] = str(database)
    response = client.get("/proposals/coverage/")
    if response.status_code != 200:
        sys.exit(f"coverage page answered {response.status_code}")
    return len(response.content)


def main() -> None:
    setup_test_environment()
    print(f"Building a throwaway database in {WORK} …", flush=True)
    call_command("migrate", verbosity=0, interactive=False)
    deal, workstreams, missions = build()
    officer = User.objects.create(username="bench-officer", role=Role.OFFICER)
    client = Client()
    client.force_login(officer)
    copies = {}
    for size in SIZES:
        grow(deal, workstreams, missions, size)
        copies[size] = keep_copy(size)

    times, sizes = in_turns(
        {size: lambda copy=copy: ask(client, copy) for size, copy in copies.items()}, RUNS
    )
    results = [(size, statistics.median(times[size]), sizes[size]) for size in SIZES]

    baseline = results[0][1]
    print(f"\nMission coverage page, median of {RUNS} requests ({MISSIONS} missions)")
    print(f"{'proposals':>10} {'median ms':>10} {'page kB':>9} {'× empty':>8} {'µs/row':>8}")
    for size, median, page_bytes in results:
        per_row = (median - baseline) / size * 1e6 if size else 0.0
        print(
            f"{size:>10,} {median * 1000:>10.1f} {page_bytes / 1024:>9.0f} "
            f"{median / baseline:>8.1f} {per_row:>8.0f}"
        )


if __name__ == "__main__":
    main()
