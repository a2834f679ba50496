"""The packs shipped with Remit load cleanly and hold what their regions need."""

from __future__ import annotations

import csv
from collections import Counter
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from remit.regions.pack import AREA_CODE_PREFIXES
from remit.regions.pack import RegionPack
from remit.regions.pack import load_pack_file
from remit.regions.pack import shipped_packs
from remit.regions.pack import validate_pack

SHARED_DATA = Path("/work/shared/data")
FIXTURES = Path(__file__).parent / "fixtures"

WM_DISTRICTS = {
    "E08000025": ("Birmingham", 1141816),
    "E08000026": ("Coventry", 371521),
    "E08000027": ("Dudley", 321596),
    "E08000028": ("Sandwell", 328450),
    "E08000029": ("Solihull", 216374),
    "E08000030": ("Walsall", 285478),
    "E08000031": ("Wolverhampton", 263357),
}
WM_NON_CONSTITUENT_COUNCILS = {
    "E07000192": "Cannock Chase",
    "E07000218": "North Warwickshire",
    "E07000219": "Nuneaton and Bedworth",
    "E07000236": "Redditch",
    "E07000220": "Rugby",
    "E06000051": "Shropshire",
    "E07000221": "Stratford-on-Avon",
    "E07000199": "Tamworth",
    "E06000020": "Telford and Wrekin",
    "E10000031": "Warwickshire",
}
WM_WORKSTREAMS = {
    "Inclusive economic growth": [
        "Innovation",
        "WM Smart City Region",
        "LEP Integration",
        "Trade and Investment",
        "Business Support System",
    ],
    "Building human capital": ["Skills", "Education", "UKSPF (Multiply)"],
    "Connecting communities": [
        "Housing, regen and planning",
        "Transport",
        "Net Zero (BEIS)",
        "Digital",
    ],
    "Building social capital": [
        "Homelessness prevention",
        "Health",
        "Crime, community safety and resilience",
        "Social capital and social economy",
        "Culture",
    ],
    "Cross-cutting": [
        "Funding",
        "Benefits for non-constituent authorities",
        "Data and transparency",
    ],
}
CP_COUNCILS = {
    "E10000003": "Cambridgeshire",
    "E06000031": "Peterborough",
    "E07000008": "Cambridge",
    "E07000009": "East Cambridgeshire",
    "E07000010": "Fenland",
    "E07000011": "Huntingdonshire",
    "E07000012": "South Cambridgeshire",
}


@cache
def pack(slug: str) -> RegionPack:
    return load_pack_file(shipped_packs()[slug])


# --- every shipped pack -----------------------------------------------------------------------


def test_both_regions_ship_and_the_test_region_does_not() -> None:
    assert set(shipped_packs()) == {"west-midlands", "cambridgeshire-peterborough"}


