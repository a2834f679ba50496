"""The meeting pack: one PDF with contents and page numbers, built in the background, cached."""

from __future__ import annotations

import io
import re
from datetime import timedelta
from typing import Any

import pytest
from django.core.files.storage import default_storage
from meetings_support import at
from meetings_support import docx_bytes
from meetings_support import docx_with_links
from meetings_support import pdf_bytes
from meetings_support import upload
from pypdf import PdfReader

from remit.core.errors import DomainError
from remit.core.errors import NotPermitted
from remit.meetings import pack as pack_module
from remit.meetings import services
from remit.meetings.models import Meeting
from remit.meetings.models import PackBuild
from remit.meetings.pack import converted_name
from remit.meetings.services import papers as papers_module


def build(meeting: Meeting, by: Any, capture: Any, audience: str = "members") -> PackBuild:
    with capture(execute=True):
        pack = services.pack_request(by=by, meeting=meeting, audience=audience)
    pack.refresh_from_db()
    return pack


def text_of(pack: PackBuild) -> list[str]:
    with pack.file.open("rb") as f:
        reader = PdfReader(io.BytesIO(f.read()))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


@pytest.fixture
def small(meeting: Meeting, write_paper: Any, officer: Any) -> Meeting:
    first = write_paper(meeting, title="Progress update")
    services.appendix_add(
        by=officer, paper=first, upload=upload("plan.pdf", pdf_bytes(2)), title="Funding plan"
    )
    write_paper(meeting, title="Transition year")
    services.agenda_publish(by=officer, meeting=meeting)
    return meeting


def test_a_small_pack_has_cover_contents_agenda_papers_and_appendix_pages(
    small: Meeting, officer: Any, django_capture_on_commit_callbacks: Any
) -> None:
    pack = build(small, officer, django_capture_on_commit_callbacks)
    assert pack.status == PackBuild.Status.DONE
    pages = text_of(pack)
    # cover, contents, agenda, paper 1, two appendix pages, paper 2
    assert len(pages) == pack.page_count == 7
    contents = pages[1]
    assert re.search(r"Agenda \.+ ?3", contents)
    assert re.search(r"3\. Progress update \.+ ?4", contents)
    assert re.search(r"Appendix A: Funding plan \.+ ?5", contents)
    assert re.search(r"4\. Transition year \.+ ?7", contents)
    assert "Page 5 of 7" in pages[4]
    assert "Page 6 of 7" in pages[5]
    assert "Progress update" in pages[3]
    assert "Page" not in pages[0]


def test_a_word_appendix_is_printed_in_place(
    meeting: Meeting, write_paper: Any, officer: Any, django_capture_on_commit_callbacks: Any
) -> None:
    paper = write_paper(meeting)
    services.appendix_add(
        by=officer, paper=paper, upload=upload("plan.docx", docx_bytes("Delivery plan"))
    )
    services.agenda_publish(by=officer, meeting=meeting)
    pages = text_of(build(meeting, officer, django_capture_on_commit_callbacks))
    assert any("Converted from a Word document" in p and "Delivery plan" in p for p in pages)


