"""The open data file cache: one file per name and version, never served half written."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from typing import BinaryIO

import pytest
from django.test import RequestFactory

from remit.core import open_data


def _writer(text: bytes, calls: list[int]) -> Any:
    def build(out: BinaryIO) -> None:
        calls.append(1)
        out.write(text)

    return build


def test_a_file_is_built_once_per_version_and_the_old_one_removed() -> None:
    calls: list[int] = []
    first = open_data.fetch("things.csv", (1, "a"), _writer(b"one", calls))
    same = open_data.fetch("things.csv", (1, "a"), _writer(b"other", calls))
    assert first == same
    assert first.path.read_bytes() == b"one"
    assert calls == [1]

    newer = open_data.fetch("things.csv", (2, "a"), _writer(b"two", calls))
    assert newer.path.read_bytes() == b"two"
    assert newer.etag != first.etag
    assert not first.path.exists()
    assert calls == [1, 1]
    assert open_data.cache_dir() == Path(str(newer.path.parent))


def test_a_build_that_fails_half_way_leaves_nothing_to_serve() -> None:
    def broken(out: BinaryIO) -> None:
        out.write(b"half a fi")
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError):
        open_data.fetch("things.csv", 1, broken)
    assert list(open_data.cache_dir().iterdir()) == []
    calls: list[int] = []
    assert open_data.fetch("things.csv", 1, _writer(b"whole", calls)).path.read_bytes() == b"whole"


def test_names_are_plain_file_names() -> None:
    for bad in ("../etc/passwd.csv", "a/b.csv", ".hidden.csv", "no-suffix"):
        with pytest.raises(ValueError, match="Not a safe open data file name"):
            open_data.fetch(bad, 1, _writer(b"", []))


def test_serve_streams_with_validators_and_answers_304() -> None:
    factory = RequestFactory()
    build = _writer(b"a,b\n1,2\n", [])
    response = open_data.serve(
        factory.get("/x.csv"), "x.csv", 7, build, content_type="text/csv", filename="x.csv"
    )
    assert response.status_code == 200
    assert response.streaming
    assert b"".join(response.streaming_content) == b"a,b\n1,2\n"  # type: ignore[attr-defined]
    assert response["Content-Type"] == "text/csv"
    assert response["Content-Disposition"] == 'attachment; filename="x.csv"'

    again = open_data.serve(
        factory.get("/x.csv", HTTP_IF_NONE_MATCH=response["ETag"]),
        "x.csv",
        7,
        build,
        content_type="text/csv",
        filename="x.csv",
    )
    assert again.status_code == 304
    assert again["ETag"] == response["ETag"]
    assert again["Last-Modified"] == response["Last-Modified"]

    since = open_data.serve(
        factory.get("/x.csv", HTTP_IF_MODIFIED_SINCE=response["Last-Modified"]),
        "x.csv",
        7,
        build,
        content_type="text/csv",
        filename="x.csv",
    )
    assert since.status_code == 304


def test_the_cache_lives_where_the_setting_says(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(open_data.ENV, str(tmp_path / "elsewhere"))
    found = open_data.fetch("things.json", 1, _writer(b"{}", []))
    assert found.path.parent == tmp_path / "elsewhere"
    monkeypatch.delenv(open_data.ENV)
    from django.conf import settings

    assert open_data.cache_dir() == Path(settings.VAR_DIR) / "open-data"