@pytest.mark.parametrize("slug", sorted(shipped_packs()))
def test_shipped_pack_has_no_problems(slug: str) -> None:
    assert validate_pack(shipped_packs()[slug].read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("slug", sorted(shipped_packs()))
def test_shipped_pack_file_is_named_after_its_region(slug: str) -> None:
    assert pack(slug).region.slug == slug


@pytest.mark.parametrize("slug", sorted(shipped_packs()))
def test_shipped_pack_has_the_twelve_missions_in_short_words(slug: str) -> None:
    missions = pack(slug).missions

    assert [mission.number for mission in missions] == list(range(1, 13))
    assert all(len(mission.target) <= 200 for mission in missions)
    assert all(not mission.target.startswith("By 2030") for mission in missions)
    assert "homicide" in missions[10].target


@pytest.mark.parametrize("slug", sorted(shipped_packs()))
def test_shipped_pack_areas_carry_codes_of_their_kind(slug: str) -> None:
    for area in pack(slug).areas:
        assert area.code.startswith(AREA_CODE_PREFIXES[area.kind]), area


@pytest.mark.parametrize("slug", sorted(shipped_packs()))
def test_shipped_pack_councils_have_360giving_identifiers(slug: str) -> None:
    councils = [org for org in pack(slug).organisations if org.kind == "local_authority"]

    assert councils
    assert all(org.org_id and org.org_id.startswith("GB-LAE-") for org in councils)
    assert all(org.area and pack(slug).area(org.area) for org in councils)


# --- West Midlands ----------------------------------------------------------------------------


def test_west_midlands_reflects_july_2022() -> None:
    region = pack("west-midlands").region

    assert region.as_of == date(2022, 7, 26)
    assert region.population_source is not None
    assert "mid-2019" in region.population_source


def test_west_midlands_has_the_seven_constituent_districts_with_mid_2019_populations() -> None:
    districts = {
        area.code: (area.name, area.population)
        for area in pack("west-midlands").areas
        if area.kind == "metropolitan_district"
    }

    assert districts == WM_DISTRICTS
    assert all(pack("west-midlands").area(code).constituent is True for code in WM_DISTRICTS)
    assert all(pack("west-midlands").area(code).population_year == 2019 for code in WM_DISTRICTS)


def test_west_midlands_non_constituent_members_are_areas_and_councils() -> None:
    wm = pack("west-midlands")
    outside = {area.code: area.name for area in wm.areas if area.constituent is False}
    councils = {org.area for org in wm.organisations if org.kind == "local_authority"}

    assert outside == WM_NON_CONSTITUENT_COUNCILS
    assert set(WM_NON_CONSTITUENT_COUNCILS) <= councils
    assert wm.area("E06000051").kind == "unitary"
    assert wm.area("E06000020").kind == "unitary"
    assert wm.area("E10000031").kind == "county"
    assert all(
        org.constituent is False
        for org in wm.organisations
        if org.area in WM_NON_CONSTITUENT_COUNCILS
    )


def test_west_midlands_county_population_is_the_sum_of_its_districts() -> None:
    warwickshire_districts = {
        "E07000218": 65264,
        "E07000219": 129883,
        "E07000220": 108935,
        "E07000221": 130098,
        "E07000222": 143753,  # Warwick, not itself a member
    }

    assert pack("west-midlands").area("E10000031").population == sum(
        warwickshire_districts.values()
    )
    assert pack("west-midlands").area("E47000007").population == sum(
        population for _, population in WM_DISTRICTS.values()
    )


def test_west_midlands_has_the_organisations_the_partnership_and_deal_need() -> None:
    kinds = Counter(org.kind for org in pack("west-midlands").organisations)
    names = {org.name for org in pack("west-midlands").organisations}

    assert kinds["combined_authority"] == 1
    assert kinds["pcc_office"] == 1
    assert kinds["police_force"] == 1
    assert kinds["fire_and_rescue"] == 1
    assert kinds["local_authority"] == 17
    assert kinds["government_department"] == 4
    assert {"National Probation Service", "West Midlands Community Rehabilitation Company"} <= names
    assert {f"{name} Community Safety Partnership" for name, _ in WM_DISTRICTS.values()} <= names
    assert {"health", "youth_justice", "business", "voluntary_sector"} <= set(kinds)


def test_west_midlands_names_people_only_where_reports_do() -> None:
    wm = pack("west-midlands")

    assert wm.person("david-jamieson").name == "David Jamieson"
    assert wm.person("brendan-warner-southwell").organisation == "wmpcc"
    assert wm.person("simon-down").job_title == "Head of Policy"
    assert wm.person("ed-cox").organisation == "wmca"
    assert wm.person("alethea-fuller").job_title == "Policy and Commissioning Manager"
    assert wm.person("mayor").name == "Mayor of the West Midlands"


def test_west_midlands_has_five_themes_and_the_twenty_workstreams() -> None:
    wm = pack("west-midlands")
    themes = {theme.name: [ws.name for ws in theme.workstreams] for theme in wm.themes}

    assert themes == WM_WORKSTREAMS
    assert {ws.name for ws in wm.workstreams if ws.beyond_deal} == {
        "WM Smart City Region",
        "UKSPF (Multiply)",
        "Housing, regen and planning",
    }
    assert all(ws.lead and ws.sponsor for ws in wm.workstreams)
    crime = next(ws for ws in wm.workstreams if ws.slug == "crime-community-safety-resilience")
    assert crime.lead == "brendan-warner-southwell"


def test_west_midlands_boards_are_all_present() -> None:
    names = {board.name for board in pack("west-midlands").boards}

    assert names == {
        "WMCA Board",
        "Overview & Scrutiny Committee",
        "Devolution Strategy Group",
        "Senior Local Authority Officers Group",
        "Finance Directors' Group",
        "Met Leaders Group",
        "High-Level Negotiating Team",
        "Strategic Policing and Crime Board",
        "West Midlands Community Safety Partnership",
    }


def test_devolution_strategy_group_is_seven_met_one_non_constituent_and_two_wmca() -> None:
    wm = pack("west-midlands")
    represented = Counter(
        wm.organisation(membership.organisation).kind for membership in wm.board("dsg").memberships
    )

    assert represented == {"local_authority": 7, "other": 1, "combined_authority": 2}


def test_high_level_negotiating_team_is_the_mayor_and_up_to_three_leaders() -> None:
    team = pack("west-midlands").board("hlnt")

    assert team.kind == "negotiating_team"
    assert [m.person for m in team.memberships if m.role == "chair"] == ["mayor"]
    assert len(team.memberships) == 4


def test_west_midlands_community_safety_partnership_has_its_full_membership() -> None:
    wm = pack("west-midlands")
    wmcsp = wm.board("wmcsp")
    at_start = [m for m in wmcsp.memberships if m.current_on(date(2018, 1, 1))]
    represented = Counter(
        wm.organisation(m.organisation).kind for m in at_start if m.role != "secretariat"
    )

    assert wmcsp.parent == "spcb"
    assert wmcsp.meeting_frequency == "quarterly"
    assert wmcsp.paper_deadline_days == 7
    assert wmcsp.organisation == "wmpcc"
    assert min(m.from_date for m in wmcsp.memberships) == date(2018, 1, 1)
    assert [m.person for m in at_start if m.role == "chair"] == ["david-jamieson"]
    assert represented == {
        "pcc_office": 2,  # the commissioner and the assistant commissioner (partnerships)
        "combined_authority": 1,  # the mayoral representative
        "police_force": 1,
        "local_authority": 7,
        "probation": 2,  # National Probation Service and the rehabilitation company
        "health": 1,
        "youth_justice": 1,
        "fire_and_rescue": 1,
        "business": 1,
        "voluntary_sector": 1,
    }


def test_position_paper_passes_four_forums_before_the_wmca_board() -> None:
    wm = pack("west-midlands")
    route = next(r for r in wm.governance_routes if r.slug == "tdd-position-paper")

    assert [wm.board(step).name for step in route.steps] == [
        "Senior Local Authority Officers Group",
        "Devolution Strategy Group",
        "Finance Directors' Group",
        "Met Leaders Group",
    ]
    assert wm.board(route.final_board).name == "WMCA Board"


def test_the_2018_19_fund_is_recommended_by_the_partnership_and_decided_by_the_pcc() -> None:
    [fund] = pack("west-midlands").funds

    assert fund.financial_year == "2018/19"
    assert fund.budget == Decimal("3863308.00")
    assert fund.owner == "wmpcc"
    assert fund.decision_maker == "david-jamieson"
    assert fund.recommending_board == "wmcsp"


# --- Cambridgeshire and Peterborough ----------------------------------------------------------


def test_cambridgeshire_has_its_seven_councils_the_authority_and_its_mayor() -> None:
    cp = pack("cambridgeshire-peterborough")
    councils = {
        org.area: org.name for org in cp.organisations if org.kind == "local_authority" and org.area
    }

    assert set(councils) == set(CP_COUNCILS)
    assert {cp.area(code).name for code in CP_COUNCILS} == set(CP_COUNCILS.values())
    assert all(cp.area(code).constituent is True for code in CP_COUNCILS)
    assert cp.organisation("cpca").kind == "combined_authority"
    assert cp.person("mayor").organisation == "cpca"
    assert cp.area("E10000003").population == sum(
        cp.area(code).population or 0 for code in CP_COUNCILS if code.startswith("E07")
    )


def test_cambridgeshire_has_police_commissioner_constabulary_and_fire() -> None:
    kinds = {org.kind for org in pack("cambridgeshire-peterborough").organisations}

    assert {"pcc_office", "police_force", "fire_and_rescue"} <= kinds


def test_cambridgeshire_boards_and_route() -> None:
    cp = pack("cambridgeshire-peterborough")

    assert cp.board("business-coordination-board").memberships
    assert cp.board("countywide-community-safety-board").memberships
    [route] = cp.governance_routes
    assert "business-coordination-board" in route.steps
    assert route.final_board == "cpca-board"


def test_cambridgeshire_demo_fund_is_the_commissioners_over_the_six_partnership_areas() -> None:
    cp = pack("cambridgeshire-peterborough")
    [fund] = cp.funds

    assert fund.owner == "cambridgeshire-opcc"
    assert fund.decision_maker == "pcc"
    assert fund.recommending_board == "countywide-community-safety-board"
    partnership_areas = {
        org.area for org in cp.organisations if org.slug.endswith("-csp") and org.area
    }
    assert set(fund.areas) == partnership_areas
    assert len(partnership_areas) == 6


def test_cambridgeshire_themes_follow_the_2016_report() -> None:
    themes = pack("cambridgeshire-peterborough").themes

    assert [theme.name for theme in themes] == [
        "Housing, planning and development",
        "Transport and infrastructure",
        "Skills, education, aspiration and employment",
        "Community safety",
        "Health and social care",
    ]
    assert all(theme.workstreams for theme in themes)


# --- the figures against the ONS files they came from -----------------------------------------


@cache
def _district_populations() -> dict[str, int]:
    lookup = SHARED_DATA / "ons-lookups" / "004.csv"
    with lookup.open(encoding="utf-8-sig", newline="") as handle:
        district_of = {row["LSOA11CD"]: row["LAD19CD"] for row in csv.DictReader(handle)}
    totals: Counter[str] = Counter()
    populations = SHARED_DATA / "ons-population" / "2019_population.csv"
    with populations.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["lsoa"] in district_of:
                totals[district_of[row["lsoa"]]] += int(row["pop"].replace(",", ""))
    return dict(totals)


@pytest.mark.skipif(not SHARED_DATA.exists(), reason="the ONS source files are not on this machine")
@pytest.mark.parametrize("slug", sorted(shipped_packs()))
def test_district_populations_match_the_ons_mid_2019_estimates(slug: str) -> None:
    totals = _district_populations()
    districts = [area for area in pack(slug).areas if area.code[:3] in {"E06", "E07", "E08"}]

    assert districts
    for area in districts:
        assert area.population == totals[area.code], area.name


@pytest.mark.skipif(not SHARED_DATA.exists(), reason="the ONS source files are not on this machine")
def test_area_names_match_the_ons_district_names() -> None:
    names_file = SHARED_DATA / "ons-lookups" / "278.csv"
    with names_file.open(encoding="utf-8-sig", newline="") as handle:
        ons = {row["LAD19CD"]: row["LAD19NM"] for row in csv.DictReader(handle)}

    for slug in shipped_packs():
        for area in pack(slug).areas:
            if area.code in ons:
                assert area.name == ons[area.code]


def test_the_fictional_region_loads_through_the_same_door() -> None:
    northshire = load_pack_file(FIXTURES / "northshire.yaml")

    assert northshire.region.slug not in shipped_packs()
    assert {area.code[:3] for area in northshire.areas} <= {"E06", "E47"}
