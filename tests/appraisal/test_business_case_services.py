"""Business case services: each writes its state and its history, checks who acts, and changes
nothing when it refuses."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from remit.appraisal import services
from remit.appraisal.case_file import load_case
from remit.appraisal.greenbook import appraisal_to_json
from remit.appraisal.greenbook import appraise
from remit.appraisal.inputs import inputs_hash
from remit.appraisal.models import AppraisalRun
from remit.appraisal.models import ApprovalDecision
from remit.appraisal.models import BusinessCase
from remit.appraisal.models import DeliveryMilestone
from remit.appraisal.models import FundingLine
from remit.appraisal.models import Risk
from remit.appraisal.models import Section
from remit.appraisal.workbook import write_workbook
from remit.appraisal.workflow import SectionKind
from remit.appraisal.workflow import SectionStatus
from remit.appraisal.workflow import Stage
from remit.core.errors import DomainError
from remit.core.errors import NotPermitted
from remit.core.models import Board
from remit.core.models import Mission
from remit.core.models import Region
from remit.core.models import Role
from remit.core.services.writes import StaleEdit
from remit.core.services.writes import version_of

CASE_YAML = """\
# two options, laid out loosely
base_year: 2025
options:
  - name: Business as usual
    counterfactual: true
    revenue: {2025: 100000, 2026: 100000}
    benefits:
      reduced harm: {2026: 40000}
  - name: Violence reduction unit
    capital: {2025: 50000}
    revenue: {2025: 80000, 2026: 90000}
    benefits:
      reduced harm:
        flows: {2025: 60000, 2026: 200000}
        deadweight: 0.25
    optimism_bias: {capital: 0.24}
