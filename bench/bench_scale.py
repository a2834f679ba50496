"""Remit's main pages at the demo's size and grown to a realistic size, and under gunicorn.

Loads the West Midlands demo into a throwaway SQLite database, copies the database and
grows the copy (`bench/growth.py`) to the sizes of a busy region: 2,000 proposals, 2,000
bids in the demo's round, 5,000 published grants (with instalments, payments and returns;
their bids in a second round), 500 meetings with agendas, papers and decisions, and 1,000
results. Each page is then requested from the demo database and from the grown one in
turn, after one round that settles caches, and the ratio of the median times is what
growing the data costs the page. The lists whose goal is set against 50 records (the
internal grants list, a round's bids and moderation) are compared with a third copy grown
to 50 grants and 50 bids in the round, not with the demo's handful. Signed-in pages are
asked for by the demo's administrator, the API with a token, public pages and files by a
visitor.

Then gunicorn (one sync worker, DEBUG off, loopback only) serves the grown database, and
the public home and the public grants register are each measured in requests per second
against a bare Django view that reads the same grants in one query
(`bench/gunicorn_rig.py`), in shuffled turns.

The run also counts the statements that write to the database during the administrator's
signed-in GETs, and times the suggested package page of the grown round: the first request,
which solves it, then more, counting any that solve it again. Its headline figures are kept
in bench/out/results/bench_scale.json for the goals table (`bench/results.py`).

Run: .venv/bin/python bench/bench_scale.py [--quick] [--write-docs]
--quick grows to a quarter of each size with fewer runs; --write-docs puts the tables in
docs/performance.md between the bench_scale marker comments.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import gc
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC
from datetime import datetime
from pathlib import Path
from typing import Any

import results

HERE = Path(__file__).resolve().parent
DOC = HERE.parent / "docs" / "performance.md"
BEGIN = "<!-- bench_scale: begin -->"
END = "<!-- bench_scale: end -->"


@dataclass(frozen=True)
class Sizes:
    proposals: int
    bids: int
    grants: int
    meetings: int
    results: int


FULL = Sizes(proposals=2_000, bids=2_000, grants=5_000, meetings=500, results=1_000)
QUICK = Sizes(proposals=500, bids=500, grants=1_250, meetings=125, results=250)
# The size the goals for the long lists are set against: a page at full size
# should take at most twice its time at 50 records.
FIFTY = Sizes(proposals=0, bids=50, grants=50, meetings=0, results=0)


@dataclass(frozen=True)
class Page:
    label: str
    url: str
    who: str  # "admin", "api" or "visitor"
    rows: str  # the count that grows under it
    base: str = "demo"  # the database its time at full size is compared with


def grow(region: Any, sizes: Sizes) -> dict[str, int]:
    """Grow the region's demo rows to ``sizes``; what there is of each after."""
    import growth

    from remit.funding.models import Bid

    round = main_round(region)
    counts = {
        "grants": growth.grow_published_grants(
            region, sizes.grants, into=growth.earlier_round(round)
        ),
        "bids in the round": growth.grow_bids(round, sizes.bids),
        "results": growth.grow_results(region, first_mission(region), sizes.results),
        "proposals": growth.grow_proposals(region, sizes.proposals),
        "meetings": growth.grow_meetings(region, sizes.meetings),
    }
    counts["bids"] = Bid.all_objects.filter(round__fund__region=region).count()
    return counts


def counts(region: Any) -> dict[str, int]:
    """The same counts as `grow` returns, without growing anything."""
    return grow(region, Sizes(0, 0, 0, 0, 0))


def main_round(region: Any) -> Any:
    from remit.funding.models import Round
    from remit.regions.story import read_story

    story = read_story(region.slug, "funding")
    assert story is not None
    return Round.objects.get(fund__region=region, slug=story["round"]["slug"])


# The demo declares no results, and an empty list skips the queries for its rows and
# their milestones and missions: a baseline with a few results measures growth, not the
# step from an empty page to a full one.
BASELINE_RESULTS = 10


