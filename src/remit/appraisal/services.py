"""Every change to a business case: one function per use case, each in a transaction.

Each takes the acting user (`by=`), checks the permission, and records who changed what and
why in the history. Bad input raises `DomainError` naming the field or the path in the
appraisal inputs, and changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from typing import Any
from typing import TypeVar

from django.db import models
from django.db import transaction

from remit.appraisal import permissions
from remit.appraisal import selectors
from remit.appraisal.case_file import load_case
from remit.appraisal.greenbook import Case
from remit.appraisal.greenbook import CaseError
from remit.appraisal.greenbook import appraisal_to_json
from remit.appraisal.greenbook import appraise
from remit.appraisal.inputs import canonical_yaml
from remit.appraisal.inputs import case_to_mapping
from remit.appraisal.inputs import inputs_hash
from remit.appraisal.inputs import with_title
from remit.appraisal.models import AppraisalRun
from remit.appraisal.models import ApprovalDecision
from remit.appraisal.models import BusinessCase
from remit.appraisal.models import DeliveryMilestone
from remit.appraisal.models import FundingLine
from remit.appraisal.models import ReviewComment
from remit.appraisal.models import Risk
from remit.appraisal.models import Section
from remit.appraisal.workbook import read_workbook
from remit.appraisal.workflow import APPROVING
from remit.appraisal.workflow import MOVE_LABELS
from remit.appraisal.workflow import SECTION_ORDER
from remit.appraisal.workflow import TRANSITIONS
from remit.appraisal.workflow import SectionKind
from remit.appraisal.workflow import SectionStatus
from remit.appraisal.workflow import after_edit
from remit.core import transitions
from remit.core.errors import DomainError
from remit.core.models import Mission
from remit.core.models import Region
from remit.core.models import User
from remit.core.permissions import require
from remit.core.services.writes import apply_changes
from remit.core.services.writes import check_version
from remit.core.services.writes import delete_attributed
from remit.core.services.writes import locked
from remit.core.services.writes import locked_to_edit
from remit.core.services.writes import save_attributed

M = TypeVar("M", bound=models.Model)

CASE_FIELDS = ("title", "summary", "stage", "owner", "proposal")
YAML_SUFFIXES = (".yaml", ".yml")
XLSX_SUFFIX = ".xlsx"
ROW_SECTIONS: dict[type[models.Model], SectionKind] = {
    FundingLine: SectionKind.FINANCIAL,
    DeliveryMilestone: SectionKind.MANAGEMENT,
    Risk: SectionKind.MANAGEMENT,
}


def _same_region(case: BusinessCase, data: Mapping[str, Any]) -> None:
    owner = data.get("owner")
    if owner is not None and owner.region_id != case.region_id:
        raise DomainError("Choose an owner from this region.", field="owner")
    for mission in data.get("missions", ()):
        if mission.region_id != case.region_id:
            raise DomainError("Choose missions from this region.", field="missions")


@transaction.atomic
def business_case_create(
    *,
    by: User,
    region: Region,
    data: Mapping[str, Any],
    missions: Iterable[Mission] | None = None,
) -> BusinessCase:
    """A new case with its five sections, none started.

    A case developing a proposal serves the missions the proposal is aligned to, unless
    `missions` names others.
    """
    require(permissions.can_create_case(by))
    fields = {name: data[name] for name in CASE_FIELDS if name in data}
    case = BusinessCase(region=region, **fields)
    if missions is None:
        missions = selectors.proposal_missions(fields.get("proposal"))
    missions = list(missions)
    _same_region(case, {**fields, "missions": missions})
    save_attributed(case, by=by, reason="Created")
    for position, kind in enumerate(SECTION_ORDER):
        save_attributed(
            Section(business_case=case, kind=kind, position=position), by=by, reason="Created"
        )
    if missions:
        case.missions.set(missions)
    return case


@transaction.atomic
def business_case_update(
    *, by: User, case: BusinessCase, data: Mapping[str, Any], version: int | None = None
) -> BusinessCase:
    case = locked_to_edit(case, version, partial(permissions.can_edit_case, by))
    _same_region(case, data)
    changed = apply_changes(case, {name: data[name] for name in CASE_FIELDS if name in data})
    if not changed:
        return case
    return save_attributed(case, by=by, reason="Edited: " + ", ".join(sorted(changed)))


def _section(case: BusinessCase, kind: SectionKind) -> Section:
    return Section.objects.select_for_update().get(business_case=case, kind=kind)


def _touch(section: Section, *, by: User, reason: str) -> Section:
    """Record an edit to a section's content: it starts drafting, or is reopened if approved."""
    status = after_edit(section.status)
    if status != section.status:
        transitions.check(TRANSITIONS, section.status, status, SectionStatus, "section")
        reason = f"{reason}; status {section.get_status_display().lower()} → {status.label.lower()}"
        section.status = status
    return save_attributed(section, by=by, reason=reason)


