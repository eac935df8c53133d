"""Who published an article, as one comparable name: the source that counts once.

An article that credits a wire ("NEW DELHI, Oct 5 (Reuters) -", "SOURCE: ANI", "(With inputs from
PTI)") is that wire's copy, whoever printed it: copies of one wire count once. Otherwise the outlet
is the article's outlet field, else its URL's host. Names are compared folded ("US Defense Daily",
"usdefensedaily.com" and "www.usdefensedaily.com" are one outlet). Who a claim cites (a ministry, a
company) is the claim's `source` and never the outlet.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

HEAD_CHARS = 400
"""How far into an article a dateline credit ("PARIS, 28 April (Continental Press) –") is looked for."""
TAIL_CHARS = 300
"""How far from an article's end a closing credit ("SOURCE: ANI") is looked for."""

_DATELINE_CREDIT = re.compile(
    r"(?:^|\n)[^\n]{0,80}?\(([A-Z][\w&.' -]{1,40}?)\)\s*(?:[-\u2013\u2014:]|--)\s",
)
"""A parenthesised name after a dateline and before the dash that opens the story."""
_CLOSING_CREDIT = re.compile(
    r"(?:^|\n)\s*(?:\(?\s*(?:SOURCE|Source)\s*[:|-]\s*|\(\s*[Ww]ith\s+inputs\s+from\s+)"
    r"([A-Z][\w&.' -]{1,40}?)\s*\)?\s*$",
)
"""A closing line naming where the story came from: "SOURCE: ANI", "(With inputs from PTI)"."""
_NOT_A_CREDIT = re.compile(r"^(?:photo|file|image|video|representational|updated|ist|gmt|utc)\b", re.IGNORECASE)
_HOST_PREFIXES = ("www.", "m.", "amp.", "mobile.", "edition.")


def fold(name: str) -> str:
    """Return an outlet name in its comparable form: lower case, letters and digits only."""
    return re.sub(r"[^a-z0-9]+", "", name.lower().removeprefix("the "))


def credit(head: str, tail: str = "") -> str | None:
    """Return the wire or outlet an article's text credits ("Reuters", "ANI"), or None."""
    for pattern, text in ((_DATELINE_CREDIT, head[:HEAD_CHARS]), (_CLOSING_CREDIT, tail[-TAIL_CHARS:])):
        match = pattern.search(text)
        if match and not _NOT_A_CREDIT.match(match.group(1).strip()):
            return match.group(1).strip()
    return None


def host(url: str | None) -> str | None:
    """Return a URL's site name without its prefix and top-level domain: `usdefensedaily`."""
    if not url:
        return None
    name = (urlsplit(url).hostname or "").lower()
    for prefix in _HOST_PREFIXES:
        name = name.removeprefix(prefix)
    labels = [label for label in name.split(".") if label]
    if not labels:
        return None
    # "usdefensedaily.com" -> "usdefensedaily"; "thehindu.co.in" -> "thehindu"; "example" is the
    # reserved test domain (RFC 2606). A subdomain counts as its site: "defence.harbourtimes.com".
    while len(labels) > 1 and (len(labels[-1]) <= 3 or labels[-1] == "example"):
        labels.pop()
    return labels[-1]


def identify(*, outlet: str | None, url: str | None, head: str = "", tail: str = "", fallback: str) -> str:
    """Return the folded name of the source an article counts as: its wire, outlet, host or fallback.

    Args:
        outlet: the article's outlet field, as cleaned.
        url: the article's URL.
        head, tail: the start and the end of its text, where credits are printed.
        fallback: what to count it as when nothing names its outlet (the article's id).
    """
    if outlet and " " not in outlet.strip() and "." in outlet:
        outlet = host(f"//{outlet.strip()}") or outlet  # a host given as the outlet's name
    for name in (credit(head, tail), outlet, host(url)):
        if name and fold(name):
            return fold(name)
    return fallback
