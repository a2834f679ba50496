"""Growing a database to a realistic size by copying its own rows in bulk, for the benchmarks.

Each function copies rows that are already there (the demo's, or a benchmark's own) with
everything a page reads about them, in batches, without going through the services: the
point is many rows quickly, not many writes. Copies keep their source's values, with titles
numbered so that they stay apart. Import after Django is set up.
"""

from __future__ import annotations

import itertools
from datetime import date
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.db.models import Max

from remit.core.models import Mission
from remit.core.models import Region
from remit.funding.models import Answer
from remit.funding.models import Bid
from remit.funding.models import BidAmount
from remit.funding.models import BidOutcome
from remit.funding.models import Determination
from remit.funding.models import Grant
from remit.funding.models import GrantPublication
from remit.funding.models import Instalment
from remit.funding.models import MonitoringReturn
from remit.funding.models import Payment
from remit.funding.models import Round
from remit.funding.models import Score
from remit.funding.workflow import BidStatus
from remit.indicators.models import Result
from remit.indicators.models import ResultMilestone
from remit.meetings.models import AgendaItem
from remit.meetings.models import Attendance
from remit.meetings.models import Decision
from remit.meetings.models import Meeting
from remit.meetings.models import Paper
from remit.meetings.models import PaperSection
from remit.meetings.models import Recommendation
from remit.proposals.models import MissionAlignment
from remit.proposals.models import Proposal

BATCH = 500


def copy_row(instance: Any, **changes: Any) -> Any:
    """An unsaved copy of ``instance`` with every column but its id, changed as told."""
    fields = {
        f.attname: getattr(instance, f.attname)
        for f in instance._meta.concrete_fields
        if not f.primary_key
    }
    return type(instance)(**{**fields, **changes})


def _batches(items: list[Any]) -> Any:
    for first in range(0, len(items), BATCH):
        yield first, items[first : first + BATCH]


def _by(rows: Any, key: str) -> dict[int, list[Any]]:
    grouped: dict[int, list[Any]] = {}
    for row in rows:
        grouped.setdefault(getattr(row, key), []).append(row)
    return grouped


# Published grants -----------------------------------------------------------------------


def grow_published_grants(region: Region, upto: int, *, into: Round | None = None) -> int:
    """Copy the region's published grants, with their bids, decisions, published versions,
    instalments, payments and monitoring returns, until there are ``upto``; the copies' bids
    go into ``into`` when given (so that another round's bids are left as they are).
    Returns how many published grants there are."""
    published = Grant.objects.filter(publication__isnull=False, bid__round__fund__region=region)
    originals = list(published.select_related("bid", "determination", "publication"))
    if not originals:
        raise SystemExit("there are no published grants to copy")
    instalments = _by(Instalment.objects.filter(grant__in=originals), "grant_id")
    payments = _by(Payment.objects.filter(grant__in=originals, reverses__isnull=True), "grant_id")
    returns = _by(MonitoringReturn.objects.filter(grant__in=originals), "grant_id")
    sources = [originals[i % len(originals)] for i in range(upto - len(originals))]
    with transaction.atomic():
        for first, batch in _batches(sources):
            grants = _copy_grants(batch, first, into)
            _copy_grant_money(batch, grants, instalments, payments, returns)
    return published.count()


def _copy_grants(sources: list[Grant], offset: int, into: Round | None) -> list[Grant]:
    numbers = range(offset, offset + len(sources))
    round_change = {"round_id": into.pk} if into else {}
    bids = Bid.all_objects.bulk_create(
        [
            copy_row(g.bid, title=f"{g.bid.title} ({n})", determination_id=None, **round_change)
            for g, n in zip(sources, numbers, strict=True)
        ]
    )
    decisions = Determination.objects.bulk_create(
        [copy_row(g.determination, bid_id=b.pk) for g, b in zip(sources, bids, strict=True)]
    )
    grants = Grant.all_objects.bulk_create(
        [
            copy_row(g, bid_id=b.pk, determination_id=d.pk, publication_id=None)
            for g, b, d in zip(sources, bids, decisions, strict=True)
        ]
    )
    versions = GrantPublication.objects.bulk_create(
        [
            copy_row(
                g.publication,
                grant_id=new.pk,
                identifier=f"{g.publication.identifier}-{n}",
                title=f"{g.publication.title} ({n})",
                supersedes_id=None,
            )
            for g, new, n in zip(sources, grants, numbers, strict=True)
        ]
    )
    for new, version in zip(grants, versions, strict=True):
        new.publication_id = version.pk
    Grant.all_objects.bulk_update(grants, ["publication_id"])
    return grants