@transaction.atomic
def section_update(
    *, by: User, section: Section, data: Mapping[str, Any], version: int | None = None
) -> Section:
    """The section's text; the strategic case also names missions, the economic case an option."""
    case = locked(section.business_case)
    section = _section(case, SectionKind(section.kind))
    require(permissions.can_edit_sections(by, case))
    check_version(section, version)
    changed = apply_changes(
        section, {name: data[name] for name in ("text", "objectives") if name in data}
    )
    if "missions" in data and section.kind == SectionKind.STRATEGIC:
        missions = list(data["missions"])
        _same_region(case, {"missions": missions})
        before = set(case.missions.values_list("pk", flat=True))
        if before != {mission.pk for mission in missions}:
            case.missions.set(missions)
            numbers = ", ".join(str(m.number) for m in sorted(missions, key=lambda m: m.number))
            save_attributed(case, by=by, reason=f"Missions served: {numbers or 'none'}")
            changed.append("missions")
    if "preferred_option" in data and section.kind == SectionKind.ECONOMIC:
        preferred = str(data["preferred_option"] or "")
        if preferred != case.preferred_option:
            case.preferred_option = preferred
            save_attributed(case, by=by, reason=f"Preferred option: {preferred or 'none'}")
            changed.append("preferred option")
    if not changed:
        return section
    return _touch(section, by=by, reason="Edited: " + ", ".join(sorted(changed)))


@transaction.atomic
def section_move(*, by: User, section: Section, target: str) -> Section:
    case = locked(section.business_case)
    section = _section(case, SectionKind(section.kind))
    transitions.check(
        TRANSITIONS,
        section.status,
        target,
        SectionStatus,
        "section",
        field="target",
        refusal="A {what} that is {current} cannot move to {target}.",
    )
    require(permissions.can_move_section(by, case, section.status, target))
    label = MOVE_LABELS[(SectionStatus(section.status), SectionStatus(target))]
    section.status = target
    return save_attributed(section, by=by, reason=label)


@transaction.atomic
def comment_add(*, by: User, section: Section, text: str) -> ReviewComment:
    require(permissions.can_comment(by, section.business_case))
    if not text.strip():
        raise DomainError("Write the comment.", field="text")
    comment = ReviewComment(section=section, author=by, text=text.strip())
    return save_attributed(comment, by=by, reason="Commented")


@dataclass(frozen=True)
class Recorded:
    """The appraisal run now current, and whether this change made a new one."""

    run: AppraisalRun
    created: bool


def _case_error(error: CaseError) -> DomainError:
    return DomainError(error.message, field=error.path or None)


def _latest(case: BusinessCase) -> AppraisalRun | None:
    return AppraisalRun.objects.filter(business_case=case).order_by("-number").first()


def _check_based_on(latest: AppraisalRun | None, based_on: int | None) -> None:
    current = latest.number if latest else 0
    if based_on is not None and based_on != current:
        raise DomainError(
            "The appraisal has changed since this page was opened; reload it and make the "
            "change again.",
            field=None,
        )


