"""The public home and grants register under gunicorn, against a bare Django view.

Builds the demo in a throwaway SQLite database, starts gunicorn on loopback (one sync
worker, production-like: DEBUG off) serving Remit plus two bare views, and counts the
requests per second a visitor who is not signed in gets from each page, in turns:

- the public home, against a bare view that reads its latest grants in one query;
- the grants register (first page), against a bare view that reads the same page of 50
  published grants in one query.

Each bare view runs in the same process, behind the same middleware, and writes its rows
as plain HTML (`bench/gunicorn_rig.py`). Subject and baseline take turns of 2 seconds
each, in a shuffled order every round, so drift on a busy machine falls on both. The
ratio is the page's requests per second over the bare view's: 1.0 would mean the page
costs no more than one query and a plain response.

Run: .venv/bin/python bench/bench_public_gunicorn.py
REMIT_BENCH_SECONDS bounds the measuring time (48 unless told); REMIT_BENCH_CLIENTS sets
how many clients ask at once (4 unless told).
"""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

import gunicorn_rig

WORK = Path(tempfile.mkdtemp(prefix="remit-bench-gunicorn-"))
atexit.register(shutil.rmtree, WORK, ignore_errors=True)
os.environ.update(
    {
        "DATABASE_URL": f"sqlite:///{WORK / 'bench.sqlite3'}",
        "REMIT_VAR": str(WORK),
        **gunicorn_rig.prepare(WORK),
    }
)
sys.path.insert(0, str(WORK))

SECONDS = float(os.environ.get("REMIT_BENCH_SECONDS", "48"))
CLIENTS = int(os.environ.get("REMIT_BENCH_CLIENTS", "4"))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from remit.demo import demo_load  # noqa: E402
from remit.funding.selectors import published_grants  # noqa: E402


def main() -> None:
    print("Building the demo…", flush=True)
    call_command("migrate", verbosity=0)
    report, _ = demo_load(region="west-midlands")
    grants = published_grants(report.region).count()
    print(f"  {report.region.name}: {grants} published grants", flush=True)

    with gunicorn_rig.Server(WORK, {}) as server:
        rows, rounds = gunicorn_rig.compare(
            server.port, gunicorn_rig.PUBLIC_PAIRS, seconds=SECONDS, clients=CLIENTS
        )
    print(
        f"\ngunicorn, 1 sync worker, {CLIENTS} clients on loopback, {rounds} rounds of "
        "2 s turns; median requests per second"
    )
    print(f"{'page':<18}{'page req/s':>12}{'bare req/s':>12}{'ratio':>8}{'page KB':>9}")
    for row in rows:
        print(
            f"{row.label:<18}{row.page:>12.0f}{row.bare:>12.0f}{row.ratio:>7.2f}×"
            f"{row.page_bytes / 1024:>9.1f}"
        )


if __name__ == "__main__":
    main()
