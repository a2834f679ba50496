"""Board rules that are plain arithmetic: quorum, decision references, on-time rates.

No Django here, so the services, the dashboard and the tests share one answer.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

VOTING_ROLES = frozenset({"chair", "vice_chair", "member"})
PREJUDICIAL_INTERESTS = frozenset({"disclosable_pecuniary", "other_prejudicial"})


@dataclass(frozen=True)
class Seat:
    """One membership held on the day of a meeting."""

    person_id: int
    role: str


@dataclass(frozen=True)
class QuorumResult:
    required: int
    voting_members: int
    present: int
    substitutes: int = 0
    substitutes_count: bool = False

    @property
    def quorate(self) -> bool:
        return self.present >= self.required

    @property
    def short_by(self) -> int:
        return max(self.required - self.present, 0)


def quorum_check(
    seats: Iterable[Seat],
    present: Collection[int],
    quorum: int,
    *,
    substituted: Collection[int] = (),
    substitutes_count: bool = False,
) -> QuorumResult:
    """Count the voting members present; advisers and the secretariat never make a quorum.

    ``substituted`` are the members a named substitute attended for. Where the board's rules
    let substitutes count, each counts once, in the member's place, so a seat is never counted
    twice however it is filled.
    """
    voting = {seat.person_id for seat in seats if seat.role in VOTING_ROLES}
    members_present = voting & set(present)
    filled = voting & set(substituted) - members_present
    counted = members_present | filled if substitutes_count else members_present
    return QuorumResult(
        required=quorum,
        voting_members=len(voting),
        present=len(counted),
        substitutes=len(filled),
        substitutes_count=substitutes_count,
    )


def reference_prefix(decision_reference_prefix: str, board_slug: str) -> str:
    return (decision_reference_prefix or board_slug).strip().upper()


def decision_reference(prefix: str, year: int, sequence: int) -> str:
    """A decision's place in its board's series, e.g. CSP/D/2018/07."""
    if sequence < 1:
        raise ValueError("decision numbers start at 1")
    return f"{prefix}/D/{year}/{sequence:02d}"


def financial_year(day: date) -> str:
    """April to March, written 2018/19."""
    start = day.year if day.month >= 4 else day.year - 1
    return f"{start}/{(start + 1) % 100:02d}"


def financial_quarter(day: date) -> str:
    """The financial year's quarter, Q1 being April to June: "2018/19 Q1"."""
    quarter = ((day.month - 4) % 12) // 3 + 1
    return f"{financial_year(day)} Q{quarter}"


@dataclass(frozen=True)
class PaperTiming:
    board: str
    meeting_date: date
    late: bool


@dataclass(frozen=True)
class OnTimeRate:
    board: str
    quarter: str
    papers: int
    on_time: int

    @property
    def percent(self) -> int:
        """Whole per cent, rounded half up, so a dashboard never shows 100% with a late paper."""
        if self.papers == 0:
            return 0
        value = (200 * self.on_time + self.papers) // (2 * self.papers)
        return 99 if value == 100 and self.on_time < self.papers else value


def on_time_rates(timings: Iterable[PaperTiming]) -> list[OnTimeRate]:
    """Papers published by their deadline, per board and financial quarter of the meeting."""
    totals: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for t in timings:
        bucket = totals[(t.board, financial_quarter(t.meeting_date))]
        bucket[0] += 1
        bucket[1] += 0 if t.late else 1
    return [
        OnTimeRate(board, quarter, papers, on_time)
        for (board, quarter), (papers, on_time) in sorted(totals.items())
    ]


REJECTED = "rejected"
REFERRED_BACK = "referred_back"
IF_NOT_AGREED = (REJECTED, REFERRED_BACK)


@dataclass(frozen=True)
class ForumVerdict:
    """What a board's decision on an item means for the proposal the item is about.

    `outcome` is one of the proposals' forum outcomes; `changes` and `reasons` are what
    that outcome has to say (the amendments; why it was referred back).
    """

    outcome: str
    changes: str = ""
    reasons: str = ""


def forum_verdict(
    outcomes: Iterable[tuple[str, str]], *, resolution: str, if_not_agreed: str = REJECTED
) -> ForumVerdict | None:
    """The forum decision a board's outcomes give, or None when the proposal stays put.

    Anything deferred means the board has not finished with it, and noting alone decides
    nothing: no forum decision. Anything not agreed rejects it, or refers it back with the
    resolution as the reasons. Otherwise it is endorsed, with the amendments as the changes
    when any recommendation was agreed as amended. `outcomes` are (outcome, amended text).
    """
    given = list(outcomes)
    kinds = {outcome for outcome, _ in given}
    if "deferred" in kinds or kinds <= {"noted"}:
        return None
    if "not_agreed" in kinds:
        if if_not_agreed == REFERRED_BACK:
            return ForumVerdict(REFERRED_BACK, reasons=resolution.strip())
        return ForumVerdict(REJECTED)
    amendments = [text.strip() for outcome, text in given if outcome == "agreed_as_amended"]
    if amendments:
        return ForumVerdict("endorsed_with_changes", changes="\n\n".join(amendments))
    return ForumVerdict("endorsed")


HELD = frozenset({"held", "minutes_approved"})


def papers_published_note(
    status: str, meeting_date: date, public_on: date | None, today: date
) -> str:
    """When the public got the papers, said truthfully once the meeting has passed."""
    if public_on is not None:
        when = f"{public_on.day} {public_on:%B %Y}"
        return f"{when}, after the meeting" if public_on > meeting_date else when
    if status == "cancelled":
        return "None: the meeting was cancelled"
    if status in HELD or meeting_date < today:
        return "Not published before the meeting"
    return "Not yet"


def meeting_state_note(status: str, quorate: bool | None, meeting_date: date, today: date) -> str:
    """Where a meeting stands, in words for the public."""
    if status == "cancelled":
        return "Cancelled"
    if status == "minutes_approved":
        return "Held; its minutes are approved"
    if status == "held":
        if quorate is False:
            return "Held, but inquorate: it could not decide, so its business moved on"
        return "Held; its minutes are not yet approved"
    if meeting_date < today:
        return "The date has passed; the meeting is not yet recorded as held"
    return "Coming up"
