"""What a reading transfers: the systems its item phrase names, a weapon noun, or the topic it points back to."""
from __future__ import annotations

from typing import TYPE_CHECKING

from armsledger.claims.arguments import (
    SentenceView,
    case_of,
    conjuncts,
    designation,
    is_anaphor,
    is_civil,
    is_weapon_phrase,
    path_to,
    phrase,
    states_in,
    systems_in,
)
from armsledger.claims.context import TOPIC_MEMORY_SENTENCES, Context, Item
from armsledger.claims.enumeration import listed_with, segment_of
from armsledger.claims.figures import anchors_of, head_of, item_quantity, stops_of
from armsledger.claims.parties import either_role, is_party_phrase
from armsledger.claims.reading import Reading
from armsledger.claims.vocabulary import (
    BATCH_NOUNS,
    COLLECTIVE_HEADS,
    FINAL_WORDS,
    IDLE_NOUNS,
    NOUN_CATEGORIES,
    PLATFORM_PART_NOUNS,
)
from armsledger.models import Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from armsledger.mentions.entries import System


def read_items(reading: Reading, view: SentenceView, ctx: Context) -> list[Item] | None:
    doc = view.doc
    heads = [h for t in reading.roles.get("item", []) + either_role(reading, view, "item") for h in conjuncts(doc, t)]
    heads = [h for h in heads if not is_party_phrase(view, h)]
    if reading.predicate.is_nominal and not heads:
        own = [c.i for c in doc[reading.token].children if c.dep_ == "compound"]
        heads = [h for t in own for h in conjuncts(doc, t)]
    if reading.predicate.is_nominal:
        # a nominal's own modifiers name its item when its bound roles do not ("the S-400 delivery
        # contract", the name tagged an adjective)
        modifiers = [c.i for c in doc[reading.token].children if c.dep_ in ("compound", "amod")
                     and (is_weapon_phrase(doc, c.i) or systems_in(view, phrase(doc, c.i)))]
        if not any(systems_in(view, phrase(doc, h)) or is_weapon_phrase(doc, h) for h in heads):
            heads += [h for t in modifiers for h in conjuncts(doc, t) if h not in heads]
    out: list[Item] = []
    for outer in dict.fromkeys(heads):
        head = _collective(doc, outer)
        tokens = phrase(doc, head, with_conjuncts=False)
        if is_civil(doc, tokens):
            return None
        outer_tokens = phrase(doc, outer, with_conjuncts=False)
        quantity = item_quantity(doc, outer_tokens)  # "six battalions of S-400"
        # "its last Orions, which it had bought from the US": a clause on the item reaches the
        # item's words only as the outer clause's; 'last' is the outer clause's, not the order's
        on_item = doc[reading.token].dep_ in ("acl", "acl:relcl") and doc[reading.token].head.i == outer
        is_final = not on_item and any(doc[t].lower_ in FINAL_WORDS for t in outer_tokens)
        systems = _own_systems(view, tokens)
        if systems:
            out.extend(Item(m, None, tuple(tokens), quantity, f"the item phrase names {m.text}", is_final=is_final)
                       for m in systems)
            continue
        earlier = _named_before_in_sentence(view, head, tokens, ctx) if is_anaphor(doc, head) else None
        if earlier is not None:
            # "placed an order for AIM-120C missiles ... has refused to resupply these missiles"
            out.append(Item(earlier, None, tuple(tokens), quantity,
                            f"'{doc[head].text}' points back to {earlier.text}, named before it", is_reference=True))
            continue
        if is_anaphor(doc, head) and is_topic_recent(ctx) and _kind_fits(doc, head, ctx.topic.system, ctx):
            assert ctx.topic.system is not None
            out.append(Item(ctx.topic.system, None, tuple(tokens), quantity,
                            f"'{doc[head].text}' points back to {ctx.topic.system.text}", is_reference=True))
            continue
        name = designation(doc, tokens, head, avoid=_named_spans(view))
        if name is not None:
            out.append(Item(None, name, tuple(tokens), quantity, f"a designation the catalogue lacks: {name}"))
        elif is_weapon_phrase(doc, head):
            fitting = _fitting_topic(doc, head, ctx) or _named_before_in_sentence(view, head, tokens, ctx)
            if fitting is not None and not _same_maker(view, tokens, fitting, ctx):
                fitting = None  # "16 Russian helicopters" after an Indian one: other helicopters
            if fitting is not None:
                out.append(Item(fitting, None, tuple(tokens), quantity,
                                f"'{doc[head].text}' fits the article's topic, {fitting.text}", is_reference=True))
            else:
                out.append(Item(None, None, tuple(tokens), quantity, f"unnamed arms: '{doc[head].text}'"))
    out += _listed(out, view)
    for t in reading.roles.get("rejected", []):
        for head in conjuncts(doc, t):
            tokens = phrase(doc, head, with_conjuncts=False)
            out.extend(Item(m, None, tuple(tokens), None, f"passed over: {m.text}", is_rejected=True)
                       for m in systems_in(view, tokens))
    if out:
        return out
    found = _in_clause(reading, view, ctx, within=heads)
    named = {i.system.start for i in found if i.system is not None}
    found += [i for i in _included(reading, view) if i.system is not None and i.system.start not in named]
    if found:
        return found
    if heads or not reading.predicate.is_nominal:
        return None  # a verb's object that is no weapon ("got to prove"), or a verb with no object
    if is_kind(doc[reading.token]) and reading.governor is None:
        return None  # "aimed at increasing drone exports", "$2.8 billion in sales": a kind, not an event
    before = [m for i, m in sorted(view.by_token.items()) if m.kind == "system" and i < reading.token]
    if before:
        # "it was more interested in the Akash-NG, but talks could not be concluded": the system the
        # sentence named last before the event is the topic by then
        return [Item(before[-1], None, (), None, f"no item of its own: {before[-1].text}, named before it",
                     is_reference=True)]
    if is_topic_recent(ctx):
        assert ctx.topic.system is not None
        if ctx.topic.lead is not None:
            return [Item(ctx.topic.lead, None, (), None,
                         f"no item in the sentence: the article's deal, {ctx.topic.lead.text}", is_reference=True)]
        return [Item(ctx.topic.system, None, (), None, f"no item in the sentence: the topic, {ctx.topic.system.text}",
                     is_reference=True)]
    if ctx.topic.claim_age <= 1 and ctx.topic.claimed_system is None and ctx.topic.recipient is not None:
        # "Hanwha signed a contract to build two frigates. The contract is valued at...": the same deal
        return [Item(None, None, (), None, "no item in the sentence: the deal just reported", is_reference=True)]
    return None


