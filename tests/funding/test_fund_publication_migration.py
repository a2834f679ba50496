"""Grants on the register before versions were kept get their first version, as they stand."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("funding", "0004_round_moderation_opened")]
AFTER = [("funding", "0005_grant_publication")]


@pytest.mark.django_db(transaction=True)
def test_grants_published_before_versions_were_kept_get_their_first_version() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps: Any = executor.loader.project_state(BEFORE).apps
    region = apps.get_model("core", "Region").objects.create(slug="oldshire", name="Oldshire")
    organisation = apps.get_model("core", "Organisation")
    owner = organisation.objects.create(region=region, slug="opcc", name="PCC", kind="pcc_office")
    charity = organisation.objects.create(
        region=region, slug="trust", name="Old Trust", kind="voluntary_sector"
    )
    person = apps.get_model("core", "Person").objects.create(
        region=region, slug="pcc", name="Pat Commissioner", organisation=owner
    )
    user = apps.get_model("core", "User").objects.create(username="old-officer", role="officer")
    now = timezone.now()
    fund = apps.get_model("funding", "Fund").objects.create(
        region=region,
        slug="csf",
        name="Fund",
        financial_year="2018/19",
        budget_pence=1,
        owner=owner,
    )
    round = apps.get_model("funding", "Round").objects.create(
        fund=fund,
        slug="main",
        title="Main round",
        opens_at=now,
        closes_at=now + timezone.timedelta(days=1),
    )
    bid = apps.get_model("funding", "Bid").objects.create(
        round=round,
        organisation=charity,
        title="Safer routes home",
        status="awarded",
        created_by=user,
        submitted_at=now,
    )
    determination = apps.get_model("funding", "Determination").objects.create(
        bid=bid,
        outcome="fund_in_full",
        amount_pence=500_000,
        decided_by=person,
        decided_on=date(2018, 3, 20),
        recorded_by=user,
    )
    grant_model = apps.get_model("funding", "Grant")
    grant = grant_model.objects.create(
        bid=bid,
        determination=determination,
        amount_pence=500_000,
        agreement_start=date(2018, 4, 1),
        agreement_end=date(2019, 3, 31),
        is_published=True,
        published_at=now,
    )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    apps = executor.loader.project_state(AFTER).apps
    published = apps.get_model("funding", "GrantPublication").objects.get(grant_id=grant.pk)
    assert (published.version, published.recipient_name, published.amount_pence) == (
        1,
        "Old Trust",
        500_000,
    )
    assert published.identifier == f"360G-opcc-{grant.pk}"
    assert published.decided_by == "Pat Commissioner"
    assert (
        apps.get_model("funding", "Grant").objects.get(pk=grant.pk).publication_id == published.pk
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
