"""What a claim's figure is: a contract's value or quantity, or something else stated beside it.

Only contract-level figures make a deal's value and quantity. A unit price ("$40 million each"), a
programme's total cost ("a $10 billion modernisation programme"), a budget ("a defence budget of EUR
900 million"), a sum over several contracts ("won $3 billion in contracts"), a fleet ("the air force flies 36 of the jets") or what has been delivered so
far ("three squadrons have been handed over so far", "the first six launchers") is kept as evidence, with its kind, and never
becomes the deal's figure nor conflicts with it. The kind is read from the words around the figure
in its sentence.
"""
from __future__ import annotations

import re

from armsledger.models import Claim
from armsledger.reconcile import status as _status

CONTRACT = "contract"
UNIT_PRICE = "unit price"
PROGRAMME_TOTAL = "programme total"
BUDGET = "budget"
CONTRACTS_TOTAL = "contracts total"
FLEET = "fleet size"
DELIVERED_SO_FAR = "delivered so far"

WINDOW_CHARS = 40
"""How far around a figure's words its kind is looked for."""

_UNIT_PRICE_AFTER = re.compile(
    r"^[\s,]*(?:per[\s-](?:unit|piece|copy|aircraft|jet|plane|fighter|helicopter|ship|vessel|submarine|system"
    r"|tank|gun|howitzer|launcher|battery|drone)|each|apiece|a\s+piece|a\s+unit)\b",
    re.IGNORECASE,
)
"""Words right after a sum that make it one item's price: "$40 million each", "per aircraft"."""
_UNIT_PRICE_BEFORE = re.compile(
    r"\b(?:(?:per-|per\s+)?unit\s+(?:cost|price)|flyaway\s+cost|each\s+(?:costing|worth|priced\s+at)"
    r"|costs?\s+per\s+\w+|price\s+(?:tag\s+)?(?:of|per)\s+(?:each|one)\b[^.]*?)\W*(?:\w+\W+){0,3}$",
    re.IGNORECASE,
)
_PROGRAMME_BEFORE = re.compile(
    r"\b(?:(?:programme|program|project)[\s,]+(?:worth|valued\s+at|estimated\s+at|costing|cost\s+of|of)"
    r"|(?:total|overall|life-?cycle|through-life)\s+(?:programme\s+|program\s+)?(?:cost|budget|value)"
    r"(?:\s+(?:of|at|is|was|put\s+at))?)\W*(?:\w+\W+){0,2}$",
    re.IGNORECASE,
)
_NOT_THE_CONTRACT = r"(?!(?:contract|deal|order|agreement|purchase|sale)s?\b)"


def _named_after(nouns: str) -> re.Pattern[str]:
    """A sum followed, within two words that are not the contract's own noun, by one of `nouns`."""
    return re.compile(rf"^[\s,]*(?:{_NOT_THE_CONTRACT}[\w-]+\s+){{0,2}}?(?:{nouns})s?\b", re.IGNORECASE)


_PROGRAMME_AFTER = _named_after("programme|program|project")
"""A sum naming a programme: "a $10 billion modernisation programme", "a EUR 3 billion fighter project"."""
_BUDGET_BEFORE = re.compile(
    r"\b(?:budgets?|budgeted|allocat(?:ed|es|ing|ion\s+of)|earmark(?:ed|s|ing)|set\s+aside)\s+(?:of\s+|at\s+)?"
    r"(?:about\s+|some\s+|around\s+|nearly\s+)?$",
    re.IGNORECASE,
)
_BUDGET_AFTER = _named_after("budget")
"""A sum named as a budget: "a defence budget of EUR 900 million", "a $5 billion procurement budget"."""
_CONTRACTS_AFTER = re.compile(
    r"^[\s,]*in\s+(?:[\w-]+\s+){0,2}?(?:contracts|deals|orders|sales|agreements|export\s+licences)\b",
    re.IGNORECASE,
)
"""A sum over several contracts: "won $3 billion in contracts", "worth EUR 1.2 billion in new orders"."""
_FLEET_BEFORE = re.compile(
    r"\b(?:fleet\s+of|(?:already\s+)?(?:operates|operating|flies|flying|fields|has|have)"
    r"|inventory\s+of|in\s+service\s+with)\s+(?:about\s+|some\s+|around\s+|nearly\s+)?$",
    re.IGNORECASE,
)
_FLEET_AFTER = re.compile(r"^\W*(?:[\w-]+\s+){0,3}?(?:in\s+service|in\s+its\s+inventory|in\s+its\s+fleet)\b",
                          re.IGNORECASE)
