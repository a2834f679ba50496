"""Published and unpublished records of every kind the public home shows, built directly and
quickly (a thousand of each for the query-count tests)."""

from __future__ import annotations

from datetime import UTC
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from decimal import Decimal
from typing import Any

from remit.core.models import Board
from remit.core.models import Region
from remit.core.models import User
from remit.funding.models import Bid
from remit.funding.models import Determination
from remit.funding.models import Fund
from remit.funding.models import Grant
from remit.funding.models import GrantPublication
from remit.funding.models import Round
from remit.funding.workflow import BidStatus
from remit.funding.workflow import Outcome
from remit.indicators.models import Indicator
from remit.indicators.models import IndicatorValue
from remit.indicators.models import Origin
from remit.indicators.models import Polarity
from remit.indicators.models import Target
from remit.indicators.models import Unit
from remit.meetings.models import AgendaItem
from remit.meetings.models import Decision
from remit.meetings.models import Meeting
from remit.meetings.models import Paper

NOW = datetime(2030, 6, 14, 12, 0, tzinfo=UTC)
TODAY = NOW.date()


class Records:
    """Makes meetings, papers, decisions, rounds, grants and indicators for the test region."""

    def __init__(self, region: Region, user: User) -> None:
        self.region = region
        self.user = user
        self.board = region.boards.get(slug="csp")
        self.person = region.people.get(slug="commissioner")
        self.organisation = region.organisations.get(slug="safe-streets")
        self._fund: Fund | None = None
        self._count = 0

    def _next(self) -> int:
        self._count += 1
        return self._count

    # --- meetings, papers and decisions

    def meetings(
        self,
        days: list[date],
        *,
        board: Board | None = None,
        public: bool = True,
        title: str = "",
        status: str = Meeting.Status.SCHEDULED,
    ) -> list[Meeting]:
        return Meeting.objects.bulk_create(
            Meeting(
                board=board or self.board,
                date=day,
                start_time=time(10),
                location="Town Hall",
                title=title,
                status=status,
                public_at=NOW - timedelta(days=30) if public else None,
            )
            for day in days
        )

    def meeting(self, day: date, **kwargs: Any) -> Meeting:
        return self.meetings([day], **kwargs)[0]

    def papers(
        self,
        meeting: Meeting,
        titles: list[str],
        *,
        status: str = Paper.Status.PUBLIC,
        private: bool = False,
        published: datetime | None = None,
    ) -> list[Paper]:
        start = self._count
        self._count += len(titles)
        items = AgendaItem.objects.bulk_create(
            AgendaItem(
                meeting=meeting,
                position=start + n,
                kind=AgendaItem.Kind.REPORT,
                title=title,
                private=private,
                exemption="3" if private else "",
            )
            for n, title in enumerate(titles)
        )
        at = published or NOW - timedelta(days=10)
        public = status in (Paper.Status.PUBLIC, Paper.Status.WITHDRAWN)
        return Paper.objects.bulk_create(
            Paper(
                item=item,
                title=item.title,
                purpose="To inform the board.",
                status=status,
                members_published_at=None if status == Paper.Status.DRAFT else at,
                public_published_at=at if public else None,
                withdrawn_reason="Superseded." if status == Paper.Status.WITHDRAWN else "",
            )
            for item in items
        )

    def paper(self, meeting: Meeting, title: str, **kwargs: Any) -> Paper:
        return self.papers(meeting, [title], **kwargs)[0]

    def decisions(self, paper: Paper, days: list[date]) -> list[Decision]:
        item = paper.item
        meeting = item.meeting
        first = self._count + 1
        self._count += len(days)
        return Decision.objects.bulk_create(
            Decision(
                board=meeting.board,
                item=item,
                year=2030,
                sequence=first + n,
                reference=f"{meeting.board.slug.upper()}/2030/{first + n}",
                summary=f"The board agreed {item.title}.",
                published_on=day,
                effective_on=day,
            )
            for n, day in enumerate(days)
        )

    def decision(self, paper: Paper, day: date) -> Decision:
        return self.decisions(paper, [day])[0]

    # --- funding

    @property
    def fund(self) -> Fund:
        if self._fund is None:
            self._fund = Fund.objects.create(
                region=self.region,
                slug="community-safety-fund",
                name="Community Safety Fund",
                financial_year="2030/31",
                budget_pence=10_000_000,
                owner=self.region.organisations.get(slug="opcc"),
                decision_maker=self.person,
                recommending_board=self.board,
            )
        return self._fund

    def rounds(self, spans: list[tuple[datetime, datetime]], title: str = "Round") -> list[Round]:
        first = self._next()
        self._count += len(spans)
        return Round.objects.bulk_create(
            Round(
                fund=self.fund,
                slug=f"round-{first + n}",
                title=f"{title} {first + n}" if len(spans) > 1 else title,
                opens_at=opens,
                closes_at=closes,
                eligibility="Charities and councils in Testshire.",
            )
            for n, (opens, closes) in enumerate(spans)
        )

    def round(self, opens: datetime, closes: datetime, title: str) -> Round:
        return self.rounds([(opens, closes)], title)[0]

    def grants(
        self, titles: list[str], award: list[date], *, published: bool = True
    ) -> list[Grant]:
        (round,) = self.rounds([(NOW - timedelta(days=400), NOW - timedelta(days=300))], "Past")
        bids = Bid.all_objects.bulk_create(
            Bid(
                round=round,
                organisation=self.organisation,
                title=title,
                status=BidStatus.AWARDED,
                created_by=self.user,
                submitted_at=NOW - timedelta(days=350),
            )
            for title in titles
        )
        determinations = Determination.objects.bulk_create(
            Determination(
                bid=bid,
                outcome=Outcome.FUND_IN_FULL,
                amount_pence=100_000,
                decided_by=self.person,
                decided_on=day,
                recorded_by=self.user,
            )
            for bid, day in zip(bids, award, strict=True)
        )
        grants = Grant.all_objects.bulk_create(
            Grant(
                bid=bid,
                determination=determination,
                amount_pence=100_000,
                is_published=published,
                published_at=NOW - timedelta(days=5) if published else None,
            )
            for bid, determination in zip(bids, determinations, strict=True)
        )
        if not published:
            return grants
        publications = GrantPublication.objects.bulk_create(
            GrantPublication(
                grant=grant,
                version=1,
                identifier=f"360G-test-{grant.pk}",
                title=bid.title,
                recipient_name=self.organisation.name,
                recipient_identifier="GB-TEST-1",
                funder_name="Office of the Testshire PCC",
                funder_identifier="GB-TEST-2",
                amount_pence=100_000,
                award_date=day,
                decided_by=self.person.name,
                programme_code="fund-past",
                programme_title="Community Safety Fund: Past",
                fund_name="Community Safety Fund",
                round_title="Past",
            )
            for grant, bid, day in zip(grants, bids, award, strict=True)
        )
        for grant, publication in zip(grants, publications, strict=True):
            grant.publication = publication
        Grant.all_objects.bulk_update(grants, ["publication"])
        return grants

    # --- indicators

    def indicator(
        self,
        name: str,
        values: dict[str, int],
        *,
        published: bool = True,
        polarity: str = Polarity.LOWER_IS_BETTER,
        mission: int | None = None,
        target: int | None = None,
    ) -> Indicator:
        """An uploaded count with the same figure for every area in each period given."""
        indicator = Indicator.all_objects.create(
            region=self.region,
            slug=f"ind-{self._next()}",
            name=name,
            origin=Origin.UPLOADED,
            unit=Unit.COUNT,
            polarity=polarity,
            is_published=published,
            published_at=NOW - timedelta(days=3) if published else None,
        )
        if mission is not None:
            indicator.missions.set(self.region.missions.filter(number=mission))
        if target is not None:
            Target.objects.create(indicator=indicator, due=date(2031, 3, 31), value=target)
        IndicatorValue.objects.bulk_create(
            IndicatorValue(indicator=indicator, area=area, period=period, value=Decimal(value))
            for area in self.region.areas.all()
            for period, value in values.items()
        )
        return indicator

    def indicators(self, count: int, name: str, values: dict[str, int]) -> list[Indicator]:
        """``count`` published indicators at once, named ``name`` and a four-digit number."""
        first = self._count + 1
        self._count += count
        made = Indicator.all_objects.bulk_create(
            Indicator(
                region=self.region,
                slug=f"bulk-{first + n}",
                name=f"{name} {first + n:04d}",
                origin=Origin.UPLOADED,
                unit=Unit.COUNT,
                is_published=True,
                published_at=NOW - timedelta(days=3),
            )
            for n in range(count)
        )
        areas = list(self.region.areas.all())
        IndicatorValue.objects.bulk_create(
            IndicatorValue(indicator=i, area=area, period=period, value=Decimal(value))
            for i in made
            for area in areas
            for period, value in values.items()
        )
        return made


def block(html: str, anchor: str) -> str:
    """The part of the page from the element with id ``anchor`` to the end of its section."""
    start = html.index(f'id="{anchor}"')
    return html[start : html.index("</section>", start)]


def in_order(html: str, *texts: str) -> bool:
    """Whether each text appears in the page, in this order."""
    positions = [html.find(t) for t in texts]
    return -1 not in positions and positions == sorted(positions)
