"""Turn predicate readings into claims: parties, systems and figures, from the roles' phrases.

- The item is the predicate's theme: the systems its phrase names (one claim each), else a weapon
  noun (an unnamed system), else a pronoun or a definite noun pointing back to the article's topic.
- A party is the state of the phrase that fills a role (a company, ministry, capital or leader stands
  for its state: the catalogue's job). A `party` role is decided by the item's origin: the side that
  made it sells. A missing supplier is the item's origin ("Russian-made", or the catalogue's); a
  missing recipient is the one the article was last about, if the sentence names no other.
- A quantity is the item phrase's own count; a value or a date is the reading's only where the tree
  ties it to the predicate, its governor or its item, and never a unit price or a sum over systems.
"""
from __future__ import annotations

import dataclasses

from armsledger.claims.arguments import (
    SentenceView,
    text_of,
)
from armsledger.claims.context import TOPIC_MEMORY_SENTENCES, Context, Item
from armsledger.claims.figures import is_before, read_date, read_value
from armsledger.claims.items import carries_topic, read_items
from armsledger.claims.parties import (
    is_armed_service_buyer,
    is_civil_buyer,
    made_where,
    origin_of,
    place_sides,
    read_parties,
    reporting_firm,
)
from armsledger.claims.reading import Reading
from armsledger.models import Claim, Money, PartialDate


def resolve(reading: Reading, view: SentenceView, ctx: Context) -> tuple[list[Claim], str]:
    """Return a reading's claims and, when there are none, why."""
    if reading.dropped:
        return [], reading.dropped
    items = read_items(reading, view, ctx)
    if items is None and reading.event == "interest" and is_armed_service_buyer(reading, view, ctx.gazetteers.orgs):
        items = [Item(None, None, (), None, "unnamed arms: what an armed service seeks or is offered")]
    if items is None:
        return [], "its theme is not arms (or is civilian)"
    items = _without_nouns_of_named(items, view)
    if is_civil_buyer(reading, view):
        return [], "the buyer is an airline: a civilian purchase"
    suppliers, recipients, parties, notes = read_parties(reading, view, ctx)
    claims: list[Claim] = []
    why = "no supplier and recipient could be told apart"
    named_states = {m.state for m in view.mentions if m.kind != "system" and m.state}
    several = len([i for i in items if i.system is not None or i.name is not None]) > 1
    value = None if several else read_value(reading, view, ctx)
    date = read_date(reading, view, ctx)
    named_parties = set(suppliers) | set(recipients) | set(parties)
    borrowed = bool(reading.borrowed) and set(reading.roles.get("item", [])) <= reading.borrowed
    for item in items:
        if borrowed and item.quantity is not None:
            item = dataclasses.replace(item, quantity=None)  # the count of what was done under the deal
        origin = origin_of(item, view, ctx)
        if item.is_reference and len(named_parties) >= 2 and not named_parties & {origin, ctx.topic.supplier}:
            # "talks with India and Russia collapsed" in an article about a European aircraft: two
            # parties, neither the topic's seller, are about something else
            why = "the sentence's parties are not the topic's"
            continue
        sup, rec, how = place_sides(made_where(suppliers, item, view, ctx), recipients, parties, origin,
                                    ctx.gazetteers.arms_exports)
        if item.is_reference and origin and sup and origin not in sup:
            # "India ordered Rafales. The IAF is considering proposals from Saab": Saab's offer is not
            # the Rafale the article was about
            why = "the seller named is not the maker of the system referred to"
            continue
        item_notes = list(notes) + how
        if not sup and origin:
            sup = [origin]
            item_notes.append(f"supplier from the item's origin: {origin}")
        if not sup and rec and (firm := reporting_firm(reading, view)) is not None and firm.state not in rec:
            sup = [firm.state or firm.entity]
            item_notes.append(f"supplier {sup[0]}: {firm.text} reports the purchase, its own sale")
        carried = carries_topic(item, ctx)
        if not sup and carried and ctx.topic.supplier:
            sup = [ctx.topic.supplier]
            item_notes.append(f"supplier from the article's topic: {ctx.topic.supplier}")
        if not rec and carried and ctx.topic.recipient and not (named_states - set(sup) - {ctx.topic.recipient}):
            rec = [ctx.topic.recipient]
            item_notes.append(f"recipient from the article's topic: {ctx.topic.recipient}")
        elif not rec and sup and ctx.topic.recipient and ctx.topic.claim_age <= TOPIC_MEMORY_SENTENCES \
                and ctx.topic.supplier in sup and not (named_states - set(sup)):
            # "the U.S. will deliver a new batch of Hellfire missiles": the seller the article is about,
            # selling to no one the sentence names, sells to the buyer it is about
            rec = [ctx.topic.recipient]
            item_notes.append(f"recipient from the article's topic (same seller, no other state named): "
                              f"{ctx.topic.recipient}")
        if not rec and sup and (item.system or item.name) and not item.is_reference and not (named_states - set(sup)):
            # "the U.S. will deliver a new batch of Hellfire missiles" in an article headed about Iraq:
            # a seller selling a named system to no one the sentence names sells to the state the
            # headline is about (unnamed arms are too often a statistic or background for this)
            focus = next((st for st in ctx.topic.headline_states if st not in sup), None)
            if focus is not None:
                rec = [focus]
                item_notes.append(f"recipient from the headline: {focus}")
        if not sup or not rec:
            why = "the sentence names no " + ("supplier" if not sup else "recipient")
            continue
        for s in dict.fromkeys(sup):
            for r in dict.fromkeys(rec):
                if s == r:
                    why = "supplier and recipient are one state (a domestic order or its own forces)"
                    continue
                claims.append(_claim(reading, view, ctx, item, s, r, value, date, item_notes))
    return claims, ("" if claims else why)