def seed_results(region: Any) -> None:
    import growth

    growth.grow_results(region, first_mission(region), BASELINE_RESULTS)


def first_mission(region: Any) -> Any:
    from remit.core.models import Mission

    return Mission.objects.filter(region=region).order_by("number").first()


def pages(region: Any) -> list[Page]:
    """The pages measured, with the demo's records each one shows."""
    from remit.meetings.models import Meeting
    from remit.proposals.models import Proposal

    round = main_round(region).pk
    from django.urls import reverse

    proposal = Proposal.objects.filter(deal__region=region).order_by("pk").first()
    meeting = (
        Meeting.objects.for_region(region)
        .filter(status__in=[Meeting.Status.HELD, Meeting.Status.MINUTES_APPROVED])
        .order_by("-date")
        .first()
    )
    if proposal is None or meeting is None:
        raise SystemExit("the demo has no published proposal or held meeting")
    return [
        Page("internal grants list", "/funds/grants/", "admin", "grants", "fifty"),
        Page(
            "a round's bids", f"/funds/rounds/{round}/bids/", "admin", "bids in the round", "fifty"
        ),
        Page(
            "moderation",
            f"/funds/rounds/{round}/moderation/",
            "admin",
            "bids in the round",
            "fifty",
        ),
        Page("results list", "/indicators/results/", "admin", "results"),
        Page(
            "a mission page",
            f"/indicators/missions/{first_mission(region).number}/",
            "admin",
            "results",
        ),
        Page("API grants, one page", "/api/grants", "api", "grants"),
        Page("API bids, one page", "/api/bids", "api", "bids"),
        Page("360Giving JSON", "/published/grants/360giving.json", "visitor", "grants"),
        Page("360Giving CSV", "/published/grants/360giving.csv", "visitor", "grants"),
        Page("coverage matrix", "/proposals/coverage/", "admin", "proposals"),
        Page("public home", "/", "visitor", "grants"),
        Page("public grants list", "/published/grants/", "visitor", "grants"),
        Page("a proposal page", f"/proposals/{proposal.pk}/", "admin", "proposals"),
        Page("a meeting page", f"/meetings/{meeting.pk}/", "admin", "meetings"),
        Page(
            "decisions Atom feed", reverse("meetings_public:decisions_feed"), "visitor", "meetings"
        ),
    ]


def package_url(region: Any) -> str:
    """The suggested package page of the demo's round, which grows to 2,000 bids."""
    return f"/funds/rounds/{main_round(region).pk}/package/"


# Running --------------------------------------------------------------------------------


def configure(work: Path) -> dict[str, Path]:
    """Point Django at a throwaway database in ``work`` and set it up; the two databases."""
    import gunicorn_rig

    dbs = {name: work / f"{name}.sqlite3" for name in ("demo", "fifty", "full")}
    os.environ.update(
        {
            "DATABASE_URL": f"sqlite:///{dbs['demo']}",
            "REMIT_VAR": str(work),
            "DJANGO_SETTINGS_MODULE": "remit.settings",
            "REMIT_TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "REMIT_DEBUG": gunicorn_rig.prepare(work)["REMIT_DEBUG"],
        }
    )
    sys.path.insert(0, str(work))
    import django

    django.setup()
    return dbs


def use(dbs: dict[str, Path], name: str) -> None:
    """Switch the connection, and the open data store, to database ``name``."""
    from django.db import connection

    connection.close()
    connection.settings_dict["NAME"] = str(dbs[name])
    os.environ["REMIT_OPEN_DATA_CACHE"] = str(dbs[name].parent / f"open-data-{name}")


