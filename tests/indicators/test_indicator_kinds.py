"""An indicator's kind decides how its figures read, how the region's figure is made, and
whether it is performance (ranked, targeted, rated) or context (shown as facts)."""

from __future__ import annotations

import importlib
from datetime import date
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from remit.core.errors import DomainError
from remit.core.models import Region
from remit.core.models import Role
from remit.indicators import dashboards
from remit.indicators import kinds
from remit.indicators import measures
from remit.indicators import selectors
from remit.indicators import services
from remit.indicators.models import NO_CONTEXT_TARGET
from remit.indicators.models import Indicator
from remit.indicators.models import Kind
from remit.indicators.models import Origin
from remit.indicators.models import Target
from remit.indicators.series_file import SeriesFileError
from remit.indicators.series_file import parse_series
from remit.regions.pack import load_pack
from remit.regions.pack import read_pack_text
from remit.regions.pack import shipped_packs
from remit.regions.pack import validate_pack

AREAS = ("E08000901", "E08000902")
POPULATIONS = {"E08000901": Decimal("285478"), "E08000902": Decimal("200000")}

figures = st.decimals(min_value=0, max_value=10**6, places=4, allow_nan=False)
people = st.integers(min_value=1, max_value=2 * 10**6)
area_codes = st.lists(
    st.text("ABCDEFGH", min_size=1, max_size=4), min_size=1, max_size=12, unique=True
)


# ---------------------------------------------------------------- how figures read


def test_population_is_shown_as_whole_people() -> None:
    population = SimpleNamespace(kind=Kind.CONTEXT, decimal_places=None)
    assert dashboards.format_value(Decimal("285478.0000"), population) == "285,478"
    assert dashboards.format_value(Decimal("285478.0000"), population) != "285,478.000"


def test_a_count_is_shown_as_a_whole_number() -> None:
    assert kinds.figure_text(Decimal("1234.0000"), kinds.COUNT) == "1,234"


def test_a_rate_is_shown_to_its_stated_precision() -> None:
    assert kinds.figure_text(Decimal("12.3456"), kinds.RATE, 1) == "12.3"
    assert kinds.figure_text(Decimal("12.3456"), kinds.RATE, 3) == "12.346"
    assert kinds.figure_text(Decimal("12.3456"), kinds.RATE) == "12.35"


def test_a_rank_is_shown_as_a_plain_whole_number() -> None:
    assert kinds.figure_text(Decimal("16234.5600"), kinds.RANK) == "16,235"
    assert kinds.figure_text(Decimal("16234.5600"), kinds.RANK, 2) == "16,235"


def test_a_missing_figure_is_a_dash() -> None:
    assert kinds.figure_text(None, kinds.SCORE) == "—"


# ---------------------------------------------------------------- the region's figure


@given(st.dictionaries(st.text("ABCDEFGH", min_size=1, max_size=4), figures, min_size=1))
def test_a_summed_region_equals_the_sum_of_its_areas(values: dict[str, Decimal]) -> None:
    for kind in (kinds.COUNT, kinds.CONTEXT):
        assert kinds.region_figure(kind, values, {}) == sum(values.values(), Decimal(0))


@given(
    area_codes.flatmap(
        lambda codes: st.tuples(
            st.fixed_dictionaries(dict.fromkeys(codes, figures)),
            st.fixed_dictionaries(dict.fromkeys(codes, people)),
        )
    )
)
def test_a_population_weighted_region_lies_between_its_lowest_and_highest_area(
    drawn: tuple[dict[str, Decimal], dict[str, int]],
) -> None:
    values, populations = drawn
    found = kinds.region_figure(kinds.SCORE, values, populations)
    assert found is not None
    assert min(values.values()) <= found <= max(values.values())


@given(
    area_codes.flatmap(
        lambda codes: st.tuples(
            st.fixed_dictionaries({c: st.integers(min_value=0, max_value=50_000) for c in codes}),
            st.fixed_dictionaries(dict.fromkeys(codes, people)),
        )
    )
)
def test_a_rate_region_is_the_total_count_over_the_total_population(
    drawn: tuple[dict[str, int], dict[str, int]],
) -> None:
    counts, populations = drawn
    rates = {c: measures.per_thousand(n, populations[c]) for c, n in counts.items()}
    found = kinds.region_figure(kinds.RATE, rates, populations)
    expected = kinds.rate_from_totals(sum(counts.values()), sum(populations.values()))
    assert found is not None
    # Each area's rate is held to four places, so the two agree to the last place.
    assert abs(found - expected) <= Decimal("0.0001")


