"""Funds with joint owners and decision makers, a decision rule, and the areas they fund."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from remit.core.apikit.auth import token_create
from remit.core.errors import DomainError
from remit.core.errors import NotPermitted
from remit.core.models import Area
from remit.core.models import Organisation
from remit.core.models import Person
from remit.core.models import Region
from remit.core.models import Role
from remit.core.models import User
from remit.core.records import ImmutableRecord
from remit.funding import joint
from remit.funding import services
from remit.funding.models import Bid
from remit.funding.models import DecisionRule
from remit.funding.models import Fund
from remit.funding.models import Grant
from remit.funding.models import MakerDecision
from remit.funding.workflow import BidStatus
from remit.funding.workflow import Outcome

DAY = date(2018, 3, 20)


@pytest.fixture
def second(region: Region) -> Person:
    return Person.objects.create(
        region=region, slug="south-commissioner", name="Sam South", job_title="Commissioner"
    )


@pytest.fixture
def second_user(make_user: Any, second: Person) -> User:
    return make_user(Role.DECISION_MAKER, person=second, first_name="Sam", last_name="South")


def _joint(fund: Fund, second: Person, rule: str = DecisionRule.ALL) -> Fund:
    fund.joint_decision_makers.add(second)
    fund.decision_rule = rule
    fund.save()
    return fund


def _recommended(make_bid: Any, officer: User, title: str = "Safer routes home") -> Bid:
    bid = make_bid(title=title)
    services.recommendation_record(
        by=officer,
        bid=bid,
        outcome=Outcome.FUND_IN_FULL,
        reasons="Scored well.",
        recommended_on=DAY,
    )
    return Bid.all_objects.get(pk=bid.pk)


def _decide(user: User, bid: Bid, outcome: str = Outcome.FUND_IN_FULL, **kw: Any) -> Any:
    reasons = kw.pop("reasons", "" if outcome == Outcome.FUND_IN_FULL else "Not convinced.")
    return services.determination_record(
        by=user,
        bid=Bid.all_objects.get(pk=bid.pk),
        outcome=outcome,
        reasons=reasons,
        decided_on=DAY,
        **kw,
    )


# The rules, as plain functions.


def test_rule_all_waits_for_everyone_then_takes_their_agreed_decision() -> None:
    said = [joint.Said(1, "fund_in_full", 100)]
    assert joint.determination("all", 1, [1, 2], said) is None
    assert joint.awaited("all", 1, [1, 2], said) == [2]
    made = joint.determination("all", 1, [1, 2], [*said, joint.Said(2, "fund_in_full", 100)])
    assert made == joint.Made("fund_in_full", 100, {}, True, 1)


def test_rule_all_with_a_split_is_not_funded_and_not_agreed() -> None:
    said = [joint.Said(1, "fund_in_full", 100), joint.Said(2, "do_not_fund")]
    assert joint.determination("all", 1, [1, 2], said) == joint.Made(
        "do_not_fund", None, {}, False, 1
    )


def test_rule_all_with_different_amounts_is_not_agreed() -> None:
    said = [joint.Said(1, "fund_in_part", 50), joint.Said(2, "fund_in_part", 60)]
    made = joint.determination("all", 1, [1, 2], said)
    assert made is not None
    assert not made.agreed
    assert made.outcome == "do_not_fund"


def test_rule_any_takes_the_first_decision() -> None:
    made = joint.determination("any", 1, [1, 2], [joint.Said(2, "do_not_fund")])
    assert made == joint.Made("do_not_fund", None, {}, True, 2)
    assert joint.awaited("any", 1, [1, 2], []) == [1, 2]


def test_rule_lead_waits_for_the_lead_alone() -> None:
    others = [joint.Said(2, "do_not_fund")]
    assert joint.determination("lead", 1, [1, 2], others) is None
    assert joint.awaited("lead", 1, [1, 2], others) == [1]
    made = joint.determination("lead", 1, [1, 2], [*others, joint.Said(1, "fund_in_full", 9)])
    assert made == joint.Made("fund_in_full", 9, {}, True, 1)


def test_rule_lead_without_a_lead_waits_for_everyone_to_agree() -> None:
    said = [joint.Said(1, "fund_in_full", 5)]
    assert joint.determination("lead", None, [1, 2], said) is None
    assert joint.awaited("lead", None, [1, 2], said) == [2]


def test_a_decision_by_someone_not_a_decision_maker_counts_for_nothing() -> None:
    assert joint.determination("any", 1, [1, 2], [joint.Said(3, "fund_in_full", 9)]) is None


# Joint determinations end to end.


def test_under_all_the_determination_waits_for_every_decision_maker(
    client: Any,
    fund: Fund,
    second: Person,
    second_user: User,
    commissioner: User,
    make_bid: Any,
    officer: User,
) -> None:
    _joint(fund, second)
    bid = _recommended(make_bid, officer)

    assert _decide(commissioner, bid) is None

    bid.refresh_from_db()
    assert bid.determination is None
    assert bid.status == BidStatus.SUBMITTED
    client.force_login(officer)
    html = client.get(reverse("funding:bid", args=[bid.pk])).content.decode()
    assert "The decision makers' determination" in html
    assert "Every decision maker must agree." in html
    assert "Awaiting the decision of Sam South." in html
    assert "Chris Chair</strong>: fund in full, £20,000.00" in html

    made = _decide(second_user, bid)

    assert made.outcome == Outcome.FUND_IN_FULL
    assert made.agreed
    assert made.rule == DecisionRule.ALL
    assert made.decided_by == fund.decision_maker
    assert Grant.all_objects.get(bid=bid).amount_pence == 2_000_000
    html = client.get(reverse("funding:bid", args=[bid.pk])).content.decode()
    assert "Awaiting the decision" not in html
    assert "Sam South</strong>: fund in full" in html


def test_under_all_a_split_leaves_the_bid_not_funded_and_says_so(
    client: Any,
    fund: Fund,
    second: Person,
    second_user: User,
    commissioner: User,
    make_bid: Any,
    officer: User,
) -> None:
    _joint(fund, second)
    bid = _recommended(make_bid, officer)
    _decide(commissioner, bid)

    made = _decide(second_user, bid, Outcome.DO_NOT_FUND, reasons="Too costly.")

    assert made.outcome == Outcome.DO_NOT_FUND
    assert not made.agreed
    assert made.differs_from_recommendation
    assert "did not agree, so the bid is not funded" in made.reasons
    assert "Sam South: do not fund. Too costly." in made.reasons
    bid.refresh_from_db()
    assert bid.status == BidStatus.DECLINED
    assert not Grant.all_objects.filter(bid=bid).exists()
    client.force_login(officer)
    html = client.get(reverse("funding:bid", args=[bid.pk])).content.decode()
    assert "Do not fund (not agreed)" in html
    assert "The decision makers did not agree, so the bid is not funded." in html


def test_under_any_the_first_decision_is_the_determination(
    fund: Fund, second: Person, second_user: User, make_bid: Any, officer: User
) -> None:
    _joint(fund, second, DecisionRule.ANY)
    bid = _recommended(make_bid, officer)

    made = _decide(second_user, bid, Outcome.DO_NOT_FUND)

    assert made.outcome == Outcome.DO_NOT_FUND
    assert made.agreed
    assert made.decided_by == second


def test_under_lead_the_others_are_recorded_but_the_lead_decides(
    fund: Fund,
    second: Person,
    second_user: User,
    commissioner: User,
    make_bid: Any,
    officer: User,
) -> None:
    _joint(fund, second, DecisionRule.LEAD)
    bid = _recommended(make_bid, officer)

    assert _decide(second_user, bid, Outcome.DO_NOT_FUND) is None
    made = _decide(commissioner, bid)

    assert made.outcome == Outcome.FUND_IN_FULL
    assert made.decided_by == fund.decision_maker
    assert [d.person for d in MakerDecision.objects.filter(bid=bid)] == [
        second,
        fund.decision_maker,
    ]


def test_a_decision_maker_decides_once_and_the_decision_is_never_changed(
    fund: Fund, second: Person, commissioner: User, make_bid: Any, officer: User
) -> None:
    _joint(fund, second)
    bid = _recommended(make_bid, officer)
    _decide(commissioner, bid)

    with pytest.raises(DomainError, match="already recorded your decision"):
        _decide(commissioner, bid, Outcome.DO_NOT_FUND)
    decision = MakerDecision.objects.get(bid=bid)
    decision.reasons = "Changed"
    with pytest.raises(ImmutableRecord):
        decision.save()
    assert decision.history.count() == 1


def test_correcting_a_joint_determination_takes_each_decision_makers_decision_again(
    fund: Fund,
    second: Person,
    second_user: User,
    commissioner: User,
    make_bid: Any,
    officer: User,
) -> None:
    _joint(fund, second)
    bid = _recommended(make_bid, officer)
    _decide(commissioner, bid)
    first = _decide(second_user, bid, Outcome.DO_NOT_FUND)

    fix = {"supersedes": first, "correction_note": "Agreed at the joint meeting."}
    assert _decide(second_user, bid, **fix) is None
    corrected = _decide(commissioner, bid, **fix)

    assert corrected.supersedes == first
    assert corrected.agreed
    assert corrected.outcome == Outcome.FUND_IN_FULL
    assert corrected.correction_note == "Agreed at the joint meeting."
    assert Grant.all_objects.get(bid=bid).withdrawn_at is None


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("lead decision maker", True),
        ("joint decision maker", True),
        ("another fund's decision maker", False),
        ("officer", False),
        ("administrator", False),
        ("board member", False),
        ("partner", False),
    ],
)
def test_only_the_funds_decision_makers_may_record_their_decision(
    who: str,
    allowed: bool,
    region: Region,
    fund: Fund,
    second: Person,
    second_user: User,
    commissioner: User,
    make_user: Any,
    make_bid: Any,
    officer: User,
    partner: User,
) -> None:
    _joint(fund, second)
    bid = _recommended(make_bid, officer)
    outsider = Person.objects.create(region=region, slug="other", name="Olly Other")
    users = {
        "lead decision maker": commissioner,
        "joint decision maker": second_user,
        "another fund's decision maker": make_user(Role.DECISION_MAKER, person=outsider),
        "officer": officer,
        "administrator": make_user(Role.ADMIN),
        "board member": make_user(Role.BOARD_MEMBER),
        "partner": partner,
    }
    if allowed:
        assert _decide(users[who], bid) is None
        assert MakerDecision.objects.filter(bid=bid).count() == 1
    else:
        with pytest.raises(NotPermitted, match="decision makers"):
            _decide(users[who], bid)
        assert not MakerDecision.objects.filter(bid=bid).exists()


def test_each_awaited_decision_maker_has_the_bid_on_their_work_list(
    fund: Fund,
    second: Person,
    second_user: User,
    commissioner: User,
    region: Region,
    make_bid: Any,
    officer: User,
) -> None:
    from remit.funding.selectors.openness import awaiting_determination

    _joint(fund, second)
    bid = _recommended(make_bid, officer)
    assert awaiting_determination(region, second_user) == [bid]
    _decide(second_user, bid)
    assert awaiting_determination(region, second_user) == []
    assert awaiting_determination(region, commissioner) == [bid]


def test_a_single_decision_maker_fund_determines_at_once_as_before(
    fund: Fund, commissioner: User, make_bid: Any, officer: User
) -> None:
    bid = _recommended(make_bid, officer)
    made = _decide(commissioner, bid)
    assert made.outcome == Outcome.FUND_IN_FULL
    assert made.agreed
    assert fund.owners == [fund.owner]
    assert fund.decision_makers == [fund.decision_maker]
    assert not fund.is_joint


def test_the_decision_notice_names_every_decision_maker(
    client: Any,
    fund: Fund,
    second: Person,
    second_user: User,
    commissioner: User,
    make_bid: Any,
    officer: User,
) -> None:
    _joint(fund, second)
    bid = _recommended(make_bid, officer)
    _decide(commissioner, bid)
    _decide(second_user, bid)
    notice = services.notice_record(
        by=second_user,
        round=bid.round,
        decision="To award the grants listed.",
        reasons="As recommended.",
        declarations="",
        decided_on=DAY,
        signatory_role="Commissioner",
        signed_on=DAY,
    )
    assert notice.signatory_name == "Sam South"
    assert [m["name"] for m in notice.decision_makers] == [fund.decision_maker.name, "Sam South"]
    services.notice_publish(by=officer, notice=notice)
    html = client.get(reverse("funding_public:notice", args=[notice.reference])).content.decode()
    assert "Decision makers" in html
    assert fund.decision_maker.name in html
    assert "Sam South, Commissioner" in html
    assert "Every decision maker must agree" in html


# Geography.


def test_a_bid_outside_the_funds_areas_is_refused_naming_the_area(
    fund: Fund, region: Region, make_bid: Any, open_round: Any, partner: User
) -> None:
    fund.areas.set([region.areas.get(code="E08000901")])
    with pytest.raises(DomainError, match="Community Safety Fund 2018/19 does not fund Southby"):
        make_bid(lead="E08000902")
    bid = make_bid(submit=False)
    with pytest.raises(DomainError, match="does not fund Southby") as error:
        services.bid_update(
            by=partner, bid=bid, data={"areas": [region.areas.get(code="E08000902")]}
        )
    assert error.value.field == "areas"
    assert list(Bid.all_objects.get(pk=bid.pk).areas.values_list("code", flat=True)) == [
        "E08000901"
    ]


def test_a_fund_with_no_areas_funds_every_area_of_the_region(fund: Fund, make_bid: Any) -> None:
    assert make_bid(lead="E08000902").lead_area.code == "E08000902"


def test_a_scenario_sharing_money_outside_the_funds_areas_is_refused(
    fund: Fund, region: Region, officer: User
) -> None:
    fund.areas.set([region.areas.get(code="E08000901")])
    yaml_text = (
        "budget: 100000.00\nweights: {population: 1}\nareas:\n"
        "  - {code: E08000901, name: Northton, population: 3}\n"
        "  - {code: E08000902, name: Southby, population: 1}\n"
    )
    with pytest.raises(DomainError, match="does not fund E08000902; it funds Northton"):
        services.scenario_create(by=officer, fund=fund, name="Both", yaml_text=yaml_text)


# The fund's details.


def test_officers_set_owners_decision_makers_rule_and_areas_with_history(
    client: Any, fund: Fund, region: Region, second: Person, officer: User
) -> None:
    council = Organisation.objects.get(region=region, slug="northton-council")
    north = region.areas.get(code="E08000901")
    client.force_login(officer)
    url = reverse("funding:fund_edit", args=[fund.slug])
    response = client.post(
        url,
        {
            "description": "",
            "priorities": "\n".join(fund.priorities),
            "owner": fund.owner_id,
            "joint_owners": [council.pk],
            "decision_maker": fund.decision_maker_id,
            "joint_decision_makers": [second.pk],
            "decision_rule": "any",
            "areas": [north.pk],
            "version": client.get(url).context["form"]["version"].value(),
        },
    )
    assert response.status_code == 302
    fund = Fund.objects.get(pk=fund.pk)
    assert fund.owners == [fund.owner, council]
    assert fund.decision_makers == [fund.decision_maker, second]
    assert fund.decision_rule == "any"
    assert list(fund.areas.all()) == [north]
    assert "areas" in fund.history.first().history_change_reason
    html = client.get(reverse("funding:fund", args=[fund.slug])).content.decode()
    assert "Northton Council" in html
    assert "Sam South" in html
    assert "Any one decision maker decides" in html


def test_a_funds_area_must_be_one_it_may_fund(fund: Fund, region: Region, officer: User) -> None:
    other = Region.objects.create(slug="elsewhere", name="Elsewhere")
    away = Area.objects.create(region=other, code="E08000999", name="Away", kind="unitary")
    with pytest.raises(DomainError, match="Away is not one of the areas of Testshire") as error:
        services.fund_update(by=officer, fund=fund, data={"areas": [away]})
    assert error.value.field == "areas"
    assert not fund.areas.exists()


def test_the_lead_rule_needs_a_lead_decision_maker(fund: Fund, officer: User) -> None:
    with pytest.raises(DomainError, match="Choose the lead decision maker"):
        services.fund_update(
            by=officer, fund=fund, data={"decision_maker": None, "decision_rule": "lead"}
        )


def test_next_years_fund_keeps_the_joint_governance_and_areas(
    fund: Fund, region: Region, second: Person, officer: User
) -> None:
    _joint(fund, second, DecisionRule.LEAD)
    fund.areas.set([region.areas.get(code="E08000901")])
    made = services.fund_next_year(
        by=officer, fund=fund, name="Community Safety Fund 2019/20", budget_pence=1
    )
    assert made.decision_rule == DecisionRule.LEAD
    assert made.decision_makers == fund.decision_makers
    assert [a.code for a in made.areas.all()] == ["E08000901"]


# The API.


def _auth(user: User) -> dict[str, str]:
    _, key = token_create(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_the_api_gives_the_funds_governance_and_each_decision(
    client: Any,
    fund: Fund,
    second: Person,
    second_user: User,
    commissioner: User,
    make_bid: Any,
    officer: User,
) -> None:
    _joint(fund, second)
    bid = _recommended(make_bid, officer)
    headers = _auth(commissioner)
    body = client.get(f"/api/funds/{fund.slug}", **headers).json()
    assert body["decision_makers"] == ["commissioner", "south-commissioner"]
    assert body["owners"] == ["opcc"]
    assert body["decision_rule"] == "all"
    assert body["areas"] == []

    answer = client.post(
        f"/api/bids/{bid.pk}/decisions",
        {"outcome": "fund_in_full", "decided_on": "2018-03-20"},
        content_type="application/json",
        **headers,
    ).json()
    assert answer["outcome"] is None
    assert answer["awaited"] == ["south-commissioner"]
    assert [d["person"] for d in answer["decisions"]] == ["commissioner"]

    refused = client.post(
        f"/api/bids/{bid.pk}/decisions",
        {"outcome": "fund_in_full", "decided_on": "2018-03-20"},
        content_type="application/json",
        **_auth(officer),
    )
    assert refused.status_code == 403
