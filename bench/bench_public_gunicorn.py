"""The public home and grants register under gunicorn, against a bare Django view.

Builds the demo in a throwaway SQLite database, starts gunicorn on loopback (one sync
worker, production-like: DEBUG off) serving Remit plus two bare views, and counts the
requests per second a visitor who is not signed in gets from each page, in turns:

- the public home, against a bare view that reads its latest grants in one query;
- the grants register (first page), against a bare view that reads the same page of 50
  published grants in one query.

Each bare view runs in the same process, behind the same middleware, and writes its rows
as plain HTML. Subject and baseline take turns of ``TURN`` seconds each, in a shuffled
order every round, so drift on a busy machine falls on both. The ratio is the page's
requests per second over the bare view's: 1.0 would mean the page costs no more than one
query and a plain response.

Run: .venv/bin/python bench/bench_public_gunicorn.py
REMIT_BENCH_SECONDS bounds the measuring time (48 unless told); REMIT_BENCH_CLIENTS sets
how many clients ask at once (4 unless told).
"""

from __future__ import annotations

import atexit
import http.client
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

WORK = Path(tempfile.mkdtemp(prefix="remit-bench-gunicorn-"))
atexit.register(shutil.rmtree, WORK, ignore_errors=True)
ROOT = Path(__file__).resolve().parent.parent
ENV = {
    "DATABASE_URL": f"sqlite:///{WORK / 'bench.sqlite3'}",
    "REMIT_VAR": str(WORK),
    "REMIT_DEBUG": "0",
    "DJANGO_SETTINGS_MODULE": "bench_public_gunicorn_settings",
}
os.environ.update(ENV)
(WORK / "static").mkdir()
sys.path.insert(0, str(WORK))

SECONDS = float(os.environ.get("REMIT_BENCH_SECONDS", "48"))
CLIENTS = int(os.environ.get("REMIT_BENCH_CLIENTS", "4"))
TURN = 2.0
PAIRS = [
    ("public home", "/", "/bench/bare/home/"),
    ("grants register", "/published/grants/", "/bench/bare/grants/"),
]

# Remit's own settings and pages, plus the two bare views, in a module gunicorn imports.
(WORK / "bench_public_gunicorn_settings.py").write_text(
    "from remit.settings import *  # noqa: F403\nROOT_URLCONF = 'bench_public_gunicorn_urls'\n"
)
(WORK / "bench_public_gunicorn_urls.py").write_text(
    """from django.http import HttpResponse
from django.urls import path
from django.utils.html import escape

from remit.funding.models import GrantPublication
from remit.urls import urlpatterns as remit

LATEST = 5
PAGE = 50


def _rows(limit):
    rows = GrantPublication.objects.filter(
        grant__is_published=True, grant__publication_id__isnull=False
    ).order_by("-award_date", "recipient_name", "pk").values_list(
        "title", "recipient_name", "amount_pence", "award_date"
    )[:limit]
    items = "".join(
        f"<li>{escape(t)}, {escape(r)}: £{p / 100:,.2f} on {d:%d %B %Y}</li>"
        for t, r, p, d in rows
    )
    return HttpResponse(f"<!doctype html><title>Grants</title><ul>{items}</ul>")


def home(request):
    return _rows(LATEST)


def grants(request):
    return _rows(PAGE)


urlpatterns = [
    path("bench/bare/home/", home),
    path("bench/bare/grants/", grants),
    *remit,
]
"""
)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from remit.demo import demo_load  # noqa: E402
from remit.funding.selectors import published_grants  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(port: int, path: str) -> tuple[int, int]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, len(response.read())
    finally:
        conn.close()


def rate(port: int, path: str, seconds: float) -> float:
    """Requests per second answered 200 with ``CLIENTS`` clients asking for ``seconds``."""
    done = [0] * CLIENTS
    stop = time.perf_counter() + seconds

    def client(n: int) -> None:
        while time.perf_counter() < stop:
            status, _ = fetch(port, path)
            if status != 200:
                raise RuntimeError(f"{path} answered {status}")
            done[n] += 1

    start = time.perf_counter()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(done) / (time.perf_counter() - start)


def main() -> None:
    print("Building the demo…", flush=True)
    call_command("migrate", verbosity=0)
    report, _ = demo_load(region="west-midlands")
    grants = published_grants(report.region).count()
    print(f"  {report.region.name}: {grants} published grants", flush=True)

    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--worker-class",
            "sync",
            "--log-level",
            "warning",
            "--chdir",
            str(WORK),
            "remit.wsgi:application",
        ],
        env={**os.environ, **ENV, "PYTHONPATH": os.pathsep.join([str(WORK), *sys.path])},
    )
    atexit.register(server.send_signal, signal.SIGTERM)
    for _ in range(200):
        try:
            fetch(port, "/bench/bare/home/")
            break
        except OSError:
            time.sleep(0.1)
    else:
        raise SystemExit("gunicorn did not start")

    for _, subject, baseline in PAIRS:  # warm both: first requests fill caches
        for path in (subject, baseline):
            for _ in range(5):
                status, _ = fetch(port, path)
                assert status == 200, (path, status)
    sizes = {path: fetch(port, path)[1] for _, s, b in PAIRS for path in (s, b)}

    turns = [(name, path) for name, s, b in PAIRS for path in (s, b)]
    rounds = max(1, int(SECONDS // (TURN * len(turns))))
    rates: dict[str, list[float]] = {path: [] for _, path in turns}
    rng = random.Random(5)
    for _ in range(rounds):
        order = turns[:]
        rng.shuffle(order)
        for _, path in order:
            rates[path].append(rate(port, path, TURN))
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=30)

    print(
        f"\ngunicorn, 1 sync worker, {CLIENTS} clients on loopback, {rounds} rounds of "
        f"{TURN:.0f} s turns; median requests per second"
    )
    print(f"{'page':<18}{'page req/s':>12}{'bare req/s':>12}{'ratio':>8}{'page KB':>9}")
    for name, subject, baseline in PAIRS:
        page = sorted(rates[subject])[len(rates[subject]) // 2]
        bare = sorted(rates[baseline])[len(rates[baseline]) // 2]
        print(
            f"{name:<18}{page:>12.0f}{bare:>12.0f}{page / bare:>7.2f}×{sizes[subject] / 1024:>9.1f}"
        )


if __name__ == "__main__":
    main()
