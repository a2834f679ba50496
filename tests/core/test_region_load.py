"""Loading region packs: validated first, idempotent, updates only what changed, all-or-nothing."""

from __future__ import annotations

from typing import Any

import pytest

from remit.core.models import Area
from remit.core.models import Board
from remit.core.models import Membership
from remit.core.models import Organisation
from remit.core.models import Person
from remit.core.models import Region
from remit.core.services import region_load
from remit.funding.models import Fund
from remit.regions.pack import PackError

PACK = """
pack_version: 1
region:
  slug: riverside
  name: Riverside
  description: A small test region.
  as_of: 2022-07-01
  population_source: test figures
areas:
  - {code: E06099901, name: Riverton, kind: unitary, population: 100000, population_year: 2019, constituent: true}
  - {code: E06099902, name: Hillford, kind: unitary, population: 50000, population_year: 2019, constituent: false}
organisations:
  - {slug: rca, name: Riverside Combined Authority, kind: combined_authority}
  - {slug: opcc, name: Riverside PCC Office, kind: pcc_office}
  - {slug: riverton, name: Riverton Council, kind: local_authority, area: E06099901, constituent: true}
people:
  - {slug: pcc, name: Pat Commissioner, job_title: Police and Crime Commissioner, organisation: opcc}
  - {slug: rep, name: Riverton representative, job_title: Community safety lead, organisation: riverton}
missions:
  - {number: 11, short_title: Crime, target: Serious violence and neighbourhood crime down.}
themes:
  - slug: social-capital
    name: Building social capital
    workstreams:
      - {slug: crime, name: Crime and community safety, lead: rep, sponsor: pcc}
boards:
  - slug: rca-board
    name: Riverside Combined Authority Board
    kind: board
    organisation: rca
    meeting_frequency: monthly
    paper_deadline_days: 5
    quorum: 2
    memberships: []
  - slug: csp
    name: Riverside Community Safety Partnership
    kind: partnership
    organisation: opcc
    parent: rca-board
    meeting_frequency: quarterly
    paper_deadline_days: 7
    quorum: 1
    memberships:
      - {person: pcc, organisation: opcc, role: chair, from: 2018-01-01}
      - {person: rep, organisation: riverton, role: member, from: 2018-01-01}
governance_routes:
  - {slug: deal, name: Deal route, steps: [csp], final_board: rca-board}
funds:
  - slug: csf-2018-19
    name: Community Safety Fund 2018/19
    financial_year: 2018/19
    budget: "1000000.00"
    owner: opcc
    decision_maker: pcc
    recommending_board: csp
"""

MODELS = (Region, Area, Organisation, Person, Board, Membership, Fund)


def _snapshot() -> dict[str, Any]:
    state: dict[str, Any] = {}
    for model in MODELS:
        state[model.__name__] = list(model.objects.order_by("pk").values())
        state[model.__name__ + " history"] = model.history.count()  # type: ignore[attr-defined]
    return state


@pytest.mark.django_db
def test_a_pack_loads_everything_it_describes() -> None:
    report = region_load(by=None, text=PACK)

    region = Region.objects.get(slug="riverside")
    assert report.region == region
    assert region.areas.get(code="E06099902").constituent is False
    csp = region.boards.get(slug="csp")
    assert csp.parent == region.boards.get(slug="rca-board")
    assert csp.memberships.get(role="chair").person.slug == "pcc"
    assert [s.board.slug for s in region.governance_routes.get().steps.all()] == ["csp"]
    fund = region.funds.get()
    assert fund.budget_pence == 100_000_000
    assert fund.decision_maker.slug == "pcc"
    assert region.is_active


@pytest.mark.django_db
def test_loading_the_same_pack_twice_changes_nothing() -> None:
    region_load(by=None, text=PACK)
    before = _snapshot()

    report = region_load(by=None, text=PACK)

    after = _snapshot()
    for key in before:
        if key.startswith("Region"):
            continue  # the load time is stamped on every load
        assert after[key] == before[key], key
    assert not report.changed
    assert report.lines() == ["no changes"]


@pytest.mark.django_db
def test_a_changed_pack_updates_only_what_changed() -> None:
    region_load(by=None, text=PACK)
    history_before = Board.history.count()

    changed = PACK.replace("paper_deadline_days: 7", "paper_deadline_days: 10").replace(
        "      - {person: rep, organisation: riverton, role: member, from: 2018-01-01}\n", ""
    )
    report = region_load(by=None, text=changed)

    csp = Board.objects.get(slug="csp")
    assert csp.paper_deadline_days == 10
    assert Board.history.count() == history_before + 1
    assert csp.history.latest().history_change_reason == "Region pack changed: paper_deadline_days"
    assert report.updated["boards"] == 1
    assert report.removed["memberships"] == 1
    assert not csp.memberships.filter(person__slug="rep").exists()


@pytest.mark.django_db
def test_a_broken_pack_reports_every_error_with_its_path_and_changes_nothing() -> None:
    region_load(by=None, text=PACK)
    before = _snapshot()
    broken = (
        PACK.replace("organisation: riverton, role: member", "organisation: wmfs, role: member")
        .replace("final_board: rca-board", "final_board: nowhere")
        .replace('budget: "1000000.00"', 'budget: "10.001"')
        .replace("paper_deadline_days: 7", "paper_deadline_days: 10")
    )

    with pytest.raises(PackError) as caught:
        region_load(by=None, text=broken)

    message = str(caught.value)
    assert "boards[1].memberships[1].organisation" in message
    assert "wmfs" in message
    assert "governance_routes[0].final_board" in message
    assert "funds[0].budget" in message
    assert _snapshot() == before


@pytest.mark.django_db
def test_a_yaml_syntax_error_gives_its_line() -> None:
    with pytest.raises(PackError, match="line"):
        region_load(by=None, text="region: [unclosed\nareas: {")
    assert not Region.objects.exists()


@pytest.mark.django_db
def test_reloading_a_pack_leaves_a_retired_route_retired(make_user: Any) -> None:
    """The pack says what a route is; whether the partnership still uses it is kept in Remit,
    so loading the pack again neither reinstates a retired route nor fails because of it."""
    from remit.core.models import GovernanceRoute
    from remit.core.models import Role
    from remit.core.services import route_retire

    region_load(by=None, text=PACK)
    route = GovernanceRoute.objects.get(slug="deal")
    route_retire(by=make_user(Role.OFFICER), route=route, reason="Replaced")

    report = region_load(by=None, text=PACK.replace("name: Deal route", "name: Old deal route"))

    route.refresh_from_db()
    assert route.name == "Old deal route"
    assert route.retired
    assert route.retired_reason == "Replaced"
    assert report.updated["governance routes"] == 1