def build(dbs: dict[str, Path], sizes: Sizes) -> dict[str, dict[str, int]]:
    """The demo in one database, copies grown to 50 records and to ``sizes`` in the others;
    their counts."""
    from django.core.management import call_command
    from django.db import connection

    from remit.core.models import Region
    from remit.demo import demo_load

    call_command("migrate", verbosity=0, interactive=False)
    demo_load(region="west-midlands")
    region = Region.objects.get(slug="west-midlands")
    seed_results(region)
    found = {"demo": counts(region)}
    connection.close()
    for name, grown_to in (("fifty", FIFTY), ("full", sizes)):
        shutil.copy(dbs["demo"], dbs[name])
        use(dbs, name)
        found[name] = grow(Region.objects.get(slug="west-midlands"), grown_to)
        connection.close()
    return found


@dataclass
class Timing:
    page: Page
    base: float
    full: float
    queries: dict[str, int]

    @property
    def ratio(self) -> float:
        return self.full / self.base


WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


def writes(captured: Any) -> int:
    """How many of the captured statements write to the database."""
    return sum(q["sql"].lstrip().upper().startswith(WRITES) for q in captured.captured_queries)


def _requester(dbs: dict[str, Path]) -> Callable[..., float]:
    """A function that asks database ``name`` for a page as the page's reader, and says
    how long the request took; given ``captured``, the request's statements (and only
    the request's: signing in is not counted) go in it."""
    from django.test import Client

    from remit.core.apikit.auth import token_create
    from remit.core.models import User

    tokens = {}
    for name in dbs:
        use(dbs, name)
        admin = User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
        if admin is None:
            raise SystemExit("the demo has no administrator")
        _, tokens[name] = token_create(user=admin, name="bench")
    signed_in, visitor = Client(), Client()

    def ask(page: Page, name: str, captured: Any = None) -> float:
        use(dbs, name)
        headers = {}
        client = visitor
        if page.who == "api":
            headers["HTTP_AUTHORIZATION"] = f"Bearer {tokens[name]}"
        elif page.who == "admin":
            client = signed_in
            client.force_login(User.objects.get(pk=admin.pk))
        # Each request starts with no garbage left by the one before, so a full collection
        # that earlier requests made due falls on neither side at random.
        gc.collect()
        with captured if captured is not None else contextlib.nullcontext():
            start = time.perf_counter()
            response = client.get(page.url, **headers)
            if response.streaming:
                b"".join(response.streaming_content)
            spent = time.perf_counter() - start
        if response.status_code != 200:
            raise SystemExit(f"{page.url} answered {response.status_code} on the {name} data")
        return spent

    return ask


@dataclass
class Measured:
    timings: list[Timing]
    signed_in_reads: int  # signed-in GETs whose statements were captured
    writes: int  # statements among them that wrote to the database
    api_reads: int  # the same for GETs of the API with a token
    api_writes: int
    package: dict[str, float]


