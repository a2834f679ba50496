"""Substitutes: a person named for a member's seat attends in their place and, where the
board's rules say so, counts once towards quorum instead of the member."""

from __future__ import annotations

from datetime import date
from datetime import timedelta
from typing import Any

import pytest
from django.db import IntegrityError
from django.db import transaction
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st
from meetings_support import at

from property_examples import examples
from remit.core.errors import DomainError
from remit.core.models import Board
from remit.core.models import Membership
from remit.core.models import Person
from remit.core.models import Substitute
from remit.core.models import User
from remit.meetings import selectors
from remit.meetings import services
from remit.meetings.models import AgendaItem
from remit.meetings.models import Attendance
from remit.meetings.models import Meeting
from remit.meetings.rules import Seat
from remit.meetings.rules import quorum_check

FEW_SEATS, MANY_SEATS = 2, 12
ATTENDANCE_MOST_QUERIES = 11
SUBSTITUTES_MOST_QUERIES = 9


@pytest.fixture
def stand_in(region: Any, rep: Person) -> Person:
    return Person.objects.create(
        region=region, slug="northton-sub", name="Sam Stand-in", organisation=rep.organisation
    )


@pytest.fixture
def other(region: Any, rep: Person) -> Person:
    return Person.objects.create(
        region=region, slug="northton-deputy", name="Dee Deputy", organisation=rep.organisation
    )


@pytest.fixture
def allowing(board: Board, officer: User, rep: Person, stand_in: Person, other: Person) -> Board:
    """The board allows substitutes; Sam and Dee are named for Nia North's seat."""
    board.substitutes_allowed = True
    board.save()
    services.substitutes_name(
        by=officer, membership=Membership.objects.get(board=board, person=rep), people=[stand_in]
    )
    return board


def _record(meeting: Meeting, by: User, statuses: dict[int, str], pairs: Any = None) -> Any:
    return services.attendance_record(by=by, meeting=meeting, statuses=statuses, substitutes=pairs)


def test_a_substitute_counts_for_quorum_in_place_of_the_member(
    allowing: Board, meeting: Meeting, officer: User, chair: Person, rep: Person, stand_in: Person
) -> None:
    _record(
        meeting,
        officer,
        {chair.pk: "present", rep.pk: "apologies"},
        [(stand_in.pk, rep.pk)],
    )
    result = services.quorum_for(meeting)
    assert (result.present, result.voting_members, result.substitutes) == (2, 2, 1)
    assert result.quorate


def test_a_substitute_does_not_count_where_the_board_says_so(
    allowing: Board, meeting: Meeting, officer: User, chair: Person, rep: Person, stand_in: Person
) -> None:
    allowing.substitutes_count_towards_quorum = False
    allowing.save()
    _record(meeting, officer, {chair.pk: "present"}, [(stand_in.pk, rep.pk)])
    result = services.quorum_for(meeting)
    assert result.present == 1
    assert not result.quorate
    assert selectors.attendance_lines(meeting)[1] == result


def test_a_member_and_their_substitute_cannot_both_count(
    allowing: Board, meeting: Meeting, officer: User, chair: Person, rep: Person, stand_in: Person
) -> None:
    with pytest.raises(DomainError, match="Nia North is recorded as present") as refused:
        _record(meeting, officer, {rep.pk: "present"}, [(stand_in.pk, rep.pk)])
    assert refused.value.field == f"substitute_{rep.pk}"
    assert not Attendance.objects.filter(meeting=meeting).exists()


def test_a_member_marked_present_later_is_refused_while_their_substitute_stands(
    allowing: Board, meeting: Meeting, officer: User, rep: Person, stand_in: Person
) -> None:
    _record(meeting, officer, {rep.pk: "apologies"}, [(stand_in.pk, rep.pk)])
    with pytest.raises(DomainError, match="cannot also attend in their place"):
        _record(meeting, officer, {rep.pk: "present"})
    assert Attendance.objects.get(meeting=meeting, person=rep).status == "apologies"


