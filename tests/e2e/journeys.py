"""Steps every browser journey shares: signing in and out as a named person."""

from typing import Any

from django.urls import reverse

from remit.core.services.demo import DEMO_PASSWORD


def sign_in(page: Any, visit: Any, username: str, password: str = DEMO_PASSWORD) -> None:
    """Sign in through the form, as a person would; the page then shows their home."""
    visit(page, reverse("login"))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def sign_out(page: Any) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()


def demo_round(*, criteria: tuple[str, ...] = ()) -> Any:
    """The West Midlands demo with its fund, and an in-year round the officer set up: open since
    yesterday, closing in a fortnight, one question and the named assessment criteria.

    Call it from a fixture that asks for ``transactional_db`` and points ``MEDIA_ROOT`` at a
    temporary folder.
    """
    from datetime import timedelta

    from django.utils import timezone

    from remit.core.models import User
    from remit.core.services.demo import demo_load as base
    from remit.funding import services
    from remit.funding.demo import demo_load

    region = base(region="west-midlands")[0].region
    demo_load(region)
    officer = User.objects.get(username="officer")
    now = timezone.now()
    round = services.round_create(
        by=officer,
        fund=region.funds.get(),
        data={
            "slug": "in-year",
            "title": "In-year round",
            "opens_at": now - timedelta(days=1),
            "closes_at": now + timedelta(days=14),
            "max_years": 1,
        },
    )
    services.question_add(by=officer, round=round, data={"text": "What is the need?"})
    for title in criteria:
        services.criterion_add(by=officer, round=round, data={"title": title, "weight": 1})
    return round


def submitted_bid(round: Any) -> Any:
    """Coventry's bid for street triage, complete and submitted by its partner."""
    from remit.core.models import Organisation
    from remit.core.models import Role
    from remit.core.models import User
    from remit.funding import services

    organisation = Organisation.objects.get(slug="coventry-csp")
    partner = User.objects.filter(role=Role.PARTNER, organisation=organisation).get()
    area = round.fund.region.areas.get(code="E08000026")
    bid = services.bid_create(
        by=partner,
        round=round,
        data={
            "title": "Coventry street triage",
            "summary": "Mental health nurses with police patrols at night.",
            "lead_area": area,
            "priorities": ["Making communities safer"],
            "amounts": {"2018/19": 4_000_000},
            "answers": {q.pk: "Demand is rising." for q in round.questions.all()},
        },
    )
    services.outcome_add(
        by=partner, bid=bid, data={"outcome": "Fewer detentions", "measure": "s136"}
    )
    return services.bid_submit(by=partner, bid=bid)
