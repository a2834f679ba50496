"""Who attended a meeting, who stood in for whom, and whether enough came to make a quorum.

A substitute attends in place of one member, as a person named for that member's seat, and
only where the board's rules allow substitutes; a member and their substitute are never both
counted.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Mapping

from django.db import transaction

from remit.core.errors import DomainError
from remit.core.models import Membership
from remit.core.models import Person
from remit.core.models import Substitute
from remit.core.models import User
from remit.core.permissions import require
from remit.core.services.writes import delete_attributed
from remit.core.services.writes import locked
from remit.core.services.writes import save_attributed
from remit.meetings import permissions
from remit.meetings.models import Attendance
from remit.meetings.models import Meeting
from remit.meetings.rules import QuorumResult
from remit.meetings.rules import quorum_check
from remit.meetings.services.common import lock
from remit.meetings.services.common import refuse_if_closed
from remit.meetings.services.common import seats_on


def substitute_field(member_id: int) -> str:
    """The form field a refusal about a member's substitute belongs to."""
    return f"substitute_{member_id}"


def _on(meeting: Meeting) -> str:
    return f"{meeting.date.day} {meeting.date:%B %Y}"


@transaction.atomic
def attendance_record(
    *,
    by: User,
    meeting: Meeting,
    statuses: Mapping[int, str],
    substitutes: Iterable[tuple[int, int]] | None = None,
) -> list[Attendance]:
    """Who was present, who sent apologies, who was absent; members on the day only.

    ``substitutes`` pairs who attended with the member they attended for. When given, it is
    the whole list: a substitute recorded before and left out is taken off.
    """
    meeting = lock(meeting)
    require(permissions.can_record_attendance(by, meeting))
    refuse_if_closed(meeting, "change its attendance")
    memberships = list(Membership.objects.current(on=meeting.date).filter(board=meeting.board))
    members = {m.person_id for m in memberships}
    valid = set(Attendance.Status.values)
    existing = {a.person_id: a for a in meeting.attendance.filter(in_place_of__isnull=True)}
    saved = []
    for person_id, status in statuses.items():
        if person_id not in members:
            raise DomainError(
                f"Person {person_id} was not a member of {meeting.board.name} on {_on(meeting)}.",
                field="attendance",
            )
        if status not in valid:
            raise DomainError(f"Unknown attendance status '{status}'.", field="attendance")
        row = existing.get(person_id) or Attendance(meeting=meeting, person_id=person_id)
        if row.pk is None or row.status != status:
            row.status = status
            save_attributed(row, by=by, reason="Attendance recorded")
        saved.append(row)
    if substitutes is not None:
        saved += _record_substitutes(by, meeting, memberships, list(substitutes))
    _refuse_member_alongside_substitute(meeting)
    return saved


def _record_substitutes(
    by: User, meeting: Meeting, memberships: list[Membership], pairs: list[tuple[int, int]]
) -> list[Attendance]:
    members = {m.person_id for m in memberships}
    named: dict[int, set[int]] = defaultdict(set)
    for member_id, person_id in Substitute.objects.filter(membership__in=memberships).values_list(
        "membership__person_id", "person_id"
    ):
        named[member_id].add(person_id)
    names = dict(
        Person.objects.filter(pk__in={p for pair in pairs for p in pair}).values_list("pk", "name")
    )

    def name(pk: int) -> str:
        return names.get(pk, f"Person {pk}")

    wanted: dict[int, int] = {}
    standing_for: dict[int, int] = {}
    for person_id, member_id in pairs:
        refusal = _substitute_refusal(
            meeting, person_id, member_id, members, named[member_id], name
        ) or _duplicate_refusal(person_id, member_id, wanted, standing_for, name)
        if refusal:
            raise DomainError(refusal, field=substitute_field(member_id))
        wanted[member_id] = person_id
        standing_for[person_id] = member_id
    current: dict[int, Attendance] = {
        a.in_place_of_id: a
        for a in meeting.attendance.filter(in_place_of__isnull=False)
        if a.in_place_of_id is not None
    }
    for member_id, row in current.items():
        if wanted.get(member_id) != row.person_id:
            delete_attributed(row, by=by, reason="No longer recorded as attending as a substitute")
    saved = []
    for member_id, person_id in wanted.items():
        found = current.get(member_id)
        if found is None or found.person_id != person_id:
            found = Attendance(
                meeting=meeting,
                person_id=person_id,
                in_place_of_id=member_id,
                status=Attendance.Status.PRESENT,
            )
            save_attributed(found, by=by, reason=f"Attended in place of {name(member_id)}")
        saved.append(found)
    return saved


