"""GET /api/search: the site's search over HTTP; without a token, published records only."""

from datetime import date
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field
from ninja import Query
from ninja import Router
from ninja import Schema

from remit.core.apikit.auth import TOKEN_OR_PUBLIC
from remit.core.apikit.pagination import paginated
from remit.core.selectors import active_region
from remit.search import selectors
from remit.search.models import Kind
from remit.search.models import SearchDocument
from remit.search.query import parse

router = Router(tags=["search"])


class SearchFilters(Schema):
    q: str = Field(..., min_length=1, max_length=500, description="The words to find.")
    kind: Kind | None = Field(None, description="Only this kind of record.")
    board: int | None = Field(None, ge=1, description="Only records of this board (its id).")
    mission: int | None = Field(None, ge=1, description="Only records serving this mission (id).")
    date_from: date | None = Field(None, description="Only records dated on or after this day.")
    date_to: date | None = Field(None, description="Only records dated on or before this day.")
    order: str = Field(
        selectors.BEST, pattern="^(best|newest)$", description="best (match) or newest."
    )


class ResultOut(Schema):
    kind: str
    id: int = Field(..., alias="object_id")
    title: str
    date: date | None
    url: str

    @staticmethod
    def resolve_url(obj: SearchDocument) -> str:
        return selectors.link(obj)


@router.get("/search", response=list[ResultOut], auth=TOKEN_OR_PUBLIC)
@paginated
def search(request: HttpRequest, filters: Query[SearchFilters]) -> Any:
    """Records whose words match, best match first; what the caller may open, and no more."""
    region = active_region()
    query = parse(filters.q)
    if region is None or query.empty:
        return SearchDocument.objects.none()
    chosen = selectors.Filters(
        kinds=(filters.kind.value,) if filters.kind else (),
        board=filters.board,
        mission=filters.mission,
        date_from=filters.date_from,
        date_to=filters.date_to,
        order=filters.order,
    )
    found = selectors.search(
        selectors.Viewer.of(request.user), region, query, chosen, timezone.localdate()
    )
    return found
