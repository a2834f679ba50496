"""Uploads and meeting packs kept in an S3-compatible bucket (REMIT_S3_BUCKET), so that
several web processes and workers share them and none keeps files on its own disk."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from django.urls import reverse
from meetings_support import docx_bytes
from meetings_support import pdf_bytes
from meetings_support import upload
from moto import mock_aws
from pypdf import PdfReader

from remit.core.storage import LOCAL
from remit.core.storage import default_storage_setting
from remit.meetings import services
from remit.meetings.models import Meeting
from remit.meetings.models import PackBuild

BUCKET = "remit-papers"


def test_without_a_bucket_files_stay_in_the_media_folder() -> None:
    assert default_storage_setting({}) == LOCAL
    assert default_storage_setting({"REMIT_S3_BUCKET": "  "}) == LOCAL


def test_a_bucket_keeps_files_private_and_never_overwrites_them() -> None:
    setting = default_storage_setting(
        {
            "REMIT_S3_BUCKET": BUCKET,
            "REMIT_S3_ENDPOINT_URL": "https://objects.example.org",
            "REMIT_S3_PREFIX": "/remit/",
        }
    )
    assert setting["BACKEND"] == "storages.backends.s3.S3Storage"
    options = setting["OPTIONS"]
    assert options["bucket_name"] == BUCKET
    assert options["endpoint_url"] == "https://objects.example.org"
    assert options["location"] == "remit"
    assert options["default_acl"] is None
    assert options["file_overwrite"] is False


@pytest.fixture
def bucket(settings: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Any]:
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "eu-west-2",
    }.items():
        monkeypatch.setenv(name, value)
    with mock_aws():
        s3 = boto3.client("s3", region_name="eu-west-2")
        s3.create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-2"}
        )
        settings.MEDIA_ROOT = tmp_path / "media"
        settings.STORAGES = {
            **settings.STORAGES,
            "default": default_storage_setting(
                {"REMIT_S3_BUCKET": BUCKET, "REMIT_S3_REGION": "eu-west-2"}
            ),
        }
        yield s3


def _keys(s3: Any) -> list[str]:
    return [item["Key"] for item in s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


def test_appendices_and_packs_go_to_the_bucket_and_are_served_from_it(
    bucket: Any,
    meeting: Meeting,
    write_paper: Any,
    officer: Any,
    client: Any,
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    paper = write_paper(meeting, title="Progress update")
    pdf = services.appendix_add(
        by=officer, paper=paper, upload=upload("plan.pdf", pdf_bytes(2)), title="Funding plan"
    )
    services.appendix_add(
        by=officer, paper=paper, upload=upload("notes.docx", docx_bytes("Delivery notes"))
    )
    services.agenda_publish(by=officer, meeting=meeting)
    with django_capture_on_commit_callbacks(execute=True):
        pack = services.pack_request(by=officer, meeting=meeting, audience="members")
    pack.refresh_from_db()
    assert pack.status == PackBuild.Status.DONE

    keys = _keys(bucket)
    assert pdf.file.name in keys
    assert any(key.startswith("appendices/converted/") for key in keys)
    assert pack.file.name in keys
    assert not Path(settings.MEDIA_ROOT).exists()

    client.force_login(officer)
    download = client.get(reverse("meetings:pack_download", args=[pack.pk]))
    assert download.status_code == 200
    reader = PdfReader(io.BytesIO(b"".join(download.streaming_content)))
    assert len(reader.pages) == pack.page_count
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Delivery notes" in text
