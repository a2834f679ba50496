"""What every indicator service shares: the permission check and the crime store's place."""

from __future__ import annotations

import logging
from pathlib import Path

from django.conf import settings

from remit.indicators.services import shared_store

log = logging.getLogger(__name__)


def crime_store() -> Path:
    """This machine's crime store, first brought up to the shared copy when there is one.

    A shared copy that cannot be fetched leaves the local store to be read as it is.
    """
    store = Path(settings.CRIME_STORE)
    try:
        shared_store.refresh(store)
    except Exception:
        log.exception("The crime store could not be brought up to its shared copy")
    return store