def _copy_grant_money(
    sources: list[Grant],
    grants: list[Grant],
    instalments: dict[int, list[Instalment]],
    payments: dict[int, list[Payment]],
    returns: dict[int, list[MonitoringReturn]],
) -> None:
    pairs = [
        (new, old)
        for g, new in zip(sources, grants, strict=True)
        for old in instalments.get(g.pk, [])
    ]
    made = Instalment.objects.bulk_create([copy_row(old, grant_id=new.pk) for new, old in pairs])
    moved = {(new.pk, old.pk): copied.pk for (new, old), copied in zip(pairs, made, strict=True)}
    Payment.objects.bulk_create(
        [
            copy_row(
                p,
                grant_id=new.pk,
                instalment_id=moved.get((new.pk, p.instalment_id)),
                reverses_id=None,
            )
            for g, new in zip(sources, grants, strict=True)
            for p in payments.get(g.pk, [])
        ]
    )
    MonitoringReturn.objects.bulk_create(
        [
            copy_row(r, grant_id=new.pk)
            for g, new in zip(sources, grants, strict=True)
            for r in returns.get(g.pk, [])
        ]
    )


def earlier_round(round: Round) -> Round:
    """A closed copy of ``round`` (no questions or criteria) to hold copied grants' bids."""
    slug = f"{round.slug}-earlier"
    found = Round.objects.filter(fund=round.fund, slug=slug).first()
    if found:
        return found
    copy = copy_row(round, slug=slug, title=f"{round.title} (earlier)")
    copy.save()
    return copy


# Bids in a round --------------------------------------------------------------------------


def grow_bids(round: Round, upto: int) -> int:
    """Copy the round's bids (other than drafts) with their amounts, outcomes, answers,
    areas and scores, as submitted and not yet decided, until the round has ``upto``."""
    have = Bid.all_objects.filter(round=round).count()
    templates = list(
        Bid.all_objects.filter(round=round).exclude(status=BidStatus.DRAFT).order_by("pk")
    )
    if not templates:
        raise SystemExit(f"{round} has no bids to copy")
    amounts = _by(BidAmount.objects.filter(bid__in=templates), "bid_id")
    outcomes = _by(BidOutcome.objects.filter(bid__in=templates), "bid_id")
    answers = _by(Answer.objects.filter(bid__in=templates), "bid_id")
    scores = _by(Score.objects.filter(bid__in=templates), "bid_id")
    areas = _by(Bid.areas.through.objects.filter(bid__in=templates), "bid_id")
    sources = [templates[i % len(templates)] for i in range(max(0, upto - have))]
    with transaction.atomic():
        for first, batch in _batches(sources):
            made = Bid.all_objects.bulk_create(
                copy_row(
                    b,
                    title=f"{b.title} ({have + first + n})",
                    status=BidStatus.SUBMITTED,
                    recommendation_id=None,
                    determination_id=None,
                )
                for n, b in enumerate(batch)
            )
            for model, rows in (
                (BidAmount, amounts),
                (BidOutcome, outcomes),
                (Answer, answers),
                (Score, scores),
                (Bid.areas.through, areas),
            ):
                model.objects.bulk_create(
                    copy_row(row, bid_id=new.pk)
                    for old, new in zip(batch, made, strict=True)
                    for row in rows.get(old.pk, [])
                )
    return Bid.all_objects.filter(round=round).count()


def score_unscored(round: Round, assessors: list[Any]) -> None:
    """Score every unscored bid of the round on each criterion by each assessor: the first
    gives 4, the second 1 on two bids in three (so moderation has bids to flag)."""
    criteria = list(round.criteria.all())
    new = Bid.all_objects.filter(round=round).exclude(scores__isnull=False)
    Score.objects.bulk_create(
        Score(bid=bid, criterion=c, assessor=who, score=1 if who == assessors[1] and n % 3 else 4)
        for n, bid in enumerate(new)
        for c in criteria
        for who in assessors
    )


# Results ----------------------------------------------------------------------------------


def grow_results(region: Region, mission: Mission, upto: int) -> int:
    """Published results for the mission, each with a milestone, until the region has
    ``upto``."""
    have = Result.all_objects.filter(region=region).count()
    results = Result.all_objects.bulk_create(
        Result(region=region, title=f"Result {n:05d}", owner_label="A grant", is_published=True)
        for n in range(have, upto)
    )
    Result.missions.through.objects.bulk_create(
        Result.missions.through(result_id=r.pk, mission_id=mission.pk) for r in results
    )
    ResultMilestone.objects.bulk_create(
        ResultMilestone(result=r, title="M", due=date(2018, 1, 1) + timedelta(days=r.pk % 900))
        for r in results
    )
    return Result.all_objects.filter(region=region).count()