"""


@pytest.fixture
def case(region: Region, officer: Any) -> BusinessCase:
    return services.business_case_create(
        by=officer,
        region=region,
        data={"title": "Violence reduction", "stage": Stage.STRATEGIC_OUTLINE},
        missions=Mission.objects.filter(region=region),
    )


def _section(case: BusinessCase, kind: SectionKind) -> Section:
    return Section.objects.get(business_case=case, kind=kind)


def _appraise(case: BusinessCase, by: Any, text: str = CASE_YAML) -> services.Recorded:
    return services.appraisal_record(by=by, case=case, inputs=load_case(text), source="yaml")


def _approve_all(case: BusinessCase, officer: Any) -> None:
    for section in Section.objects.filter(business_case=case):
        for target in (SectionStatus.DRAFTING, SectionStatus.READY_FOR_REVIEW, "approved"):
            section.refresh_from_db()
            if section.status != target and section.status != SectionStatus.APPROVED:
                services.section_move(by=officer, section=section, target=target)


def test_a_new_case_has_five_sections_not_started_and_a_history(
    case: BusinessCase, officer: Any
) -> None:
    sections = list(Section.objects.filter(business_case=case).order_by("position"))
    assert [s.kind for s in sections] == list(SectionKind.values)
    assert {s.status for s in sections} == {SectionStatus.NOT_STARTED}
    record = case.history.latest()
    assert (record.history_user, record.history_change_reason) == (officer, "Created")
    assert [m.number for m in case.missions.all()] == [11]


def test_only_officers_start_a_business_case(region: Region, make_user: Any) -> None:
    with pytest.raises(NotPermitted):
        services.business_case_create(
            by=make_user(Role.BOARD_MEMBER), region=region, data={"title": "No"}
        )
    assert not BusinessCase.all_objects.exists()


def test_editing_a_section_starts_drafting_and_says_so_in_the_history(
    case: BusinessCase, officer: Any
) -> None:
    section = _section(case, SectionKind.STRATEGIC)
    services.section_update(
        by=officer, section=section, data={"text": "The problem.", "objectives": "Less harm."}
    )
    section.refresh_from_db()
    assert (section.status, section.text) == (SectionStatus.DRAFTING, "The problem.")
    reason = section.history.latest().history_change_reason
    assert reason.startswith("Edited: objectives, text")
    assert "not started → drafting" in reason


def test_editing_an_approved_section_reopens_it(case: BusinessCase, officer: Any) -> None:
    section = _section(case, SectionKind.COMMERCIAL)
    for target in ("drafting", "ready_for_review", "approved"):
        section = services.section_move(by=officer, section=section, target=target)
    services.section_update(by=officer, section=section, data={"text": "New route."})
    section.refresh_from_db()
    assert section.status == SectionStatus.DRAFTING


def test_the_owner_edits_sections_but_cannot_approve_them(
    region: Region, case: BusinessCase, officer: Any, make_user: Any
) -> None:
    owner_person = region.people.get(slug="trust-lead")
    services.business_case_update(by=officer, case=case, data={"owner": owner_person})
    owner = make_user(Role.PARTNER, organisation=owner_person.organisation, person=owner_person)
    section = _section(case, SectionKind.MANAGEMENT)
    services.section_update(by=owner, section=section, data={"text": "Plan."})
    section = services.section_move(by=owner, section=section, target="ready_for_review")
    with pytest.raises(NotPermitted):
        services.section_move(by=owner, section=section, target="approved")
    section.refresh_from_db()
    assert section.status == SectionStatus.READY_FOR_REVIEW


def test_a_move_outside_the_table_is_refused(case: BusinessCase, officer: Any) -> None:
    section = _section(case, SectionKind.ECONOMIC)
    with pytest.raises(DomainError, match="cannot move"):
        services.section_move(by=officer, section=section, target="approved")


def test_board_members_comment_and_analysts_cannot(case: BusinessCase, make_user: Any) -> None:
    section = _section(case, SectionKind.ECONOMIC)
    member = make_user(Role.BOARD_MEMBER)
    comment = services.comment_add(by=member, section=section, text="  Show sensitivity.  ")
    assert (comment.author, comment.text) == (member, "Show sensitivity.")
    with pytest.raises(NotPermitted):
        services.comment_add(by=make_user(Role.ANALYST), section=section, text="No.")
    assert section.comments.count() == 1


def test_the_stored_appraisal_is_the_engines_result_for_the_stored_inputs(
    case: BusinessCase, officer: Any
) -> None:
    run = _appraise(case, officer).run
    assert run.result == appraisal_to_json(appraise(load_case(run.inputs_yaml)))
    assert run.inputs_sha256 == inputs_hash(run.inputs_yaml)
    assert "# two options" not in run.inputs_yaml
    assert run.inputs_yaml.startswith("title: Violence reduction\n")
    assert run.number == 1
    assert run.created_by == officer
    case.refresh_from_db()
    assert case.base_year == 2025
    assert _section(case, SectionKind.ECONOMIC).status == SectionStatus.DRAFTING


def test_the_same_inputs_written_differently_make_no_new_run(
    case: BusinessCase, officer: Any
) -> None:
    first = _appraise(case, officer)
    again = _appraise(case, officer, CASE_YAML.replace("# two options, laid out loosely", ""))
    assert first.created
    assert not again.created
    assert AppraisalRun.objects.filter(business_case=case).count() == 1


def test_each_change_keeps_the_earlier_runs_with_their_inputs(
    case: BusinessCase, officer: Any
) -> None:
    first = _appraise(case, officer).run
    option = {"name": "Business as usual", "counterfactual": True, "revenue": {2025: 1}}
    second = services.option_save(by=officer, case=case, index=0, option=option, based_on=1).run
    assert (first.number, second.number) == (1, 2)
    assert first.inputs_sha256 != second.inputs_sha256
    kept = AppraisalRun.objects.get(business_case=case, number=1)
    assert kept.result == appraisal_to_json(appraise(load_case(kept.inputs_yaml)))
    assert load_case(second.inputs_yaml).options[0].revenue == {2025: 1}


def test_an_option_is_added_then_removed(case: BusinessCase, officer: Any) -> None:
    case.base_year = 2025
    case.save()
    bau = {"name": "Business as usual", "counterfactual": True, "revenue": {2025: 10}}
    services.option_save(by=officer, case=case, index=None, option=bau, based_on=0)
    unit = {"name": "Unit", "capital": {2026: 5}, "benefits": {"harm": {2026: 20}}}
    run = services.option_save(by=officer, case=case, index=None, option=unit, based_on=1).run
    assert [o["name"] for o in run.result["options"]] == ["Business as usual", "Unit"]
    run = services.option_remove(by=officer, case=case, index=1, based_on=2).run
    assert [o["name"] for o in run.result["options"]] == ["Business as usual"]
    assert run.note == "Removed option Unit"


def test_an_option_the_engine_refuses_names_the_path_and_changes_nothing(
    case: BusinessCase, officer: Any
) -> None:
    _appraise(case, officer)
    bad = {"name": "Unit", "capital": {2024: 5}}
    with pytest.raises(DomainError) as refused:
        services.option_save(by=officer, case=case, index=1, option=bad, based_on=1)
    assert refused.value.field == "options[1].capital.2024"
    assert "before base_year 2025" in refused.value.message
    assert AppraisalRun.objects.filter(business_case=case).count() == 1


def test_a_stale_page_cannot_overwrite_a_newer_appraisal(case: BusinessCase, officer: Any) -> None:
    _appraise(case, officer)
    option = {"name": "Business as usual", "counterfactual": True}
    with pytest.raises(DomainError, match="changed since this page was opened"):
        services.option_save(by=officer, case=case, index=0, option=option, based_on=0)


def test_a_yaml_upload_error_names_the_path_and_changes_nothing(
    case: BusinessCase, officer: Any
) -> None:
    _appraise(case, officer)
    bad = CASE_YAML.replace("{2025: 80000", "{2024: 80000")
    with pytest.raises(DomainError) as refused:
        services.appraisal_upload(by=officer, case=case, filename="case.yaml", content=bad.encode())
    assert refused.value.field == "file"
    assert refused.value.message == (
        "case.yaml: options[1] (Violence reduction unit).revenue.2024: "
        "year is before base_year 2025"
    )
    assert AppraisalRun.objects.filter(business_case=case).count() == 1


def test_an_xlsx_upload_error_names_the_cell_and_changes_nothing(
    case: BusinessCase, officer: Any
) -> None:
    from openpyxl import load_workbook

    workbook = load_workbook(__import__("io").BytesIO(write_workbook(load_case(CASE_YAML))))
    workbook["Flows"]["H5"] = "lots"
    buffer = __import__("io").BytesIO()
    workbook.save(buffer)
    with pytest.raises(DomainError) as refused:
        services.appraisal_upload(
            by=officer, case=case, filename="case.xlsx", content=buffer.getvalue()
        )
    assert refused.value.message == "case.xlsx: Flows!H5: not a number: 'lots'"
    assert not AppraisalRun.objects.filter(business_case=case).exists()


def test_an_xlsx_upload_is_appraised_like_the_same_yaml(case: BusinessCase, officer: Any) -> None:
    content = write_workbook(load_case(CASE_YAML))
    run = services.appraisal_upload(
        by=officer, case=case, filename="Case.XLSX", content=content
    ).run
    assert run.source == AppraisalRun.Source.XLSX
    assert run.inputs_sha256 == _appraise(case, officer).run.inputs_sha256


def test_an_upload_of_another_kind_of_file_is_refused(case: BusinessCase, officer: Any) -> None:
    with pytest.raises(DomainError, match=r"\.yaml, \.yml or \.xlsx"):
        services.appraisal_upload(by=officer, case=case, filename="case.csv", content=b"a,b")


def test_settings_before_any_option_set_the_base_year(case: BusinessCase, officer: Any) -> None:
    assert (
        services.appraisal_settings_update(
            by=officer, case=case, base_year=2026, appraisal_period=5
        )
        is None
    )
    case.refresh_from_db()
    assert (case.base_year, case.appraisal_period) == (2026, 5)


def test_settings_after_options_make_a_new_run_with_the_deflators(
    case: BusinessCase, officer: Any
) -> None:
    _appraise(case, officer)
    recorded = services.appraisal_settings_update(
        by=officer,
        case=case,
        base_year=2025,
        appraisal_period=10,
        discount="health",
        deflators={2025: 100, 2026: 102, 2027: None},
        based_on=1,
    )
    assert recorded is not None
    assert recorded.run.number == 2
    inputs = load_case(recorded.run.inputs_yaml)
    assert (inputs.discount.value, dict(inputs.deflators)) == ("health", {2025: 100, 2026: 102})


def test_funding_rows_are_added_changed_and_removed_with_history(
    case: BusinessCase, officer: Any
) -> None:
    line = services.row_save(
        by=officer,
        case=case,
        row=FundingLine(),
        data={"source": "Community safety fund", "year": 2025, "amount_pence": 150_000_00},
    )
    services.row_save(by=officer, case=case, row=line, data={"amount_pence": 120_000_00})
    line.refresh_from_db()
    assert line.amount_pence == 120_000_00
    assert _section(case, SectionKind.FINANCIAL).status == SectionStatus.DRAFTING
    services.row_remove(by=officer, case=case, row=line)
    assert not FundingLine.objects.filter(business_case=case).exists()
    reasons = [r.history_change_reason for r in line.history.order_by("history_date")]
    assert reasons[0].startswith("Added funding line")
    assert reasons[1] == "Changed funding line Community safety fund, 2025: amount_pence"
    assert reasons[2].startswith("Removed funding line")


def test_a_long_history_reason_is_kept_whole(case: BusinessCase, officer: Any) -> None:
    title = "Partners stop sharing the data the unit needs to target its work " * 4
    risk = services.row_save(
        by=officer, case=case, row=Risk(), data={"title": title, "likelihood": 2, "impact": 2}
    )
    services.row_remove(by=officer, case=case, row=risk)
    reasons = [r.history_change_reason for r in risk.history.order_by("history_date")]
    assert reasons == [f"Added risk {risk}", f"Removed risk {risk}"]
    assert len(reasons[1]) > 100


def test_a_risk_scores_likelihood_times_impact_and_refuses_six(
    case: BusinessCase, officer: Any
) -> None:
    risk = services.row_save(
        by=officer,
        case=case,
        row=Risk(),
        data={"title": "Data not shared", "likelihood": 3, "impact": 4, "mitigation": ""},
    )
    assert risk.score == 12
    with pytest.raises(DomainError):
        services.row_save(
            by=officer,
            case=case,
            row=Risk(),
            data={"title": "Too likely", "likelihood": 6, "impact": 1},
        )
    assert Risk.objects.filter(business_case=case).count() == 1


def test_milestones_touch_the_management_case(case: BusinessCase, officer: Any) -> None:
    services.row_save(
        by=officer,
        case=case,
        row=DeliveryMilestone(),
        data={"title": "Contracts awarded", "due_on": date(2025, 10, 1)},
    )
    assert _section(case, SectionKind.MANAGEMENT).status == SectionStatus.DRAFTING


def _decide(case: BusinessCase, officer: Any, **extra: Any) -> ApprovalDecision:
    data = {
        "board": Board.objects.get(slug="csp"),
        "outcome": "approved",
        "decided_on": date(2025, 3, 18),
        "minute_reference": "CSP 3/25",
        **extra,
    }
    return services.approval_decision_record(by=officer, case=case, data=data)


def test_a_case_is_approved_only_with_an_appraisal_and_every_section_approved(
    case: BusinessCase, officer: Any
) -> None:
    with pytest.raises(DomainError, match="appraisal"):
        _decide(case, officer)
    _appraise(case, officer)
    with pytest.raises(DomainError, match="strategic case, economic case"):
        _decide(case, officer)
    assert not ApprovalDecision.objects.exists()


def test_approval_publishes_the_summary_the_board_saw(case: BusinessCase, officer: Any) -> None:
    services.section_update(
        by=officer, section=_section(case, SectionKind.COMMERCIAL), data={"text": "Secret."}
    )
    services.section_update(
        by=officer, section=_section(case, SectionKind.STRATEGIC), data={"text": "Why."}
    )
    run = _appraise(case, officer).run
    _approve_all(case, officer)
    decision = _decide(case, officer)
    case.refresh_from_db()
    assert case.approved_decision == decision
    assert BusinessCase.objects.get() == case
    assert decision.appraisal_run == run
    assert decision.stage == Stage.STRATEGIC_OUTLINE
    assert decision.snapshot["sections"]["strategic"]["text"] == "Why."
    assert "commercial" not in decision.snapshot["sections"]
    assert "Secret." not in str(decision.snapshot)
    assert decision.snapshot["appraisal"] == run.result
    assert case.history.latest().history_change_reason.startswith("Approved: ")


def test_a_recorded_decision_cannot_be_changed_or_deleted(case: BusinessCase, officer: Any) -> None:
    decision = _decide(case, officer, outcome="deferred", reasons="More data.")
    decision.reasons = "Something else"
    with pytest.raises(DomainError):
        decision.save()
    with pytest.raises(DomainError):
        decision.delete()
    with pytest.raises(DomainError):
        ApprovalDecision.objects.filter(pk=decision.pk).update(reasons="x")
    with pytest.raises(DomainError):
        ApprovalDecision.objects.filter(pk=decision.pk).delete()
    assert ApprovalDecision.objects.get().reasons == "More data."


def test_an_appraisal_run_cannot_be_changed(case: BusinessCase, officer: Any) -> None:
    run = _appraise(case, officer).run
    run.result = {}
    with pytest.raises(DomainError):
        run.save()
    with pytest.raises(DomainError):
        AppraisalRun.objects.filter(pk=run.pk).update(result={})


def test_a_correction_supersedes_and_moves_the_approval(case: BusinessCase, officer: Any) -> None:
    _appraise(case, officer)
    _approve_all(case, officer)
    wrong = _decide(case, officer)
    corrected = services.decision_correct(
        by=officer,
        decision=wrong,
        data={
            "board": wrong.board,
            "outcome": "not_approved",
            "reasons": "The minutes record a refusal.",
            "decided_on": wrong.decided_on,
        },
        note="Outcome was recorded wrongly.",
    )
    case.refresh_from_db()
    assert corrected.supersedes == wrong
    assert corrected.snapshot == wrong.snapshot
    assert case.approved_decision is None
    assert not BusinessCase.objects.exists()
    with pytest.raises(DomainError, match="already been corrected"):
        services.decision_correct(
            by=officer, decision=wrong, data={"outcome": "approved"}, note="Again."
        )
    assert ApprovalDecision.objects.count() == 2


def test_a_correction_must_say_why(case: BusinessCase, officer: Any) -> None:
    decision = _decide(case, officer, outcome="deferred")
    with pytest.raises(DomainError, match="what was wrong"):
        services.decision_correct(
            by=officer, decision=decision, data={"outcome": "deferred"}, note=" "
        )


def test_only_officers_record_decisions(case: BusinessCase, make_user: Any) -> None:
    with pytest.raises(NotPermitted):
        _decide(case, make_user(Role.BOARD_MEMBER), outcome="deferred")


def test_a_second_case_edit_read_at_the_same_version_is_refused_and_changes_nothing(
    case: BusinessCase, officer: Any
) -> None:
    read = version_of(case)
    services.business_case_update(by=officer, case=case, data={"title": "VRU"}, version=read)
    with pytest.raises(StaleEdit, match="Title: Violence reduction → VRU"):
        services.business_case_update(
            by=officer, case=case, data={"summary": "Other."}, version=read
        )
    stored = BusinessCase.all_objects.get(pk=case.pk)
    assert (stored.title, stored.summary) == ("VRU", "")


def test_a_second_section_edit_read_at_the_same_version_is_refused_and_changes_nothing(
    case: BusinessCase, officer: Any
) -> None:
    section = _section(case, SectionKind.STRATEGIC)
    read = version_of(section)
    services.section_update(
        by=officer, section=section, data={"text": "The problem."}, version=read
    )
    with pytest.raises(StaleEdit, match="Someone else changed"):
        services.section_update(
            by=officer, section=section, data={"objectives": "Less harm."}, version=read
        )
    section.refresh_from_db()
    assert (section.text, section.objectives) == ("The problem.", "")