def test_a_rank_has_no_region_figure() -> None:
    ranks = {"a": Decimal(3), "b": Decimal(9)}
    assert kinds.region_figure(kinds.RANK, ranks, {"a": 10, "b": 20}) is None


def test_a_weighted_region_needs_every_area_population_rather_than_a_plain_mean() -> None:
    scores = {"a": Decimal(10), "b": Decimal(30)}
    assert kinds.region_figure(kinds.SCORE, scores, {"a": 100, "b": None}) is None
    assert kinds.region_figure(kinds.SCORE, scores, {"a": 300, "b": 100}) == Decimal("15.0000")


# ---------------------------------------------------------------- loading figures of a kind


def test_an_upload_refuses_a_population_that_is_not_whole_naming_the_line() -> None:
    text = "area_code,period,value\nE08000901,2019,285478\nE08000902,2019,200000.5\n"
    with pytest.raises(SeriesFileError) as refused:
        parse_series(text, known_areas=AREAS, source="people.csv", kind=kinds.CONTEXT)
    assert str(refused.value) == (
        "people.csv, line 3: value 200000.5 is not a whole number, and a context figure such "
        "as a population must be whole"
    )
    assert refused.value.field == "value"


def test_an_upload_refuses_a_rank_below_one_and_a_negative_count() -> None:
    with pytest.raises(SeriesFileError, match="line 2: value 0 is below 1, and a rank starts at 1"):
        parse_series(
            "area_code,period,value\nE08000901,2019,0\n",
            known_areas=AREAS,
            source="r.csv",
            kind=kinds.RANK,
        )
    with pytest.raises(SeriesFileError, match="line 2: value -3 is below zero, and a count"):
        parse_series(
            "area_code,period,value\nE08000901,2019,-3\n",
            known_areas=AREAS,
            source="c.csv",
            kind=kinds.COUNT,
        )


def test_a_score_may_be_any_number() -> None:
    rows = parse_series(
        "area_code,period,value\nE08000901,2019,-1.25\n",
        known_areas=AREAS,
        source="s.csv",
        kind=kinds.SCORE,
    )
    assert rows[0].value == Decimal("-1.25")


def test_existing_indicators_get_their_kind_from_what_they_hold() -> None:
    migration = importlib.import_module("remit.indicators.migrations.0004_indicator_kind")
    assert migration.kind_of("rate_per_1000", "violence", "crimes per 1,000 people") == "rate"
    assert migration.kind_of("count", "burglary", "crimes") == "count"
    assert migration.kind_of("value", "population-mid-2019", "people") == "context"
    assert migration.kind_of("value", "crime-domain-average-rank", "average rank") == "rank"
    assert migration.kind_of("value", "imd-average-score", "average score") == "score"


# ---------------------------------------------------------------- performance and context


@pytest.fixture
def analyst(make_user: Any) -> Any:
    return make_user(Role.ANALYST)


def _uploaded(region: Region, by: Any, slug: str, kind: str, figures: dict[str, str]) -> Indicator:
    indicator = services.indicator_create(
        by=by,
        region=region,
        data={
            "name": slug.replace("-", " ").capitalize(),
            "slug": slug,
            "origin": Origin.UPLOADED,
            "kind": kind,
            "unit_label": "people" if kind == Kind.CONTEXT else "",
        },
        missions=region.missions.all(),
    )
    rows = "".join(f"{code},2019,{value}\n" for code, value in figures.items())
    services.series_upload(
        by=by, indicator=indicator, data=f"area_code,period,value\n{rows}".encode(), name="f.csv"
    )
    services.indicator_publish(by=by, indicator=indicator)
    return indicator


@pytest.fixture
def population(region: Region, analyst: Any) -> Indicator:
    return _uploaded(
        region, analyst, "population", Kind.CONTEXT, {"E08000901": "285478", "E08000902": "200000"}
    )


def _summary(region: Region, indicator: Indicator) -> selectors.Summary:
    return selectors.summaries(region, [indicator])[0]


def test_a_context_indicator_is_never_ranked(region: Region, population: Indicator) -> None:
    summary = _summary(region, population)
    assert [row.rank for row in summary.areas] == [None, None]
    assert summary.compared == 0
    assert summary.gaps == []
    assert summary.gap_trend is None
    assert {row.assessment.rag for row in summary.areas} == {measures.Rag.GREY}


