"""A page found by its keys first holds the same rows, in the same order, as slicing."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import CharField
from django.db.models import F
from django.db.models import Value
from django.db.models.functions import Concat
from django.test.utils import CaptureQueriesContext

from remit.core.models import Organisation
from remit.core.models import Region
from remit.core.paging import KeysFirst
from remit.core.paging import rows_in_order


def _organisations(region: Region) -> Any:
    Organisation.objects.bulk_create(
        Organisation(region=region, slug=f"org-{i:03d}", name=f"Org {i % 7}", kind="other")
        for i in range(40)
    )
    return (
        Organisation.objects.filter(region=region, slug__startswith="org-")
        .select_related("region")
        .annotate(label=Concat(F("name"), Value(" / "), F("slug"), output_field=CharField()))
        .order_by("-name", "slug")
    )


def test_a_window_holds_the_rows_slicing_gives_in_the_same_order(region: Region) -> None:
    organisations = _organisations(region)

    rows = rows_in_order(organisations, slice(10, 25))

    assert [o.pk for o in rows] == [o.pk for o in organisations[10:25]]
    assert [o.label for o in rows] == [f"{o.name} / {o.slug}" for o in rows]


def test_a_paginator_over_keys_first_pages_like_one_over_the_queryset(region: Region) -> None:
    organisations = _organisations(region)
    plain = Paginator(organisations, 15)
    keyed = Paginator(KeysFirst(organisations), 15)

    assert keyed.count == plain.count == 40
    assert keyed.num_pages == 3
    for number in (1, 2, 3):
        assert [o.slug for o in keyed.page(number).object_list] == [
            o.slug for o in plain.page(number).object_list
        ]
    assert KeysFirst(organisations)[3].pk == organisations[3].pk


def test_a_page_is_two_queries_whatever_the_list_holds(region: Region) -> None:
    organisations = _organisations(region)

    with CaptureQueriesContext(connection) as queries:
        rows = rows_in_order(organisations, slice(0, 10))
        assert [o.region.slug for o in rows] == ["testshire"] * 10

    assert len(queries) == 2