_PART_BEFORE = re.compile(
    r"\b(?:(?:first|initial|second|third|fourth|fifth|next|latest|last|final|remaining|another|further|new)\s+"
    r"(?:(?:batch|tranche|lot|shipment|consignment)\s+of\s+)?|(?:batch|tranche|lot|shipment|consignment)\s+of\s+)"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)
"""Words right before a delivered count that make it a part: "the first six", "a second batch of 12"."""
_MORE = re.compile(r"\s*\bmore\b", re.IGNORECASE)
_PART_OF_WHOLE = re.compile(
    r"\b(?:first|initial)\s+of\s+(?:the\s+|its\s+)?\d"
    r"|\bof\s+(?:the\s+|its\s+)\d[\d,]*\s+(?:[\w-]+\s+){0,3}?(?:ordered|contracted|on\s+order|purchased)\b",
    re.IGNORECASE,
)
"""A delivery set against the whole order in its sentence: "the first of 52 ordered", "six of the 24 contracted"."""
_SO_FAR = re.compile(r"\b(?:so\s+far|to\s+date|until\s+now|thus\s+far|already)\b", re.IGNORECASE)


def _around(claim: Claim, words: str) -> tuple[str, str] | None:
    """The text before and after a figure's words in the claim's sentence, or None if not found."""
    if not words:
        return None
    at = claim.evidence.find(words)
    if at < 0:
        return None
    end = at + len(words)
    return claim.evidence[max(0, at - WINDOW_CHARS):at], claim.evidence[end:end + WINDOW_CHARS]


def value_kind(claim: Claim) -> str:
    """Return what a claim's money figure is: CONTRACT, UNIT_PRICE, PROGRAMME_TOTAL, BUDGET or
    CONTRACTS_TOTAL (a sum over several contracts)."""
    if claim.value is None:
        return CONTRACT
    around = _around(claim, claim.value.text)
    if around is None:
        return CONTRACT
    before, after = around
    if _UNIT_PRICE_AFTER.search(after) or _UNIT_PRICE_BEFORE.search(before):
        return UNIT_PRICE
    if _PROGRAMME_BEFORE.search(before) or _PROGRAMME_AFTER.search(after):
        return PROGRAMME_TOTAL
    if _BUDGET_BEFORE.search(before) or _BUDGET_AFTER.search(after):
        return BUDGET
    if _CONTRACTS_AFTER.search(after):
        return CONTRACTS_TOTAL
    return CONTRACT


def quantity_kind(claim: Claim) -> str:
    """Return what a claim's count is: CONTRACT, FLEET or DELIVERED_SO_FAR."""
    if claim.quantity is None:
        return CONTRACT
    around = _around(claim, claim.quantity.text)
    if around is not None:
        before, after = around
        if _FLEET_BEFORE.search(before) or _FLEET_AFTER.search(after):
            return FLEET
    if claim.event == "delivery" and (_SO_FAR.search(claim.evidence) or _is_part(claim)):
        return DELIVERED_SO_FAR
    return CONTRACT


def _is_part(claim: Claim) -> bool:
    """Whether a delivery's count is a part of the order by its words: "the first six launchers", "six
    more", "the initial batch of six", "two howitzers, the first of 52 ordered". A delivery told
    whole ("received a regiment set", "bought 10 jets", "completed deliveries of all 24") is the order's."""
    assert claim.quantity is not None
    if _status.is_whole_order(claim):
        return False
    words = claim.quantity.text
    around = _around(claim, words)
    if _PART_OF_WHOLE.search(claim.evidence) or _MORE.search(words):
        return True
    return around is not None and bool(_PART_BEFORE.search(around[0]) or _MORE.match(around[1])
                                       or _PART_BEFORE.search(f" {_leading_word(words)}"))


def _leading_word(words: str) -> str:
    """The first word of a count's words and the space after it: the reader may keep "first" in the
    words of a count it reads from "its first NASAMS battery"."""
    return words.split(maxsplit=1)[0] + " " if words.strip() else ""
