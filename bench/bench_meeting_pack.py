"""Benchmark: building a meeting pack of 20 report papers with appendices (about 150 pages).

Sets up a throwaway SQLite database and media folder, writes 20 papers through
the services (each with sections long enough to run to several pages, a PDF
appendix, and a Word appendix on every fourth paper), publishes them, then
times:

- Remit: one whole pack build as the background task runs it (read the
  papers, read the Word appendices' HTML made at upload, lay out the HTML, swap
  in and stamp the PDF appendix pages, save the file and its row);
- the baseline: WeasyPrint alone rendering the same pack HTML to PDF, with no
  Remit code in between.

The ratio says what Remit adds on top of the layout engine it cannot avoid.

How it is fair to both: one untimed build of each first (fonts, templates and
the print stylesheet are loaded once per process, and the stylesheet is parsed
once for both); then `--repeat` turns, each timing one of each, the order
alternating from turn to turn; garbage is collected before every timing. Each
build is timed by the wall clock and by the process's CPU time. A turn's ratio
is Remit's time over the baseline's in that same turn; the figure to read is
the median of those ratios, with their range. The goal is set on CPU time:
when others share the machine, wall-clock time includes waiting for a core,
which has nothing to do with either build, while both builds run on one thread
in this process with little to wait for but the processor.

`--write-docs` puts the figures in docs/meetings.md ("Meeting packs"); run it on
an otherwise idle machine.

    .venv/bin/python bench/bench_meeting_pack.py [--papers 20] [--repeat 7] [--write-docs]
"""

from __future__ import annotations

import argparse
import gc
import io
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC
from datetime import datetime
from datetime import timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
DOC = HERE.parent / "docs" / "meetings.md"
BEGIN = "<!-- bench_meeting_pack: begin -->"
END = "<!-- bench_meeting_pack: end -->"
SECTIONS_PER_PAPER = 6
PARAGRAPHS_PER_SECTION = 5
APPENDIX_PAGES = 3

PARAGRAPH = (
    "Partners reported on the services kept through the transition year, the people they "
    "reached and what changed as a result. The partnership compared the seven areas' "
    "figures with the regional picture and asked for the next report to show trends over "
    "three years, broken down by the communities most affected by crime."
)


