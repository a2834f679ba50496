"""A bounded crawl of the site as one person sees it: GET only, same-site links only.

Every page reached is recorded with its status, the route it resolved to, the links it
shows and which of the watched texts (the canary records' titles) it contains. The crawl
is bounded: at most `per_route` distinct addresses for each URL pattern, one query-string
variant per path, and `max_pages` requests in all.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit, urlunsplit

from django.test import Client
from django.urls import Resolver404, resolve

SIGNED_OUT = "signed out"
ROLES = [SIGNED_OUT, "partner", "member", "commissioner", "analyst", "officer", "admin"]
NOT_OFFICERS = {SIGNED_OUT, "partner", "member", "commissioner", "analyst"}

SKIPPED_PREFIXES = ("/static/", "/api/", "/accounts/")
SIGN_IN_PATH = "/accounts/login/"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def links_in(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return parser.hrefs


def normalise(href: str, base: str) -> str | None:
    """The site-relative address a link leads to, or None when it leaves the site."""
    parts = urlsplit(urljoin(base, href.strip()))
    if parts.scheme not in ("", "http", "https") or parts.netloc not in ("", "testserver"):
        return None
    path = parts.path or "/"
    if path.startswith(SKIPPED_PREFIXES) or "logout" in path:
        return None
    return urlunsplit(("", "", path, parts.query, ""))


def route_of(url: str) -> str:
    path = urlsplit(url).path
    try:
        match = resolve(path)
    except Resolver404:
        return "(no route)"
    return match.view_name or match.route


@dataclass
class Page:
    url: str
    status: int
    route: str
    content_type: str = ""
    location: str = ""
    error: str = ""
    links: list[str] = field(default_factory=list)
    shows: set[str] = field(default_factory=set)


@dataclass
class Crawl:
    role: str
    pages: dict[str, Page] = field(default_factory=dict)
    linked_from: dict[str, list[str]] = field(default_factory=dict)
    seconds: float = 0.0
    left_unvisited: int = 0

    @property
    def requests(self) -> int:
        return len(self.pages)

    def opened(self, url: str) -> Page | None:
        """The page a link finally lands on, following same-site redirects.

        A redirect to the sign-in page stands for a page the person cannot open (401).
        """
        page = self.pages.get(url)
        for _ in range(5):
            if page is None or not page.location:
                return page
            if urlsplit(urljoin(page.url, page.location)).path == SIGN_IN_PATH:
                return Page(url=SIGN_IN_PATH, status=401, route="login")
            target = normalise(page.location, page.url)
            if target is None:
                return page
            page = self.pages.get(target)
        return page


def crawl(
    client: Client,
    *,
    role: str,
    seeds: Iterable[str],
    watch: Iterable[str] = (),
    max_pages: int = 400,
    per_route: int = 4,
) -> Crawl:
    started = time.monotonic()
    result = Crawl(role=role)
    watched = list(watch)
    queue: deque[str] = deque()
    seen: set[str] = set()
    per_route_count: dict[str, int] = {}
    query_variant: set[str] = set()

    def offer(url: str, source: str | None) -> None:
        if source is not None:
            result.linked_from.setdefault(url, []).append(source)
        if url in seen:
            return
        parts = urlsplit(url)
        if parts.query:
            if parts.path in query_variant:
                return
            query_variant.add(parts.path)
        route = route_of(url)
        if per_route_count.get(route, 0) >= per_route and source is not None:
            return
        per_route_count[route] = per_route_count.get(route, 0) + 1
        seen.add(url)
        queue.append(url)

    for seed in seeds:
        offer(seed, None)
    while queue:
        if len(result.pages) >= max_pages:
            result.left_unvisited = len(queue)
            break
        url = queue.popleft()
        response = client.get(url)
        page = Page(
            url=url,
            status=response.status_code,
            route=route_of(url),
            content_type=response.get("Content-Type", ""),
            location=response.get("Location", ""),
        )
        exc_info = getattr(response, "exc_info", None)
        if exc_info:
            page.error = f"{exc_info[0].__name__}: {exc_info[1]}"
        result.pages[url] = page
        if page.location:
            target = normalise(page.location, url)
            if target:
                offer(target, url)
            continue
        if getattr(response, "streaming", False):
            body = b"".join(response.streaming_content)  # type: ignore[arg-type]
        else:
            body = response.content
        if not page.content_type.startswith(("text/", "application/json", "application/xml")):
            continue
        text = body.decode("utf-8", errors="replace")
        page.shows = {title for title in watched if title in text}
        if page.content_type.startswith("text/html"):
            for href in links_in(text):
                target = normalise(href, url)
                if target and target != url:
                    page.links.append(target)
                    offer(target, url)
    result.seconds = time.monotonic() - started
    return result


@dataclass(frozen=True)
class Canary:
    title: str
    what: str
    hidden_from: frozenset[str]
    probes: tuple[str, ...] = ()


@dataclass
class CrawlRun:
    crawls: dict[str, Crawl]
    canaries: list[Canary]