def test_a_board_without_substitutes_refuses_one(
    board: Board, meeting: Meeting, officer: User, rep: Person, stand_in: Person
) -> None:
    with pytest.raises(DomainError, match="does not allow substitutes") as refused:
        _record(meeting, officer, {rep.pk: "apologies"}, [(stand_in.pk, rep.pk)])
    assert refused.value.field == f"substitute_{rep.pk}"
    assert not Attendance.objects.filter(meeting=meeting).exists()


def test_only_a_named_substitute_may_attend_in_a_members_place(
    allowing: Board, meeting: Meeting, officer: User, rep: Person, other: Person
) -> None:
    with pytest.raises(DomainError, match="Dee Deputy is not a named substitute for Nia North"):
        _record(meeting, officer, {rep.pk: "apologies"}, [(other.pk, rep.pk)])
    assert not Attendance.objects.filter(meeting=meeting).exists()


def test_a_substitute_named_for_one_seat_cannot_stand_in_for_another_member(
    allowing: Board, meeting: Meeting, officer: User, chair: Person, stand_in: Person
) -> None:
    with pytest.raises(DomainError, match="not a named substitute for Chris Chair"):
        _record(meeting, officer, {chair.pk: "apologies"}, [(stand_in.pk, chair.pk)])


def test_two_people_cannot_substitute_for_the_same_member(
    allowing: Board, meeting: Meeting, officer: User, rep: Person, stand_in: Person, other: Person
) -> None:
    services.substitutes_name(
        by=officer,
        membership=Membership.objects.get(board=allowing, person=rep),
        people=[stand_in, other],
    )
    with pytest.raises(DomainError, match="Only one person can attend in place of Nia North"):
        _record(meeting, officer, {}, [(stand_in.pk, rep.pk), (other.pk, rep.pk)])
    assert not Attendance.objects.filter(meeting=meeting).exists()


def test_one_person_cannot_substitute_for_two_members(
    allowing: Board, meeting: Meeting, officer: User, chair: Person, rep: Person, stand_in: Person
) -> None:
    services.substitutes_name(
        by=officer,
        membership=Membership.objects.get(board=allowing, person=chair),
        people=[stand_in],
    )
    with pytest.raises(DomainError, match="can attend in place of one member only"):
        _record(meeting, officer, {}, [(stand_in.pk, rep.pk), (stand_in.pk, chair.pk)])


def test_a_member_of_the_board_cannot_attend_as_a_substitute(
    allowing: Board, meeting: Meeting, officer: User, chair: Person, rep: Person
) -> None:
    with pytest.raises(DomainError, match=r"Chris Chair sits on .* in their own right"):
        _record(meeting, officer, {rep.pk: "apologies"}, [(chair.pk, rep.pk)])


def test_a_substitute_left_off_the_list_is_taken_off_with_the_change_attributed(
    allowing: Board, meeting: Meeting, officer: User, rep: Person, stand_in: Person
) -> None:
    _record(meeting, officer, {rep.pk: "apologies"}, [(stand_in.pk, rep.pk)])
    row = Attendance.objects.get(meeting=meeting, in_place_of=rep)
    added = row.history.get()
    assert (added.history_user, added.history_change_reason) == (
        officer,
        "Attended in place of Nia North",
    )
    _record(meeting, officer, {rep.pk: "apologies"}, [])
    assert not Attendance.objects.filter(meeting=meeting, in_place_of=rep).exists()
    removed = Attendance.history.filter(id=row.pk).latest("history_id")
    assert removed.history_type == "-"
    assert removed.history_user == officer


def test_recording_statuses_alone_keeps_the_substitutes_already_recorded(
    allowing: Board, meeting: Meeting, officer: User, chair: Person, rep: Person, stand_in: Person
) -> None:
    _record(meeting, officer, {rep.pk: "apologies"}, [(stand_in.pk, rep.pk)])
    _record(meeting, officer, {chair.pk: "present"})
    assert Attendance.objects.filter(meeting=meeting, in_place_of=rep, person=stand_in).exists()