def test_a_performance_indicator_is_ranked(region: Region, analyst: Any) -> None:
    score = _uploaded(region, analyst, "score", Kind.SCORE, {"E08000901": "30", "E08000902": "10"})
    summary = _summary(region, score)
    assert [(row.area.code, row.rank) for row in summary.areas] == [
        ("E08000901", 1),
        ("E08000902", 2),
    ]
    assert summary.region_latest == measures.Point("2019", Decimal("22.0000"))


def test_the_region_population_is_the_sum_of_its_areas_not_their_mean(
    region: Region, population: Indicator
) -> None:
    assert _summary(region, population).region_latest == measures.Point("2019", Decimal(485478))


def test_a_context_indicator_cannot_have_a_target(
    client: Any, region: Region, analyst: Any, population: Indicator
) -> None:
    with pytest.raises(DomainError, match="cannot have a target"):
        services.target_add(
            by=analyst, indicator=population, data={"due": date(2030, 3, 31), "value": 1}
        )
    target = Target(indicator=population, due=date(2030, 3, 31), value=Decimal(1))
    with pytest.raises(Exception, match="cannot have a target"):
        target.full_clean()
    client.force_login(analyst)
    refused = client.get(reverse("indicators:target_add", args=[population.slug]))
    assert refused.status_code == 403
    assert "cannot have a target" in refused.content.decode()
    posted = client.post(
        reverse("indicators:target_add", args=[population.slug]),
        {"due": "2030-03-31", "value": "1"},
    )
    assert posted.status_code == 403
    assert not population.targets.exists()
    assert NO_CONTEXT_TARGET.startswith("A context figure, such as population")


def test_an_indicator_with_targets_cannot_become_context(region: Region, analyst: Any) -> None:
    score = _uploaded(region, analyst, "score", Kind.SCORE, {"E08000901": "30"})
    services.target_add(by=analyst, indicator=score, data={"due": date(2030, 3, 31), "value": 5})
    with pytest.raises(DomainError, match="Remove its targets first") as refused:
        services.indicator_update(by=analyst, indicator=score, data={"kind": Kind.CONTEXT})
    assert refused.value.field == "kind"
    score.refresh_from_db()
    assert score.kind == Kind.SCORE


def test_a_crime_indicator_is_a_count_or_a_rate(region: Region, analyst: Any) -> None:
    data = {
        "name": "Robbery",
        "slug": "robbery",
        "origin": Origin.CRIME,
        "crime_types": ["Robbery"],
        "kind": Kind.SCORE,
    }
    with pytest.raises(DomainError, match="choose count or rate") as refused:
        services.indicator_create(by=analyst, region=region, data=data)
    assert refused.value.field == "kind"
    rate = services.indicator_create(by=analyst, region=region, data={**data, "kind": Kind.RATE})
    assert rate.unit == "rate_per_1000"


def test_an_unknown_kind_is_refused_naming_the_kinds(region: Region, analyst: Any) -> None:
    with pytest.raises(DomainError) as refused:
        services.indicator_create(
            by=analyst,
            region=region,
            data={"name": "X", "slug": "x", "origin": Origin.UPLOADED, "kind": "people"},
        )
    assert refused.value.field == "kind"
    assert "use one of count, rate, score, rank, context" in refused.value.message


def test_an_upload_to_a_context_indicator_is_checked_against_its_kind(
    region: Region, analyst: Any, population: Indicator
) -> None:
    with pytest.raises(DomainError, match=r"f\.csv, line 2: value 1\.5 is not a whole number"):
        services.series_upload(
            by=analyst,
            indicator=population,
            data=b"area_code,period,value\nE08000901,2019,1.5\n",
            name="f.csv",
        )


@pytest.mark.parametrize("public", [False, True])
def test_a_context_indicator_page_shows_facts_without_rank_target_or_rag(
    client: Any, analyst: Any, population: Indicator, public: bool
) -> None:
    if public:
        url = reverse("indicators_public:detail", args=[population.slug])
    else:
        client.force_login(analyst)
        url = reverse("indicators:detail", args=[population.slug])
    page = client.get(url).content.decode()
    assert "285,478" in page
    assert "285,478.0" not in page
    assert "485,478" in page  # the region: the sum of its areas
    for word in ("worst", "Rank", "Against target", "Set a target", "Better when", "No target"):
        assert word not in page, word
    assert "not a measure of performance" in page