def _claim(reading: Reading, view: SentenceView, ctx: Context, item: Item, supplier: str, recipient: str,
           value: Money | None, date: PartialDate | None, notes: list[str]) -> Claim:
    doc = view.doc
    entry = ctx.gazetteers.systems.get(item.system.entity) if item.system is not None else None
    trigger = doc[reading.token]
    path = [f"{reading.predicate.name}: '{trigger.text}' ({trigger.pos_}, {trigger.dep_})"]
    if reading.governor_token is not None and reading.governor is not None:
        path.append(f"governed by '{doc[reading.governor_token].text}' ({reading.governor.name})")
    path += [f"cue {c}" for c in reading.cues]
    path.append(item.how)
    event = reading.event
    if event == "delivery" and item.is_final:
        event = "completion"
        path.append("the last of the order delivered: its completion")
    return Claim(
        doc=ctx.doc_id, event=event, supplier=supplier, recipient=recipient,
        system=entry.code if entry else item.name, system_family=entry.family if entry else None,
        evidence=text_of(doc).strip(), span=(ctx.offset, ctx.offset + len(text_of(doc))), rule=reading.predicate.name,
        denied=reading.is_denied or item.is_rejected, planned=reading.is_planned, quantity=item.quantity, value=value,
        date=None if reading.is_planned and date is not None and is_before(date, ctx.published) else date,
        source=ctx.source, trigger=trigger.text, gazetteer_version=ctx.gazetteers.version,
        notes=tuple(path + notes),
    )


def _without_nouns_of_named(items: list[Item], view: SentenceView) -> list[Item]:
    """Drop an unnamed item that is only the noun of a named one beside it ("a KAAN fighter contract",
    both words read as the contract's compounds): the fighter is the KAAN."""
    doc = view.doc
    named = [i for i in items if (i.system is not None or i.name is not None) and i.tokens]
    kept = []
    for item in items:
        if item.system is None and item.name is None and item.tokens and any(
                min(item.tokens) == max(n.tokens) + 1 and doc[min(item.tokens)].head.i == doc[max(n.tokens)].head.i
                for n in named):
            continue
        kept.append(item)
    return kept