def test_a_word_appendix_is_converted_once_when_uploaded_not_at_each_build(
    meeting: Meeting,
    write_paper: Any,
    officer: Any,
    django_capture_on_commit_callbacks: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    paper = write_paper(meeting)
    appendix = services.appendix_add(
        by=officer, paper=paper, upload=upload("plan.docx", docx_bytes("Delivery plan"))
    )
    assert default_storage.exists(converted_name(appendix.sha256))
    services.agenda_publish(by=officer, meeting=meeting)

    def not_again(stream: Any) -> str:
        raise AssertionError("the Word appendix was converted again")

    monkeypatch.setattr(pack_module, "docx_to_html", not_again)
    pages = text_of(build(meeting, officer, django_capture_on_commit_callbacks))
    assert any("Delivery plan" in p for p in pages)


def test_a_word_appendix_s_converted_copy_goes_with_the_last_appendix_that_used_it(
    meeting: Meeting, write_paper: Any, officer: Any, django_capture_on_commit_callbacks: Any
) -> None:
    first, second = write_paper(meeting), write_paper(meeting, title="Second")
    data = docx_bytes("Shared plan")
    a = services.appendix_add(by=officer, paper=first, upload=upload("plan.docx", data))
    b = services.appendix_add(by=officer, paper=second, upload=upload("plan.docx", data))
    name = converted_name(a.sha256)
    with django_capture_on_commit_callbacks(execute=True):
        services.appendix_remove(by=officer, appendix=a)
    assert default_storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        services.appendix_remove(by=officer, appendix=b)
    assert not default_storage.exists(name)


def test_a_damaged_word_appendix_is_refused_on_the_file_field(
    meeting: Meeting, write_paper: Any, officer: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(stream: Any) -> str:
        raise ValueError("bad document")

    monkeypatch.setattr(papers_module, "docx_to_html", broken)
    paper = write_paper(meeting)
    with pytest.raises(DomainError) as refused:
        services.appendix_add(
            by=officer, paper=paper, upload=upload("plan.docx", docx_bytes("Broken"))
        )
    assert refused.value.field == "file"
    assert "Word document could not be read" in str(refused.value)
    assert not paper.appendices.exists()


def test_a_word_appendix_link_that_is_not_http_https_or_mailto_is_dropped_from_the_pack(
    meeting: Meeting, write_paper: Any, officer: Any, django_capture_on_commit_callbacks: Any
) -> None:
    links = [("Run me", "javascript:alert(1)"), ("The plan", "https://example.org/plan")]
    paper = write_paper(meeting)
    services.appendix_add(
        by=officer, paper=paper, upload=upload("links.docx", docx_with_links(links))
    )
    services.agenda_publish(by=officer, meeting=meeting)
    pack = build(meeting, officer, django_capture_on_commit_callbacks)
    with pack.file.open("rb") as f:
        reader = PdfReader(io.BytesIO(f.read()))
    addresses = [
        str(annotation.get_object()["/A"].get("/URI"))
        for page in reader.pages
        for annotation in page.get("/Annots") or []
        if "/A" in annotation.get_object()
    ]
    assert "https://example.org/plan" in addresses
    assert not [a for a in addresses if "javascript" in a.lower()]
    assert any("Run me" in page for page in text_of(pack))


def test_the_same_papers_give_the_same_pack(
    small: Meeting, officer: Any, django_capture_on_commit_callbacks: Any
) -> None:
    first = build(small, officer, django_capture_on_commit_callbacks)
    again = build(small, officer, django_capture_on_commit_callbacks)
    assert again.pk == first.pk
    assert PackBuild.objects.filter(meeting=small).count() == 1


def test_a_new_paper_makes_a_new_pack(
    small: Meeting, officer: Any, write_paper: Any, django_capture_on_commit_callbacks: Any
) -> None:
    first = build(small, officer, django_capture_on_commit_callbacks)
    late = write_paper(small, title="Supplementary report")
    services.paper_publish(
        by=officer, paper=late, at=at(small.date - timedelta(days=1)), urgency_reason="New figures."
    )
    second = build(small, officer, django_capture_on_commit_callbacks)
    assert second.pk != first.pk
    assert second.content_hash != first.content_hash
    assert any("Supplementary report (late paper)" in page for page in text_of(second)[1:2])


def test_the_public_pack_leaves_out_items_taken_in_private(
    meeting: Meeting, write_paper: Any, officer: Any, django_capture_on_commit_callbacks: Any
) -> None:
    write_paper(meeting, title="Open report")
    write_paper(meeting, title="Contract award", private=True, exemption="3")
    services.agenda_publish(by=officer, meeting=meeting)
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_publish_public(by=officer, meeting=meeting)
    public = PackBuild.objects.get(meeting=meeting, audience="public")
    assert public.status == PackBuild.Status.DONE
    text = " ".join(text_of(public))
    assert "Open report" in text
    assert "Private:" in text
    assert "Not for publication" not in text
    members = " ".join(text_of(build(meeting, officer, django_capture_on_commit_callbacks)))
    assert "Not for publication" in members


def test_a_failed_build_is_recorded_not_raised(
    small: Meeting, officer: Any, django_capture_on_commit_callbacks: Any
) -> None:
    appendix = small.items.get(title="Progress update").paper.appendices.get()
    appendix.file.storage.delete(appendix.file.name)
    pack = build(small, officer, django_capture_on_commit_callbacks)
    assert pack.status == PackBuild.Status.FAILED
    assert "FileNotFoundError" in pack.error


def test_only_officers_build_packs(small: Meeting, member_user: Any) -> None:
    with pytest.raises(NotPermitted, match="cannot build meeting packs"):
        services.pack_request(by=member_user, meeting=small)


def test_the_public_pack_waits_for_publication(small: Meeting, officer: Any) -> None:
    with pytest.raises(DomainError, match="not public yet"):
        services.pack_request(by=officer, meeting=small, audience="public")