def test_holding_a_meeting_counts_the_substitute_towards_quorum(
    allowing: Board,
    schedule: Any,
    officer: User,
    chair: Person,
    rep: Person,
    stand_in: Person,
) -> None:
    held = schedule(date(2018, 4, 24))
    services.agenda_publish(by=officer, meeting=held, at=at(held.date - timedelta(days=14)))
    _record(held, officer, {chair.pk: "present", rep.pk: "apologies"}, [(stand_in.pk, rep.pk)])
    assert services.meeting_mark_held(by=officer, meeting=held).quorate
    held.refresh_from_db()
    assert held.quorate


def test_a_member_cannot_be_their_own_substitute(
    allowing: Board, officer: User, rep: Person
) -> None:
    with pytest.raises(DomainError, match="cannot be named as their own substitute") as refused:
        services.substitutes_name(
            by=officer, membership=Membership.objects.get(board=allowing, person=rep), people=[rep]
        )
    assert refused.value.field == "substitutes"


def test_substitutes_cannot_be_named_where_the_board_allows_none(
    board: Board, officer: User, rep: Person, stand_in: Person
) -> None:
    with pytest.raises(DomainError, match="does not allow substitutes"):
        services.substitutes_name(
            by=officer,
            membership=Membership.objects.get(board=board, person=rep),
            people=[stand_in],
        )
    assert not Substitute.objects.exists()


def test_naming_substitutes_is_for_officers(
    allowing: Board, member_user: User, rep: Person, other: Person
) -> None:
    from remit.core.errors import NotPermitted

    with pytest.raises(NotPermitted):
        services.substitutes_name(
            by=member_user,
            membership=Membership.objects.get(board=allowing, person=rep),
            people=[other],
        )


def test_the_meeting_page_names_the_substitute_and_the_quorum_rule(
    client: Any,
    allowing: Board,
    meeting: Meeting,
    officer: User,
    chair: Person,
    rep: Person,
    stand_in: Person,
) -> None:
    _record(meeting, officer, {chair.pk: "present", rep.pk: "apologies"}, [(stand_in.pk, rep.pk)])
    client.force_login(officer)
    body = client.get(reverse("meetings:meeting", args=[meeting.pk])).content.decode()
    assert "Sam Stand-in (substitute for Nia North)" in body
    assert "A named substitute counts towards quorum in place of the member" in body
    assert "2 of 2 voting members counted as present, including 1 by substitute" in body


def test_the_attendance_page_records_who_attended_in_a_members_place(
    client: Any,
    allowing: Board,
    meeting: Meeting,
    officer: User,
    chair: Person,
    rep: Person,
    stand_in: Person,
) -> None:
    client.force_login(officer)
    url = reverse("meetings:attendance", args=[meeting.pk])
    page = client.get(url).content.decode()
    assert "Who attended in place of Nia North" in page
    assert "Who attended in place of Chris Chair" not in page
    response = client.post(
        url,
        {
            f"person_{chair.pk}": "present",
            f"person_{rep.pk}": "apologies",
            f"substitute_{rep.pk}": str(stand_in.pk),
        },
    )
    assert response.status_code == 302
    assert Attendance.objects.get(meeting=meeting, in_place_of=rep).person == stand_in


def test_the_attendance_page_shows_the_refusal_on_the_substitute_field(
    client: Any,
    allowing: Board,
    meeting: Meeting,
    officer: User,
    chair: Person,
    rep: Person,
    stand_in: Person,
) -> None:
    client.force_login(officer)
    response = client.post(
        reverse("meetings:attendance", args=[meeting.pk]),
        {
            f"person_{chair.pk}": "present",
            f"person_{rep.pk}": "present",
            f"substitute_{rep.pk}": str(stand_in.pk),
        },
    )
    assert response.status_code == 200
    assert (
        "Nia North is recorded as present"
        in response.context["form"].errors[f"substitute_{rep.pk}"][0]
    )
    assert not Attendance.objects.filter(meeting=meeting).exists()


