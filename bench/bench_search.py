"""Search across everything: 100,000 indexed documents, against a bare full-text query.

Builds a throwaway SQLite database in a temporary folder (or uses ``DATABASE_URL`` when it
names a PostgreSQL database made for the purpose: its search tables are emptied), fills
the index with 100,000 documents of made-up words (a long-tailed vocabulary, so some words
are common and most are rare) and times, for a rare word, a common word, two words and a
phrase, one page of results as the search page asks for it (the permission filter, the
count, the best-match order and the first 20 rows) for an officer and for the public,
against the bare full-text query of the same words (the FTS5 table or the tsvector
column alone: its count and the 20 best rowids). The ratio is what permissions, filters
and the page cost over the engine itself; the three are timed in turns (`turns.py`).

Run: .venv/bin/python bench/bench_search.py
On PostgreSQL: DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_search (a database made
for the purpose) .venv/bin/python bench/bench_search.py
REMIT_BENCH_DOCUMENTS sets how many documents (100,000 unless told).
"""

from __future__ import annotations

import atexit
import os
import random
import shutil
import statistics
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from datetime import timedelta
from pathlib import Path

WORK = Path(tempfile.mkdtemp(prefix="remit-bench-search-"))
atexit.register(shutil.rmtree, WORK, ignore_errors=True)
os.environ.setdefault("DATABASE_URL", f"sqlite:///{WORK / 'bench.sqlite3'}")
os.environ["REMIT_VAR"] = str(WORK)
os.environ["DJANGO_SETTINGS_MODULE"] = "remit.settings"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from turns import in_turns  # noqa: E402

from remit.core.models import Board  # noqa: E402
from remit.core.models import Region  # noqa: E402
from remit.core.models import Role  # noqa: E402
from remit.search import selectors  # noqa: E402
from remit.search.models import Kind  # noqa: E402
from remit.search.models import SearchDocument  # noqa: E402
from remit.search.query import parse  # noqa: E402
from remit.search.query import to_fts5  # noqa: E402
from remit.search.query import to_tsquery  # noqa: E402

DOCUMENTS = int(os.environ.get("REMIT_BENCH_DOCUMENTS", "100000"))
VOCABULARY = 5_000
BODY_WORDS = 80
PAGE = 20
RUNS = 7
BATCH = 5_000
ALL_ROLES = "|" + "|".join(Role.values) + "|"


def words() -> list[str]:
    rng = random.Random(7)
    letters = "abcdefghijklmnopqrstuvwxyz"
    found: set[str] = set()
    while len(found) < VOCABULARY:
        found.add("".join(rng.choice(letters) for _ in range(rng.randint(4, 9))))
    return sorted(found)


def build(region: Region, boards: list[Board], vocabulary: list[str]) -> None:
    rng = random.Random(11)
    weights = [1 / (rank + 1) for rank in range(len(vocabulary))]
    kinds = list(Kind.values)
    start = date(2015, 1, 1)
    for offset in range(0, DOCUMENTS, BATCH):
        rows = []
        for i in range(offset, min(offset + BATCH, DOCUMENTS)):
            body = rng.choices(vocabulary, weights=weights, k=BODY_WORDS)
            rows.append(
                SearchDocument(
                    region=region,
                    kind=kinds[i % len(kinds)],
                    object_id=i,
                    title=" ".join(body[:6]).capitalize(),
                    body=" ".join(body),
                    url="/meetings/",
                    public_url="/published/meetings/",
                    published=i % 3 == 0,
                    roles=ALL_ROLES if i % 2 else "|admin|officer|",
                    board=boards[i % len(boards)].pk,
                    date=start + timedelta(days=i % 4000),
                )
            )
        SearchDocument.objects.bulk_create(rows)
        print(f"  {offset + len(rows):,} documents", flush=True)


def bare(text: str) -> None:
    query = parse(text)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            sql, params = to_tsquery(query)
            cursor.execute(
                f"SELECT count(*) FROM search_document WHERE search_vector @@ {sql}",  # noqa: S608
                params,
            )
            cursor.fetchall()
            cursor.execute(
                f"SELECT id FROM search_document WHERE search_vector @@ {sql} "  # noqa: S608
                f"ORDER BY ts_rank(search_vector, {sql}) DESC LIMIT {PAGE}",
                params + params,
            )
        else:
            expression = to_fts5(query)
            cursor.execute(
                "SELECT count(*) FROM search_document_fts WHERE search_document_fts MATCH %s",
                [expression],
            )
            cursor.fetchall()
            cursor.execute(
                "SELECT rowid FROM search_document_fts WHERE search_document_fts MATCH %s "
                "ORDER BY rank LIMIT %s",
                [expression, PAGE],
            )
        cursor.fetchall()


def full(text: str, viewer: selectors.Viewer, region: Region) -> None:
    found = selectors.search(viewer, region, parse(text), selectors.Filters(), date(2026, 1, 1))
    found.count()
    list(found[:PAGE])


def main() -> None:
    print(f"Building the index ({connection.vendor}) in {WORK} …", flush=True)
    call_command("migrate", verbosity=0, interactive=False)
    SearchDocument.objects.all().delete()
    # a PostgreSQL database may hold the region from an earlier run
    region, _ = Region.objects.get_or_create(
        slug="bench-search", defaults={"name": "Benchshire", "is_active": True}
    )
    boards = [
        Board.objects.get_or_create(region=region, slug=f"b{b}", defaults={"name": f"Board {b}"})[0]
        for b in range(5)
    ]
    vocabulary = words()
    build(region, boards, vocabulary)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO search_document_fts(search_document_fts) VALUES ('optimize')"
            )
            cursor.execute("ANALYZE")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_document")
    queries = {
        "rare word": vocabulary[-1],
        "common word": vocabulary[0],
        "two words": f"{vocabulary[0]} {vocabulary[3]}",
        "phrase": f'"{vocabulary[0]} {vocabulary[1]}"',
    }
    viewers = {
        "officer": selectors.Viewer(role=Role.OFFICER),
        "public": selectors.Viewer(),
    }
    print(f"\n{DOCUMENTS:,} documents, median of {RUNS}; one page of {PAGE} with its count")
    print(f"{'query':<12} {'viewer':<8} {'bare ms':>8} {'search ms':>10} {'× bare':>7}")
    worst = 0.0
    for name, text in queries.items():
        runs: dict[str, Callable[[], None]] = {"bare": lambda text=text: bare(text)}
        for who, viewer in viewers.items():
            runs[who] = lambda text=text, viewer=viewer: full(text, viewer, region)
        times, _ = in_turns(runs, RUNS)
        base = statistics.median(times["bare"])
        for who in viewers:
            taken = statistics.median(times[who])
            ratio = taken / base
            worst = max(worst, ratio)
            print(f"{name:<12} {who:<8} {base * 1000:>8.1f} {taken * 1000:>10.1f} {ratio:>7.1f}")
    print(f"\nWorst ratio to the bare query: {worst:.1f}×")
    if connection.vendor == "postgresql" and "bench" in connection.settings_dict["NAME"]:
        SearchDocument.objects.all().delete()


if __name__ == "__main__":
    sys.exit(main())
