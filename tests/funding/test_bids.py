"""The partner's journey: draft, add to, attach to and submit a bid for its own organisation."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from funding_support import complete_data
from funding_support import draft

from remit.core.errors import DomainError
from remit.core.errors import NotPermitted
from remit.core.models import Role
from remit.core.models import User
from remit.core.transitions import TransitionRefused
from remit.funding import selectors
from remit.funding import services
from remit.funding import workflow
from remit.funding.models import Attachment
from remit.funding.models import Bid
from remit.funding.models import Round
from remit.funding.workflow import BidStatus

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_a_partner_drafts_a_bid_for_its_own_organisation(open_round: Round, partner: User) -> None:
    bid = draft(open_round, partner, amounts={"2018/19": 1_000_000, "2019/20": 500_000})
    assert bid.organisation == partner.organisation
    assert bid.status == BidStatus.DRAFT
    assert sorted(bid.amounts.values_list("financial_year", "amount_pence")) == [
        ("2018/19", 1_000_000),
        ("2019/20", 500_000),
    ]


def test_only_partners_bid(open_round: Round, officer: User) -> None:
    with pytest.raises(NotPermitted):
        draft(open_round, officer)


def test_a_bid_asks_only_for_the_years_the_round_allows(open_round: Round, partner: User) -> None:
    with pytest.raises(DomainError) as error:
        draft(open_round, partner, amounts={"2020/21": 100})
    assert "2020/21 is not a year this round funds (2018/19, 2019/20)" in error.value.message
    assert not Bid.all_objects.exists()


def test_bids_start_only_while_the_round_is_open(make_round: Any, partner: User) -> None:
    later = make_round(opens_at=timezone.now() + timedelta(days=2))
    with pytest.raises(DomainError, match="opens at"):
        draft(later, partner)


def test_drafts_are_seen_only_by_their_organisation_and_officers(
    open_round: Round, partner: User, other_partner: User, officer: User, commissioner: User
) -> None:
    bid = draft(open_round, partner)
    assert list(Bid.all_objects.visible_to(partner)) == [bid]
    assert list(Bid.all_objects.visible_to(officer)) == [bid]
    assert not Bid.all_objects.visible_to(other_partner).exists()
    assert not Bid.all_objects.visible_to(commissioner).exists()
    assert not Bid.objects.exists(), "the default manager never returns a draft"


def test_a_complete_bid_is_submitted_and_then_locked(make_bid: Any, partner: User) -> None:
    bid = make_bid()
    assert bid.status == BidStatus.SUBMITTED
    assert bid.submitted_at is not None
    with pytest.raises(NotPermitted, match="submitted"):
        services.bid_update(by=partner, bid=bid, data={"title": "Changed"})


def test_an_incomplete_bid_is_refused_saying_what_is_missing(
    open_round: Round, partner: User
) -> None:
    bid = draft(open_round, partner)
    with pytest.raises(DomainError) as error:
        services.bid_submit(by=partner, bid=bid)
    message = error.value.message
    for gap in ("summary", "lead area", "how much", "answer question 1", "outcome"):
        assert gap in message
    assert Bid.all_objects.get().status == BidStatus.DRAFT


def test_a_late_submission_is_refused_with_the_deadline(make_round: Any, partner: User) -> None:
    round = make_round(
        opens_at=timezone.now() - timedelta(days=10), closes_at=timezone.now() + timedelta(days=1)
    )
    bid = services.bid_create(by=partner, round=round, data=complete_data(round))
    services.outcome_add(by=partner, bid=bid, data={"outcome": "o", "measure": "m"})
    with pytest.raises(DomainError) as error:
        services.bid_submit(by=partner, bid=bid, now=round.closes_at + timedelta(minutes=1))
    local = timezone.localtime(round.closes_at)
    assert f"{local:%H:%M} on {local.day} {local:%B %Y}" in error.value.message
    assert "can no longer be submitted" in error.value.message
    assert Bid.all_objects.get().status == BidStatus.DRAFT


def test_the_round_minimum_match_funding_must_be_met(make_round: Any, partner: User) -> None:
    round = make_round(match_funding_min_percent=25)
    bid = services.bid_create(by=partner, round=round, data=complete_data(round, amount=100_000))
    services.outcome_add(by=partner, bid=bid, data={"outcome": "o", "measure": "m"})
    services.match_funding_add(
        by=partner, bid=bid, data={"source": "Council", "amount_pence": 10_000, "confirmed": True}
    )
    with pytest.raises(DomainError, match=r"at least 25% .* has 10%"):
        services.bid_submit(by=partner, bid=bid)
    services.match_funding_add(
        by=partner, bid=bid, data={"source": "Trust", "amount_pence": 15_000, "confirmed": False}
    )
    assert services.bid_submit(by=partner, bid=bid).status == BidStatus.SUBMITTED


def test_every_change_is_in_the_bids_history(open_round: Round, partner: User) -> None:
    bid = draft(open_round, partner)
    services.bid_update(by=partner, bid=bid, data={"summary": "Now with a summary."})
    services.match_funding_add(
        by=partner, bid=bid, data={"source": "Council", "amount_pence": 5_000, "confirmed": False}
    )
    services.attachment_add(
        by=partner, bid=bid, name="plan.pdf", stream=io.BytesIO(PDF), size=len(PDF)
    )
    line = bid.match_funding.get()
    services.match_funding_remove(by=partner, line=line)
    entries = selectors.bid_history(bid)
    reasons = [(e["what"], e["reason"]) for e in entries]
    assert reasons[:4] == [
        ("Match funding", "Match funding removed"),
        ("Attachment", "Attached plan.pdf"),
        ("Match funding", "Match funding added"),
        ("The bid", "Edited: summary"),
    ]
    assert all(e["who"] == partner.username for e in entries)


def test_attachments_are_checked_by_their_bytes(
    client: Any, open_round: Round, partner: User
) -> None:
    bid = draft(open_round, partner)
    client.force_login(partner)
    url = reverse("funding:attachment_add", args=[bid.pk])
    fake = SimpleUploadedFile("budget.xlsx", b"MZ\x90\x00 not a workbook")
    response = client.post(url, {"file": fake})
    assert response.status_code == 200
    assert "budget.xlsx is not a real Excel (XLSX) file" in response.content.decode()
    assert not Attachment.objects.exists()
    good = SimpleUploadedFile("plan.pdf", PDF, content_type="application/pdf")
    assert client.post(url, {"file": good}).status_code == 302
    attachment = Attachment.objects.get()
    download = client.get(reverse("funding:attachment", args=[bid.pk, attachment.pk]))
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Type"] == "application/pdf"


def test_an_attachment_over_the_size_limit_is_refused(open_round: Round, partner: User) -> None:
    bid = draft(open_round, partner)
    with pytest.raises(DomainError, match="attachments can be at most 10 MB"):
        services.attachment_add(
            by=partner, bid=bid, name="plan.pdf", stream=io.BytesIO(PDF), size=20 * 1024 * 1024
        )


def test_another_organisation_cannot_see_or_touch_a_draft(
    client: Any, open_round: Round, partner: User, other_partner: User
) -> None:
    bid = draft(open_round, partner)
    client.force_login(other_partner)
    for name in (
        "funding:bid",
        "funding:bid_edit",
        "funding:bid_history",
        "funding:attachment_add",
    ):
        assert client.get(reverse(name, args=[bid.pk])).status_code == 404
    with pytest.raises(NotPermitted):
        services.bid_update(by=other_partner, bid=bid, data={"title": "Taken over"})


def test_the_partner_submits_through_the_pages(
    client: Any, open_round: Round, partner: User
) -> None:
    client.force_login(partner)
    area = open_round.fund.region.areas.get(code="E08000901")
    question = open_round.questions.get()
    response = client.post(
        reverse("funding:bid_create", args=[open_round.pk]),
        {
            "title": "Safer routes home",
            "summary": "Walking people home.",
            "lead_area": area.pk,
            "priorities": ["Safer streets"],
            "amount_0": "12,500.50",
            f"answer_{question.pk}": "Because.",
        },
    )
    bid = Bid.all_objects.get()
    assert response.status_code == 302
    assert bid.amounts.get().amount_pence == 1_250_050
    client.post(
        reverse("funding:outcome_add", args=[bid.pk]),
        {"outcome": "Fewer assaults", "measure": "Crime"},
    )
    submitted = client.post(reverse("funding:bid_submit", args=[bid.pk]))
    assert submitted.status_code == 302, submitted.context["form"].errors
    assert Bid.objects.get().status == BidStatus.SUBMITTED


def test_a_partner_withdraws_its_bid(make_bid: Any, partner: User) -> None:
    bid = services.bid_withdraw(by=partner, bid=make_bid(), reason="Funded elsewhere.")
    assert bid.status == BidStatus.WITHDRAWN
    assert bid.history.first().history_change_reason == "Withdrawn: Funded elsewhere."


def test_a_long_withdrawal_reason_is_kept_whole_in_the_history(
    make_bid: Any, partner: User
) -> None:
    reason = "Funded elsewhere by the council's own prevention budget, " * 5
    bid = services.bid_withdraw(by=partner, bid=make_bid(), reason=reason)
    assert bid.history.first().history_change_reason == f"Withdrawn: {reason.strip()}"


def test_officers_see_drafts_in_the_round_but_readers_do_not(
    client: Any, open_round: Round, partner: User, make_bid: Any, officer: User, make_user: Any
) -> None:
    draft(open_round, partner)
    make_bid(title="A submitted bid")
    url = reverse("funding:bids", args=[open_round.pk])
    client.force_login(officer)
    assert len(client.get(url).context["bids"]) == 2
    client.force_login(make_user(Role.ANALYST))
    assert [b.title for b in client.get(url).context["bids"]] == ["A submitted bid"]


SCRIPT = '<script>alert("stored")</script>'


def test_a_question_hint_is_shown_as_text_never_as_markup(
    client: Any, open_round: Round, officer: User, partner: User
) -> None:
    services.question_add(
        by=officer, round=open_round, data={"text": "Who benefits?", "hint": SCRIPT}
    )
    client.force_login(partner)

    page = client.get(reverse("funding:bid_create", args=[open_round.pk])).content.decode()

    assert SCRIPT not in page
    assert "&lt;script&gt;alert(&quot;stored&quot;)&lt;/script&gt;" in page


def test_a_criterion_description_is_shown_as_text_never_as_markup(
    client: Any, open_round: Round, make_bid: Any, officer: User
) -> None:
    services.criterion_add(
        by=officer, round=open_round, data={"title": "Reach", "weight": 1, "description": SCRIPT}
    )
    bid = make_bid()
    client.force_login(officer)

    page = client.get(reverse("funding:bid_score", args=[bid.pk])).content.decode()

    assert SCRIPT not in page
    assert "&lt;script&gt;alert(&quot;stored&quot;)&lt;/script&gt;" in page


def test_a_bid_is_submitted_only_by_a_move_its_table_allows(
    make_bid: Any, partner: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    bid = make_bid(submit=False)
    monkeypatch.setitem(workflow.TRANSITIONS, BidStatus.DRAFT, frozenset({BidStatus.WITHDRAWN}))
    with pytest.raises(TransitionRefused, match="A bid that is draft cannot become submitted"):
        services.bid_submit(by=partner, bid=bid)
    bid.refresh_from_db()
    assert bid.status == BidStatus.DRAFT
