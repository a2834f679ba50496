"""Results declared by proposals and grants: the owner, its section on their pages, the roll-up."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.template import Context
from django.template import Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from remit.core.errors import DomainError
from remit.core.errors import NotPermitted
from remit.core.models import Board
from remit.core.models import GovernanceRoute
from remit.core.models import Mission
from remit.core.models import Region
from remit.core.models import Role
from remit.core.models import Theme
from remit.core.models import User
from remit.core.models import Workstream
from remit.funding import selectors as funding_selectors
from remit.funding.models import Bid
from remit.funding.models import Determination
from remit.funding.models import Fund
from remit.funding.models import Grant
from remit.funding.models import GrantPublication
from remit.funding.models import Round
from remit.indicators import selectors
from remit.indicators import services
from remit.indicators.models import Indicator
from remit.indicators.models import Origin
from remit.indicators.models import Result
from remit.indicators.models import Unit
from remit.proposals.models import Deal
from remit.proposals.models import Proposal

TODAY = timezone.localdate()


# ---------------------------------------------------------------- records that declare results


def _deal(region: Region) -> Deal:
    board = Board.objects.create(
        region=region, slug=f"{region.slug}-board", name="Combined Authority Board", kind="board"
    )
    route = GovernanceRoute.objects.create(
        region=region, slug="route", name="Deal route", final_board=board
    )
    theme = Theme.objects.create(region=region, slug="safety", name="Safer places", position=1)
    Workstream.objects.create(theme=theme, slug="crime", name="Crime and safety")
    return Deal.objects.create(region=region, slug="deal", name=f"{region.name} Deal", route=route)


def _proposal(deal: Deal, title: str, *, published: bool = False) -> Proposal:
    return Proposal.all_objects.create(
        deal=deal,
        workstream=Workstream.objects.get(theme__region=deal.region, slug="crime"),
        title=title,
        summary="What it does.",
        ask_type="funding",
        amount_pence=150_000_000,
        years_from="2023/24",
        years_to="2025/26",
        form_of_devolution="single",
        is_published=published,
        published_at=timezone.now() if published else None,
    )


@pytest.fixture
def proposal(region: Region) -> Proposal:
    return _proposal(_deal(region), "Violence reduction unit")


@pytest.fixture
def other_region_proposal(db: Any) -> Proposal:
    other = Region.objects.create(slug="elsewhere", name="Elsewhere")
    return _proposal(_deal(other), "Somebody else's proposal")


@pytest.fixture
def grant(region: Region, officer: User, partner: User) -> Grant:
    """A grant to Safe Streets Trust (the partner's organisation), awarded in full."""
    fund = Fund.objects.create(
        region=region,
        slug="csf",
        name="Community Safety Fund 2018/19",
        financial_year="2018/19",
        budget_pence=10_000_000,
        owner=region.organisations.get(slug="opcc"),
        decision_maker=region.people.get(slug="commissioner"),
    )
    now = timezone.now()
    round = Round.objects.create(
        fund=fund,
        slug="main",
        title="Main round",
        opens_at=now - timedelta(days=60),
        closes_at=now - timedelta(days=30),
    )
    bid = Bid.all_objects.create(
        round=round,
        organisation=region.organisations.get(slug="safe-streets"),
        title="Safer routes home",
        status="awarded",
        created_by=partner,
        submitted_at=now - timedelta(days=40),
    )
    determination = Determination.objects.create(
        bid=bid,
        outcome="fund_in_full",
        amount_pence=2_000_000,
        decided_by=region.people.get(slug="commissioner"),
        decided_on=date(2018, 3, 20),
        recorded_by=officer,
    )
    return Grant.all_objects.create(bid=bid, determination=determination, amount_pence=2_000_000)


def _publish_grant(grant: Grant) -> None:
    """On the register as published now: the flag and the snapshot the register reads."""
    Grant.all_objects.filter(pk=grant.pk).update(
        is_published=True,
        published_at=timezone.now(),
        agreement_start=date(2018, 4, 1),
        agreement_end=date(2019, 3, 31),
    )
    grant = Grant.all_objects.get(pk=grant.pk)
    snapshot = GrantPublication.objects.create(
        grant=grant, version=1, **funding_selectors.publication_figures(grant)
    )
    Grant.all_objects.filter(pk=grant.pk).update(publication=snapshot)


@pytest.fixture
def analyst(make_user: Callable[..., User]) -> User:
    return make_user(Role.ANALYST)


def _indicator(region: Region, by: User, slug: str, *, publish: bool) -> Indicator:
    indicator = services.indicator_create(
        by=by,
        region=region,
        data={
            "name": slug.capitalize(),
            "slug": slug,
            "origin": Origin.UPLOADED,
            "unit": Unit.VALUE,
        },
        missions=Mission.objects.filter(region=region, number=11),
    )
    if publish:
        services.series_upload(
            by=by, indicator=indicator, data=b"area_code,period,value\nE08000901,2019,1\n", name="x"
        )
        services.indicator_publish(by=by, indicator=indicator)
    return indicator


@pytest.fixture
def violence(region: Region, analyst: User) -> Indicator:
    return _indicator(region, analyst, "violence", publish=True)


@pytest.fixture
def draft_indicator(region: Region, analyst: User) -> Indicator:
    return _indicator(region, analyst, "reoffending", publish=False)


def _declare(by: User, owner: Any, title: str, **data: Any) -> Result:
    indicators = data.pop("indicators", ())
    return services.result_create(
        by=by,
        region=owner_region(owner),
        data={"title": title, **data},
        indicators=indicators,
        owner=owner,
    )


def owner_region(owner: Any) -> Region:
    return Region.objects.get(pk=selectors.owner_region_id(owner))


# ---------------------------------------------------------------- finding the owner


def test_a_link_names_a_proposal_or_grant_of_the_region(
    region: Region, proposal: Proposal, grant: Grant
) -> None:
    found = selectors.find_owner(region, f"proposals.proposal:{proposal.pk}")
    assert found.obj == proposal
    assert found.label == "Proposal: Violence reduction unit"
    assert found.url == f"/proposals/{proposal.pk}/"
    assert found.public_url == ""  # not published
    assert found.key == f"proposals.proposal:{proposal.pk}"

    found = selectors.find_owner(region, f"funding.grant:{grant.pk}")
    assert found.label == "Grant to Safe Streets Trust: Safer routes home"
    assert found.url == reverse("funding:grant", args=[grant.pk])


@pytest.mark.parametrize(
    ("key", "says"),
    [
        ("proposal-12", "Name the proposal or grant as type:number"),
        ("proposals.proposal:", "Name the proposal or grant as type:number"),
        ("proposals.proposal:99999999999999999999", "Name the proposal or grant as type:number"),
        ("core.mission:1", "Only proposals and grants declare results here, not “core.mission”."),
        ("proposals.proposal:999999", "There is no proposal 999999."),
        ("funding.grant:999999", "There is no grant 999999."),
    ],
)
def test_a_bad_owner_is_refused_with_the_reason(region: Region, key: str, says: str) -> None:
    with pytest.raises(DomainError) as refused:
        selectors.find_owner(region, key)
    assert says in refused.value.message
    assert refused.value.field == "owner"


def test_a_proposal_of_another_region_is_not_an_owner_here(
    region: Region, other_region_proposal: Proposal
) -> None:
    with pytest.raises(DomainError) as refused:
        selectors.find_owner(region, f"proposals.proposal:{other_region_proposal.pk}")
    assert (
        refused.value.message == f"Proposal {other_region_proposal.pk} belongs to another region."
    )


# ---------------------------------------------------------------- declaring


def test_declaring_for_a_proposal_sets_the_relation_and_takes_its_name(
    region: Region, analyst: User, proposal: Proposal
) -> None:
    result = services.result_create(
        by=analyst,
        region=region,
        data={"title": "Fewer knife crimes", "owner_label": "Something else", "owner_url": "/x/"},
        owner=proposal,
    )
    result.refresh_from_db()
    assert result.owner == proposal
    assert result.owner_type == ContentType.objects.get_for_model(Proposal)
    assert result.owner_id == proposal.pk
    assert result.owner_label == "Proposal: Violence reduction unit"
    assert result.owner_url == f"/proposals/{proposal.pk}/"
    declared = result.history.get()
    assert (declared.history_user, declared.history_change_reason) == (analyst, "Declared")


def test_an_owner_of_another_region_is_refused_and_nothing_is_saved(
    region: Region, analyst: User, other_region_proposal: Proposal
) -> None:
    with pytest.raises(DomainError) as refused:
        services.result_create(
            by=analyst, region=region, data={"title": "Stray"}, owner=other_region_proposal
        )
    assert refused.value.field == "owner"
    assert "belongs to another region" in refused.value.message
    assert not Result.all_objects.exists()


def test_only_a_keeper_of_results_declares_one(
    region: Region, make_user: Callable[..., User], proposal: Proposal
) -> None:
    with pytest.raises(NotPermitted):
        services.result_create(
            by=make_user(Role.BOARD_MEMBER), region=region, data={"title": "X"}, owner=proposal
        )
    assert not Result.all_objects.exists()


def test_an_owned_result_follows_its_owner_when_edited(
    region: Region, analyst: User, proposal: Proposal
) -> None:
    result = _declare(analyst, proposal, "Fewer knife crimes")
    Proposal.all_objects.filter(pk=proposal.pk).update(title="Violence reduction partnership")
    services.result_update(
        by=analyst, result=result, data={"owner_label": "Typed over", "progress_percent": 10}
    )
    result.refresh_from_db()
    assert result.owner_label == "Proposal: Violence reduction partnership"
    assert result.progress_percent == 10
    assert "owner_label" in result.history.first().history_change_reason


# ---------------------------------------------------------------- the section on their pages


def test_the_proposal_page_lists_its_results_and_offers_to_declare_one(
    client: Any, analyst: User, proposal: Proposal, violence: Indicator
) -> None:
    result = _declare(
        analyst, proposal, "Fewer knife crimes", progress_percent=35, indicators=[violence]
    )
    services.milestone_add(
        by=analyst, result=result, data={"title": "Hub open", "due": TODAY - timedelta(days=1)}
    )
    client.force_login(analyst)
    html = client.get(reverse("proposals:detail", args=[proposal.pk])).content.decode()
    section = html[html.index('id="results"') :]
    assert reverse("indicators:result", args=[result.pk]) in section
    assert "Fewer knife crimes" in section
    assert "35%" in section
    assert "Overdue" in section
    assert "0 of 1 milestones done" in section
    assert reverse("indicators:detail", args=["violence"]) in section
    declare = reverse("indicators:result_create") + f"?owner=proposals.proposal:{proposal.pk}"
    assert declare in section


def test_who_cannot_keep_results_sees_them_without_the_offer(
    client: Any, analyst: User, make_user: Callable[..., User], proposal: Proposal
) -> None:
    _declare(analyst, proposal, "Fewer knife crimes")
    client.force_login(make_user(Role.BOARD_MEMBER))
    html = client.get(reverse("proposals:detail", args=[proposal.pk])).content.decode()
    assert "Fewer knife crimes" in html
    assert "Declare a result" not in html


def test_a_proposal_without_results_says_so(client: Any, officer: User, proposal: Proposal) -> None:
    client.force_login(officer)
    html = client.get(reverse("proposals:detail", args=[proposal.pk])).content.decode()
    assert "The proposal has not declared any results yet." in html
    assert "Declare a result" in html


def test_the_grant_page_lists_its_results_for_officers_and_the_grantee(
    client: Any, officer: User, partner: User, grant: Grant
) -> None:
    _declare(officer, grant, "Safer walk home", progress_percent=50)
    url = reverse("funding:grant", args=[grant.pk])
    client.force_login(officer)
    html = client.get(url).content.decode()
    assert "Safer walk home" in html
    assert f"?owner=funding.grant:{grant.pk}" in html
    client.force_login(partner)
    html = client.get(url).content.decode()
    assert "Safer walk home" in html
    assert "50%" in html
    assert "Declare a result" not in html


def test_the_section_does_not_grow_in_queries_with_results(
    region: Region,
    analyst: User,
    proposal: Proposal,
    violence: Indicator,
    draft_indicator: Indicator,
    django_assert_max_num_queries: Any,
) -> None:
    template = Template("{% load indicator_tags %}{% owner_results owner %}")
    request = RequestFactory().get("/")
    request.user = analyst

    def render() -> str:
        return template.render(Context({"request": request, "owner": proposal}))

    first = _declare(analyst, proposal, "Result 0", indicators=[violence])
    services.milestone_add(by=analyst, result=first, data={"title": "M", "due": TODAY})
    render()  # content types are cached from here on
    with CaptureQueriesContext(connection) as few:
        render()
    for n in range(1, 8):
        result = _declare(analyst, proposal, f"Result {n}", indicators=[violence, draft_indicator])
        result.missions.set(Mission.objects.filter(region=region))
        for day in range(3):
            services.milestone_add(
                by=analyst, result=result, data={"title": f"M{day}", "due": TODAY}
            )
    with django_assert_max_num_queries(len(few)):
        html = render()
    assert html.count(reverse("indicators:detail", args=["reoffending"])) == 7


# ---------------------------------------------------------------- declaring from the page


def test_the_form_takes_the_owner_and_locks_its_name_and_link(
    client: Any, analyst: User, proposal: Proposal, violence: Indicator
) -> None:
    client.force_login(analyst)
    url = reverse("indicators:result_create") + f"?owner=proposals.proposal:{proposal.pk}"
    html = client.get(url).content.decode()
    assert "Declared by" in html
    assert "Proposal: Violence reduction unit" in html
    assert 'name="owner_label"' not in html
    assert 'name="owner_url"' not in html
    response = client.post(
        url,
        {
            "title": "Fewer knife crimes",
            "owner_label": "Typed in anyway",
            "progress_percent": "20",
            "indicators": [violence.pk],
        },
    )
    result = Result.all_objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("indicators:result", args=[result.pk])
    assert result.owner == proposal
    assert result.owner_label == "Proposal: Violence reduction unit"
    assert result.owner_url == f"/proposals/{proposal.pk}/"
    assert list(result.indicators.all()) == [violence]
    html = client.get(reverse("proposals:detail", args=[proposal.pk])).content.decode()
    assert "Fewer knife crimes" in html


def test_a_grant_declares_a_result_from_its_page(client: Any, officer: User, grant: Grant) -> None:
    client.force_login(officer)
    url = reverse("indicators:result_create") + f"?owner=funding.grant:{grant.pk}"
    assert "Grant to Safe Streets Trust: Safer routes home" in client.get(url).content.decode()
    client.post(url, {"title": "Safer walk home", "progress_percent": "0"})
    result = Result.all_objects.get()
    assert result.owner == grant
    assert result.owner_url == reverse("funding:grant", args=[grant.pk])


@pytest.mark.parametrize(
    ("owner", "says"),
    [
        ("nonsense", "Name the proposal or grant as type:number, such as proposals.proposal:12."),
        ("proposals.proposal:999999", "There is no proposal 999999."),
        ("core.mission:1", "Only proposals and grants declare results here"),
    ],
)
def test_a_bad_owner_in_the_link_is_a_clear_refusal(
    client: Any, analyst: User, region: Region, owner: str, says: str
) -> None:
    client.force_login(analyst)
    url = reverse("indicators:result_create") + "?" + f"owner={owner}"
    for response in (client.get(url), client.post(url, {"title": "X", "progress_percent": "0"})):
        assert response.status_code == 400
        assert says in response.content.decode()
    assert not Result.all_objects.exists()


def test_an_owner_of_another_region_in_the_link_is_refused(
    client: Any, analyst: User, region: Region, other_region_proposal: Proposal
) -> None:
    client.force_login(analyst)
    url = reverse("indicators:result_create") + (
        f"?owner=proposals.proposal:{other_region_proposal.pk}"
    )
    response = client.get(url)
    assert response.status_code == 400
    assert "belongs to another region" in response.content.decode()


def test_who_cannot_keep_results_cannot_open_the_form(
    client: Any, make_user: Callable[..., User], proposal: Proposal
) -> None:
    client.force_login(make_user(Role.BOARD_MEMBER))
    url = reverse("indicators:result_create") + f"?owner=proposals.proposal:{proposal.pk}"
    response = client.get(url)
    assert response.status_code == 403
    assert "cannot record results" in response.content.decode()


def test_editing_an_owned_result_keeps_the_owner_locked(
    client: Any, analyst: User, proposal: Proposal
) -> None:
    result = _declare(analyst, proposal, "Fewer knife crimes")
    client.force_login(analyst)
    url = reverse("indicators:result_edit", args=[result.pk])
    html = client.get(url).content.decode()
    assert 'name="owner_label"' not in html
    assert "Proposal: Violence reduction unit" in html
    client.post(url, {"title": "Fewer knife crimes", "owner_label": "X", "progress_percent": "5"})
    result.refresh_from_db()
    assert (result.owner_label, result.progress_percent) == ("Proposal: Violence reduction unit", 5)


# ---------------------------------------------------------------- the public pages


def test_the_public_proposal_page_shows_published_results_only(
    client: Any,
    analyst: User,
    region: Region,
    violence: Indicator,
    draft_indicator: Indicator,
) -> None:
    proposal = _proposal(_deal(region), "Published proposal", published=True)
    _declare(
        analyst,
        proposal,
        "Public result",
        is_published=True,
        progress_percent=70,
        indicators=[violence, draft_indicator],
    )
    _declare(analyst, proposal, "Internal result")
    html = client.get(reverse("published_proposals:detail", args=[proposal.pk])).content.decode()
    assert "Public result" in html
    assert "70%" in html
    assert "Internal result" not in html
    assert "Declare a result" not in html
    assert 'href="/indicators/' not in html  # no signed-in pages
    assert reverse("indicators_public:detail", args=["violence"]) in html
    assert "Reoffending" not in html  # a draft indicator stays off the public site


def test_a_public_page_without_published_results_has_no_section(
    client: Any, analyst: User, region: Region
) -> None:
    proposal = _proposal(_deal(region), "Published proposal", published=True)
    _declare(analyst, proposal, "Internal result")
    html = client.get(reverse("published_proposals:detail", args=[proposal.pk])).content.decode()
    assert 'id="results"' not in html


def test_the_public_grant_page_shows_published_results_only(
    client: Any, officer: User, grant: Grant
) -> None:
    _publish_grant(grant)
    _declare(officer, grant, "Safer walk home", is_published=True)
    _declare(officer, grant, "Not yet public")
    html = client.get(reverse("funding_public:detail", args=[grant.pk])).content.decode()
    assert "Safer walk home" in html
    assert "Not yet public" not in html
    assert "Declare a result" not in html


# ---------------------------------------------------------------- accountability


def _summary_row(html: str, mission: str) -> list[str]:
    table = html[html.index('id="summary"') : html.index("</table>", html.index('id="summary"'))]
    for row in re.findall(r"<tr class=\"govuk-table__row\">(.*?)</tr>", table, re.S):
        if mission in row:
            cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
            return [re.sub(r"<[^>]+>", "", c).strip() for c in cells]
    raise AssertionError(f"no summary row for {mission}")


def test_the_roll_up_counts_results_by_delivery_and_links_their_owners(
    client: Any, analyst: User, region: Region, proposal: Proposal, grant: Grant
) -> None:
    crime = Mission.objects.get(region=region, number=11)
    other = Mission.objects.create(region=region, number=4, short_title="Jobs", target="…")

    def declare(owner: Any, title: str, progress: int, *dues: date) -> Result:
        result = _declare(analyst, owner, title, progress_percent=progress)
        result.missions.set([crime])
        for due in dues:
            services.milestone_add(by=analyst, result=result, data={"title": "M", "due": due})
        return result

    declare(proposal, "Overdue one", 10, TODAY - timedelta(days=3), TODAY + timedelta(days=90))
    declare(proposal, "Due soon", 25, TODAY + timedelta(days=10))
    declare(grant, "On track", 40, TODAY + timedelta(days=90))
    done = declare(grant, "All done", 100, TODAY - timedelta(days=5))
    services.milestone_complete(by=analyst, milestone=done.milestones.get(), on=TODAY)
    declare(grant, "No milestones", 0).missions.add(other)

    groups = {
        g.mission.number if g.mission else None: g
        for g in selectors.accountability(region, analyst)
    }
    crime_group = groups[11]
    assert len(crime_group.results) == 5
    assert [crime_group.count(rag) for rag in ("green", "amber", "red", "grey")] == [2, 1, 1, 1]
    assert crime_group.average_progress == 35  # (10 + 25 + 40 + 100 + 0) / 5
    assert [v.result.title for v in groups[4].results] == ["No milestones"]
    assert groups[4].average_progress == 0

    client.force_login(analyst)
    html = client.get(reverse("indicators:results")).content.decode()
    assert _summary_row(html, "Mission 11: Crime") == [
        "Mission 11: Crime",
        "5",
        "35%",
        "2",
        "1",
        "1",
        "1",
    ]
    assert _summary_row(html, "Mission 4: Jobs") == [
        "Mission 4: Jobs",
        "1",
        "0%",
        "0",
        "0",
        "0",
        "1",
    ]
    assert f'href="/proposals/{proposal.pk}/">Proposal: Violence reduction unit</a>' in html
    grant_link = reverse("funding:grant", args=[grant.pk])
    assert f'href="{grant_link}">Grant to Safe Streets Trust: Safer routes home</a>' in html


def test_mean_progress_rounds_halves_up(analyst: User, region: Region, proposal: Proposal) -> None:
    for title, progress in (("A", 25), ("B", 100)):
        _declare(analyst, proposal, title, progress_percent=progress)
    unlinked = selectors.accountability(region, analyst)[-1]
    assert unlinked.mission is None
    assert unlinked.average_progress == 63  # 62.5


def test_the_public_roll_up_links_owners_to_their_public_pages_only(
    client: Any, analyst: User, region: Region, violence: Indicator
) -> None:
    deal = _deal(region)
    published = _proposal(deal, "Published proposal", published=True)
    draft = _proposal(deal, "Draft proposal")
    for owner in (published, draft):
        _declare(
            analyst, owner, f"Result of {owner.title}", is_published=True, indicators=[violence]
        )
    html = client.get(reverse("indicators_public:mission", args=[11])).content.decode()
    public = reverse("published_proposals:detail", args=[published.pk])
    assert f'href="{public}">Proposal: Published proposal</a>' in html
    assert "Proposal: Draft proposal" not in html
    assert "A proposal not yet published" in html
    assert f"/proposals/{draft.pk}/" not in html
    assert f'href="/proposals/{published.pk}/"' not in html


def test_a_result_names_an_unpublished_proposal_only_to_who_may_see_it(
    client: Any, analyst: User, partner: User, region: Region, proposal: Proposal
) -> None:
    result = _declare(analyst, proposal, "Fewer repeat victims", is_published=True)
    pages = [reverse("indicators:results"), reverse("indicators:result", args=[result.pk])]
    client.force_login(partner)
    for page in pages:
        html = client.get(page).content.decode()
        assert "Fewer repeat victims" in html
        assert proposal.title not in html
        assert f"/proposals/{proposal.pk}/" not in html
        assert "A proposal not yet published" in html
    client.force_login(analyst)
    for page in pages:
        html = client.get(page).content.decode()
        assert f'href="/proposals/{proposal.pk}/">Proposal: {proposal.title}</a>' in html


def test_the_roll_up_does_not_grow_in_queries_with_owners(
    client: Any, analyst: User, region: Region, proposal: Proposal, grant: Grant
) -> None:
    client.force_login(analyst)
    _declare(analyst, proposal, "First")
    _declare(analyst, grant, "Second")
    client.get(reverse("indicators:results"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("indicators:results"))
    deal = Deal.objects.get(region=region)
    for n in range(5):
        _declare(analyst, _proposal(deal, f"Another {n}"), f"More {n}")
    with CaptureQueriesContext(connection) as many:
        assert client.get(reverse("indicators:results")).status_code == 200
    assert len(many) == len(few)


def test_a_result_declared_by_hand_keeps_the_name_and_link_given(
    analyst: User, region: Region
) -> None:
    services.result_create(
        by=analyst,
        region=region,
        data={"title": "Hand-made", "owner_label": "Partner scheme", "owner_url": "https://x.org"},
    )
    view = selectors.accountability(region, analyst)[-1].results[0]
    assert (view.owner_label, view.owner_url) == ("Partner scheme", "https://x.org")


# ---------------------------------------------------------------- links the viewer can open


def _proposal_links(html: str) -> set[str]:
    return set(re.findall(r'href="(/(?:published/)?proposals/\d+/)"', html))


@pytest.mark.parametrize("role", [Role.PARTNER, Role.OFFICER, Role.ANALYST])
def test_mission_pages_link_only_proposals_the_viewer_can_open(
    client: Any, region: Region, make_user: Callable[..., User], analyst: User, role: str
) -> None:
    from remit.proposals.models import MissionAlignment

    deal = _deal(region)
    mission = Mission.objects.get(region=region, number=11)
    published = _proposal(deal, "Published plan", published=True)
    draft = _proposal(deal, "Draft plan")
    for proposal in (published, draft):
        MissionAlignment.objects.create(
            proposal=proposal, mission=mission, strength="primary", rationale="Serves it."
        )
        services.result_create(
            by=analyst,
            region=region,
            data={"title": f"Result of {proposal.title}"},
            missions=[mission],
            owner=proposal,
        )
    viewer = make_user(role, organisation=region.organisations.get(slug="safe-streets"))
    client.force_login(viewer)

    page = client.get(reverse("indicators:mission", args=[11])).content.decode()

    links = _proposal_links(page)
    assert links
    for link in links:
        assert client.get(link).status_code == 200, link
    if role == Role.PARTNER:
        assert links == {reverse("published_proposals:detail", args=[published.pk])}
        assert "Proposal: Draft plan" not in page
        assert "A proposal not yet published" in page
    else:
        assert reverse("proposals:detail", args=[draft.pk]) in links


# ---------------------------------------------------------------- proposals on a mission page


def _aligned(deal: Deal, mission: Mission, start: int, how_many: int) -> None:
    from remit.proposals.models import MissionAlignment

    for n in range(start, start + how_many):
        proposal = _proposal(deal, f"Plan {n:03d}", published=True)
        MissionAlignment.objects.create(
            proposal=proposal, mission=mission, strength="primary", rationale="Serves it."
        )


@pytest.mark.parametrize(
    ("name", "public", "register"),
    [
        ("indicators:mission", False, "proposals:register"),
        ("indicators_public:mission", True, "published_proposals:list"),
    ],
)
def test_a_mission_page_shows_the_first_proposals_and_sends_to_the_register_for_all(
    client: Any, region: Region, analyst: User, name: str, public: bool, register: str
) -> None:
    from remit.indicators.selectors.pages import MISSION_PROPOSALS

    deal = _deal(region)
    mission = Mission.objects.get(region=region, number=11)
    url = reverse(name, args=[11])
    if not public:
        client.force_login(analyst)

    _aligned(deal, mission, 0, 2)
    page = client.get(url).content.decode()
    assert "Plan 000" in page
    assert "Plan 001" in page
    assert "See all" not in page, "every proposal is on the page"
    with CaptureQueriesContext(connection) as few:
        client.get(url)

    _aligned(deal, mission, 2, MISSION_PROPOSALS + 3)
    total = MISSION_PROPOSALS + 5
    with CaptureQueriesContext(connection) as many:
        page = client.get(url).content.decode()

    assert f"Plan {MISSION_PROPOSALS - 1:03d}" in page
    assert f"Plan {MISSION_PROPOSALS:03d}" not in page
    assert f"These are the first {MISSION_PROPOSALS} of {total} proposals." in page
    link = f"{reverse(register)}?mission=11"
    assert f'href="{link}">See all {total} proposals that serve this mission' in page
    assert len(many) <= len(few) + 1, "one more query counts the proposals not shown"
    if not public:
        assert f"Plan {total - 1:03d}" in client.get(link, {"page": 2}).content.decode()
