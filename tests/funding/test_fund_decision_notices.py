"""The commissioner's determination is published as a formal decision notice: a stable
reference, the decision, reasons, declarations, the bids and amounts, and a signature block;
never edited, not public until published, and on the public decisions list once it is."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse
from funding_support import complete_data

from remit.core.errors import DomainError
from remit.core.errors import ImmutableRecord
from remit.core.errors import NotPermitted
from remit.funding import services
from remit.funding.models import Bid
from remit.funding.models import DecisionNotice
from remit.funding.models import Fund
from remit.funding.models import Round


def decide(bid: Bid, officer: Any, commissioner: Any, outcome: str = "fund_in_full") -> Bid:
    services.recommendation_record(
        by=officer, bid=bid, outcome=outcome, reasons="Good.", recommended_on=date(2018, 3, 8)
    )
    services.determination_record(
        by=commissioner, bid=bid, outcome=outcome, reasons="", decided_on=date(2018, 3, 20)
    )
    return bid


def sign(round: Round, commissioner: Any, **kw: Any) -> DecisionNotice:
    return services.notice_record(
        by=commissioner,
        round=round,
        decision=kw.pop("decision", "To award grants from the community safety fund."),
        reasons=kw.pop("reasons", "The bids best meet the Police and Crime Plan."),
        declarations=kw.pop("declarations", ""),
        decided_on=kw.pop("decided_on", date(2018, 3, 20)),
        signatory_role=kw.pop("signatory_role", "Police and Crime Commissioner"),
        **kw,
    )


def multi_year_bid(round: Round, partner: Any) -> Bid:
    data = complete_data(round) | {
        "title": "Youth outreach",
        "amounts": {round.years[0]: 1_000_000, round.years[1]: 600_000},
    }
    bid = services.bid_create(by=partner, round=round, data=data)
    services.outcome_add(by=partner, bid=bid, data={"outcome": "Fewer", "measure": "Crime"})
    services.bid_submit(by=partner, bid=bid)
    return Bid.all_objects.get(pk=bid.pk)


@pytest.fixture
def decided(make_bid: Any, officer: Any, commissioner: Any) -> list[Bid]:
    return [
        decide(make_bid(title="Safer routes home", amount=1_500_000), officer, commissioner),
        decide(make_bid(title="Street pastors"), officer, commissioner, "do_not_fund"),
    ]


def test_the_decision_notice_names_every_bid_and_amount(
    decided: list[Bid], open_round: Round, commissioner: Any, officer: Any, partner: Any
) -> None:
    longer = decide(multi_year_bid(open_round, partner), officer, commissioner)

    notice = sign(open_round, commissioner)

    lines = {line["title"]: line for line in notice.lines}
    assert set(lines) == {"Safer routes home", "Street pastors", "Youth outreach"}
    assert lines["Safer routes home"]["organisation"] == "Safe Streets Trust"
    assert lines["Safer routes home"]["total"] == 1_500_000
    assert lines["Street pastors"]["outcome"] == "Do not fund"
    assert lines["Street pastors"]["total"] == 0
    assert lines["Youth outreach"]["amounts"] == {"2018/19": 1_000_000, "2019/20": 600_000}
    assert notice.total_pence == 1_500_000 + 1_600_000
    assert (notice.signatory_name, notice.signatory_role) == (
        open_round.fund.decision_maker.name,
        "Police and Crime Commissioner",
    )
    assert notice.signed_on == date(2018, 3, 20)
    assert longer.reference in {line["reference"] for line in notice.lines}


def test_a_notice_reference_is_numbered_in_the_year_of_the_decision(
    decided: list[Bid], open_round: Round, commissioner: Any
) -> None:
    first = sign(open_round, commissioner)
    second = sign(open_round, commissioner, supersedes=first, correction_note="Wrong date.")
    later = sign(
        open_round,
        commissioner,
        decided_on=date(2019, 1, 5),
        supersedes=second,
        correction_note="The right year.",
    )

    assert [first.reference, second.reference, later.reference] == [
        "DN-2018-001",
        "DN-2018-002",
        "DN-2019-001",
    ]


def test_each_prefix_numbers_its_notices_from_001_so_two_funds_count_independently(
    decided: list[Bid],
    open_round: Round,
    commissioner: Any,
    officer: Any,
    make_bid: Any,
) -> None:
    safer = open_round.fund
    services.fund_update(by=officer, fund=safer, data={"notice_reference_prefix": "SAFER"})
    youth = Fund.objects.create(
        region=safer.region,
        slug="youth-fund",
        name="Youth Fund 2018/19",
        financial_year="2018/19",
        budget_pence=5_000_000,
        owner=safer.owner,
        decision_maker=safer.decision_maker,
        recommending_board=safer.recommending_board,
        priorities=safer.priorities,
        notice_reference_prefix="YOUTH",
    )
    youth_round = services.round_create(
        by=officer,
        fund=youth,
        data={
            "slug": "youth-round",
            "title": "Youth round",
            "opens_at": open_round.opens_at,
            "closes_at": open_round.closes_at,
            "max_years": 1,
        },
    )
    services.question_add(by=officer, round=youth_round, data={"text": "What is the need?"})
    services.criterion_add(by=officer, round=youth_round, data={"title": "Value", "weight": 1})
    decide(make_bid(round=youth_round, title="Youth club"), officer, commissioner)

    first = sign(open_round, commissioner)
    youths = sign(youth_round, commissioner)
    second = sign(open_round, commissioner, supersedes=first, correction_note="Wrong date.")

    assert [first.reference, second.reference] == ["SAFER-2018-001", "SAFER-2018-002"]
    assert youths.reference == "YOUTH-2018-001"
    assert (youths.prefix, youths.year, youths.sequence) == ("YOUTH", 2018, 1)


def test_a_signed_notice_keeps_its_reference_when_the_funds_prefix_changes(
    decided: list[Bid], open_round: Round, commissioner: Any, officer: Any
) -> None:
    before = sign(open_round, commissioner)

    services.fund_update(by=officer, fund=open_round.fund, data={"notice_reference_prefix": "CSF"})
    after = sign(open_round, commissioner, supersedes=before, correction_note="Wrong date.")

    before.refresh_from_db()
    assert (before.reference, after.reference) == ("DN-2018-001", "CSF-2018-001")


@pytest.mark.parametrize("typed", ["dn-1", "1DN", "D N", "ABCDEFGHIJKLMNOPQ"])
def test_a_funds_notice_prefix_is_capitals_and_digits_starting_with_a_letter(
    fund: Fund, officer: Any, typed: str
) -> None:
    with pytest.raises(DomainError) as refused:
        services.fund_update(by=officer, fund=fund, data={"notice_reference_prefix": typed})

    assert refused.value.field == "notice_reference_prefix"
    fund.refresh_from_db()
    assert fund.notice_reference_prefix == "DN"


def test_a_decision_notice_is_never_edited(
    decided: list[Bid], open_round: Round, commissioner: Any
) -> None:
    notice = sign(open_round, commissioner)

    notice.reasons = "Other reasons."
    with pytest.raises(ImmutableRecord):
        notice.save()
    with pytest.raises(ImmutableRecord):
        DecisionNotice.objects.filter(pk=notice.pk).update(reasons="Other.")
    with pytest.raises(ImmutableRecord):
        notice.delete()


def test_a_correction_is_a_new_notice_that_supersedes_the_old(
    decided: list[Bid], open_round: Round, commissioner: Any
) -> None:
    first = sign(open_round, commissioner)

    with pytest.raises(DomainError) as refused:
        sign(open_round, commissioner, supersedes=first)
    assert refused.value.field == "correction_note"

    second = sign(open_round, commissioner, supersedes=first, correction_note="Typing error.")
    assert second.supersedes == first
    assert DecisionNotice.objects.count() == 2
    with pytest.raises(DomainError):
        sign(open_round, commissioner, supersedes=first, correction_note="Again.")


def test_only_the_funds_decision_maker_signs_the_notice(
    decided: list[Bid], open_round: Round, officer: Any
) -> None:
    with pytest.raises(NotPermitted):
        sign(open_round, officer)


def test_a_notice_needs_determinations_reasons_and_a_decision(
    open_round: Round, commissioner: Any, decided: list[Bid], make_round: Any
) -> None:
    with pytest.raises(DomainError) as none_yet:
        sign(make_round(), commissioner)
    assert none_yet.value.field == "decision"
    with pytest.raises(DomainError) as no_reasons:
        sign(open_round, commissioner, reasons=" ")
    assert no_reasons.value.field == "reasons"
    assert not DecisionNotice.objects.exists()


def test_a_decision_notice_is_not_public_until_published(
    decided: list[Bid], open_round: Round, commissioner: Any, client: Any
) -> None:
    notice = sign(open_round, commissioner, declarations="")
    public = f"/published/grants/decisions/{notice.reference}/"

    assert client.get(public).status_code == 404
    assert client.get(public + "notice.pdf").status_code == 404
    assert notice.reference not in client.get("/published/meetings/decisions/").content.decode()

    services.notice_publish(by=commissioner, notice=notice)

    page = client.get(public).content.decode()
    assert "None declared" in page
    assert "Safer routes home" in page
    assert "£15,000" in page
    listing = client.get("/published/meetings/decisions/").content.decode()
    assert notice.reference in listing
    pdf = client.get(public + "notice.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_a_notice_is_published_once(
    decided: list[Bid], open_round: Round, commissioner: Any
) -> None:
    notice = services.notice_publish(by=commissioner, notice=sign(open_round, commissioner))

    with pytest.raises(DomainError):
        services.notice_publish(by=commissioner, notice=notice)
    notice.refresh_from_db()
    notice.published_at = None
    with pytest.raises(ImmutableRecord):
        notice.save()


def test_the_notice_pages_show_the_notice_to_those_who_work_on_the_fund(
    decided: list[Bid], open_round: Round, commissioner: Any, client: Any, partner: Any
) -> None:
    notice = sign(open_round, commissioner, declarations="A trustee of a bidder.")

    client.force_login(partner)
    assert client.get(f"/funds/notices/{notice.pk}/").status_code == 403
    client.force_login(commissioner)
    page = client.get(f"/funds/notices/{notice.pk}/").content.decode()
    assert "DN-2018-001" in page
    assert "A trustee of a bidder." in page
    assert "Not published" in page
    assert "Publish the notice" in page
    assert client.get(f"/funds/notices/{notice.pk}/notice.pdf").content.startswith(b"%PDF")

    response = client.post(f"/funds/notices/{notice.pk}/publish/")
    assert response.status_code == 302
    notice.refresh_from_db()
    assert notice.is_published


def test_signing_the_notice_in_the_browser_names_the_field_in_error(
    decided: list[Bid], open_round: Round, commissioner: Any, client: Any
) -> None:
    client.force_login(commissioner)
    url = f"/funds/rounds/{open_round.pk}/notices/new/"
    page = client.get(url).content.decode()
    assert "Safer routes home" in page

    response = client.post(
        url,
        {
            "decision": "Award the grants.",
            "reasons": "",
            "decided_on": "2018-03-20",
            "signed_on": "2018-03-20",
            "signatory_role": "Police and Crime Commissioner",
        },
    )
    assert "Give the reasons for the decision." in response.content.decode()
    assert not DecisionNotice.objects.exists()

    response = client.post(
        url,
        {
            "decision": "Award the grants.",
            "reasons": "They meet the plan.",
            "decided_on": "2018-03-20",
            "signed_on": "2018-03-20",
            "signatory_role": "Police and Crime Commissioner",
        },
    )
    notice = DecisionNotice.objects.get()
    assert response["Location"] == f"/funds/notices/{notice.pk}/"


def test_officers_set_the_notice_prefix_on_the_funds_details(
    client: Any, fund: Fund, officer: Any
) -> None:
    url = reverse("funding:fund_edit", args=[fund.slug])
    client.force_login(officer)

    def post(prefix: str) -> Any:
        return client.post(
            url,
            {
                "priorities": "\n".join(fund.priorities),
                "owner": fund.owner_id,
                "decision_maker": fund.decision_maker_id,
                "notice_reference_prefix": prefix,
                "version": client.get(url).context["form"]["version"].value(),
            },
        )

    assert "Decision notice prefix" in client.get(url).content.decode()
    assert post(" npcc ").status_code == 302
    fund.refresh_from_db()
    assert fund.notice_reference_prefix == "NPCC"
    assert (
        "Begin NPCC, as in NPCC-"
        in client.get(reverse("funding:fund", args=[fund.slug])).content.decode()
    )

    refused = post("N-1")
    assert refused.status_code == 200
    assert "Use capital letters and digits only" in refused.content.decode()
    fund.refresh_from_db()
    assert fund.notice_reference_prefix == "NPCC"


def test_next_years_fund_numbers_its_notices_under_the_same_prefix(
    fund: Fund, officer: Any
) -> None:
    services.fund_update(by=officer, fund=fund, data={"notice_reference_prefix": "CSF"})

    made = services.fund_next_year(
        by=officer, fund=fund, name="Community Safety Fund 2019/20", budget_pence=12_000_000
    )

    assert made.notice_reference_prefix == "CSF"
