"""Decision notices signed before funds had their own prefix keep their references, and their
fund goes on numbering under the same prefix; a fund with no notices takes the default."""

from __future__ import annotations

from datetime import date
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("funding", "0015_joint_funds_and_geography")]
AFTER = [("funding", "0016_fund_notice_reference_prefix")]


def _fund(apps: Any, region: Any, owner: Any, slug: str) -> Any:
    return apps.get_model("funding", "Fund").objects.create(
        region=region,
        slug=slug,
        name=slug.title(),
        financial_year="2018/19",
        budget_pence=1,
        owner=owner,
    )


@pytest.mark.django_db(transaction=True)
def test_notices_signed_before_keep_their_references_and_their_funds_numbering() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps: Any = executor.loader.project_state(BEFORE).apps
    region = apps.get_model("core", "Region").objects.create(slug="oldshire", name="Oldshire")
    owner = apps.get_model("core", "Organisation").objects.create(
        region=region, slug="opcc", name="Office", kind="pcc_office"
    )
    user = apps.get_model("core", "User").objects.create(username="old-officer", role="officer")
    signed, unsigned = _fund(apps, region, owner, "signed"), _fund(apps, region, owner, "new")
    now = timezone.now()
    round = apps.get_model("funding", "Round").objects.create(
        fund=signed,
        slug="main",
        title="Main round",
        opens_at=now,
        closes_at=now + timedelta(days=1),
    )
    notice = apps.get_model("funding", "DecisionNotice").objects.create(
        round=round,
        year=2018,
        sequence=14,
        reference="PCC-2018-014",
        title="Grants",
        decision="To award grants.",
        reasons="They meet the plan.",
        decided_on=date(2018, 3, 20),
        signatory_name="Pat Commissioner",
        signatory_role="Commissioner",
        signed_on=date(2018, 3, 20),
        recorded_by=user,
    )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    apps = executor.loader.project_state(AFTER).apps
    kept = apps.get_model("funding", "DecisionNotice").objects.get(pk=notice.pk)
    funds = apps.get_model("funding", "Fund").objects
    assert (kept.reference, kept.prefix, kept.year, kept.sequence) == (
        "PCC-2018-014",
        "PCC",
        2018,
        14,
    )
    assert funds.get(pk=signed.pk).notice_reference_prefix == "PCC"
    assert funds.get(pk=unsigned.pk).notice_reference_prefix == "DN"

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