INCLUDING_WORDS = frozenset(["including", "include", "includes", "included", "comprising", "comprises"])
"""Words after which a deal noun lists what it covers ("$15 billion in contracts, including for C-17s
and P-8Is")."""


def _included(reading: Reading, view: SentenceView) -> list[Item]:
    """The systems a deal noun with no item of its own lists after 'including': every one named from
    that word to the end of its clause (a semicolon, or a verb with its own subject)."""
    doc = view.doc
    if not reading.predicate.is_nominal:
        return []
    start = next((t.i for t in doc[reading.token + 1:] if t.lower_ in INCLUDING_WORDS), None)
    if start is None or start - reading.token > MAX_INCLUDING_DISTANCE:
        return []
    end = next((t.i for t in doc[start + 1:] if t.text == ";" or (
        t.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubj:pass") for c in t.children))), len(doc))
    out: list[Item] = []
    for m in systems_in(view, list(range(start + 1, end))):
        tokens = segment_of(view, m)
        out.append(Item(m, None, tuple(tokens), item_quantity(doc, tokens), f"listed after '{doc[start].text}': {m.text}"))
    return out


MAX_INCLUDING_DISTANCE = 6
"""How far after the deal noun its 'including' may stand ("contracts worth $3 billion, including"):
past that the list belongs to something else. Chosen by reading the development sets; re-run the gate."""


def is_kind(tok: Token) -> bool:
    """A bare plural names a kind ("exports", "sales in 2016"), not one event: no determiner,
    possessor, number or party of its own."""
    return tok.tag_ == "NNS" and not any(c.dep_ in ("det", "nmod:poss", "nummod") or (
        c.dep_ == "nmod" and case_of(c) in PARTY_CASES) for c in tok.children)


PARTY_CASES = frozenset(["with", "between", "to", "from"])
"""Prepositions that give a nominal a party of its own ("talks with Seoul", "sales to Riyadh"): one event."""


def _own_systems(view: SentenceView, tokens: list[int]) -> list[Mention]:
    """The systems an item phrase names; of a phrase whose head names one, not those of an appositive
    describing it ("S-300V systems, another modification of the S-300P": the S-300V)."""
    doc = view.doc
    described = {t.i for i in tokens if doc[i].dep_ == "appos" for t in doc[i].subtree}
    # "an F-16 ammunition contract", "its F-16 fleet": a name qualifying a part or a fleet is no item
    qualifying = {i for i in tokens if doc[i].dep_ in ("compound", "amod") and view.by_token.get(i) is not None
                  and (doc[i].head.lemma_.lower() in PLATFORM_PART_NOUNS
                       or i + 1 < len(doc) and doc[i + 1].lower_ in PLATFORM_PART_NOUNS)}
    own = systems_in(view, [i for i in tokens if i not in described and i not in qualifying])
    return own or systems_in(view, [i for i in tokens if i not in qualifying])


def _listed(items: list[Item], view: SentenceView) -> list[Item]:
    """The systems listed with a named item ("K2 tanks, K9 howitzers and Chunmoo launchers")."""
    named = {i.system.start for i in items if i.system is not None}
    out: list[Item] = []
    for item in items:
        if item.system is None or item.is_rejected:
            continue
        for m in listed_with(view, item.system):
            if m.start not in named:
                named.add(m.start)
                tokens = segment_of(view, m)
                out.append(Item(m, None, tuple(tokens), item_quantity(view.doc, tokens),
                                f"listed with {item.system.text}: {m.text}", is_final=item.is_final))
    return out


FALLBACK_BLOCKING = frozenset(["nsubj", "csubj", "parataxis", "advcl", "acl:relcl", "appos", "list", "obl:tmod"])
"""Relations a system's path to the predicate may not end in when the bound roles named no item."""


def _collective(doc: Doc, head: int) -> int:
    """"a batch of missiles", "two squadrons of Rafale": the item is the 'of' phrase."""
    tok = doc[head]
    if tok.pos_ == "NUM":
        noun = next((c for c in tok.children if c.pos_ == "NOUN" and c.dep_ in ("compound", "nmod", "appos")), None)
        if noun is not None:
            return noun.i  # "for eighteen aircraft" parsed with the number as the head
        noun = _noun_after_number(doc, tok)
        if noun is not None:
            return noun.i  # "the sale of 22 unarmed drones" parsed with the noun hung elsewhere
    if tok.lemma_.lower() in COLLECTIVE_HEADS or tok.lower_ in COLLECTIVE_HEADS or tok.pos_ == "NUM":
        inner = next((c for c in tok.children if c.dep_ == "nmod" and case_of(c) == "of"), None)
        if inner is not None:
            return inner.i
    return head


NUMBER_GAP = 3
"""How many modifiers may stand between a number and the noun it counts ("22 unarmed surveillance drones")."""


def _noun_after_number(doc: Doc, num: Token) -> Token | None:
    """The noun a number counts when the parse hung the noun elsewhere: the first noun after it, with
    only that noun's own modifiers between ("of 22 unarmed drones" read as 'of 22' and a stray
    'drones'). A number with a preposition of its own cannot be followed by the noun it counts
    unless it counts that noun."""
    if not any(c.dep_ == "case" for c in num.children):
        return None
    for tok in doc[num.i + 1:num.i + 2 + NUMBER_GAP]:
        if tok.pos_ == "NOUN":
            return tok
        if tok.dep_ not in ("amod", "compound") or tok.head.i <= tok.i:
            return None
    return None


def _noun_kinds(tok: Token) -> tuple[str, ...]:
    """The catalogue categories a generic weapon noun can name ("guns": gun, howitzer, artillery)."""
    return NOUN_CATEGORIES.get(tok.lemma_.lower()) or NOUN_CATEGORIES.get(tok.lower_.rstrip("s")) or ()


def _fits(kinds: tuple[str, ...], entry: System) -> bool:
    """True when a catalogue entry's category is one of the kinds (an empty kind fits any)."""
    return any(k.lower() in entry.category.lower() for k in kinds)


def _kind_fits(doc: Doc, head: int, system: Mention | None, ctx: Context) -> bool:
    """True unless the noun's kind rules the system out ("the guns" cannot point back to a tank)."""
    kinds = _noun_kinds(doc[head])
    entry = ctx.gazetteers.systems.get(system.entity) if system is not None else None
    return not kinds or entry is None or _fits(kinds, entry)


def _fitting_topic(doc: Doc, head: int, ctx: Context) -> Mention | None:
    """The topic system a definite or counted generic noun stands for ("the four frigates" after a
    named frigate class), if its category fits."""
    if not is_topic_recent(ctx) or ctx.topic.system is None:
        return None
    tok = doc[head]
    kinds = _noun_kinds(tok)
    if not kinds or not any(c.dep_ in ("det", "nummod") for c in tok.children):
        return None
    # a generic head takes its kind from its compounds ("an air defence missile system"); here the
    # empty kind of "system" alone fits nothing
    kinds = tuple(k for k in kinds + tuple(k for c in tok.children if c.dep_ == "compound"
                                           for k in NOUN_CATEGORIES.get(c.lemma_.lower(), ())) if k)
    entry = ctx.gazetteers.systems.get(ctx.topic.system.entity)
    return ctx.topic.system if entry is not None and _fits(kinds, entry) else None


def _same_maker(view: SentenceView, tokens: list[int], system: Mention, ctx: Context) -> bool:
    """False when the generic phrase names a maker other than the system's ("Russian helicopters")."""
    makers = {m.state for m in states_in(view, tokens)}
    entry = ctx.gazetteers.systems.get(system.entity)
    return not makers or entry is None or entry.origin in makers


def _named_before_in_sentence(view: SentenceView, head: int, tokens: list[int], ctx: Context) -> Mention | None:
    """The system a generic noun takes up from earlier in its own sentence ("S-300P systems were
    exported to Vietnam, and systems from the army's stock were supplied to Belarus"): the nearest
    one before it whose category fits the noun, unless the phrase gives another maker."""
    doc = view.doc
    tok = doc[head]
    kinds = _noun_kinds(tok)
    # "a further batch", "the first of them", "the first of which": of whatever was named, of any kind
    batch = tok.lower_ in BATCH_NOUNS or tok.pos_ == "PRON"
    if not (kinds or batch) or any(c.dep_ == "nmod:poss" for c in tok.children):
        return None  # "their drones": a maker's products in general, not the system just named
    makers = {m.state for m in states_in(view, tokens)}
    before = sorted({m.start: m for i, m in view.by_token.items() if m.kind == "system" and i < head}.values(),
                    key=lambda m: m.start)
    # only a system another predicate of the sentence transfers ("S-300Ps were exported to Vietnam
    # and systems from stock were supplied to Belarus"), not one merely named ("without the Mi-17s")
    items = {i for r in ctx.readings if r.token != head for t in r.roles.get("item", []) for i in phrase(doc, t)}
    for m in reversed(before):
        if not any(view.by_token.get(i) is m for i in items):
            continue
        entry = ctx.gazetteers.systems.get(m.entity)
        if entry is None or not (batch or _fits(kinds, entry)):
            continue
        return m if not makers or entry.origin in makers else None
    return None


def _in_clause(reading: Reading, view: SentenceView, ctx: Context, *, within: list[int]) -> list[Item]:
    """The systems of the predicate's own clause, when its bound item named none (the parse put the
    object elsewhere): each must hang from the predicate without crossing another predicate or a
    subject, relative clause or side clause."""
    doc = view.doc
    anchors = anchors_of(reading, ctx)
    stops = stops_of(reading, ctx)
    out: list[Item] = []
    bound = {t for toks in reading.roles.values() for t in toks}
    candidates: list[tuple[Mention | None, int | None]] = [(m, head_of(doc, m.start, m.end)) for m in dict.fromkeys(view.by_token[i] for i in sorted(view.by_token))
                  if m.kind == "system"]
    if not candidates:
        candidates = [(None, t.i) for t in doc if t.pos_ == "NOUN" and is_weapon_phrase(doc, t.i)
                      and t.i not in bound and t.dep_ != "compound"]
    for m, head in candidates:
        if head is None:
            continue
        if within:
            # the bound object names no arms: only what its own phrase holds may be the item
            path = path_to(doc, head, set(within), stops=stops, limit=4)
        else:
            path = path_to(doc, head, anchors, stops=stops, limit=4)
        if path is None or path and path[-1] in FALLBACK_BLOCKING and reading.predicate.roles.get(path[-1]) != "item":
            continue
        if any(p in ("acl:relcl", "parataxis", "conj", "advcl", "acl", "xcomp", "ccomp") for p in path):
            continue
        if _under_idle_noun(doc, head, len(path)):
            continue  # "a contract for the design of a submarine": work on arms, not arms
        tokens = phrase(doc, head, with_conjuncts=False)
        if is_civil(doc, tokens) or (m is None and len(path) > 2):
            continue
        name = designation(doc, tokens, head, avoid=_named_spans(view)) if m is None else None
        fitting = _fitting_topic(doc, head, ctx) if m is None and name is None else None
        out.append(Item(m or fitting, name, tuple(tokens), item_quantity(doc, tokens),
                        f"in the predicate's clause: {m.text if m else name or doc[head].text}",
                        is_reference=fitting is not None))
    return out


def is_topic_recent(ctx: Context) -> bool:
    return ctx.topic.system is not None and ctx.topic.system_age <= TOPIC_MEMORY_SENTENCES


def carries_topic(item: Item, ctx: Context) -> bool:
    """True when the item is the article's topic (or unnamed): its parties may carry over."""
    if ctx.topic.claimed_system is None and ctx.topic.recipient is None:
        return False
    if item.is_reference:
        return True
    if item.system is None:
        return False
    entry = ctx.gazetteers.systems.get(item.system.entity)
    return entry is not None and ctx.topic.claimed_system in (entry.designation, entry.code, None)


def _named_spans(view: SentenceView) -> tuple[tuple[int, int], ...]:
    """Spans a designation the catalogue lacks may not take: every state, organisation and system
    named ("Chinese Yuan-class", "F-16 ammunition": a catalogued name is not a new one)."""
    return tuple((m.start, m.end) for m in view.mentions)


def _under_idle_noun(doc: Doc, head: int, steps: int) -> bool:
    """True when a weapon phrase hangs, within `steps` relations, from a noun for work on arms that
    transfers none ("the design of a nuclear-powered submarine", "maintenance of the F-16s")."""
    tok = doc[head]
    for _ in range(steps):
        tok = tok.head
        if tok.lemma_.lower() in IDLE_NOUNS:
            return True
    return False
