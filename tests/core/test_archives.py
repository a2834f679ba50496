"""Zips are refused from their directory, before anything is unpacked, when they would unpack too far."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest

from remit.appraisal.greenbook import CaseError
from remit.appraisal.workbook import read_workbook
from remit.core.archives import ArchiveRefused
from remit.core.archives import ZipLimits
from remit.core.archives import check_zip
from remit.funding.files import AttachmentRejected
from remit.funding.files import check as check_attachment
from remit.indicators.crime import import_paths
from remit.indicators.crime import status
from remit.indicators.crime_files import CrimeDataError
from remit.meetings.files import AppendixRejected
from remit.meetings.files import inspect_appendix

FIXTURES = Path(__file__).resolve().parents[1] / "indicators" / "fixtures"
BOMB_MEMBER_BYTES = 8 * 1024 * 1024  # zeros: packs to about 8 KB


def zip_bomb(first_part: str = "2019-01/2019-01-west-mercia-street.csv") -> bytes:
    """A small zip whose one big member would unpack to a thousand times its packed size."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr(first_part, b"\0" * BOMB_MEMBER_BYTES)
    return buffer.getvalue()


def zip_of(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.fixture
def unpacked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The members anything reads out of a zip."""
    opened: list[str] = []
    real_open = zipfile.ZipFile.open

    def spy(self: zipfile.ZipFile, name: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if mode == "r":
            opened.append(getattr(name, "filename", name))
        return real_open(self, name, mode, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", spy)
    return opened


def test_a_zip_bomb_is_small_but_would_unpack_a_thousand_times_over() -> None:
    bomb = zip_bomb()
    assert len(bomb) < 64 * 1024
    with zipfile.ZipFile(io.BytesIO(bomb)) as archive, pytest.raises(ArchiveRefused) as refused:
        check_zip(archive, ZipLimits())
    assert "times its packed size; at most 100 times is allowed" in refused.value.message


def test_a_zip_is_refused_when_its_total_unpacked_size_is_over_the_limit() -> None:
    data = zip_of({f"part-{n}.csv": bytes(range(256)) * 1024 for n in range(4)})
    with zipfile.ZipFile(io.BytesIO(data)) as archive, pytest.raises(ArchiveRefused) as refused:
        check_zip(archive, ZipLimits(max_bytes=512 * 1024))
    assert "would unpack to 1.0 MB; at most 0.5 MB is allowed" in refused.value.message


def test_a_zip_is_refused_when_it_holds_more_members_than_the_limit() -> None:
    data = zip_of({f"part-{n}.csv": b"x" for n in range(11)})
    with zipfile.ZipFile(io.BytesIO(data)) as archive, pytest.raises(ArchiveRefused) as refused:
        check_zip(archive, ZipLimits(max_members=10))
    assert "holds 11 files; at most 10 are allowed" in refused.value.message


def test_the_limits_come_from_the_settings(settings: Any) -> None:
    settings.ZIP_MAX_BYTES = 1000
    settings.ZIP_MAX_MEMBERS = 7
    settings.ZIP_MAX_RATIO = 9
    settings.DOCUMENT_ZIP_MAX_BYTES = 500

    assert ZipLimits.configured() == ZipLimits(1000, 7, 9)
    assert ZipLimits.configured(documents=True) == ZipLimits(500, 7, 9)


def test_a_crime_zip_that_would_unpack_too_far_is_refused_before_anything_is_written(
    tmp_path: Path, unpacked: list[str]
) -> None:
    bomb = tmp_path / "police.zip"
    bomb.write_bytes(zip_bomb())
    store = tmp_path / "store"
    import_paths(store, [FIXTURES / "good"])
    before = status(store)
    unpacked.clear()

    with pytest.raises(CrimeDataError, match="times its packed size") as refused:
        import_paths(store, [bomb])

    assert refused.value.path == str(bomb)
    assert "nothing was unpacked" in refused.value.message
    assert unpacked == []
    assert status(store) == before
    assert not list((store / ".staging").glob("*/unpacked/*"))


def test_a_crime_zip_with_too_many_files_is_refused_before_anything_is_written(
    tmp_path: Path, settings: Any, unpacked: list[str]
) -> None:
    settings.ZIP_MAX_MEMBERS = 2
    source = FIXTURES / "good"
    upload = tmp_path / "police.zip"
    upload.write_bytes(
        zip_of({p.relative_to(source).as_posix(): p.read_bytes() for p in source.rglob("*.csv")})
    )

    with pytest.raises(CrimeDataError, match="holds 3 files; at most 2 are allowed"):
        import_paths(tmp_path / "store", [upload])
    assert unpacked == []


def test_a_word_appendix_that_would_unpack_too_far_is_refused(unpacked: list[str]) -> None:
    bomb = zip_bomb("word/document.xml")

    with pytest.raises(AppendixRejected, match=r"report\.docx cannot be opened safely"):
        inspect_appendix("report.docx", io.BytesIO(bomb), len(bomb))
    assert unpacked == []


def test_a_bid_attachment_that_would_unpack_too_far_is_refused(unpacked: list[str]) -> None:
    bomb = zip_bomb("xl/workbook.xml")

    with pytest.raises(AttachmentRejected, match=r"budget\.xlsx cannot be opened safely"):
        check_attachment("budget.xlsx", io.BytesIO(bomb), len(bomb))
    assert unpacked == []


def test_an_appraisal_workbook_that_would_unpack_too_far_is_refused(unpacked: list[str]) -> None:
    with pytest.raises(CaseError, match="the workbook cannot be opened safely"):
        read_workbook(zip_bomb("xl/workbook.xml"))
    assert unpacked == []
