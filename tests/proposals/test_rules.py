"""Plain rules: financial years, one-sentence rationales, mission coverage, impact screening."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from property_examples import examples
from remit.core.errors import DomainError
from remit.proposals import rules


def test_a_financial_year_starts_in_its_first_calendar_year() -> None:
    assert rules.financial_year_start("2023/24", field="years_from") == 2023


def test_the_century_rolls_over_in_a_financial_year() -> None:
    assert rules.financial_year_start("2099/00", field="years_from") == 2099


@pytest.mark.parametrize("text", ["2023-24", "2023/25", "23/24", "2023/2024"])
def test_a_malformed_financial_year_names_its_field(text: str) -> None:
    with pytest.raises(DomainError) as refused:
        rules.financial_year_start(text, field="years_to")
    assert refused.value.field == "years_to"


def test_the_last_year_cannot_come_before_the_first() -> None:
    with pytest.raises(DomainError) as refused:
        rules.check_years("2025/26", "2023/24")
    assert refused.value.field == "years_to"


def test_years_come_in_pairs() -> None:
    with pytest.raises(DomainError) as refused:
        rules.check_years("2023/24", "")
    assert refused.value.field == "years_to"
    rules.check_years("", "")
    rules.check_years("2023/24", "2023/24")


def test_a_rationale_is_one_sentence() -> None:
    rules.check_rationale("Fewer knife injuries where violence is worst.")
    with pytest.raises(DomainError, match="one sentence"):
        rules.check_rationale("Fewer injuries. Safer streets.")
    with pytest.raises(DomainError):
        rules.check_rationale("   ")


def test_a_funding_ask_needs_its_amount_and_years_before_a_forum() -> None:
    with pytest.raises(DomainError) as refused:
        rules.check_ready_for_forums(
            ask_type="funding", amount_pence=None, years_from="", powers_asked=""
        )
    assert refused.value.field == "amount"


def test_a_powers_ask_needs_the_powers_described_before_a_forum() -> None:
    with pytest.raises(DomainError) as refused:
        rules.check_ready_for_forums(
            ask_type="both", amount_pence=100, years_from="2023/24", powers_asked=""
        )
    assert refused.value.field == "powers_asked"


def test_coverage_counts_primary_and_secondary_and_flags_unserved_missions() -> None:
    alignments = [
        rules.Alignment(1, 11, rules.PRIMARY),
        rules.Alignment(2, 11, rules.SECONDARY),
        rules.Alignment(2, 7, rules.PRIMARY),
        rules.Alignment(3, 99, rules.PRIMARY),
    ]
    result = rules.coverage([3, 7, 11], alignments)
    assert [(c.mission, c.primary, c.secondary, c.served) for c in result] == [
        (3, 0, 0, False),
        (7, 1, 0, True),
        (11, 1, 1, True),
    ]


@examples(100)
@given(
    st.lists(
        st.tuples(
            st.integers(1, 50),
            st.integers(1, 12),
            st.sampled_from([rules.PRIMARY, rules.SECONDARY]),
        ),
        max_size=80,
    )
)
def test_coverage_counts_every_alignment_to_a_listed_mission_once(
    rows: list[tuple[int, int, str]],
) -> None:
    alignments = [rules.Alignment(*row) for row in rows]
    result = rules.coverage(list(range(1, 13)), alignments)
    assert sum(c.primary + c.secondary for c in result) == len(alignments)
    assert all(c.served == any(a.mission == c.mission for a in alignments) for c in result)


def test_the_screening_covers_the_nine_protected_characteristics() -> None:
    assert len(rules.PROTECTED_CHARACTERISTICS) == 9


def test_a_negative_effect_needs_a_mitigation() -> None:
    with pytest.raises(DomainError) as refused:
        rules.check_screening({"age": "negative"}, "")
    assert refused.value.field == "mitigations"
    rules.check_screening({"age": "negative"}, "Age-appropriate outreach.")


def test_a_screening_names_only_known_groups_and_effects() -> None:
    with pytest.raises(DomainError):
        rules.check_screening({"height": "positive"}, "")
    with pytest.raises(DomainError) as refused:
        rules.check_screening({"race": "mixed"}, "")
    assert refused.value.field == "race"