def _substitute_refusal(
    meeting: Meeting,
    person_id: int,
    member_id: int,
    members: set[int],
    named: set[int],
    name: Callable[[int], str],
) -> str:
    """Why this person cannot attend in this member's place, or "" when they can."""
    board, person, member = meeting.board, name(person_id), name(member_id)
    if not board.substitutes_allowed:
        return (
            f"{board.name} does not allow substitutes, so {person} cannot attend in place "
            f"of {member}."
        )
    if member_id not in members:
        return (
            f"{member} was not a member of {board.name} on {_on(meeting)}, so nobody can "
            "attend in their place."
        )
    if person_id in members:
        return (
            f"{person} sits on {board.name} in their own right, so cannot also attend as a "
            "substitute."
        )
    if person_id not in named:
        return (
            f"{person} is not a named substitute for {member}. Name them as a substitute on "
            f"{member}'s membership first."
        )
    return ""


def _duplicate_refusal(
    person_id: int,
    member_id: int,
    wanted: Mapping[int, int],
    standing_for: Mapping[int, int],
    name: Callable[[int], str],
) -> str:
    """One substitute per member, and one member per substitute."""
    if member_id in wanted:
        return (
            f"Only one person can attend in place of {name(member_id)}: "
            f"{name(wanted[member_id])} and {name(person_id)} were both given."
        )
    if person_id in standing_for:
        return (
            f"{name(person_id)} can attend in place of one member only: they were given for "
            f"{name(standing_for[person_id])} and {name(member_id)}."
        )
    return ""


def _refuse_member_alongside_substitute(meeting: Meeting) -> None:
    """A seat is filled once: by its member, or by a substitute in their place."""
    present = set(
        meeting.attendance.filter(
            status=Attendance.Status.PRESENT, in_place_of__isnull=True
        ).values_list("person_id", flat=True)
    )
    for row in meeting.attendance.filter(in_place_of_id__in=present).select_related(
        "person", "in_place_of"
    ):
        member = row.in_place_of
        if member is None:
            continue
        raise DomainError(
            f"{member} is recorded as present, so {row.person} cannot also attend in their "
            f"place. Record {member} as sending apologies or absent, or take {row.person} off.",
            field=substitute_field(member.pk),
        )


def quorum_for(meeting: Meeting) -> QuorumResult:
    """Whether enough voting members came, counting substitutes as the board's rules say."""
    rows = meeting.attendance.filter(status=Attendance.Status.PRESENT).values_list(
        "person_id", "in_place_of_id"
    )
    present = {person for person, instead in rows if instead is None}
    substituted = {instead for _, instead in rows if instead is not None}
    return quorum_check(
        seats_on(meeting.board, meeting.date),
        present,
        meeting.board.quorum,
        substituted=substituted,
        substitutes_count=meeting.board.substitutes_counted,
    )


@transaction.atomic
def substitutes_name(
    *, by: User, membership: Membership, people: Iterable[Person]
) -> list[Substitute]:
    """Set who may attend in this member's place; the nominating council decides who."""
    membership = locked(membership, related=("board", "person"))
    require(permissions.can_name_substitutes(by, membership.board))
    chosen = {p.pk: p for p in people}
    if membership.person_id in chosen:
        raise DomainError(
            f"{membership.person} cannot be named as their own substitute.", field="substitutes"
        )
    if chosen and not membership.board.substitutes_allowed:
        raise DomainError(
            f"{membership.board.name} does not allow substitutes. Change the board's rules "
            "to allow them first.",
            field="substitutes",
        )
    current = {s.person_id: s for s in membership.substitutes.all()}
    for person_id, row in current.items():
        if person_id not in chosen:
            delete_attributed(row, by=by, reason=f"No longer a substitute for {membership.person}")
    for person_id in chosen.keys() - current.keys():
        current[person_id] = save_attributed(
            Substitute(membership=membership, person_id=person_id),
            by=by,
            reason=f"Named as a substitute for {membership.person}",
        )
    return [current[pk] for pk in chosen]