def test_public_minutes_show_who_attended_as_a_substitute(
    client: Any,
    allowing: Board,
    schedule: Any,
    officer: User,
    chair: Person,
    rep: Person,
    stand_in: Person,
    django_capture_on_commit_callbacks: Any,
) -> None:
    first, second = schedule(date(2018, 4, 24)), schedule(date(2018, 7, 24))
    services.agenda_publish(by=officer, meeting=first, at=at(date(2018, 4, 10)))
    with django_capture_on_commit_callbacks(execute=False):
        services.meeting_publish_public(by=officer, meeting=first, at=at(date(2018, 4, 10)))
    _record(first, officer, {chair.pk: "present", rep.pk: "apologies"}, [(stand_in.pk, rep.pk)])
    services.meeting_mark_held(by=officer, meeting=first)
    services.minutes_draft(by=officer, meeting=first, body="The board met.")
    services.agenda_publish(by=officer, meeting=second, at=at(date(2018, 7, 10)))
    _record(second, officer, {chair.pk: "present", rep.pk: "present"})
    services.meeting_mark_held(by=officer, meeting=second)
    services.minutes_approve(by=officer, item=second.items.get(kind=AgendaItem.Kind.MINUTES))
    body = client.get(reverse("meetings_public:minutes", args=[first.pk])).content.decode()
    assert "Sam Stand-in (substitute for Nia North) (Substitute, Northton Council)" in body


def test_the_meeting_page_makes_no_more_queries_with_substitutes(
    client: Any,
    allowing: Board,
    meeting: Meeting,
    officer: User,
    chair: Person,
    rep: Person,
    stand_in: Person,
    page_queries_stay_flat: Any,
) -> None:
    client.force_login(officer)

    def grow() -> None:
        _record(
            meeting, officer, {chair.pk: "present", rep.pk: "apologies"}, [(stand_in.pk, rep.pk)]
        )

    body = page_queries_stay_flat(reverse("meetings:meeting", args=[meeting.pk]), grow)
    assert "Sam Stand-in (substitute for Nia North)" in body


SEATS = st.lists(
    st.builds(
        Seat,
        st.integers(min_value=1, max_value=12),
        st.sampled_from(["chair", "vice_chair", "member", "adviser", "secretariat"]),
    ),
    max_size=12,
)
PEOPLE = st.sets(st.integers(min_value=1, max_value=15), max_size=15)


@examples(200)
@given(SEATS, PEOPLE, PEOPLE, st.integers(min_value=1, max_value=12), st.booleans())
def test_the_quorum_count_never_exceeds_the_voting_membership(
    seats: list[Seat], present: set[int], substituted: set[int], quorum: int, count: bool
) -> None:
    result = quorum_check(seats, present, quorum, substituted=substituted, substitutes_count=count)
    without = quorum_check(seats, present, quorum)
    assert 0 <= result.present <= result.voting_members
    assert result.present == without.present + (result.substitutes if count else 0)
    assert result.present >= without.present


def test_an_officer_names_substitutes_from_the_board_page(
    client: Any, officer: User, board: Board, rep: Person, stand_in: Person, other: Person
) -> None:
    board.substitutes_allowed = True
    board.save()
    seat = Membership.objects.get(board=board, person=rep)
    client.force_login(officer)
    board_url = reverse("registry:detail", args=["boards", board.slug])
    assert reverse("meetings:substitutes", args=[seat.pk]) in client.get(board_url).content.decode()
    url = reverse("meetings:substitutes", args=[seat.pk])
    form = client.get(url).content.decode()
    assert "Sam Stand-in" in form
    assert "People from Northton Council" in form
    response = client.post(url, {"substitutes": [stand_in.pk, other.pk]})
    assert response.status_code == 302
    page = client.get(board_url).content.decode()
    assert "Substitutes: Dee Deputy, Sam Stand-in" in page
    assert "a named substitute counts towards quorum in place of the member" in page
    named = Substitute.history.filter(person=stand_in).get()
    assert (named.history_user, named.history_change_reason) == (
        officer,
        "Named as a substitute for Nia North",
    )


