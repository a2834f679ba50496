"""Every record the public may see only once published keeps the same two managers: `objects`
returns published rows only, and `all_objects`, its base manager, returns every row."""

from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps
from django.db import models

from remit.core.publishing import PublishedManager

PUBLISHABLE = {
    "appraisal.BusinessCase",
    "funding.Grant",
    "indicators.Indicator",
    "indicators.Result",
    "proposals.Proposal",
}


def publishable_models() -> set[str]:
    return {
        model._meta.label
        for model in apps.get_models()
        if isinstance(model._default_manager, PublishedManager)
    }


def test_each_publishable_record_is_published_through_the_one_manager() -> None:
    assert publishable_models() == PUBLISHABLE


@pytest.mark.parametrize("label", sorted(PUBLISHABLE))
def test_objects_holds_the_published_rows_and_all_objects_every_row(label: str) -> None:
    model: Any = apps.get_model(label)
    assert model._default_manager.name == "objects"
    assert model._base_manager.name == "all_objects"
    assert not isinstance(model.all_objects, PublishedManager)
    published = str(model.all_objects.published().query)
    assert str(model.objects.all().query) == published
    assert str(model.all_objects.all().query) != published


@pytest.mark.parametrize(
    "model", [m for m in apps.get_models() if hasattr(m, "all_objects")], ids=str
)
def test_no_other_name_is_used_for_every_row(model: type[models.Model]) -> None:
    """One name: a model with a filtered default manager calls the unfiltered one all_objects."""
    names = {manager.name for manager in model._meta.managers}
    assert names == {"objects", "all_objects"}
