"""Who attended a meeting, who stood in for whom, and whether it was quorate."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from remit.core.models import Board
from remit.core.models import Membership
from remit.core.models import Person
from remit.core.models import Substitute
from remit.meetings.models import Attendance
from remit.meetings.models import Meeting
from remit.meetings.rules import QuorumResult
from remit.meetings.rules import Seat
from remit.meetings.rules import quorum_check


@dataclass
class AttendanceLine:
    person: Person
    role: str
    role_label: str
    organisation: str
    status: str | None
    status_label: str
    in_place_of: Person | None = None

    @property
    def name(self) -> str:
        """How minutes name an attendee: "Cllr A (substitute for Cllr B)"."""
        if self.in_place_of is None:
            return self.person.name
        return f"{self.person.name} (substitute for {self.in_place_of.name})"


def attendance_lines(meeting: Meeting) -> tuple[list[AttendanceLine], QuorumResult]:
    """Members on the day with their attendance, each followed by anyone who stood in for
    them, and whether enough voting members came under the board's rules."""
    memberships = list(
        Membership.objects.current(on=meeting.date)
        .filter(board=meeting.board)
        .select_related("person", "organisation")
        .order_by("role", "person__name")
    )
    recorded = {
        a.person_id: a for a in Attendance.objects.filter(meeting=meeting, in_place_of__isnull=True)
    }
    stood_in: dict[int, Attendance] = {
        a.in_place_of_id: a
        for a in Attendance.objects.filter(meeting=meeting, in_place_of__isnull=False)
        .select_related("person")
        .order_by("pk")
        if a.in_place_of_id is not None
    }
    role_order = {r: i for i, r in enumerate(Membership.Role.values)}
    memberships.sort(key=lambda m: (role_order.get(m.role, 99), m.person.name))
    lines, seen = [], set()
    for m in memberships:
        if m.person_id in seen:
            continue
        seen.add(m.person_id)
        a = recorded.get(m.person_id)
        lines.append(
            AttendanceLine(
                m.person,
                m.role,
                m.get_role_display(),
                m.represents,
                a.status if a else None,
                a.get_status_display() if a else "Not recorded",
            )
        )
        sub = stood_in.get(m.person_id)
        if sub is not None:
            lines.append(
                AttendanceLine(
                    sub.person,
                    "substitute",
                    "Substitute",
                    m.represents,
                    sub.status,
                    sub.get_status_display(),
                    in_place_of=m.person,
                )
            )
    present = {pid for pid, a in recorded.items() if a.status == Attendance.Status.PRESENT}
    seats = [Seat(m.person_id, m.role) for m in memberships]
    return lines, quorum_check(
        seats,
        present,
        meeting.board.quorum,
        substituted=set(stood_in),
        substitutes_count=meeting.board.substitutes_counted,
    )


def quorum_rule(board: Board) -> str:
    """The board's quorum as its standing orders would say it."""
    quorum = f"{board.quorum} voting member{'' if board.quorum == 1 else 's'}"
    if not board.substitutes_allowed:
        return f"Quorum is {quorum}. The board does not allow substitutes."
    if board.substitutes_count_towards_quorum:
        return (
            f"Quorum is {quorum}. A named substitute counts towards quorum in place of the "
            "member they attend for."
        )
    return f"Quorum is {quorum}. Substitutes may attend but do not count towards quorum."


def named_substitutes(meeting: Meeting) -> dict[int, list[Person]]:
    """For each member on the day, the people named to attend in their place."""
    named: dict[int, list[Person]] = defaultdict(list)
    if not meeting.board.substitutes_allowed:
        return named
    for s in (
        Substitute.objects.filter(
            membership__in=Membership.objects.current(on=meeting.date).filter(board=meeting.board)
        )
        .select_related("membership", "person")
        .order_by("person__name")
    ):
        if s.person not in named[s.membership.person_id]:
            named[s.membership.person_id].append(s.person)
    return named