def test_the_board_form_sets_the_substitutes_rules(
    client: Any, officer: User, board: Board
) -> None:
    client.force_login(officer)
    form = client.get(reverse("registry:edit", args=["boards", board.slug])).content.decode()
    assert "Substitutes allowed" in form
    assert "Substitutes count towards quorum" in form


def test_the_database_refuses_a_second_substitute_for_one_member(
    meeting: Meeting, rep: Person, stand_in: Person, other: Person
) -> None:
    Attendance.objects.create(meeting=meeting, person=stand_in, in_place_of=rep, status="present")
    with pytest.raises(IntegrityError), transaction.atomic():
        Attendance.objects.create(meeting=meeting, person=other, in_place_of=rep, status="present")


def test_the_database_records_a_substitute_only_as_present(
    meeting: Meeting, rep: Person, stand_in: Person
) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Attendance.objects.create(
            meeting=meeting, person=stand_in, in_place_of=rep, status="apologies"
        )


def test_the_attendance_page_makes_no_more_queries_with_more_members_and_substitutes(
    client: Any,
    allowing: Board,
    meeting: Meeting,
    officer: User,
    rep: Person,
    page_queries_stay_flat: Any,
    django_assert_max_num_queries: Any,
) -> None:
    def seat(numbers: range) -> None:
        for n in numbers:
            member, deputy = (
                Person.objects.create(
                    region=allowing.region,
                    slug=f"{kind}-{n:02d}",
                    name=f"{kind.capitalize()} {n:02d}",
                    organisation=rep.organisation,
                )
                for kind in ("member", "deputy")
            )
            membership = Membership.objects.create(
                board=allowing, person=member, organisation=rep.organisation
            )
            services.substitutes_name(by=officer, membership=membership, people=[deputy])

    seat(range(FEW_SEATS))
    client.force_login(officer)
    url = reverse("meetings:attendance", args=[meeting.pk])
    body = page_queries_stay_flat(url, lambda: seat(range(FEW_SEATS, MANY_SEATS)))
    for n in range(MANY_SEATS):
        assert f"Who attended in place of Member {n:02d}" in body
        assert f">Deputy {n:02d}</option>" in body
    with django_assert_max_num_queries(ATTENDANCE_MOST_QUERIES):
        client.get(url)


def test_the_substitutes_page_makes_no_more_queries_with_more_people_to_choose_from(
    client: Any,
    allowing: Board,
    officer: User,
    rep: Person,
    page_queries_stay_flat: Any,
    django_assert_max_num_queries: Any,
) -> None:
    membership = Membership.objects.get(board=allowing, person=rep)

    def colleagues(numbers: range) -> None:
        for n in numbers:
            Person.objects.create(
                region=allowing.region,
                slug=f"colleague-{n:02d}",
                name=f"Colleague {n:02d}",
                organisation=rep.organisation,
            )
        named = Person.objects.filter(slug__startswith="colleague-").order_by("slug")[::2]
        services.substitutes_name(by=officer, membership=membership, people=named)

    colleagues(range(FEW_SEATS))
    client.force_login(officer)
    url = reverse("meetings:substitutes", args=[membership.pk])
    body = page_queries_stay_flat(url, lambda: colleagues(range(FEW_SEATS, MANY_SEATS)))
    for n in range(MANY_SEATS):
        assert f"Colleague {n:02d}" in body
    assert "Sam Stand-in" in body
    with django_assert_max_num_queries(SUBSTITUTES_MOST_QUERIES):
        client.get(url)