def _record(*, by: User, case: BusinessCase, inputs: Case, source: str, note: str) -> Recorded:
    """Store the canonical inputs and the engine's result for exactly those inputs."""
    text = canonical_yaml(with_title(inputs, case.title))
    digest = inputs_hash(text)
    latest = _latest(case)
    if latest is not None and latest.inputs_sha256 == digest:
        return Recorded(latest, created=False)
    try:
        result = appraisal_to_json(appraise(load_case(text)))
    except CaseError as error:
        raise _case_error(error) from None
    run = AppraisalRun(
        business_case=case,
        number=(latest.number if latest else 0) + 1,
        inputs_yaml=text,
        inputs_sha256=digest,
        result=result,
        source=source,
        note=note[:300],
        created_by=by,
    )
    save_attributed(run, by=by, reason=f"Appraisal {run.number}: {note}")
    if case.base_year != inputs.base_year:
        case.base_year = inputs.base_year
        save_attributed(case, by=by, reason=f"Base year {inputs.base_year}, from the appraisal")
    _touch(_section(case, SectionKind.ECONOMIC), by=by, reason=f"Appraisal {run.number}")
    return Recorded(run, created=True)


@transaction.atomic
def appraisal_record(
    *, by: User, case: BusinessCase, inputs: Case, source: str, note: str = ""
) -> Recorded:
    """Appraise a whole set of inputs, already read, and keep them with the result."""
    case = locked(case)
    require(permissions.can_edit_sections(by, case))
    return _record(by=by, case=case, inputs=inputs, source=source, note=note or "Inputs replaced")


@transaction.atomic
def appraisal_upload(*, by: User, case: BusinessCase, filename: str, content: bytes) -> Recorded:
    """Inputs from a YAML case file or an Excel workbook; a refusal names the path or cell."""
    case = locked(case)
    require(permissions.can_edit_sections(by, case))
    name = filename.lower()
    try:
        if name.endswith(XLSX_SUFFIX):
            inputs, source = read_workbook(content), AppraisalRun.Source.XLSX
        elif name.endswith(YAML_SUFFIXES):
            inputs, source = load_case(_utf8(content)), AppraisalRun.Source.YAML
        else:
            raise DomainError("Upload a .yaml, .yml or .xlsx file.", field="file")
    except CaseError as error:
        raise DomainError(f"{filename}: {error.located()}", field="file") from None
    return _record(by=by, case=case, inputs=inputs, source=source, note=f"Uploaded {filename}")


