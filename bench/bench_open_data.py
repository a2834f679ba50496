"""Open data served from the file cache against building it on the request.

Builds a throwaway SQLite database in a temporary folder with the West Midlands demo's fund,
grows its published grants to about 5,000 by copying them (each with its instalments,
payments and returns, `bench/growth.py`), then times the public 360Giving JSON and CSV
through Django's test client: built on the request (the cache folder emptied first, as
after a change of the grants) against served from the kept file, and a 304 to a client
that has it. Each kind of request is interleaved with the others, run after run, and the
ratio is of medians.

The suggested package is timed the same way: solving 1,000 seeded bids against reading the
kept solution of the same bids.

Run: .venv/bin/python bench/bench_open_data.py
"""

from __future__ import annotations

import atexit
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

WORK = Path(tempfile.mkdtemp(prefix="remit-bench-open-data-"))
atexit.register(shutil.rmtree, WORK, ignore_errors=True)
os.environ["DATABASE_URL"] = f"sqlite:///{WORK / 'bench.sqlite3'}"
os.environ["REMIT_VAR"] = str(WORK)
os.environ["REMIT_OPEN_DATA_CACHE"] = str(WORK / "open-data")
os.environ["DJANGO_SETTINGS_MODULE"] = "remit.settings"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from growth import grow_published_grants  # noqa: E402

from remit.core import open_data  # noqa: E402
from remit.core.models import Region  # noqa: E402
from remit.core.services.demo import demo_load as accounts_load  # noqa: E402
from remit.funding import package  # noqa: E402
from remit.funding import package_cache  # noqa: E402
from remit.funding import selectors  # noqa: E402
from remit.funding.demo import demo_load as fund_load  # noqa: E402

GRANTS = 5_000
RUNS = 7
BIDS = 1_000


def fetch(client: Client, url: str, **headers: str) -> tuple[int, int]:
    response = client.get(url, **headers)  # type: ignore[arg-type]
    body = b"".join(response.streaming_content) if response.streaming else response.content  # type: ignore[attr-defined]
    return response.status_code, len(body)


def interleaved(kinds: dict[str, Callable[[], object]]) -> dict[str, float]:
    """Each kind run once per round, in turn, for RUNS rounds; the median of each."""
    times: dict[str, list[float]] = {name: [] for name in kinds}
    for _ in range(RUNS):
        for name, run in kinds.items():
            start = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def emptied() -> None:
    shutil.rmtree(open_data.cache_dir(), ignore_errors=True)


def export_figures(client: Client, grants: int) -> None:
    print(f"\nPublic 360Giving files at {grants:,} published grants, median of {RUNS} requests")
    counts: dict[str, int] = {}
    print(f"{'file':>6} {'built ms':>9} {'kept ms':>8} {'304 ms':>7} {'× faster':>9} {'MB':>6}")
    for label, url in (
        ("JSON", "/published/grants/360giving.json"),
        ("CSV", "/published/grants/360giving.csv"),
    ):
        status, size = fetch(client, url)
        if status != 200:
            sys.exit(f"{url} answered {status}")
        with CaptureQueriesContext(connection) as queries:
            fetch(client, url)
        counts[label] = len(queries)
        latest = {"etag": client.get(url)["ETag"]}

        def built(url: str = url, latest: dict[str, str] = latest) -> None:
            emptied()
            response = client.get(url)
            b"".join(response.streaming_content)  # type: ignore[attr-defined]
            latest["etag"] = response["ETag"]

        def kept(url: str = url) -> None:
            fetch(client, url)

        def current(url: str = url, latest: dict[str, str] = latest) -> None:
            status, _ = fetch(client, url, HTTP_IF_NONE_MATCH=latest["etag"])
            assert status == 304, status

        medians = interleaved({"built": built, "kept": kept, "current": current})
        print(
            f"{label:>6} {medians['built'] * 1000:>9.1f} {medians['kept'] * 1000:>8.1f} "
            f"{medians['current'] * 1000:>7.1f} {medians['built'] / medians['kept']:>9.0f} "
            f"{size / 1e6:>6.1f}"
        )
    print("Queries for a kept file: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    region = Region.objects.get(slug="west-midlands")
    version = interleaved({"version": lambda: selectors.export_version(region)})["version"]
    print(f"Working out the version alone: {version * 1000:.1f} ms")


def package_figures() -> None:
    rng = random.Random(2018)
    areas = [f"E0800002{n}" for n in range(5, 10)]
    bids = [
        package.Bid(
            f"CSF-{i:04d}",
            rng.choice(areas),
            rng.randrange(5_000, 150_001) * 100,
            Decimal(rng.randrange(0, 1_001)).scaleb(-1),
        )
        for i in range(BIDS)
    ]
    budget = 3_863_308_00
    envelopes = dict.fromkeys(areas, budget // 4)
    package_cache.suggest("bench", bids, budget, envelopes)

    def solved() -> None:
        emptied()
        package_cache.suggest("bench", bids, budget, envelopes)

    def kept() -> None:
        package_cache.suggest("bench", bids, budget, envelopes)

    medians = interleaved({"solved": solved, "kept": kept})
    print(f"\nSuggested package of {BIDS:,} bids, median of {RUNS}")
    print(f"{'solved ms':>10} {'kept ms':>8} {'× faster':>9}")
    print(
        f"{medians['solved'] * 1000:>10.1f} {medians['kept'] * 1000:>8.2f} "
        f"{medians['solved'] / medians['kept']:>9.0f}"
    )


def main() -> None:
    setup_test_environment()
    print(f"Building a throwaway database in {WORK} …", flush=True)
    call_command("migrate", verbosity=0, interactive=False)
    report, _ = accounts_load(region="west-midlands")
    fund_load(report.region)
    grants = grow_published_grants(report.region, GRANTS)
    client = Client()
    export_figures(client, grants)
    package_figures()


if __name__ == "__main__":
    main()
