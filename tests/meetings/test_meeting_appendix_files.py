"""Appendices are judged by their bytes: PDF or DOCX only, under the size limit, named right."""

from __future__ import annotations

import io
import zipfile

import pytest
from meetings_support import docx_bytes
from meetings_support import pdf_bytes

from remit.meetings.files import AppendixRejected
from remit.meetings.files import inspect_appendix


def check(name: str, data: bytes, limit: int = 10 * 1024 * 1024) -> object:
    return inspect_appendix(name, io.BytesIO(data), len(data), limit)


def test_a_pdf_is_taken_with_its_page_count() -> None:
    info = check("plan.pdf", pdf_bytes(3))
    assert info.kind == "pdf"
    assert info.pages == 3
    assert len(info.sha256) == 64


def test_a_word_document_is_taken() -> None:
    info = check("Plan.DOCX", docx_bytes())
    assert info.kind == "docx"
    assert info.pages is None


def test_a_renamed_text_file_is_refused_by_its_content() -> None:
    with pytest.raises(AppendixRejected, match=r"notes\.pdf is not a PDF or Word") as caught:
        check("notes.pdf", b"Just some text pretending to be a PDF")
    assert caught.value.path == "notes.pdf"
    assert caught.value.field == "file"


def test_a_zip_that_is_not_a_word_document_is_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("data.csv", "a,b\n")
    with pytest.raises(AppendixRejected, match="not a PDF or Word"):
        check("data.docx", out.getvalue())


def test_a_pdf_with_the_wrong_extension_is_refused_and_told_how_to_fix_it() -> None:
    with pytest.raises(AppendixRejected, match=r"plan.docx is a PDF file .* end in \.pdf"):
        check("plan.docx", pdf_bytes(1))


def test_a_file_over_the_limit_is_refused_naming_the_file_and_the_limit() -> None:
    with pytest.raises(AppendixRejected, match=r"big.pdf is 2 MB: appendices must be 1 MB"):
        inspect_appendix("big.pdf", io.BytesIO(b"%PDF-"), 2 * 1024 * 1024, 1024 * 1024)


def test_an_empty_file_is_refused() -> None:
    with pytest.raises(AppendixRejected, match=r"empty\.pdf is empty"):
        check("empty.pdf", b"")


def test_a_damaged_pdf_is_refused() -> None:
    with pytest.raises(AppendixRejected, match=r"broken\.pdf"):
        check("broken.pdf", b"%PDF-1.7\nthis is not really a pdf")


def test_a_password_protected_pdf_is_refused() -> None:
    from pypdf import PdfReader
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes(1))))
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(AppendixRejected, match="password-protected"):
        check("locked.pdf", out.getvalue())
