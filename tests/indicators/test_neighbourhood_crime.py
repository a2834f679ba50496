"""A district's neighbourhood counts are complete for a month only when the files of every one
of its own police forces are held for it, the rule the district figures follow."""

from __future__ import annotations

from pathlib import Path

import pytest

from remit.indicators.crime import import_paths
from remit.indicators.neighbourhood_crime import neighbourhood_counts

GOOD = Path(__file__).parent / "fixtures" / "good"
CODES = ["E01009450", "E01009589", "E01031213"]


@pytest.fixture
def store(tmp_path: Path) -> Path:
    # West Mercia's files are held for January and February 2019, Warwickshire's for January.
    import_paths(tmp_path / "store", sorted(GOOD.glob("*/*-street.csv")))
    return tmp_path / "store"


def test_a_month_is_complete_when_the_districts_one_force_has_its_file(store: Path) -> None:
    counts = neighbourhood_counts(store, CODES, None, ["west-mercia"])

    assert counts.months == ["2019-01", "2019-02"]
    assert counts.complete == ["2019-01", "2019-02"]


def test_a_district_of_two_forces_needs_both_files_for_a_complete_month(store: Path) -> None:
    counts = neighbourhood_counts(store, CODES, None, ["west-mercia", "warwickshire"])

    assert counts.months == ["2019-01", "2019-02"]
    assert counts.complete == ["2019-01"], "Warwickshire's February file is not held"


def test_counts_are_the_same_whichever_forces_a_district_has(store: Path) -> None:
    one = neighbourhood_counts(store, CODES, None, ["west-mercia"])
    two = neighbourhood_counts(store, CODES, None, ["west-mercia", "warwickshire"])

    assert one.counts == two.counts
    assert sum(sum(months.values()) for months in one.counts.values()) > 0
