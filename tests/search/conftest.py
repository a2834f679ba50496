"""A small world for search: papers in every state of publication, a Word appendix, bids.

Records are written directly and the index is kept by the signals, with the on-commit
callbacks run as a committed write would run them.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from datetime import time
from typing import Any

import pytest
from django.db import connection
from search_support import WORD_PHRASE
from search_support import _at
from search_support import add_appendix
from search_support import add_paper
from search_support import docx_bytes
from search_support import pdf_bytes

from remit.core.models import Board
from remit.core.models import Region
from remit.core.models import Role
from remit.core.models import User
from remit.meetings.models import Appendix
from remit.meetings.models import Meeting
from remit.search.signals import Batch


@pytest.fixture
def indexed(django_capture_on_commit_callbacks: Any) -> Callable[[], Any]:
    """``with indexed():`` runs the index's on-commit work for the writes inside it.

    Writes made earlier in the test (by fixtures) share the test transaction's batch, which
    a real commit would run; it is run here too.
    """

    @contextmanager
    def capture() -> Iterator[None]:
        with django_capture_on_commit_callbacks(execute=True):
            yield
        for _, callback, _ in list(connection.run_on_commit):
            if isinstance(callback, Batch):
                callback()

    return capture


@pytest.fixture
def board(region: Region) -> Board:
    return region.boards.get(slug="csp")


@pytest.fixture
def world(region: Region, board: Board, indexed: Callable[[], Any]) -> dict[str, Any]:
    """A public meeting with public, members-only and private papers; a meeting not yet public."""
    with indexed():
        public_meeting = Meeting.objects.create(
            board=board,
            date=date(2030, 4, 23),
            start_time=time(10),
            location="Lloyd House",
            agenda_published_at=_at(date(2030, 4, 1)),
            public_at=_at(date(2030, 4, 1)),
        )
        public = add_paper(
            public_meeting, "Harbour safety plan", purpose="Harbour patrols at night.", public=True
        )
        add_appendix(
            public,
            "plan.docx",
            docx_bytes("Delivery plan", f"The {WORD_PHRASE} will patrol the harbour."),
            Appendix.Kind.DOCX,
        )
        add_appendix(
            public,
            "figures.pdf",
            pdf_bytes("Saffron harbour figures"),
            Appendix.Kind.PDF,
            "Figures",
        )
        members = add_paper(public_meeting, "Harbour members briefing", members=True, position=2)
        private = add_paper(
            public_meeting,
            "Harbour contract award",
            private=True,
            public=False,
            members=True,
            position=3,
        )
        quiet_meeting = Meeting.objects.create(
            board=board, date=date(2030, 6, 23), start_time=time(10), location="Lloyd House"
        )
        draft = add_paper(quiet_meeting, "Harbour draft thinking")
    return {
        "public_meeting": public_meeting,
        "public": public,
        "members": members,
        "private": private,
        "quiet_meeting": quiet_meeting,
        "draft": draft,
    }


@pytest.fixture
def users(make_user: Callable[..., User], region: Region) -> dict[str, User]:
    rep = region.people.get(slug="northton-rep")
    return {
        "officer": make_user(Role.OFFICER),
        "admin": make_user(Role.ADMIN),
        "member": make_user(Role.BOARD_MEMBER, person=rep),
        "outsider": make_user(Role.BOARD_MEMBER),
        "partner": make_user(
            Role.PARTNER, organisation=region.organisations.get(slug="safe-streets")
        ),
        "analyst": make_user(Role.ANALYST),
        "commissioner": make_user(Role.DECISION_MAKER),
    }
