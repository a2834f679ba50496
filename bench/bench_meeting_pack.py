"""Benchmark: building a meeting pack of 20 report papers with appendices (about 150 pages).

Sets up a throwaway SQLite database and media folder, writes 20 papers through
the services (each with sections long enough to run to several pages, a PDF
appendix, and a Word appendix on every fourth paper), publishes them, then
times:

- Remit: one whole pack build as the background task runs it (read the
  papers, convert the Word appendices, lay out the HTML, swap in and stamp the
  PDF appendix pages, save the file and its row);
- the baseline: WeasyPrint alone rendering the same pack HTML to PDF, with no
  Remit code in between.

The ratio says what Remit adds on top of the layout engine it cannot avoid.

    .venv/bin/python bench/bench_meeting_pack.py [--papers 20] [--repeat 3]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
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

    from remit.core.models import Board, Membership, Organisation, Person, Region, Role, User
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


def _remit(meeting_id: int) -> tuple[float, int]:
    from remit.meetings.models import Meeting, PackBuild
    from remit.meetings.services import pack_build_run

    meeting = Meeting.objects.get(pk=meeting_id)
    pack = PackBuild.objects.create(meeting=meeting, audience="members", content_hash="bench")
    started = time.perf_counter()
    built = pack_build_run(pack.pk)
    elapsed = time.perf_counter() - started
    if built.status != PackBuild.Status.DONE:
        raise SystemExit(f"the pack build failed: {built.error}")
    return elapsed, built.page_count or 0


def _baseline(html: str) -> tuple[float, int]:
    from weasyprint import CSS, HTML

    from remit.meetings.rendering import PRINT_CSS

    started = time.perf_counter()
    document = HTML(string=html, base_url=str(PRINT_CSS.parent)).render(
        stylesheets=[CSS(filename=str(PRINT_CSS))]
    )
    document.write_pdf()
    return time.perf_counter() - started, len(document.pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="remit-pack-bench-") as tmp:
        workdir = Path(tmp)
        _configure(workdir)
        from django.core.files.storage import default_storage

        from remit.meetings import selectors
        from remit.meetings.models import Meeting
        from remit.meetings.pack import prepare

        meeting_id = _setup(args.papers)
        content = selectors.pack_content(Meeting.objects.get(pk=meeting_id), "members")
        html, _ = prepare(content, default_storage.open)
        remit, baseline = [], []
        pages = (0, 0)
        for _ in range(args.repeat):
            elapsed, remit_pages = _remit(meeting_id)
            remit.append(elapsed)
            elapsed, base_pages = _baseline(html)
            baseline.append(elapsed)
            pages = (remit_pages, base_pages)
    result = {
        "papers": args.papers,
        "appendices": len(content.appendices),
        "pages": pages[0],
        "baseline_pages": pages[1],
        "remit_seconds": round(statistics.median(remit), 3),
        "baseline_seconds": round(statistics.median(baseline), 3),
    }
    result["ratio"] = round(result["remit_seconds"] / result["baseline_seconds"], 2)
    print(f"{'build':<34}{'pages':>7}{'median s':>10}")
    print(f"{'WeasyPrint alone (same HTML)':<34}{pages[1]:>7}{result['baseline_seconds']:>10.2f}")
    print(f"{'Remit pack build':<34}{pages[0]:>7}{result['remit_seconds']:>10.2f}")
    print(f"ratio to baseline: {result['ratio']:.2f}x ({args.repeat} runs each, medians)")
    OUT.mkdir(exist_ok=True)
    (OUT / "meeting_pack.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
