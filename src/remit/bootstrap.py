"""The one place a command sets Django up before it touches the database.

Every `remit` sub-command calls `setup_django()` at the start of its body, not at
import, so `remit --help` and the standalone crime commands start without a database.
"""

import os


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "remit.settings")
    import django

    django.setup()
