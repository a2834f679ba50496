"""Creating and editing proposals: validation that names the field, history that says who."""

from __future__ import annotations

from typing import Any

import pytest

from remit.core.errors import DomainError
from remit.core.errors import NotPermitted
from remit.core.models import Organisation
from remit.core.models import Person
from remit.core.models import Region
from remit.core.models import Workstream
from remit.core.services.writes import StaleEdit
from remit.core.services.writes import version_of
from remit.proposals.models import Deal
from remit.proposals.models import Proposal
from remit.proposals.services import proposal_create
from remit.proposals.services import proposal_update
from remit.proposals.workflow import Status


def _data(region: Region, **extra: Any) -> dict[str, Any]:
    data = {
        "workstream": Workstream.objects.get(slug="crime"),
        "title": "Regional violence reduction partnership",
        "summary": "One partnership and budget for serious violence across the area.",
        "ask_type": "both",
        "amount_pence": 1_200_000_000,
        "years_from": "2023/24",
        "years_to": "2025/26",
        "powers_asked": "A duty on partners to share data on violence.",
        "legislation": "Police, Crime, Sentencing and Courts Act 2022, Part 2",
        "form_of_devolution": "double",
        "lead_officer": region.people.get(slug="ws-lead"),
        "partners": [region.organisations.get(slug="northton-council")],
        "departments": [region.organisations.get(slug="home-office")],
    }
    data.update(extra)
    return data


def test_an_officer_creates_a_draft_with_its_partners_and_history(
    officer: Any, deal: Deal, region: Region
) -> None:
    proposal = proposal_create(by=officer, deal=deal, data=_data(region))

    assert proposal.status == Status.DRAFT
    assert proposal.stage == "discover"
    assert [o.slug for o in proposal.partners.all()] == ["northton-council"]
    assert [o.slug for o in proposal.departments.all()] == ["home-office"]
    record = proposal.history.get()
    assert (record.history_user, record.history_change_reason) == (officer, "Created")


def test_a_new_proposal_is_not_public(officer: Any, deal: Deal, region: Region) -> None:
    proposal = proposal_create(by=officer, deal=deal, data=_data(region))
    assert not Proposal.objects.filter(pk=proposal.pk).exists()
    assert Proposal.all_objects.filter(pk=proposal.pk).exists()


def test_a_negative_amount_is_refused_with_its_field(
    officer: Any, deal: Deal, region: Region
) -> None:
    with pytest.raises(DomainError) as refused:
        proposal_create(by=officer, deal=deal, data=_data(region, amount_pence=-1))
    assert refused.value.field == "amount_pence"


def test_the_years_must_run_forwards(officer: Any, deal: Deal, region: Region) -> None:
    with pytest.raises(DomainError) as refused:
        proposal_create(by=officer, deal=deal, data=_data(region, years_to="2022/23"))
    assert refused.value.field == "years_to"


def test_departments_must_be_government_departments(
    officer: Any, deal: Deal, region: Region
) -> None:
    council = region.organisations.get(slug="northton-council")
    with pytest.raises(DomainError, match="not a government department") as refused:
        proposal_create(by=officer, deal=deal, data=_data(region, departments=[council]))
    assert refused.value.field == "departments"


def test_people_from_another_region_are_refused(officer: Any, deal: Deal, region: Region) -> None:
    elsewhere = Region.objects.create(slug="elsewhere", name="Elsewhere")
    stranger = Person.objects.create(region=elsewhere, slug="x", name="Stranger")
    with pytest.raises(DomainError) as refused:
        proposal_create(by=officer, deal=deal, data=_data(region, sponsor=stranger))
    assert refused.value.field == "sponsor"


def test_a_workstream_lead_may_add_to_their_own_workstream_only(
    lead_user: Any, deal: Deal, region: Region
) -> None:
    proposal_create(by=lead_user, deal=deal, data=_data(region))
    youth = Workstream.objects.get(slug="youth")
    with pytest.raises(NotPermitted, match="workstream's lead"):
        proposal_create(by=lead_user, deal=deal, data=_data(region, workstream=youth))


def test_a_partner_cannot_create_a_proposal(partner: Any, deal: Deal, region: Region) -> None:
    with pytest.raises(NotPermitted):
        proposal_create(by=partner, deal=deal, data=_data(region))


def test_an_edit_names_what_changed_including_partners(
    officer: Any, make_proposal: Any, region: Region
) -> None:
    proposal = make_proposal()
    trust = region.organisations.get(slug="safe-streets")

    proposal_update(by=officer, proposal=proposal, data={"stage": "define", "partners": [trust]})

    proposal.refresh_from_db()
    assert proposal.stage == "define"
    assert list(proposal.partners.all()) == [trust]
    reason = proposal.history.latest().history_change_reason
    assert reason == "Edited: partners, stage (partners now Safe Streets Trust)"


def test_an_edit_that_changes_nothing_writes_no_history(officer: Any, make_proposal: Any) -> None:
    proposal = make_proposal()
    before = proposal.history.count()
    proposal_update(by=officer, proposal=proposal, data={"title": proposal.title})
    assert proposal.history.count() == before


def test_a_withdrawn_proposal_cannot_be_edited(officer: Any, make_proposal: Any) -> None:
    proposal = make_proposal(status="withdrawn")
    with pytest.raises(DomainError, match="no longer be edited"):
        proposal_update(by=officer, proposal=proposal, data={"title": "New"})


def test_a_lead_cannot_move_a_proposal_to_a_workstream_they_do_not_lead(
    lead_user: Any, make_proposal: Any
) -> None:
    proposal = make_proposal()
    with pytest.raises(NotPermitted):
        proposal_update(
            by=lead_user,
            proposal=proposal,
            data={"workstream": Workstream.objects.get(slug="youth")},
        )


def test_government_departments_are_listed_by_kind(region: Region, deal: Deal) -> None:
    assert set(
        Organisation.objects.filter(kind="government_department").values_list("slug", flat=True)
    ) == {"home-office", "moj"}


def test_a_second_proposal_edit_read_at_the_same_version_is_refused_and_changes_nothing(
    officer: Any, make_proposal: Any
) -> None:
    proposal = make_proposal()
    read = version_of(proposal)
    proposal_update(by=officer, proposal=proposal, data={"title": "Safer nights out"}, version=read)

    with pytest.raises(StaleEdit) as refused:
        proposal_update(by=officer, proposal=proposal, data={"summary": "Other."}, version=read)

    assert f"Title: {proposal.title} → Safer nights out" in refused.value.message
    stored = Proposal.all_objects.get(pk=proposal.pk)
    assert stored.title == "Safer nights out"
    assert stored.summary == proposal.summary