def _configure(workdir: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "remit.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["REMIT_VAR"] = str(workdir)
    os.environ["REMIT_MEDIA_ROOT"] = str(workdir / "media")
    os.environ["REMIT_TASKS_BACKEND"] = "django_tasks.backends.immediate.ImmediateBackend"
    sys.path.insert(0, str(HERE.parent / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _appendix_pdf() -> bytes:
    from remit.meetings.rendering import render_pdf

    body = "".join(
        f"<h2 class='report-heading'>Table {i}</h2><p>{PARAGRAPH * 6}</p>"
        for i in range(1, APPENDIX_PAGES + 1)
    )
    return bytes(render_pdf(f"<section class='appendix'>{body}</section>").write_pdf())


def _appendix_docx() -> bytes:
    from docx import Document

    document = Document()
    document.add_heading("Delivery plan", level=1)
    for i in range(12):
        document.add_paragraph(f"Action {i + 1}. {PARAGRAPH}")
    table = document.add_table(rows=8, cols=3)
    for row in range(8):
        for col in range(3):
            table.cell(row, col).text = f"Area {row + 1}, measure {col + 1}"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _setup(papers: int) -> int:
    """A board, two members and a meeting whose agenda holds `papers` published papers."""
    from datetime import time as clock

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from remit.core.models import Board
    from remit.core.models import Membership
    from remit.core.models import Organisation
    from remit.core.models import Person
    from remit.core.models import Region
    from remit.core.models import Role
    from remit.core.models import User
    from remit.meetings import services

    region = Region.objects.create(slug="bench", name="Bench", is_active=True)
    org = Organisation.objects.create(region=region, slug="opcc", name="OPCC", kind="pcc_office")
    author = Person.objects.create(
        region=region, slug="author", name="Alex Author", organisation=org
    )
    board = Board.objects.create(region=region, slug="wmcsp", name="Partnership", quorum=1)
    Membership.objects.create(board=board, person=author, organisation=org, role="chair")
    officer = User.objects.create(username="bench-officer", role=Role.OFFICER)
    day = timezone.localdate() + timedelta(days=60)
    (meeting,) = services.meeting_schedule(
        by=officer, board=board, first_date=day, start_time=clock(10), location="Lloyd House"
    )
    pdf, docx = _appendix_pdf(), _appendix_docx()
    body = "\n\n".join([PARAGRAPH] * PARAGRAPHS_PER_SECTION)
    for n in range(papers):
        item = services.item_add(
            by=officer, meeting=meeting, data={"kind": "report", "title": f"Report {n + 1}"}
        )
        paper = services.paper_create(
            by=officer,
            item=item,
            data={
                "title": f"Report {n + 1}",
                "purpose": "To update the partnership on progress.",
                "financial_implications": "The fund for 2018/19 is £3,863,308.",
                "author": author,
                "contact_officer": author,
            },
            recommendations=["Note the report.", "Agree the next steps."],
            sections=[(f"Section {s + 1}", body) for s in range(SECTIONS_PER_PAPER)],
        )
        upload = SimpleUploadedFile(f"tables-{n}.pdf", pdf)
        services.appendix_add(by=officer, paper=paper, upload=upload, title="Tables")
        if n % 4 == 0:
            upload = SimpleUploadedFile(f"plan-{n}.docx", docx)
            services.appendix_add(by=officer, paper=paper, upload=upload, title="Delivery plan")
    services.agenda_publish(by=officer, meeting=meeting)
    return meeting.pk


@dataclass(frozen=True)
class Timing:
    wall: float
    cpu: float
    pages: int


def _timed(build: Callable[[], int]) -> Timing:
    """One build's wall-clock and CPU seconds, after collecting the last build's garbage."""
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    pages = build()
    return Timing(time.perf_counter() - wall, time.process_time() - cpu, pages)


def _remit(meeting_id: int) -> Timing:
    from remit.meetings.models import Meeting
    from remit.meetings.models import PackBuild
    from remit.meetings.services import pack_build_run

    meeting = Meeting.objects.get(pk=meeting_id)
    pack = PackBuild.objects.create(meeting=meeting, audience="members", content_hash="bench")

    def build() -> int:
        built = pack_build_run(pack.pk)
        if built.status != PackBuild.Status.DONE:
            raise SystemExit(f"the pack build failed: {built.error}")
        return built.page_count or 0

    return _timed(build)


def _baseline(html: str, stylesheet: Any) -> Timing:
    from weasyprint import HTML

    from remit.meetings.rendering import PRINT_CSS

    def build() -> int:
        document = HTML(string=html, base_url=str(PRINT_CSS.parent)).render(
            stylesheets=[stylesheet]
        )
        document.write_pdf()
        return len(document.pages)

    return _timed(build)


def _spread(values: list[float]) -> dict[str, float]:
    return {
        "median": round(statistics.median(values), 3),
        "min": round(min(values), 3),
        "max": round(max(values), 3),
    }


def summarise(remit: list[Timing], baseline: list[Timing]) -> dict[str, Any]:
    """Medians of each side and of the per-turn ratios, with the ratios' range."""
    result: dict[str, Any] = {}
    for clock in ("wall", "cpu"):
        mine = [getattr(t, clock) for t in remit]
        base = [getattr(t, clock) for t in baseline]
        result[clock] = {
            "remit_seconds": _spread(mine),
            "baseline_seconds": _spread(base),
            "turn_ratio": _spread([m / b for m, b in zip(mine, base, strict=True)]),
        }
    return result


def report(result: dict[str, Any]) -> str:
    wall, cpu = result["wall"], result["cpu"]
    turns = result["repeat"]
    lines = [
        f"`bench/bench_meeting_pack.py --papers {result['papers']} --repeat {turns}`, "
        f"{result['date']}, {result['machine']} (load average {result['load']} at the end). "
        f"{result['papers']} papers, {result['appendices']} appendices, {result['pages']} pages; "
        f"{turns} turns, interleaved, the order alternating, after one untimed build of each.",
        "",
        "| build | median wall s | median CPU s |",
        "| --- | ---: | ---: |",
        f"| WeasyPrint alone (same HTML) | {wall['baseline_seconds']['median']:.2f} "
        f"| {cpu['baseline_seconds']['median']:.2f} |",
        f"| Remit pack build | {wall['remit_seconds']['median']:.2f} "
        f"| {cpu['remit_seconds']['median']:.2f} |",
        f"| first build in the process (not counted): WeasyPrint alone "
        f"| {result['first']['baseline_wall']:.2f} | {result['first']['baseline_cpu']:.2f} |",
        f"| first build in the process (not counted): Remit "
        f"| {result['first']['remit_wall']:.2f} | {result['first']['remit_cpu']:.2f} |",
        "",
        "| ratio to WeasyPrint alone, per turn | median | lowest | highest |",
        "| --- | ---: | ---: | ---: |",
    ]
    for label, clock in (("CPU time (the goal: at most 1.15×)", cpu), ("wall clock", wall)):
        ratio = clock["turn_ratio"]
        lines.append(
            f"| {label} | {ratio['median']:.2f}× | {ratio['min']:.2f}× | {ratio['max']:.2f}× |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=7, help="timed turns (7)")
    parser.add_argument("--write-docs", action="store_true", help="write the figures in the docs")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="remit-pack-bench-") as tmp:
        workdir = Path(tmp)
        _configure(workdir)
        from django.core.files.storage import default_storage

        from remit.core.text import printable
        from remit.meetings import selectors
        from remit.meetings.models import Meeting
        from remit.meetings.pack import prepare
        from remit.meetings.rendering import stylesheet

        meeting_id = _setup(args.papers)
        content = selectors.pack_content(Meeting.objects.get(pk=meeting_id), "members")
        html = printable(prepare(content, default_storage.open)[0])
        css = stylesheet()
        first_remit, first_base = _remit(meeting_id), _baseline(html, css)
        remit: list[Timing] = []
        baseline: list[Timing] = []
        for turn in range(args.repeat):
            if turn % 2:
                baseline.append(_baseline(html, css))
                remit.append(_remit(meeting_id))
            else:
                remit.append(_remit(meeting_id))
                baseline.append(_baseline(html, css))
            print(
                f"turn {turn + 1}: Remit {remit[-1].wall:.2f} s ({remit[-1].cpu:.2f} CPU), "
                f"WeasyPrint {baseline[-1].wall:.2f} s ({baseline[-1].cpu:.2f} CPU)",
                flush=True,
            )
    pages = {t.pages for t in remit} | {t.pages for t in baseline}
    if len(pages) != 1:
        raise SystemExit(f"the pack and WeasyPrint alone made different page counts: {pages}")
    result: dict[str, Any] = {
        "papers": args.papers,
        "appendices": len(content.appendices),
        "pages": pages.pop(),
        "repeat": args.repeat,
        "date": f"{datetime.now(UTC):%d %B %Y}",
        "machine": f"on {platform.system()} {platform.machine()} with {os.cpu_count()} cores",
        "load": ", ".join(f"{n:.1f}" for n in os.getloadavg()),
        "first": {
            "remit_wall": round(first_remit.wall, 3),
            "remit_cpu": round(first_remit.cpu, 3),
            "baseline_wall": round(first_base.wall, 3),
            "baseline_cpu": round(first_base.cpu, 3),
        },
        **summarise(remit, baseline),
    }
    text = report(result)
    print(text)
    OUT.mkdir(exist_ok=True)
    (OUT / "meeting_pack.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    sys.path.insert(0, str(HERE))
    import results

    results.save("bench_meeting_pack", result)
    if args.write_docs:
        from bench_scale import write_docs

        write_docs(text, DOC, begin=BEGIN, end=END)
        print(f"Wrote the figures in {DOC}.")


if __name__ == "__main__":
    main()
