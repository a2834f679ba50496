"""The index: rebuilt from every record by `remit search rebuild`; the results page stays flat."""

from __future__ import annotations

from typing import Any

import pytest
from typer.testing import CliRunner

from remit.cli import app
from remit.search.models import SearchDocument
from remit.search.services import index_rebuild

pytestmark = pytest.mark.django_db


def test_a_rebuild_writes_the_same_rows_the_writes_kept(world: dict[str, Any]) -> None:
    def rows() -> set[tuple[Any, ...]]:
        return set(
            SearchDocument.objects.values_list(
                "kind", "object_id", "public_copy", "title", "body", "published", "roles"
            )
        )

    kept = rows()
    SearchDocument.objects.filter(kind="paper").delete()
    assert index_rebuild() == len(kept)
    assert rows() == kept


def test_the_rebuild_command_fills_an_empty_index(world: dict[str, Any]) -> None:
    SearchDocument.objects.all().delete()
    result = CliRunner().invoke(app, ["search", "rebuild"])
    assert result.exit_code == 0, result.output
    assert "The search index holds" in result.output
    assert SearchDocument.objects.filter(kind="paper").count() == 4


@pytest.mark.parametrize("signed_in", [False, True], ids=["public", "officer"])
def test_the_results_page_makes_no_more_queries_with_a_thousand_documents(
    page_queries_stay_flat: Any, region: Any, board: Any, client: Any, officer: Any, signed_in: bool
) -> None:
    if signed_in:
        client.force_login(officer)

    def add(count: int, start: int) -> None:
        SearchDocument.objects.bulk_create(
            SearchDocument(
                region=region,
                kind="paper" if i % 2 else "meeting",
                object_id=start + i,
                title=f"Harbour report {start + i}",
                body="Patrols along the harbour wall.",
                url="/meetings/",
                public_url="/published/meetings/",
                published=True,
                roles="|officer|" if i % 3 else "",
                board=board.pk,
            )
            for i in range(count)
        )

    add(10, 0)
    html = page_queries_stay_flat("/search/?q=harbour", lambda: add(990, 10))
    assert "1,000 results" in html or "1000 results" in html
