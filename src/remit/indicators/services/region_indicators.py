"""The indicators a region pack names, defined with the rest of the pack (ADR 9)."""

from __future__ import annotations

from remit.core.services.region import PackLoad
from remit.indicators.services.indicators import indicators_define


def pack_indicators_load(load: PackLoad) -> None:
    indicators_define(region=load.region, definitions=load.pack.indicators, by=load.upsert.by)
