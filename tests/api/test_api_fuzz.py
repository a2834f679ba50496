"""The API fuzzed from its own OpenAPI document against the demo, signed out and per role.

Schemathesis generates requests for every operation; the run fails on any 5xx and on any
response the document does not describe (an undeclared status, content type or body).
It is bounded so the suite stays quick and repeatable: a fixed number of examples per
operation, derandomised (the same requests every run), no example database and no
shrinking. Each request runs in a savepoint rolled back afterwards, so every example meets
the demo as loaded.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from unittest import mock

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.db import transaction
from hypothesis import HealthCheck
from hypothesis import Phase
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
from schemathesis.checks import content_type_conformance
from schemathesis.checks import not_a_server_error
from schemathesis.checks import response_schema_conformance
from schemathesis.checks import status_code_conformance

from remit.appraisal.models import BusinessCase
from remit.core.apikit.auth import token_create
from remit.core.models import Area
from remit.core.models import Board
from remit.core.models import GovernanceRoute
from remit.core.models import Mission
from remit.core.models import Organisation
from remit.core.models import Person
from remit.core.models import User
from remit.funding.models import Bid
from remit.funding.models import Fund
from remit.funding.models import Grant
from remit.funding.models import Round
from remit.indicators.models import Indicator
from remit.meetings.models import AgendaItem
from remit.meetings.models import Appendix
from remit.meetings.models import Decision
from remit.meetings.models import Meeting
from remit.meetings.models import Paper
from remit.proposals.models import Deal
from remit.proposals.models import Proposal

SIGNED_OUT_EXAMPLES = 10
ROLE_EXAMPLES = 3
ROLES = ["admin", "officer", "member", "partner", "commissioner", "analyst"]
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def demo(db: Any) -> None:
    """The West Midlands demo, with indicators defined but no published files imported."""
    from remit.demo import demo_load

    with mock.patch("remit.indicators.demo.shared_data", return_value=None):
        demo_load(region="west-midlands")


@pytest.fixture
def wsgi_app() -> Iterator[Any]:
    """Django's WSGI application, kept on the test's connection between requests."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


# Rendering a paper as PDF or Word takes seconds, so those operations get made-up ids only.
SLOW = {"GET /api/papers/{paper_id}/pdf", "GET /api/papers/{paper_id}/docx"}


def _demo_values() -> dict[tuple[str, str], list[Any]]:
    """Real ids and slugs from the demo, by the path's first segment and parameter name, so
    generated requests reach real records as well as missing ones."""

    def ids(model: Any) -> list[Any]:
        manager = model._base_manager
        return list(manager.order_by("pk").values_list("pk", flat=True)[:20])

    def slugs(model: Any, field: str = "slug") -> list[Any]:
        return list(model._base_manager.order_by("pk").values_list(field, flat=True)[:20])

    return {
        ("areas", "code"): slugs(Area, "code"),
        ("organisations", "slug"): slugs(Organisation),
        ("people", "slug"): slugs(Person),
        ("boards", "slug"): slugs(Board),
        ("routes", "slug"): slugs(GovernanceRoute),
        ("meetings", "meeting_id"): ids(Meeting),
        ("papers", "paper_id"): ids(Paper),
        ("appendices", "appendix_id"): ids(Appendix),
        ("decisions", "decision_id"): ids(Decision),
        ("agenda-items", "item_id"): ids(AgendaItem),
        ("deals", "slug"): slugs(Deal),
        ("proposals", "pk"): ids(Proposal),
        ("proposals", "mission"): slugs(Mission, "number"),
        ("business-cases", "case_id"): ids(BusinessCase),
        ("business-cases", "number"): [1, 2, 3],
        ("funds", "slug"): slugs(Fund),
        ("rounds", "pk"): ids(Round),
        ("bids", "pk"): ids(Bid),
        ("grants", "pk"): ids(Grant),
        ("indicators", "slug"): slugs(Indicator),
    }


def _fuzz(
    operation: Any, headers: dict[str, str], examples: int, known: dict[tuple[str, str], list[Any]]
) -> str | None:
    """Run one operation's examples; the first failure as text, or None."""
    segment = operation.path.strip("/").split("/")[1]

    @given(case=operation.as_strategy(), data=st.data())
    @settings(
        max_examples=examples,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Any, data: Any) -> None:
        for name, value in list((case.path_parameters or {}).items()):
            real = known.get((segment, name))
            if real and operation.label not in SLOW:
                case.path_parameters[name] = data.draw(st.sampled_from([*real, value]))
        with transaction.atomic():
            response = case.call(headers=headers)
            transaction.set_rollback(True)
        case.validate_response(response, checks=CHECKS)

    try:
        run()
    except (Exception, BaseExceptionGroup) as exc:  # every failure is reported together
        return f"{operation.label}: {exc}"
    return None


def _operations(schema: Any) -> list[Any]:
    return [result.ok() for result in schema.get_all_operations()]


def test_no_generated_request_gets_a_server_error_or_an_undocumented_answer(
    demo: None, wsgi_app: Any
) -> None:
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", wsgi_app)
    operations = _operations(schema)
    known = _demo_values()
    failures = [_fuzz(op, {}, SIGNED_OUT_EXAMPLES, known) for op in operations]
    for username in ROLES:
        token = token_create(user=User.objects.get(username=username), name="fuzz")[1]
        headers = {"Authorization": f"Bearer {token}"}
        failures += [
            _fuzz(op, headers, ROLE_EXAMPLES, known)
            for op in operations
            if op.definition.raw.get("security")
        ]
    found = [f for f in failures if f]
    assert not found, "\n\n".join(found)