def _utf8(content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CaseError("the file is not UTF-8 text") from None


@transaction.atomic
def appraisal_text_upload(*, by: User, case: BusinessCase, text: str) -> Recorded:
    """Inputs sent as YAML text through the API."""
    case = locked(case)
    require(permissions.can_edit_sections(by, case))
    try:
        inputs = load_case(text)
    except CaseError as error:
        raise _case_error(error) from None
    return _record(
        by=by, case=case, inputs=inputs, source=AppraisalRun.Source.API, note="Sent by the API"
    )


def _current_mapping(case: BusinessCase, latest: AppraisalRun | None) -> dict[str, Any]:
    if latest is not None:
        return case_to_mapping(load_case(latest.inputs_yaml))
    if case.base_year is None:
        raise DomainError("Set the base year of the appraisal first.", field="base_year")
    return {"base_year": case.base_year, "options": []}


def _with_mapping(mapping: Mapping[str, Any]) -> Case:
    try:
        return load_case(mapping)
    except CaseError as error:
        raise _case_error(error) from None


@transaction.atomic
def option_save(
    *,
    by: User,
    case: BusinessCase,
    index: int | None,
    option: Mapping[str, Any],
    based_on: int | None = None,
) -> Recorded:
    """Add an option (`index` None) or replace the one at `index`, then appraise again."""
    case = locked(case)
    require(permissions.can_edit_sections(by, case))
    latest = _latest(case)
    _check_based_on(latest, based_on)
    mapping = _current_mapping(case, latest)
    options = list(mapping["options"])
    if index is None:
        options.append(dict(option))
        verb = "Added"
    elif 0 <= index < len(options):
        options[index] = dict(option)
        verb = "Changed"
    else:
        raise DomainError("There is no such option.", field=None)
    inputs = _with_mapping({**mapping, "options": options})
    note = f"{verb} option {option.get('name', '')}"
    return _record(by=by, case=case, inputs=inputs, source=AppraisalRun.Source.GRID, note=note)


@transaction.atomic
def option_remove(
    *, by: User, case: BusinessCase, index: int, based_on: int | None = None
) -> Recorded:
    case = locked(case)
    require(permissions.can_edit_sections(by, case))
    latest = _latest(case)
    _check_based_on(latest, based_on)
    if latest is None:
        raise DomainError("There is no such option.", field=None)
    mapping = _current_mapping(case, latest)
    options = list(mapping["options"])
    if not 0 <= index < len(options):
        raise DomainError("There is no such option.", field=None)
    if len(options) == 1:
        raise DomainError("An appraisal needs at least one option; this is the last.", None)
    removed = options.pop(index)
    inputs = _with_mapping({**mapping, "options": options})
    note = f"Removed option {removed['name']}"
    return _record(by=by, case=case, inputs=inputs, source=AppraisalRun.Source.GRID, note=note)


@transaction.atomic
def appraisal_settings_update(
    *,
    by: User,
    case: BusinessCase,
    base_year: int,
    appraisal_period: int,
    discount: str | None = None,
    deflators: Mapping[int, Decimal | None] | None = None,
    based_on: int | None = None,
    version: int | None = None,
) -> Recorded | None:
    """The base year, the years in the grid, and (once there are options) discount and deflators.

    Changing what the appraisal reads makes a new run; returns it, or None before any run.
    ``version`` is the case's, for the fields kept on the case; ``based_on`` is the run's.
    """
    case = locked_to_edit(case, version, partial(permissions.can_edit_sections, by))
    latest = _latest(case)
    _check_based_on(latest, based_on)
    changed = apply_changes(case, {"appraisal_period": appraisal_period})
    if latest is None:
        changed += apply_changes(case, {"base_year": base_year})
    if changed:
        save_attributed(case, by=by, reason="Edited: " + ", ".join(sorted(changed)))
    if latest is None:
        return None
    mapping = case_to_mapping(load_case(latest.inputs_yaml))
    mapping["base_year"] = base_year
    if discount is not None:
        mapping["discount"] = discount
    if deflators is not None:
        kept = dict(mapping.get("deflators", {}))
        kept.update(deflators)
        mapping["deflators"] = {year: kept[year] for year in sorted(kept) if kept[year] is not None}
        if not mapping["deflators"]:
            del mapping["deflators"]
    inputs = _with_mapping(mapping)
    return _record(
        by=by,
        case=case,
        inputs=inputs,
        source=AppraisalRun.Source.SETTINGS,
        note="Changed the appraisal settings",
    )


@transaction.atomic
def row_save(
    *, by: User, case: BusinessCase, row: M, data: Mapping[str, Any], version: int | None = None
) -> M:
    """Add or change a funding line, milestone or risk, and mark its section as being drafted.

    ``version`` is the row's, read when changing one; a new row has none to check.
    """
    case = locked(case)
    require(permissions.can_edit_sections(by, case))
    kind = ROW_SECTIONS[type(row)]
    adding = row.pk is None
    if not adding:
        row = type(row)._default_manager.select_for_update().get(pk=row.pk, business_case=case)
        check_version(row, version)
    _same_region(case, data)
    changed = apply_changes(row, data)
    row.business_case = case  # type: ignore[attr-defined]
    if not adding and not changed:
        return row
    what = f"{row._meta.verbose_name} {row}"
    reason = f"Added {what}" if adding else f"Changed {what}: " + ", ".join(sorted(changed))
    save_attributed(row, by=by, reason=reason)
    _touch(_section(case, kind), by=by, reason=reason)
    return row


@transaction.atomic
def row_remove(*, by: User, case: BusinessCase, row: models.Model) -> None:
    case = locked(case)
    require(permissions.can_edit_sections(by, case))
    kind = ROW_SECTIONS[type(row)]
    row = type(row)._default_manager.get(pk=row.pk, business_case=case)
    reason = f"Removed {row._meta.verbose_name} {row}"
    delete_attributed(row, by=by, reason=reason)
    _touch(_section(case, kind), by=by, reason=reason)


def _refresh_approval(case: BusinessCase, *, by: User) -> None:
    """The latest decision still standing that approves the case; written with each decision."""
    standing = (
        ApprovalDecision.objects.filter(business_case=case, superseded_by__isnull=True)
        .filter(outcome__in=APPROVING)
        .order_by("-decided_on", "-recorded_at", "-pk")
        .first()
    )
    if case.approved_decision_id != (standing.pk if standing else None):
        case.approved_decision = standing
        reason = (
            f"Approved: {standing.board} on {standing.decided_on:%d %b %Y}"
            if standing
            else "No decision approves the case"
        )
        save_attributed(case, by=by, reason=reason)


DECISION_FIELDS = ("board", "outcome", "conditions", "reasons", "decided_on", "minute_reference")


def _check_approvable(case: BusinessCase, run: AppraisalRun | None) -> None:
    if run is None:
        raise DomainError(
            "A case is approved with its appraisal: enter the economic case first.",
            field="outcome",
        )
    waiting = [
        section.get_kind_display().lower()
        for section in Section.objects.filter(business_case=case).order_by("position")
        if section.status != SectionStatus.APPROVED
    ]
    if waiting:
        raise DomainError(
            "Every section must be approved before the case is: "
            + ", ".join(waiting)
            + " not yet.",
            field="outcome",
        )


@transaction.atomic
def approval_decision_record(
    *, by: User, case: BusinessCase, data: Mapping[str, Any]
) -> ApprovalDecision:
    """The board's decision on the case at its current stage, with the summary it decided on."""
    case = locked(case)
    require(permissions.can_record_decision(by, case))
    fields = {name: data[name] for name in DECISION_FIELDS if name in data}
    board = fields.get("board")
    if board is not None and board.region_id != case.region_id:
        raise DomainError("Choose a board of this region.", field="board")
    run = _latest(case)
    if fields.get("outcome") in APPROVING:
        _check_approvable(case, run)
    decision = ApprovalDecision(
        business_case=case,
        stage=case.stage,
        appraisal_run=run,
        snapshot=selectors.summary_snapshot(case, run),
        recorded_by=by,
        **fields,
    )
    save_attributed(decision, by=by, reason="Recorded")
    _refresh_approval(case, by=by)
    return decision


@transaction.atomic
def decision_correct(
    *, by: User, decision: ApprovalDecision, data: Mapping[str, Any], note: str
) -> ApprovalDecision:
    """A new decision that supersedes one recorded wrongly; the board saw the same case."""
    case = locked(decision.business_case)
    require(permissions.can_record_decision(by, case))
    if ApprovalDecision.objects.filter(supersedes=decision).exists():
        raise DomainError(
            "This decision has already been corrected; correct the latest record instead.", None
        )
    if not note.strip():
        raise DomainError("Say what was wrong with the record.", field="correction_note")
    fields = {name: data[name] for name in DECISION_FIELDS if name in data}
    board = fields.get("board")
    if board is not None and board.region_id != case.region_id:
        raise DomainError("Choose a board of this region.", field="board")
    if fields.get("outcome") in APPROVING and decision.appraisal_run_id is None:
        raise DomainError(
            "The board did not have an appraisal before it, so the case cannot be recorded "
            "as approved by this decision.",
            field="outcome",
        )
    correction = ApprovalDecision(
        business_case=case,
        stage=decision.stage,
        appraisal_run_id=decision.appraisal_run_id,
        snapshot=decision.snapshot,
        recorded_by=by,
        supersedes=decision,
        correction_note=note.strip(),
        **fields,
    )
    save_attributed(correction, by=by, reason=f"Corrects the decision of {decision.decided_on}")
    _refresh_approval(case, by=by)
    return correction
