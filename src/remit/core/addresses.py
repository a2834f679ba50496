"""The address a request came from, for sign-in throttling.

Behind a TLS-terminating proxy every request arrives from the proxy's address, so one
person's wrong passwords would lock an account for everyone. The proxy names the client
in `X-Forwarded-For`; that header is believed only when the request itself comes from a
proxy named in `REMIT_TRUSTED_PROXIES`, because anyone else can write any address in it.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache
from typing import Any

from django.conf import settings

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(p, strict=False) for p in proxies)


def trusted_proxies() -> tuple[Network, ...]:
    return _networks(tuple(settings.REMIT_TRUSTED_PROXIES))


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _trusted(address: Any, proxies: tuple[Network, ...]) -> bool:
    return address is not None and any(address in network for network in proxies)


def client_address(request: Any) -> str | None:
    """The client's address: the peer's own, unless the peer is a trusted proxy.

    From a trusted proxy, the forwarded addresses are read from the right (the one the
    proxy itself added) past any further trusted proxies; the first other address is the
    client. Anything unreadable leaves the peer's own address.
    """
    peer: str | None = request.META.get("REMOTE_ADDR")
    proxies = trusted_proxies()
    if not proxies or not _trusted(_address(peer or ""), proxies):
        return peer
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for hop in reversed([h for h in forwarded.split(",") if h.strip()]):
        address = _address(hop)
        if address is None:
            return peer
        if not _trusted(address, proxies):
            return str(address)
    return peer
