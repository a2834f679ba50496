"""Remit under gunicorn on loopback, next to bare Django views, for the benchmarks.

`prepare` writes a settings module and a URL module into a work folder: Remit's own pages
plus two bare views that read published grants in one query and write them as plain HTML,
behind the same middleware. `Server` runs gunicorn (one sync worker) on a free loopback
port, and `compare` counts the requests per second of each page and its bare view in
turns of ``turn`` seconds, in a shuffled order every round, so that drift on a busy
machine falls on both.
"""

from __future__ import annotations

import http.client
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

SETTINGS = "bench_gunicorn_settings"
URLS = "bench_gunicorn_urls"

# The pages a visitor who is not signed in asks for most, each against a bare view that
# reads what it lists in one query: (label, page, bare view).
PUBLIC_PAIRS = [
    ("public home", "/", "/bench/bare/home/"),
    ("grants register", "/published/grants/", "/bench/bare/grants/"),
]

_URLS_MODULE = """from django.http import HttpResponse
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


def prepare(work: Path) -> dict[str, str]:
    """Write the settings and URL modules into ``work``; the environment gunicorn needs."""
    (work / "static").mkdir(exist_ok=True)
    (work / f"{SETTINGS}.py").write_text(
        f"from remit.settings import *  # noqa: F403\nROOT_URLCONF = {URLS!r}\n"
    )
    (work / f"{URLS}.py").write_text(_URLS_MODULE)
    return {"DJANGO_SETTINGS_MODULE": SETTINGS, "REMIT_DEBUG": "0"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(port: int, path: str) -> tuple[int, int]:
    """One GET on loopback: the status and the size of the body."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, len(response.read())
    finally:
        conn.close()


def rate(port: int, path: str, seconds: float, clients: int) -> float:
    """Requests per second answered 200 with ``clients`` clients asking for ``seconds``."""
    done = [0] * clients
    stop = time.perf_counter() + seconds

    def client(n: int) -> None:
        while time.perf_counter() < stop:
            status, _ = fetch(port, path)
            if status != 200:
                raise RuntimeError(f"{path} answered {status}")
            done[n] += 1

    start = time.perf_counter()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(done) / (time.perf_counter() - start)


class Server:
    """gunicorn serving ``work``'s URL module on a free loopback port, stopped on exit."""

    def __init__(self, work: Path, env: dict[str, str]) -> None:
        self.port = free_port()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "1",
                "--worker-class",
                "sync",
                "--log-level",
                "warning",
                "--chdir",
                str(work),
                "remit.wsgi:application",
            ],
            env={**os.environ, **env, "PYTHONPATH": os.pathsep.join([str(work), *sys.path])},
        )

    def __enter__(self) -> Server:
        for _ in range(300):
            try:
                fetch(self.port, PUBLIC_PAIRS[0][2])
                return self
            except OSError:
                time.sleep(0.1)
        self.__exit__()
        raise SystemExit("gunicorn did not start")

    def __exit__(self, *_: object) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=30)


@dataclass
class Comparison:
    label: str
    page: float
    bare: float
    page_bytes: int

    @property
    def ratio(self) -> float:
        return self.page / self.bare


def compare(
    port: int,
    pairs: list[tuple[str, str, str]],
    *,
    seconds: float,
    clients: int,
    turn: float = 2.0,
    seed: int = 5,
) -> tuple[list[Comparison], int]:
    """Median requests per second of each page and its bare view, measured in shuffled
    turns for about ``seconds`` in all; with the number of rounds."""
    for _, subject, baseline in pairs:  # warm both: first requests fill caches
        for path in (subject, baseline):
            for _ in range(5):
                status, _ = fetch(port, path)
                if status != 200:
                    raise SystemExit(f"{path} answered {status}")
    sizes = {subject: fetch(port, subject)[1] for _, subject, _ in pairs}
    turns = [path for _, subject, baseline in pairs for path in (subject, baseline)]
    rounds = max(1, int(seconds // (turn * len(turns))))
    rates: dict[str, list[float]] = {path: [] for path in turns}
    rng = random.Random(seed)
    for _ in range(rounds):
        order = turns[:]
        rng.shuffle(order)
        for path in order:
            rates[path].append(rate(port, path, turn, clients))

    def median(values: list[float]) -> float:
        return sorted(values)[len(values) // 2]

    return [
        Comparison(label, median(rates[subject]), median(rates[baseline]), sizes[subject])
        for label, subject, baseline in pairs
    ], rounds