# Proposals --------------------------------------------------------------------------------


def grow_proposals(region: Region, upto: int) -> int:
    """Copy the region's proposals with their mission alignments and partners until there
    are ``upto``."""
    mine = Proposal.all_objects.filter(deal__region=region)
    have = mine.count()
    templates = list(mine.order_by("pk"))
    if not templates:
        raise SystemExit(f"{region} has no proposals to copy")
    alignments = _by(MissionAlignment.objects.filter(proposal__in=templates), "proposal_id")
    partners = _by(Proposal.partners.through.objects.filter(proposal__in=templates), "proposal_id")
    sources = [templates[i % len(templates)] for i in range(max(0, upto - have))]
    with transaction.atomic():
        for first, batch in _batches(sources):
            made = Proposal.all_objects.bulk_create(
                copy_row(p, title=f"{p.title} ({have + first + n})", source_idea_id=None)
                for n, p in enumerate(batch)
            )
            for model, rows in (
                (MissionAlignment, alignments),
                (Proposal.partners.through, partners),
            ):
                model.objects.bulk_create(
                    copy_row(row, proposal_id=new.pk)
                    for old, new in zip(batch, made, strict=True)
                    for row in rows.get(old.pk, [])
                )
    return mine.count()


# Meetings ---------------------------------------------------------------------------------


def grow_meetings(region: Region, upto: int) -> int:
    """Copy the region's held meetings, each with its agenda, papers (sections and
    recommendations), attendance and decisions, into earlier weeks until the region has
    ``upto`` meetings."""
    mine = Meeting.objects.for_region(region)
    have = mine.count()
    done = [Meeting.Status.HELD, Meeting.Status.MINUTES_APPROVED]
    templates = list(mine.filter(status__in=done).order_by("pk"))
    if not templates:
        raise SystemExit(f"{region} has no held meetings to copy")
    taken = set(mine.values_list("board_id", "date", "start_time"))
    sequences = {
        (row["board_id"], row["year"]): row["top"]
        for row in Decision.objects.filter(board__region=region)
        .values("board_id", "year")
        .annotate(top=Max("sequence"))
    }
    counter = itertools.count(have)
    with transaction.atomic():
        for n in range(max(0, upto - have)):
            source = templates[n % len(templates)]
            day = source.date - timedelta(weeks=1 + n // len(templates))
            while (source.board_id, day, source.start_time) in taken:
                day -= timedelta(days=1)
            taken.add((source.board_id, day, source.start_time))
            _copy_meeting(source, day, next(counter), sequences)
    return mine.count()


def _copy_meeting(
    source: Meeting, day: date, number: int, sequences: dict[tuple[int, int], int]
) -> None:
    meeting = copy_row(source, date=day, series=None)
    meeting.save()
    Attendance.objects.bulk_create(
        copy_row(a, meeting_id=meeting.pk, in_place_of_id=None)
        for a in Attendance.objects.filter(meeting=source)
    )
    old_items = list(AgendaItem.objects.filter(meeting=source).order_by("pk"))
    items = AgendaItem.objects.bulk_create(
        copy_row(i, meeting_id=meeting.pk, rolled_from_id=None, origin_id=None) for i in old_items
    )
    item_of = {old.pk: new.pk for old, new in zip(old_items, items, strict=True)}
    old_papers = list(Paper.objects.filter(item__in=old_items).order_by("pk"))
    papers = Paper.objects.bulk_create(copy_row(p, item_id=item_of[p.item_id]) for p in old_papers)
    paper_of = {old.pk: new.pk for old, new in zip(old_papers, papers, strict=True)}
    for model in (PaperSection, Recommendation):
        model.objects.bulk_create(
            copy_row(row, paper_id=paper_of[row.paper_id])
            for row in model.objects.filter(paper__in=old_papers)
        )
    decisions = []
    for d in Decision.objects.filter(item__in=old_items, supersedes__isnull=True).order_by("pk"):
        key = (d.board_id, d.year)
        sequences[key] = sequences.get(key, 0) + 1
        decisions.append(
            copy_row(
                d,
                item_id=item_of[d.item_id],
                sequence=sequences[key],
                reference=f"{d.reference}-{number}",
            )
        )
    Decision.objects.bulk_create(decisions)
