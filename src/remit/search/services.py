"""Writes to the search index: one record's rows, or the whole index at once.

The index is derived data: these functions change nothing else and keep no history. They
run after the write that changed a record has committed (see ``signals``), and from
``remit search rebuild``.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterable

from django.db import transaction

from remit.search.models import SearchDocument
from remit.search.sources import SOURCES
from remit.search.sources import Entry

BATCH = 500


def _store(entries: Iterable[Entry]) -> int:
    stored = 0
    for entry in entries:
        SearchDocument.objects.update_or_create(
            kind=entry.kind,
            object_id=entry.object_id,
            public_copy=entry.public_copy,
            defaults=entry.row(),
        )
        stored += 1
    return stored


@transaction.atomic
def index_record(*, kind: str, object_id: int) -> int:
    """Bring one record's rows up to date; a record that has gone loses its rows."""
    source = SOURCES[kind]
    found = source.queryset().filter(pk=object_id).first()
    entries = source.entries(found) if found is not None else []
    keep = {entry.public_copy for entry in entries}
    SearchDocument.objects.filter(kind=kind, object_id=object_id).exclude(
        public_copy__in=keep
    ).delete()
    return _store(entries)


@transaction.atomic
def index_rebuild(*, progress: Callable[[str, int], None] | None = None) -> int:
    """Empty the index and fill it again from every record; returns the rows written."""
    SearchDocument.objects.all().delete()
    total = 0
    for kind, source in SOURCES.items():
        batch: list[SearchDocument] = []
        for record in source.queryset().iterator(chunk_size=BATCH):
            for entry in source.entries(record):
                batch.append(
                    SearchDocument(
                        kind=entry.kind,
                        object_id=entry.object_id,
                        public_copy=entry.public_copy,
                        **entry.row(),
                    )
                )
            if len(batch) >= BATCH:
                SearchDocument.objects.bulk_create(batch)
                total += len(batch)
                batch = []
        SearchDocument.objects.bulk_create(batch)
        total += len(batch)
        if progress is not None:
            progress(kind, total)
    return total
