"""The index follows every write once it commits.

A save or delete of an indexed record (or of a part of one, such as a paper's appendix)
notes the rows it affects; when the transaction commits, those rows are brought up to
date once each, however many writes touched them. A failure here is logged and never
undoes or fails the write itself (``robust``): ``remit search rebuild`` puts it right.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from django.db import transaction
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save

log = logging.getLogger(__name__)
_state = threading.local()


def _pending() -> set[tuple[str, int]]:
    if not hasattr(_state, "pending"):
        _state.pending = set()
    return _state.pending  # type: ignore[no-any-return]


def flush() -> None:
    from remit.search.services import index_record

    pending = _pending()
    while pending:
        kind, object_id = pending.pop()
        index_record(kind=kind, object_id=object_id)


def note(instance: Model) -> None:
    from remit.search.sources import affected

    keys = affected(instance)
    if not keys:
        return
    pending = _pending()
    first = not pending
    pending.update(keys)
    if first:
        transaction.on_commit(flush, robust=True)


def _changed(sender: Any, instance: Model, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    try:
        note(instance)
    except Exception:  # the index never stops a write
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
