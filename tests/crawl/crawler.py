"""A bounded crawl of the site as one person sees it: same-site links and buttons only.

Every page reached is recorded with its status, the route it resolved to, the links and
buttons it shows, which of the watched texts (the canary records' titles) it contains, and
what it says that matches `look_for` (words no page of this region should use).
A form that asks (GET, such as a search) is followed like a link. A button that does
something (a form that posts to another address) is pressed once per address, inside a
savepoint that is rolled back, so the view's own permission rule answers whether the
person may do it and nothing it does is kept. The crawl is bounded: at most `per_route`
distinct addresses for each URL pattern, one query-string variant per path, and
`max_pages` requests in all.
"""

from __future__ import annotations

import re
import time
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field
from html.parser import HTMLParser
from urllib.parse import urljoin
from urllib.parse import urlsplit
from urllib.parse import urlunsplit

from django.db import transaction
from django.test import Client
from django.urls import Resolver404
from django.urls import resolve

SIGNED_OUT = "signed out"
ROLES = [SIGNED_OUT, "partner", "member", "commissioner", "analyst", "officer", "admin"]
NOT_OFFICERS = {SIGNED_OUT, "partner", "member", "commissioner", "analyst"}

SKIPPED_PREFIXES = ("/static/", "/api/", "/accounts/")
SIGN_IN_PATH = "/accounts/login/"


@dataclass
class Button:
    """A form that posts: where to, and the fields it sends without anyone typing."""

    action: str
    data: dict[str, str] = field(default_factory=dict)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.buttons: list[Button] = []
        self._form: Button | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if tag == "a":
            href = named.get("href")
            if href:
                self.hrefs.append(href)
        elif tag == "form":
            action = named.get("action") or ""
            if (named.get("method") or "get").lower() == "post":
                self._form = Button(action)
            elif action:
                self.hrefs.append(action)
        elif self._form is not None and tag in ("input", "button"):
            kind = (named.get("type") or ("submit" if tag == "button" else "text")).lower()
            name = named.get("name")
            if name and kind in ("hidden", "submit") and name != "csrfmiddlewaretoken":
                self._form.data.setdefault(name, named.get("value") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self._form is not None:
            self.buttons.append(self._form)
            self._form = None


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
    buttons: list[str] = field(default_factory=list)
    shows: set[str] = field(default_factory=set)
    says: set[str] = field(default_factory=set)


@dataclass
class Crawl:
    role: str
    pages: dict[str, Page] = field(default_factory=dict)
    linked_from: dict[str, list[str]] = field(default_factory=dict)
    pressed: dict[str, Page] = field(default_factory=dict)
    seconds: float = 0.0
    left_unvisited: int = 0

    @property
    def requests(self) -> int:
        return len(self.pages)

    def server_errors(self) -> list[str]:
        """Every page opened and every button pressed that failed with a server error."""
        return [
            f"{page.status} on {page.url} {page.error}".strip()
            for page in [*self.pages.values(), *self.pressed.values()]
            if page.status >= 500
        ]

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
    look_for: re.Pattern[str] | None = None,
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
    buttons: dict[str, Button] = {}
    per_button_route: dict[str, int] = {}

    def offer_button(button: Button, page_url: str) -> str | None:
        """Keep a button to press once the pages are crawled; its address, or None when it
        posts back to its own page (that page's GET already answered for the same view)."""
        target = normalise(button.action or page_url, page_url)
        if target is None or urlsplit(target).path == urlsplit(page_url).path:
            return None
        if target not in buttons:
            route = route_of(target)
            if per_button_route.get(route, 0) >= per_route:
                return target
            per_button_route[route] = per_button_route.get(route, 0) + 1
            buttons[target] = Button(target, button.data)
        return target

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
        if look_for is not None:
            page.says = {match.group(0) for match in look_for.finditer(text)}
        if page.content_type.startswith("text/html"):
            parser = _Links()
            parser.feed(text)
            for href in parser.hrefs:
                target = normalise(href, url)
                if target and target != url:
                    page.links.append(target)
                    offer(target, url)
            for button in parser.buttons:
                pressed = offer_button(button, url)
                if pressed:
                    page.buttons.append(pressed)
    for target, button in buttons.items():
        result.pressed[target] = press(client, button)
    result.seconds = time.monotonic() - started
    return result


def press(client: Client, button: Button) -> Page:
    """Post a button's form in a savepoint that is rolled back: the answer, nothing kept."""
    with transaction.atomic():
        response = client.post(button.action, button.data)
        transaction.set_rollback(True)
    return Page(
        url=button.action,
        status=response.status_code,
        route=route_of(button.action),
        location=response.get("Location", ""),
    )


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
