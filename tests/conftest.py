"""Shared fixtures: a small region built directly, and users with exact roles."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck
from hypothesis import settings

from remit.core import services
from remit.core.models import Area
from remit.core.models import Board
from remit.core.models import GovernanceRoute
from remit.core.models import Membership
from remit.core.models import Mission
from remit.core.models import Organisation
from remit.core.models import Person
from remit.core.models import Region
from remit.core.models import Role
from remit.core.models import User

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("REMIT_SHARED", REPO.parent / "shared"))

# Property tests: timing never fails a test (the machine may be busy), so neither the
# deadline nor the too-slow health check applies. "dev" keeps its examples in .hypothesis/
# (never committed) and replays failures first; "ci" draws the same examples on every run
# and keeps none; "explore" tries twenty times as many (`pytest --hypothesis-profile=explore`).
_UNTIMED = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
settings.register_profile("dev", max_examples=100, print_blob=True, **_UNTIMED)
settings.register_profile(
    "ci", max_examples=100, derandomize=True, database=None, print_blob=True, **_UNTIMED
)
settings.register_profile("explore", max_examples=2000, print_blob=True, **_UNTIMED)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture
def shared_data() -> Path:
    path = SHARED / "data"
    if not path.is_dir():
        pytest.skip(f"shared data not found at {path} (set REMIT_SHARED)")
    return path


@pytest.fixture
def region(db: Any) -> Region:
    region = Region.objects.create(slug="testshire", name="Testshire", is_active=True)
    north = Area.objects.create(
        region=region,
        code="E08000901",
        name="Northton",
        kind="metropolitan_district",
        population=300000,
        population_year=2019,
        constituent=True,
    )
    Area.objects.create(
        region=region,
        code="E08000902",
        name="Southby",
        kind="metropolitan_district",
        population=200000,
        population_year=2019,
        constituent=True,
    )
    pcc = Organisation.objects.create(
        region=region, slug="opcc", name="Office of the Testshire PCC", kind="pcc_office"
    )
    council = Organisation.objects.create(
        region=region,
        slug="northton-council",
        name="Northton Council",
        kind="local_authority",
        area=north,
        org_id="GB-LAE-NTN",
    )
    charity = Organisation.objects.create(
        region=region, slug="safe-streets", name="Safe Streets Trust", kind="voluntary_sector"
    )
    chair = Person.objects.create(
        region=region,
        slug="commissioner",
        name="Chris Chair",
        organisation=pcc,
        job_title="Police and Crime Commissioner",
    )
    rep = Person.objects.create(
        region=region, slug="northton-rep", name="Nia North", organisation=council
    )
    Person.objects.create(region=region, slug="trust-lead", name="Tom Trust", organisation=charity)
    board = Board.objects.create(
        region=region,
        slug="csp",
        name="Testshire Community Safety Partnership",
        kind="partnership",
        organisation=pcc,
        meeting_frequency="quarterly",
        paper_deadline_days=7,
        quorum=2,
    )
    Membership.objects.create(
        board=board, person=chair, organisation=pcc, role="chair", start=date(2018, 1, 1)
    )
    Membership.objects.create(
        board=board, person=rep, organisation=council, role="member", start=date(2018, 1, 1)
    )
    Mission.objects.create(region=region, number=11, short_title="Crime", target="Less crime.")
    return region


@pytest.fixture
def make_user(db: Any) -> Callable[..., User]:
    counter = iter(range(10_000))

    def make(role: str = Role.OFFICER, **kwargs: Any) -> User:
        user = User(username=f"{role}-{next(counter)}", role=role, **kwargs)
        user.is_superuser = user.is_staff = role == Role.ADMIN
        user.set_password("correct horse battery staple")
        user.save()
        return user

    return make


@pytest.fixture
def officer(make_user: Callable[..., User], region: Region) -> User:
    return make_user(Role.OFFICER, organisation=region.organisations.get(slug="opcc"))


@pytest.fixture
def partner(make_user: Callable[..., User], region: Region) -> User:
    return make_user(Role.PARTNER, organisation=region.organisations.get(slug="safe-streets"))


@pytest.fixture
def boards(region: Region) -> dict[str, Board]:
    """Three officer groups a governance route goes through: slog, dsg and ca-board."""
    return {
        slug: Board.objects.create(
            region=region, slug=slug, name=slug.upper(), kind="officer_group"
        )
        for slug in ("slog", "dsg", "ca-board")
    }


MakeRoute = Callable[[str], GovernanceRoute]


@pytest.fixture
def make_route(officer: User, region: Region, boards: dict[str, Board]) -> MakeRoute:
    """``make_route(slug)``: a route through slog and dsg to ca-board, named from its slug."""

    def make(slug: str) -> GovernanceRoute:
        return services.route_create(
            by=officer,
            region=region,
            data={
                "name": slug.replace("-", " ").capitalize(),
                "slug": slug,
                "steps": [boards["slog"], boards["dsg"]],
                "final_board": boards["ca-board"],
            },
        )

    return make


@pytest.fixture
def route_slug() -> str:
    """The slug of the ``route`` fixture; a test module names its own by overriding this."""
    return "deal-route"


@pytest.fixture
def route(make_route: MakeRoute, route_slug: str) -> GovernanceRoute:
    return make_route(route_slug)


@pytest.fixture(autouse=True)
def _immediate_tasks(settings: Any) -> None:
    """Background tasks run at once in tests, so their effects can be asserted."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _files_in_a_temporary_place(settings: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Uploads and the crime store never land in the working copy's var/ during tests."""
    root = tmp_path_factory.mktemp("var")
    settings.MEDIA_ROOT = root / "media"
    settings.CRIME_STORE = root / "crime"


@pytest.fixture(autouse=True)
def _open_data_in_a_temporary_place(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Built open data files are kept per test, never in the working copy's var/."""
    monkeypatch.setenv("REMIT_OPEN_DATA_CACHE", str(tmp_path / "open-data"))


@pytest.fixture(autouse=True)
def _no_kept_pages() -> None:
    """Each test starts with no public page kept from another test's database."""
    cache.clear()


PageQueries = Callable[..., int]


@pytest.fixture
def page_queries(client: Any, settings: Any) -> PageQueries:
    """``count(url, **headers)``: the queries the page at ``url`` makes, caches settled.

    The page is asked for once to settle what is kept per process (the session, content
    types, built files), then asked again and counted, so two counts compare the same work
    whichever tests ran before in this process. It counts the page being built: public
    pages are not kept for the count.
    """

    settings.REMIT_PUBLIC_PAGE_CACHE = False

    def count(url: str, **headers: Any) -> int:
        assert client.get(url, **headers).status_code == 200
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url, **headers).status_code == 200
        return len(captured)

    return count


FlatQueries = Callable[[str, Callable[[], object]], str]


@pytest.fixture
def page_queries_stay_flat(
    client: Any, page_queries: PageQueries, django_assert_max_num_queries: Any
) -> FlatQueries:
    """``check(url, grow)``: the page at ``url`` makes no more queries after ``grow()`` adds data.

    The page is counted with the small data set (``page_queries``), then ``grow()`` adds
    rows and the page must render within that count. Returns the larger page's HTML, so the
    test can check the new rows are on it.
    """

    def check(url: str, grow: Callable[[], object]) -> str:
        small = page_queries(url)
        grow()
        with django_assert_max_num_queries(small):
            response = client.get(url)
        assert response.status_code == 200
        return str(response.content.decode())

    return check
