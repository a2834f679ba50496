"""The index follows every write once it commits.

A save or delete of an indexed record (or of a part of one, such as a paper's appendix)
adds the rows it affects to one batch per transaction; when the transaction commits, each
of those rows is brought up to date once, however many writes touched it. A rolled-back
transaction drops its batch with it. A failure here is logged and never undoes or fails the
write itself: ``remit search rebuild`` puts the index right.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import connection
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import m2m_changed
from django.db.models.signals import post_delete
from django.db.models.signals import post_save

log = logging.getLogger(__name__)


class Batch:
    """The rows to bring up to date when one transaction commits."""

    def __init__(self) -> None:
        self.keys: set[tuple[str, int]] = set()

    def __call__(self) -> None:
        from remit.search.services import index_record

        while self.keys:
            kind, object_id = self.keys.pop()
            try:
                index_record(kind=kind, object_id=object_id)
            except Exception:  # the index never stops a write; a rebuild mends it
                log.exception("Could not index %s %s", kind, object_id)


def _open_batch() -> Batch | None:
    if not connection.in_atomic_block:
        return None
    for _, callback, _ in reversed(connection.run_on_commit):
        if isinstance(callback, Batch):
            return callback
    return None


def note(instance: Model) -> None:
    from remit.search.sources import affected

    keys = affected(instance)
    if not keys:
        return
    batch = _open_batch()
    if batch is not None:
        batch.keys.update(keys)
        return
    batch = Batch()
    batch.keys.update(keys)
    transaction.on_commit(batch, robust=True)


def _changed(sender: Any, instance: Model, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    try:
        note(instance)
    except Exception:  # the index never stops a write; a rebuild mends it
        log.exception("Could not note a change for the search index")


def _m2m(sender: Any, instance: Model, action: str, **kwargs: Any) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        _changed(sender, instance)


def connect() -> None:
    from remit.appraisal.models import BusinessCase
    from remit.indicators.models import Indicator
    from remit.search.sources import watched_models

    for model in watched_models():
        uid = f"search-{model._meta.label_lower}"
        post_save.connect(_changed, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(_changed, sender=model, dispatch_uid=uid + "-delete")
    for through in (BusinessCase.missions.through, Indicator.missions.through):
        m2m_changed.connect(_m2m, sender=through, dispatch_uid=f"search-{through._meta.label}")
