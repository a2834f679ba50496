"""Paged lists at two sizes: the same pages with 50 grants and bids against 2,000.

Builds a throwaway SQLite database with one fund, one round and 50 published grants (each
from a submitted, scored bid, with instalments, a payment and a late return) and 50
results for a mission, copies it, and grows the copy to 2,000 of each. Each page is then
requested against the small and the large database in turn, interleaved, and the median
times are compared: the ratio large/small is what growing the data costs the page.

Run: .venv/bin/python bench/bench_lists.py
"""

from __future__ import annotations

import atexit
import os
import shutil
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

WORK = Path(tempfile.mkdtemp(prefix="remit-bench-lists-"))
atexit.register(shutil.rmtree, WORK, ignore_errors=True)
SMALL_DB, LARGE_DB = WORK / "small.sqlite3", WORK / "large.sqlite3"
os.environ["DATABASE_URL"] = f"sqlite:///{SMALL_DB}"
os.environ["REMIT_VAR"] = str(WORK)
os.environ["DJANGO_SETTINGS_MODULE"] = "remit.settings"
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "funding"))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402
from funding_support import awarded  # noqa: E402
from funding_support import clone_grants  # noqa: E402
from funding_support import complete_data  # noqa: E402
from funding_support import ready  # noqa: E402
from growth import grow_results  # noqa: E402
from growth import score_unscored  # noqa: E402

from remit.core.apikit.auth import token_create  # noqa: E402
from remit.core.models import Area  # noqa: E402
from remit.core.models import Board  # noqa: E402
from remit.core.models import Mission  # noqa: E402
from remit.core.models import Organisation  # noqa: E402
from remit.core.models import Person  # noqa: E402
from remit.core.models import Region  # noqa: E402
from remit.core.models import Role  # noqa: E402
from remit.core.models import User  # noqa: E402
from remit.funding import services  # noqa: E402
from remit.funding.models import Bid  # noqa: E402
from remit.funding.models import Fund  # noqa: E402
from remit.funding.models import Round  # noqa: E402

SMALL, LARGE = 50, 2_000
RUNS = 7


def build() -> tuple[Round, list[User]]:
    region = Region.objects.create(slug="benchshire", name="Benchshire", is_active=True)
    area = Area.objects.create(
        region=region, code="E08000901", name="Northton", kind="metropolitan_district"
    )
    pcc = Organisation.objects.create(
        region=region, slug="opcc", name="Office of the PCC", kind="pcc_office"
    )
    charity = Organisation.objects.create(
        region=region, slug="safe-streets", name="Safe Streets Trust", kind="voluntary_sector"
    )
    chair = Person.objects.create(
        region=region, slug="commissioner", name="Chris Chair", organisation=pcc
    )
    board = Board.objects.create(
        region=region, slug="csp", name="Community Safety Partnership", organisation=pcc
    )
    Mission.objects.create(region=region, number=11, short_title="Crime", target="Less crime.")
    officer = User.objects.create(username="officer", role=Role.OFFICER, organisation=pcc)
    second = User.objects.create(username="assessor", role=Role.OFFICER, organisation=pcc)
    admin = User.objects.create(username="admin", role=Role.ADMIN, is_superuser=True)
    partner = User.objects.create(username="partner", role=Role.PARTNER, organisation=charity)
    commissioner = User.objects.create(
        username="commissioner", role=Role.DECISION_MAKER, person=chair
    )
    fund = Fund.objects.create(
        region=region,
        slug="csf",
        name="Community Safety Fund",
        financial_year="2018/19",
        budget_pence=10_000_000_000,
        owner=pcc,
        decision_maker=chair,
        recommending_board=board,
        priorities=["Safer streets"],
    )
    now = timezone.now()
    round = services.round_create(
        by=officer,
        fund=fund,
        data={
            "slug": "main",
            "title": "Main round",
            "opens_at": now - timedelta(days=1),
            "closes_at": now + timedelta(days=30),
            "max_years": 2,
        },
    )
    services.question_add(by=officer, round=round, data={"text": "What is the need?"})
    for title in ("Fit with the plan", "Value"):
        services.criterion_add(by=officer, round=round, data={"title": title, "weight": 2})

    def make_bid(title: str) -> Bid:
        data = {**complete_data(round, lead=area.code), "title": title}
        data["priorities"] = ["Safer streets"]
        bid = services.bid_create(by=partner, round=round, data=data)
        services.outcome_add(
            by=partner, bid=bid, data={"outcome": "Fewer assaults", "measure": "Recorded crime"}
        )
        services.bid_submit(by=partner, bid=bid)
        return Bid.all_objects.get(pk=bid.pk)

    grant = ready(awarded(make_bid, officer, commissioner, title="Project first"), officer)
    grow(round, grant, [officer, second], 1, SMALL)
    return round, [admin, officer, second]


def grow(round: Round, grant: object, assessors: list[User], have: int, upto: int) -> None:
    """Grants (with their bids, scored by two assessors) and results, up to ``upto``."""
    clone_grants(grant, upto - have, start=have)
    score_unscored(round, assessors)
    region = round.fund.region
    grow_results(region, Mission.objects.get(region=region, number=11), upto)


def use(path: Path) -> None:
    connection.close()
    connection.settings_dict["NAME"] = str(path)


def main() -> None:
    setup_test_environment()
    print(f"Building two throwaway databases in {WORK} …", flush=True)
    call_command("migrate", verbosity=0, interactive=False)
    round, (admin, officer, second) = build()
    connection.close()
    shutil.copy(SMALL_DB, LARGE_DB)
    use(LARGE_DB)
    grant = Bid.all_objects.get(title="Project first").grant
    grow(round, grant, [officer, second], SMALL + 1, LARGE)
    _, key = token_create(user=admin, name="bench")
    keys = {LARGE_DB: key}
    use(SMALL_DB)
    _, keys[SMALL_DB] = token_create(user=admin, name="bench")

    pages = {
        "grants list": "/funds/grants/",
        "bids list": f"/funds/rounds/{round.pk}/bids/",
        "moderation": f"/funds/rounds/{round.pk}/moderation/",
        "results list": "/indicators/results/",
        "mission page": "/indicators/missions/11/",
        "API grants": "/api/grants",
        "API bids": "/api/bids",
    }
    client = Client()
    client.force_login(admin)
    times: dict[tuple[str, Path], list[float]] = {}
    for run in range(RUNS + 1):
        for name, url in pages.items():
            for db in (SMALL_DB, LARGE_DB):
                use(db)
                headers = {"HTTP_AUTHORIZATION": f"Bearer {keys[db]}"} if "API" in name else {}
                if "API" not in name:
                    client.force_login(admin)
                start = time.perf_counter()
                response = client.get(url, **headers)
                spent = time.perf_counter() - start
                if response.status_code != 200:
                    sys.exit(f"{name} answered {response.status_code} on {db.name}")
                if run:  # the first round settles caches
                    times.setdefault((name, db), []).append(spent)

    print(f"\nPaged lists, median of {RUNS} requests, {SMALL} against {LARGE:,} grants and bids")
    print(f"{'page':<14} {f'{SMALL} ms':>9} {f'{LARGE:,} ms':>10} {'large/small':>12}")
    for name in pages:
        small = statistics.median(times[(name, SMALL_DB)])
        large = statistics.median(times[(name, LARGE_DB)])
        print(f"{name:<14} {small * 1000:>9.1f} {large * 1000:>10.1f} {large / small:>12.2f}")


if __name__ == "__main__":
    main()