def measure(dbs: dict[str, Path], region_pages: list[Page], runs: int, package: str) -> Measured:
    """Each page from its baseline database and the grown one in turn, ``runs`` times after
    one that settles caches; then the suggested package page on the grown one."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.test.utils import setup_test_environment

    setup_test_environment()
    ask = _requester(dbs)
    times: dict[tuple[str, str], list[float]] = {}
    queries: dict[str, dict[str, int]] = {}
    reads = written = api_reads = api_written = 0
    for run in range(runs + 1):
        for page in region_pages:
            for name in (page.base, "full"):
                if not run:
                    ask(page, name)  # settle caches and build kept files
                    captured = CaptureQueriesContext(connection)
                    ask(page, name, captured)
                    queries.setdefault(page.label, {})[name] = len(captured)
                    if page.who == "admin":
                        reads += 1
                        written += writes(captured)
                    elif page.who == "api":
                        api_reads += 1
                        api_written += writes(captured)
                    continue
                times.setdefault((page.label, name), []).append(ask(page, name))
    timings = [
        Timing(
            page,
            statistics.median(times[(page.label, page.base)]),
            statistics.median(times[(page.label, "full")]),
            queries[page.label],
        )
        for page in region_pages
    ]
    return Measured(
        timings,
        reads,
        written,
        api_reads,
        api_written,
        package_solved_once(dbs, ask, package, runs),
    )


def package_solved_once(
    dbs: dict[str, Path], ask: Callable[..., float], url: str, runs: int
) -> dict[str, float]:
    """The suggested package page on the grown data: the first request with nothing kept,
    which solves the package, then ``runs`` more, and how many of those solved it again."""
    from remit.funding import package

    solved = 0
    solve = package.suggest_package

    def counted(*args: Any, **kwargs: Any) -> Any:
        nonlocal solved
        solved += 1
        return solve(*args, **kwargs)

    # No page before this one asks for the package, so nothing of it is kept yet.
    page = Page("suggested package", url, "admin", "bids in the round")
    package.suggest_package = counted  # type: ignore[assignment]
    try:
        first = ask(page, "full")
        solved_first = solved
        again = [ask(page, "full") for _ in range(runs)]
    finally:
        package.suggest_package = solve  # type: ignore[assignment]
    return {
        "first_ms": first * 1000,
        "again_ms": statistics.median(again) * 1000,
        "solved_first": solved_first,
        "solved_again": solved - solved_first,
    }


def serve(work: Path, dbs: dict[str, Path], seconds: float, clients: int) -> tuple[Any, int]:
    """Requests per second of the public pages against bare views, on the grown data."""
    import gunicorn_rig

    env = {
        **gunicorn_rig.prepare(work),
        "DATABASE_URL": f"sqlite:///{dbs['full']}",
        "REMIT_OPEN_DATA_CACHE": str(work / "open-data-gunicorn"),
    }
    with gunicorn_rig.Server(work, env) as server:
        return gunicorn_rig.compare(
            server.port, gunicorn_rig.PUBLIC_PAIRS, seconds=seconds, clients=clients
        )


# Reporting ------------------------------------------------------------------------------


def report(
    mode: str,
    found: dict[str, dict[str, int]],
    timings: list[Timing],
    runs: int,
    served: tuple[Any, int],
    clients: int,
    *,
    reads: tuple[int, int, int, int] | None = None,
    package: dict[str, float] | None = None,
) -> str:
    """The run as Markdown: what produced it, the pages table, the signed-in reads' writes,
    the suggested package and the gunicorn table."""
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    lines = [
        f"`bench/bench_scale.py{' --quick' if mode == 'quick' else ''}`, "
        f"{datetime.now(UTC):%d %B %Y}, on {platform.system()} {platform.machine()} with "
        f"{os.cpu_count()} cores (load average {load} at the end), Python "
        f"{platform.python_version()}, SQLite. Median of {runs} requests from each database, "
        "interleaved.",
        "",
        "Each page is compared with the demo, or, where its goal is set against 50 records, "
        "with a copy grown to 50 grants and 50 bids in the round.",
        "",
        "| page | rows, compared with | rows, grown | ms, compared with | ms, grown "
        "| grown ÷ compared with | queries, compared with → grown |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for t in timings:
        rows, base = t.page.rows, t.page.base
        lines.append(
            f"| {t.page.label} | {found[base][rows]:,} {rows} | {found['full'][rows]:,} "
            f"| {t.base * 1000:.1f} | {t.full * 1000:.1f} | {t.ratio:.2f}× "
            f"| {t.queries[base]} → {t.queries['full']} |"
        )
    if reads is not None:
        lines += [
            "",
            f"Statements that wrote to the database during the administrator's {reads[0]} "
            f"signed-in GETs above (each page's second request, not counting signing in): "
            f"**{reads[1]}**; during the {reads[2]} GETs of the API with a token: {reads[3]}.",
        ]
    if package is not None:
        lines += [
            "",
            f"Suggested package page on the grown data ({found['full']['bids in the round']:,} "
            f"bids in the round): the first request, which solves the package, "
            f"{package['first_ms']:.0f} ms; the median of {runs} more, "
            f"{package['again_ms']:.0f} ms, solving it again **{package['solved_again']:.0f}** "
            "times.",
        ]
    comparisons, rounds = served
    lines += [
        "",
        f"gunicorn on the grown data: 1 sync worker, {clients} clients on loopback, {rounds} "
        "rounds of 2 s turns, median requests per second against a bare one-query Django view.",
        "",
        "| page | page req/s | bare req/s | page ÷ bare | page KB |",
        "|---|---:|---:|---:|---:|",
    ]
    lines += [
        f"| {c.label} | {c.page:.0f} | {c.bare:.0f} | {c.ratio:.2f}× | {c.page_bytes / 1024:.1f} |"
        for c in comparisons
    ]
    return "\n".join(lines)


def figures(
    mode: str, found: dict[str, dict[str, int]], measured: Measured, served: tuple[Any, int]
) -> dict[str, Any]:
    """The headline figures for the goals table (`bench/results.py`)."""
    return {
        "mode": mode,
        "sizes": found,
        "pages": {
            t.page.label: {
                "base": t.page.base,
                "base_ms": t.base * 1000,
                "full_ms": t.full * 1000,
                "ratio": t.ratio,
                "queries": {"base": t.queries[t.page.base], "full": t.queries["full"]},
            }
            for t in measured.timings
        },
        "signed_in_reads": measured.signed_in_reads,
        "writes_on_signed_in_reads": measured.writes,
        "api_reads": measured.api_reads,
        "writes_on_api_reads": measured.api_writes,
        "package": measured.package,
        "gunicorn": {c.label: c.ratio for c in served[0]},
    }


def write_docs(table: str, doc: Path = DOC, *, begin: str = BEGIN, end: str = END) -> None:
    """Put ``table`` between the markers in ``doc``, replacing what was there; other benchmarks
    pass their own markers."""
    text = doc.read_text()
    if begin not in text or end not in text:
        raise SystemExit(f"{doc} has no {begin} … {end} markers")
    head, rest = text.split(begin, 1)
    _, tail = rest.split(end, 1)
    doc.write_text(f"{head}{begin}\n{table}\n{end}{tail}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a quarter of each size, 3 runs")
    parser.add_argument("--write-docs", action="store_true", help=f"write the tables in {DOC}")
    parser.add_argument("--runs", type=int, help="requests per page and database (7, quick 3)")
    parser.add_argument("--seconds", type=float, help="gunicorn measuring time (48, quick 16)")
    parser.add_argument("--clients", type=int, default=4, help="gunicorn clients at once (4)")
    args = parser.parse_args()
    mode = "quick" if args.quick else "full"
    sizes = QUICK if args.quick else FULL
    runs = args.runs or (3 if args.quick else 7)
    seconds = args.seconds or (16.0 if args.quick else 48.0)

    work = Path(tempfile.mkdtemp(prefix="remit-bench-scale-"))
    atexit.register(shutil.rmtree, work, ignore_errors=True)
    dbs = configure(work)
    started = time.perf_counter()
    print(f"Loading the demo and growing a copy in {work} …", flush=True)
    found = build(dbs, sizes)
    print(f"  built in {time.perf_counter() - started:.0f} s: {found}", flush=True)
    from remit.core.models import Region

    use(dbs, "demo")
    region = Region.objects.get(slug="west-midlands")
    measured = measure(dbs, pages(region), runs, package_url(region))
    served = serve(work, dbs, seconds, args.clients)
    table = report(
        mode,
        found,
        measured.timings,
        runs,
        served,
        args.clients,
        reads=(measured.signed_in_reads, measured.writes, measured.api_reads, measured.api_writes),
        package=measured.package,
    )
    print(f"\n{table}\n\nTook {time.perf_counter() - started:.0f} s.")
    results.save("bench_scale", figures(mode, found, measured, served))
    if args.write_docs:
        write_docs(table)
        print(f"Wrote the tables in {DOC}.")


if __name__ == "__main__":
    main()