def test_a_context_indicator_on_the_area_page_and_report_has_no_rank_or_rating(
    client: Any, analyst: Any, population: Indicator
) -> None:
    client.force_login(analyst)
    area_page = client.get(reverse("indicators:area", args=["E08000901"])).content.decode()
    assert "285,478 people" in area_page
    assert "Rank (1 is the worst)" not in area_page
    assert "Against target" not in area_page
    report = client.get(reverse("indicators:area_report", args=["E08000901"])).content.decode()
    assert "285,478 people" in report
    assert "Against target" not in report
    assert "1 is the worst" not in report
    assert "A fact about the area, not a measure of performance." in report


def test_the_api_gives_each_indicator_its_kind(
    client: Any, region: Region, population: Indicator
) -> None:
    found = client.get(f"/api/indicators/{population.slug}").json()
    assert (found["kind"], found["origin"], found["is_performance"]) == (
        "context",
        "uploaded",
        False,
    )
    assert found["decimal_places"] == 0
    assert client.get(f"/api/indicators/{population.slug}/gap").json() == []


def test_a_context_headline_on_the_public_home_is_not_rated(
    client: Any, population: Indicator
) -> None:
    page = client.get(reverse("portal:home")).content.decode()
    headline = page[page.index('id="headlines"') :]
    assert "485,478" in headline
    assert "Not rated" in headline
    assert "Higher is better" not in headline


# ---------------------------------------------------------------- region packs


def _pack_text(slug: str = "west-midlands") -> str:
    return read_pack_text(shipped_packs()[slug])


@pytest.mark.parametrize("slug", ["west-midlands", "cambridgeshire-peterborough"])
def test_the_shipped_packs_give_each_indicator_its_kind(slug: str) -> None:
    found = {i.slug: i.kind for i in load_pack(_pack_text(slug)).indicators}
    assert found == {
        "neighbourhood-crime": "rate",
        "violence-and-sexual-offences": "rate",
        "possession-of-weapons": "rate",
        "imd-average-score": "score",
        "crime-domain-average-rank": "rank",
        "population-mid-2019": "context",
    }


def test_a_pack_indicator_of_an_unknown_kind_is_refused_at_its_line() -> None:
    text = _pack_text().replace("    kind: context", "    kind: people")
    line = text[: text.index("    kind: people")].count("\n") + 1
    issues = [str(issue) for issue in validate_pack(text)]
    assert issues == [
        "indicators[5].kind: 'people' is not one of: count, rate, score, rank, context "
        f"(line {line})"
    ]


def test_a_crime_indicator_in_a_pack_is_a_count_or_a_rate() -> None:
    text = _pack_text().replace(
        "    kind: rate\n    crime_types: [Possession",
        "    kind: score\n    crime_types: [Possession",
    )
    issues = [str(issue) for issue in validate_pack(text)]
    assert len(issues) == 1
    assert issues[0].startswith(
        "indicators[2].kind: 'score' cannot be counted from crimes: a crime indicator is a "
        "count or a rate"
    )


def test_a_pack_defines_its_indicators_with_their_kinds_once(region: Region) -> None:
    definitions = load_pack(_pack_text()).indicators
    services.indicators_define(region=region, definitions=definitions)
    services.indicators_define(region=region, definitions=definitions)
    defined = Indicator.all_objects.filter(region=region)
    assert defined.count() == len(definitions)
    population = defined.get(slug="population-mid-2019")
    assert (population.kind, population.is_performance, population.unit) == (
        "context",
        False,
        "value",
    )
    rate = defined.get(slug="neighbourhood-crime")
    assert (rate.kind, rate.origin, rate.unit) == ("rate", "crime", "rate_per_1000")
    assert [m.number for m in rate.missions.all()] == [11]
    assert defined.get(slug="imd-average-score").places == 3


def test_a_context_indicator_on_a_mission_and_its_golden_thread_is_not_rated(
    client: Any, population: Indicator
) -> None:
    mission = client.get(reverse("indicators_public:mission", args=[11])).content.decode()
    block = mission[mission.index('id="population"') :]
    block = block[: block.index("</section>")]
    assert "485,478 people" in block
    for words in ("worst", "No target", "Against target", "Rank"):
        assert words not in block, words
    thread = client.get("/published/missions/11/thread/").content.decode()
    line = thread[thread.index("Population</a>") :]
    line = line[: line.index("</section>")]
    assert "485,478 people" in line
    assert "Against target" not in line
    assert "Better" not in line
    assert "Worse" not in line
