"""Readings that only say what another is about ("a deal to buy", "talks on the sale"): marked absorbed,
their roles lent to the reading they are about."""
from __future__ import annotations

from typing import TYPE_CHECKING

from armsledger.claims.arguments import case_of, is_weapon_phrase
from armsledger.claims.reading import Reading
from armsledger.claims.repairs import (
    misread_object_of,
    object_before_infinitive,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


ABSORBING_LINKS = frozenset(["acl", "xcomp", "advcl", "nmod", "obl", "compound", "ccomp"])
"""Relations by which a predicate only says what another one is about ("a deal to buy", "talks on the
sale"): the outer one states the event, the inner one lends its roles."""


LENDING_CASES = frozenset(["under", "per", "through", "via"])
"""A deal named as the frame of another event ("under the contract, Ankara received") is that deal:
it takes the event's parties and item."""


ABSORB_REACH = 3
"""How many relations up an inner predicate may hang from the one it is about ("a contract ... signed
at the beginning of this fall for the delivery of", parsed with 'for the delivery' under 'fall')."""


STANCE_NOUNS = frozenset(["sanction", "penalty", "concern", "criticism", "objection", "opposition", "protest",
                          "warning", "threat", "anger", "backlash", "row", "dispute", "reaction", "response",
                          "fear", "worry", "question", "probe", "investigation", "inquiry", "report", "rumour",
                          "rumor", "speculation", "retaliation"])
"""Nouns for a stance towards an event ("sanctions over the purchase", "concerns about the sale"): a
verb governing one acts on the stance, not on the event, so an inner predicate is not absorbed
through them."""


CIRCUMSTANCE_MARKS = frozenset(["since", "after", "before", "because", "when", "while", "although", "though",
                                "until", "once", "whereas"])
"""Conjunctions that open a clause of time or cause: the clause tells an event of its own, never what
the predicate above it is about."""


ABSORBING_CASES = frozenset(["for", "of", "on", "over", "about", "to"])


def _outer(tok: Token, at: dict[int, Reading], governed: dict[int, Reading]) -> Reading | None:
    """The reading an inner predicate is about: its head's, or one a few nominal steps up when the
    inner one is a nominal introduced by 'for', 'of' or 'on' (or a 'to' infinitive)."""
    direct = at.get(tok.head.i) or governed.get(tok.head.i)
    if direct is not None:
        return direct
    case = next((c.lower_ for c in tok.children if c.dep_ in ("case", "mark")), None)
    if case not in ABSORBING_CASES:
        return None
    up = tok.head
    for _ in range(ABSORB_REACH - 1):
        if up.head.i == up.i or up.dep_.split(":")[0] not in ("nmod", "obl", "obj"):
            return None
        if up.lemma_.lower() in STANCE_NOUNS:
            return None  # "considered sanctions over the purchase": the verb is about the sanctions
        up = up.head
        found = at.get(up.i) or governed.get(up.i)
        if found is not None:
            return found
    return None


def _object_is_a_plan(outer: Reading, clause: Token, doc: Doc) -> bool:
    """True when the outer reading's item is only what an inner clause is about: the clause hangs from
    the item ("approved a plan to buy 54 tanks"), or is a 'to' clause under the outer verb whose items
    are no arms ("dropped plans to buy two frigates", parsed with 'to buy' under 'dropped')."""
    items = outer.roles.get("item", [])
    if clause.head.i in items:
        return True
    return (clause.head.i == outer.token and bool(items) and not any(is_weapon_phrase(doc, t) for t in items)
            and any(c.dep_ == "mark" and c.lower_ == "to" for c in clause.children))


def absorb(readings: list[Reading], doc: Doc) -> None:
    """Mark readings that only say what another reading is about, and lend their roles to it."""
    at = {r.token: r for r in readings}
    for r in readings:
        # "completed deliveries of all 24 K9s that Norway ordered": the relative clause on the item
        # names the side the main reading leaves open
        for head in r.roles.get("item", []):
            for child in doc[head].children:
                inner = at.get(child.i) if child.dep_ in ("acl:relcl", "acl") else None
                if inner is None or inner is r:
                    continue
                for role in ("supplier", "recipient"):
                    if not r.roles.get(role):
                        for t in inner.roles.get(role, []):
                            r.add(role, t, f"from the clause on the item, '{child.text}': {inner.relations.get(t, '')}")
    for r in readings:
        # "Thailand rejected an offer of submarines": the offer a reading acts on, naming no side of
        # its own, was made to the side the reading names (the rejection and the offer are two claims)
        for head in r.roles.get("item", []):
            offer = at.get(head)
            if offer is None or offer is r or not offer.predicate.is_nominal or offer.governor is not None:
                continue
            if not any(offer.roles.get(role) for role in ("supplier", "recipient", "party")):
                for role in ("supplier", "recipient"):
                    for t in r.roles.get(role, []):
                        offer.add(role, t, f"from '{doc[r.token].text}', which acts on it: {r.relations.get(t, '')}")
    for r in readings:
        tok = doc[r.token]
        host = at.get(tok.head.i)
        if r.predicate.is_nominal and host is not None and host is not r and case_of(tok) in LENDING_CASES:
            for role, tokens in host.roles.items():
                if not r.roles.get(role) and role in ("item", "supplier", "recipient", "party"):
                    for t in tokens:
                        r.add(role, t, f"from '{doc[host.token].text}', done under it: {host.relations.get(t, '')}")
                        if role == "item":
                            r.borrowed.add(t)
    governed = {r.governor_token: r for r in readings if r.governor_token is not None}
    for verb in readings:
        nominal = governed.get(verb.token)
        if nominal is not None and nominal is not verb and not verb.predicate.is_nominal:
            verb.absorbed_into = nominal.token  # "approved the sale": the sale, governed, is the claim
            taken = {t for tokens in nominal.roles.values() for t in tokens}
            for role, tokens in verb.roles.items():
                if role != "item" and role not in nominal.roles:
                    for t in tokens:
                        if t not in taken:  # "KAI got the contract": the winner, not a buyer
                            nominal.add(role, t, f"from '{doc[verb.token].text}': {verb.relations.get(t, '')}")
    for inner in readings:
        if inner.absorbed_into is not None:
            continue
        tok = doc[inner.token]
        if inner.governor_token is not None and doc[inner.governor_token].head.i == tok.i \
                and doc[inner.governor_token].dep_ == "acl":
            continue  # "under a contract signed in 2010": a signing of its own, stated in passing
        if inner.predicate.is_nominal and case_of(tok) in LENDING_CASES and tok.head.i in at \
                and at[tok.head.i].event != inner.event:
            continue  # "received three jets under a 2022 contract": the contract is an agreement of its own
            # (an order placed under a contract is that contract: "ordered 300 missiles under a contract")
        noun = misread_object_of(tok)
        owner = object_before_infinitive(tok)
        outer: Reading | None
        if owner is not None and owner.i in at:
            outer = at[owner.i]  # "cancelled the contract to buy 16 helicopters": the contract's clause
        elif noun is not None and noun.head.i != noun.i:
            # "a contract to supply 18 jets" parsed with 'supply' a modifier of 'jets': the clause
            # hangs, as it should, from the noun above its object
            outer = governed.get(noun.head.i) or at.get(noun.head.i)  # the nominal its verb governs first
        elif tok.head.i == tok.i or tok.dep_.split(":")[0] not in ABSORBING_LINKS:
            continue
        else:
            outer = _outer(tok, at, governed)
        if outer is None or outer is inner or outer.absorbed_into is not None or outer.dropped:
            continue
        if inner.dropped and inner.predicate.needs_handover:
            continue  # "the ships that Japan sold to Manila arrived" parsed with 'arrived' under 'sold'
        if tok.dep_ in ("xcomp", "ccomp") and not outer.predicate.is_nominal and outer.token == tok.head.i:
            # "would consider delivering tanks to Poland": the complement's frame names the parties;
            # the governing verb lent its modality while the reading climbed
            outer.absorbed_into = inner.token
            if not inner.roles.get("item"):
                for t in outer.roles.get("item", []):
                    inner.add("item", t, f"from '{doc[outer.token].text}': {outer.relations.get(t, '')}")
            continue
        if tok.dep_.split(":")[0] in ("obl", "nmod") and not inner.predicate.is_nominal:
            continue
        if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CIRCUMSTANCE_MARKS for c in tok.children):
            continue  # "its largest procurement since it bought 37 tanks": a time or a cause, an event of its own
        inner.absorbed_into = outer.token
        if inner.roles.get("item") and not is_weapon_phrase(doc, tok.head.i) and _object_is_a_plan(outer, tok, doc):
            # "approved a plan to buy 54 tanks": the plan is what was approved, the tanks what it is about
            outer.roles["item"] = []
        for role, tokens in inner.roles.items():
            if role == "party" and any(r in outer.roles for r in ("supplier", "recipient")):
                continue
            if role not in outer.roles or role == "item" and not outer.roles.get("item"):
                for t in tokens:
                    outer.add(role, t, f"from '{tok.text}': {inner.relations.get(t, '')}")
        if inner.is_denied and not outer.is_denied:
            outer.is_denied = True
