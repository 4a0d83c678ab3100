"""Fetch a web page an editor linked to, without letting the link reach inside our network.

A link pasted in Slack, or posted to the API as an article's `url`, is untrusted input to a
server-side fetch (SSRF). Every hop, the first
request and each redirect, is checked before anything is sent: http or https only; the host is
resolved and every address it resolves to must be a public one; the connection then goes to
that vetted address (the host name is kept for the Host header and TLS), so a second DNS answer
cannot swap in a private address. Bodies are streamed under a size cap and a deadline, and only
web pages and plain text are accepted.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from dataclasses import dataclass

import httpx

MAX_PAGE_BYTES = 2_000_000
MAX_REDIRECTS = 5
FETCH_TIMEOUT_S = 10.0
PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_USER_AGENT = "NewsroomBrief/1.0 (fetches pages editors link to)"

_IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
# Cloud instance metadata: named in the refusal because it is the classic SSRF target.
_METADATA = frozenset(
    {
        ipaddress.ip_address("169.254.169.254"),
        ipaddress.ip_address("fd00:ec2::254"),
        ipaddress.ip_address("100.100.100.200"),
    }
)
# IANA's special-purpose registries, for the blocks not globally reachable that this Python's
# `ipaddress` flags still call global (its tables lag the registry): IETF protocol assignments,
# the 6to4 relay anycast, NAT64's local-use prefix, IETF protocol assignments in IPv6, the newer
# documentation prefix and SRv6 segment identifiers.
_SPECIAL_PURPOSE = tuple(
    ipaddress.ip_network(block)
    for block in ("192.0.0.0/24", "192.88.99.0/24", "64:ff9b:1::/48", "2001::/23", "3fff::/20", "5f00::/16")
)


class FetchRefused(Exception):
    """A link the service will not or could not read; the message is for the editor who gave it."""


@dataclass(frozen=True)
class Page:
    url: str  # as the editor gave it
    final_url: str  # after redirects
    media_type: str
    charset: str | None
    body: bytes


async def fetch_page(
    url: str,
    *,
    allow_loopback: bool = False,
    timeout_s: float = FETCH_TIMEOUT_S,
    max_bytes: int = MAX_PAGE_BYTES,
) -> Page:
    """The page at `url`, or FetchRefused saying why not. `allow_loopback` is for tests only."""
    try:
        async with (
            asyncio.timeout(timeout_s),
            httpx.AsyncClient(timeout=timeout_s, trust_env=False) as client,
        ):
            return await _follow(client, url, allow_loopback=allow_loopback, max_bytes=max_bytes)
    except TimeoutError:
        raise FetchRefused(f"the site did not answer within {timeout_s:g} s") from None
    except httpx.HTTPError as error:
        raise FetchRefused(f"the page could not be fetched ({type(error).__name__})") from None


async def _follow(client: httpx.AsyncClient, url: str, *, allow_loopback: bool, max_bytes: int) -> Page:
    target = _parse(url)
    for _ in range(MAX_REDIRECTS + 1):
        address = await _vetted_address(target, allow_loopback=allow_loopback)
        pinned = target.copy_with(host=str(address))
        async with client.stream(
            "GET", pinned, headers=_headers(target), extensions=_sni(target)
        ) as response:
            location = response.headers.get("location")
            if response.status_code in _REDIRECTS and location:
                target = _parse(str(target.join(location)))
                continue
            if not response.is_success:
                raise FetchRefused(f"the page answered HTTP {response.status_code}")
            media_type = _media_type(response)
            body = await _read_capped(response, max_bytes)
            return Page(url, str(target), media_type, response.charset_encoding, body)
    raise FetchRefused(f"the page redirects more than {MAX_REDIRECTS} times")


def _parse(url: str) -> httpx.URL:
    try:
        target = httpx.URL(url)
    except (httpx.InvalidURL, UnicodeError, ValueError):  # a host name IDNA cannot encode, too
        raise FetchRefused("this is not a valid web address") from None
    if target.scheme not in ("http", "https"):
        raise FetchRefused("only http and https links can be fetched")
    if not target.host:
        raise FetchRefused("the link has no host name")
    return target


async def _vetted_address(target: httpx.URL, *, allow_loopback: bool) -> _IPAddress:
    """The address to connect to, once every address the host resolves to has passed."""
    host = target.host
    try:
        addresses = [ipaddress.ip_address(host)]
    except ValueError:
        port = target.port or (443 if target.scheme == "https" else 80)
        try:
            infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError, ValueError):  # UnicodeError: a label over 63 characters
            raise FetchRefused(f"the site {host[:100]} could not be found") from None
        # An IPv6 scope ("fe80::1%eth0") is dropped: the address itself decides.
        addresses = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
    for address in addresses:
        reason = why_refused(address, allow_loopback=allow_loopback)
        if reason is not None:
            raise FetchRefused(f"{host} points to {address}, {reason}; only public web pages can be fetched")
    return addresses[0]


def why_refused(address: _IPAddress, *, allow_loopback: bool = False) -> str | None:
    """Why the app will not connect to `address` (for the editor), or None for a public address."""
    if isinstance(address, ipaddress.IPv6Address):
        # An IPv4 address in IPv6 clothing is judged as the IPv4 address it reaches.
        embedded = address.ipv4_mapped or address.sixtofour or (address.teredo[1] if address.teredo else None)
        if embedded is not None:
            return why_refused(embedded, allow_loopback=allow_loopback)
    if address in _METADATA:
        return "a cloud metadata address"
    if address.is_loopback:
        return None if allow_loopback else "a loopback address"
    if address.is_link_local:
        return "a link-local address"
    if isinstance(address, ipaddress.IPv6Address) and address.is_site_local:  # fec0::/10, deprecated
        return "a site-local address"
    if any(address in block for block in _SPECIAL_PURPOSE):
        return "a special-purpose address"
    if address.is_private or address.is_reserved or address.is_unspecified or address.is_multicast:
        return "a private or reserved address"
    if not address.is_global:  # shared address space (100.64.0.0/10) and the like
        return "not a public address"
    return None


def _headers(target: httpx.URL) -> dict[str, str]:
    host = target.host if ":" not in target.host else f"[{target.host}]"
    return {
        "Host": host if target.port is None else f"{host}:{target.port}",
        "User-Agent": _USER_AGENT,
        "Accept": "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.5",
    }


def _sni(target: httpx.URL) -> dict[str, str]:
    # TLS is checked against the host name the editor linked to, not the pinned address.
    return {"sni_hostname": target.host} if target.scheme == "https" else {}


def _media_type(response: httpx.Response) -> str:
    media_type = response.headers.get("content-type", "").partition(";")[0].strip().lower()
    if media_type not in PAGE_TYPES:
        raise FetchRefused(f"the link is not a web page ({media_type or 'no content type'})")
    return media_type


async def _read_capped(response: httpx.Response, max_bytes: int) -> bytes:
    too_big = FetchRefused(f"the page is larger than {max_bytes:,} bytes")
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise too_big
    body = bytearray()
    async for chunk in response.aiter_bytes():
        body += chunk
        if len(body) > max_bytes:
            raise too_big
    return bytes(body)
