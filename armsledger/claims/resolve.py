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

from dataclasses import dataclass, field
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
    span_text,
    states_in,
    systems_in,
    text_of,
)
from armsledger.claims.dates import DateMatch, find_dates
from armsledger.claims.enumeration import listed_with, segment_of
from armsledger.claims.frames import Reading
from armsledger.claims.quantity import find_quantities
from armsledger.claims.value import ValueMatch, find_values
from armsledger.claims.vocabulary import (
    CIVIL_BUYERS,
    COLLECTIVE_HEADS,
    FINAL_WORDS,
    NOUN_CATEGORIES,
    PARTY_NOUNS,
    PLATFORM_PART_NOUNS,
    VALUE_VERBS,
)
from armsledger.mentions import Gazetteers
from armsledger.models import Claim, Mention, Money, PartialDate, Quantity

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

TOPIC_MEMORY_SENTENCES = 4
"""How many sentences a system stays the article's topic for a sentence that names none ("Deliveries
began in July."). Kept from the earlier reader (tuned on the seeds); re-run the eval report after a change."""
UNIT_PRICE_WORDS = frozenset(["per", "each", "apiece", "a", "unit"])
"""Words after a sum that make it a unit price ("$40 million per unit", "$90 million each")."""
DEADLINE_CASES = frozenset(["by", "until", "till", "before"])
"""A deadline ("by 2030") dates only a planned event."""


@dataclass(slots=True)
class Topic:
    """What the article is about so far, carried into sentences that leave it unsaid."""

    system: Mention | None = None
    system_age: int = 99
    supplier: str | None = None
    recipient: str | None = None
    claimed_system: str | None = None
    claim_age: int = 99
    subject: str | None = None
    """The state the last parsed sentence was about (its subject), for a pronoun that opens the next."""
    headline_states: tuple[str, ...] = ()
    """The states the headline names, in order: what the article is about."""

    def step(self) -> None:
        """Age the topic by one sentence."""
        self.system_age += 1
        self.claim_age += 1

    def note_systems(self, systems: list[Mention]) -> None:
        """A sentence named systems: the last is the topic now."""
        if systems:
            self.system, self.system_age = systems[-1], 0

    def note_claim(self, claim: Claim, mention: Mention | None) -> None:
        """A claim was made: its parties are the topic's."""
        self.supplier, self.recipient, self.claimed_system = claim.supplier, claim.recipient, claim.system
        self.claim_age = 0
        if mention is not None:
            self.system, self.system_age = mention, 0


@dataclass(slots=True)
class Context:
    """What resolving needs beyond the sentence."""

    doc_id: str
    offset: int
    published: PartialDate | None
    gazetteers: Gazetteers
    topic: Topic
    source: str | None
    readings: list[Reading] = field(default_factory=list)


def resolve(reading: Reading, view: SentenceView, ctx: Context) -> tuple[list[Claim], str]:
    """Return a reading's claims and, when there are none, why."""
    if reading.dropped:
        return [], reading.dropped
    items = _items(reading, view, ctx)
    if items is None:
        return [], "its theme is not arms (or is civilian)"
    if _civil_buyer(reading, view):
        return [], "the buyer is an airline: a civilian purchase"
    suppliers, recipients, parties, notes = _parties(reading, view, ctx)
    claims: list[Claim] = []
    why = "no supplier and recipient could be told apart"
    named_states = {m.state for m in view.mentions if m.kind != "system" and m.state}
    several = len([i for i in items if i.system is not None or i.name is not None]) > 1
    value = None if several else _value(reading, view, ctx)
    date = _date(reading, view, ctx)
    named_parties = set(suppliers) | set(recipients) | set(parties)
    for item in items:
        origin = _origin(item, view, ctx)
        if item.is_reference and len(named_parties) >= 2 and not named_parties & {origin, ctx.topic.supplier}:
            # "talks with India and Russia collapsed" in an article about a European aircraft: two
            # parties, neither the topic's seller, are about something else
            why = "the sentence's parties are not the topic's"
            continue
        sup, rec, how = _sides(_made_where(suppliers, item, view, ctx), recipients, parties, origin)
        item_notes = list(notes) + how
        if not sup and origin:
            sup = [origin]
            item_notes.append(f"supplier from the item's origin: {origin}")
        carried = _carries_topic(item, ctx)
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
        if not rec and sup and item.system is not None and not item.is_reference and not (named_states - set(sup)):
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


@dataclass(frozen=True, slots=True)
class Item:
    """One thing a reading transfers: a catalogued system, a name the catalogue lacks, or unnamed arms."""

    system: Mention | None
    name: str | None
    tokens: tuple[int, ...]
    quantity: Quantity | None
    how: str
    is_reference: bool = False
    """The item points back to the article's topic (a pronoun, "the jets", or no item at all)."""
    is_rejected: bool = False
    """Passed over for another ("picked X over Y": Y): interest, denied."""
    is_final: bool = False
    """The last of an order ("the last of 36 jets", "the remaining helicopters"): a delivery completes it."""


def _items(reading: Reading, view: SentenceView, ctx: Context) -> list[Item] | None:
    doc = view.doc
    heads = [h for t in reading.roles.get("item", []) + _either(reading, view, "item") for h in conjuncts(doc, t)]
    heads = [h for h in heads if not _is_party_phrase(view, h)]
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
        quantity = _quantity(doc, outer_tokens)  # "six battalions of S-400"
        is_final = any(doc[t].lower_ in FINAL_WORDS for t in outer_tokens)
        systems = _own_systems(view, tokens)
        if systems:
            out.extend(Item(m, None, tuple(tokens), quantity, f"the item phrase names {m.text}", is_final=is_final)
                       for m in systems)
            continue
        if is_anaphor(doc, head) and _recent(ctx):
            assert ctx.topic.system is not None
            out.append(Item(ctx.topic.system, None, tuple(tokens), quantity,
                            f"'{doc[head].text}' points back to {ctx.topic.system.text}", is_reference=True))
            continue
        name = designation(doc, tokens, head, avoid=_state_spans(view))
        if name is not None:
            out.append(Item(None, name, tuple(tokens), quantity, f"a designation the catalogue lacks: {name}"))
        elif is_weapon_phrase(doc, head):
            fitting = _fitting_topic(doc, head, ctx) or _named_before_in_sentence(view, head, tokens, ctx)
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
    if _is_kind(doc[reading.token]) and reading.governor is None:
        return None  # "aimed at increasing drone exports", "$2.8 billion in sales": a kind, not an event
    if _recent(ctx):
        assert ctx.topic.system is not None
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
        out.append(Item(m, None, tuple(tokens), _quantity(doc, tokens), f"listed after '{doc[start].text}': {m.text}"))
    return out


MAX_INCLUDING_DISTANCE = 6
"""How far after the deal noun its 'including' may stand ("contracts worth $3 billion, including"):
past that the list belongs to something else. Chosen by reading the development sets; re-run the gate."""


def _is_kind(tok: Token) -> bool:
    """A bare plural names a kind ("exports", "sales in 2016"), not one event: no determiner,
    possessor, number or party of its own."""
    return tok.tag_ == "NNS" and not any(c.dep_ in ("det", "nmod:poss", "nummod") for c in tok.children)


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
                out.append(Item(m, None, tuple(tokens), _quantity(view.doc, tokens),
                                f"listed with {item.system.text}: {m.text}", is_final=item.is_final))
    return out


FALLBACK_BLOCKING = frozenset(["nsubj", "csubj", "parataxis", "advcl", "acl:relcl", "appos", "list", "obl:tmod"])
"""Relations a system's path to the predicate may not end in when the bound roles named no item."""


CIVIL_LOOKBACK_TOKENS = 3
"""How many words before a buyer's phrase may describe it as an airline ("flag carrier Air India")."""


def _civil_buyer(reading: Reading, view: SentenceView) -> bool:
    doc = view.doc
    for t in reading.roles.get("recipient", []) + reading.roles.get("party", []):
        start, end = span_text(doc, phrase(doc, t))
        # the words just before the phrase too: "flag carrier Air India" parsed with 'carrier' apart
        start = doc[max(0, doc[t].left_edge.i - CIVIL_LOOKBACK_TOKENS)].idx
        text = text_of(doc)[start:end].lower()
        if any(word in text for word in CIVIL_BUYERS):
            return True
    return False


def _state_spans(view: SentenceView) -> tuple[tuple[int, int], ...]:
    return tuple((m.start, m.end) for m in view.mentions if m.kind != "system")


def _is_party_phrase(view: SentenceView, head: int) -> bool:
    """True when a phrase bound as the item names a state or an organisation and no arms ("orders for
    the Indian Navy" parsed with the navy as what is ordered): it is a party, not the item."""
    tokens = phrase(view.doc, head, with_conjuncts=False)
    return bool(states_in(view, tokens)) and not systems_in(view, tokens) and not is_weapon_phrase(view.doc, head)


def _collective(doc: Doc, head: int) -> int:
    """"a batch of missiles", "two squadrons of Rafale": the item is the 'of' phrase."""
    tok = doc[head]
    if tok.pos_ == "NUM":
        noun = next((c for c in tok.children if c.pos_ == "NOUN" and c.dep_ in ("compound", "nmod", "appos")), None)
        if noun is not None:
            return noun.i  # "for eighteen aircraft" parsed with the number as the head
    if tok.lemma_.lower() in COLLECTIVE_HEADS or tok.lower_ in COLLECTIVE_HEADS or tok.pos_ == "NUM":
        inner = next((c for c in tok.children if c.dep_ == "nmod" and case_of(c) == "of"), None)
        if inner is not None:
            return inner.i
    return head


def _fitting_topic(doc: Doc, head: int, ctx: Context) -> Mention | None:
    """The topic system a definite or counted generic noun stands for ("the four frigates" after a
    named frigate class), if its category fits."""
    if not _recent(ctx) or ctx.topic.system is None:
        return None
    tok = doc[head]
    categories = NOUN_CATEGORIES.get(tok.lemma_.lower()) or NOUN_CATEGORIES.get(tok.lower_.rstrip("s"))
    if not categories or not any(c.dep_ in ("det", "nummod") for c in tok.children):
        return None
    entry = ctx.gazetteers.systems.get(ctx.topic.system.entity)
    if entry is None or not any(c.lower() in entry.category.lower() for c in categories if c):
        return None
    return ctx.topic.system


def _named_before_in_sentence(view: SentenceView, head: int, tokens: list[int], ctx: Context) -> Mention | None:
    """The system a generic noun takes up from earlier in its own sentence ("S-300P systems were
    exported to Vietnam, and systems from the army's stock were supplied to Belarus"): the nearest
    one before it whose category fits the noun, unless the phrase gives another maker."""
    doc = view.doc
    tok = doc[head]
    categories = NOUN_CATEGORIES.get(tok.lemma_.lower()) or NOUN_CATEGORIES.get(tok.lower_.rstrip("s"))
    if not categories or any(c.dep_ == "nmod:poss" for c in tok.children):
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
        if entry is None or not any(c.lower() in entry.category.lower() for c in categories):
            continue
        return m if not makers or entry.origin in makers else None
    return None


def _in_clause(reading: Reading, view: SentenceView, ctx: Context, *, within: list[int]) -> list[Item]:
    """The systems of the predicate's own clause, when its bound item named none (the parse put the
    object elsewhere): each must hang from the predicate without crossing another predicate or a
    subject, relative clause or side clause."""
    doc = view.doc
    anchors = _anchors(reading, ctx)
    stops = _stops(reading, ctx)
    out: list[Item] = []
    bound = {t for toks in reading.roles.values() for t in toks}
    candidates: list[tuple[Mention | None, int | None]] = [(m, _head_of(doc, m.start, m.end)) for m in dict.fromkeys(view.by_token[i] for i in sorted(view.by_token))
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
        tokens = phrase(doc, head, with_conjuncts=False)
        if is_civil(doc, tokens) or (m is None and len(path) > 2):
            continue
        name = designation(doc, tokens, head, avoid=_state_spans(view)) if m is None else None
        fitting = _fitting_topic(doc, head, ctx) if m is None and name is None else None
        out.append(Item(m or fitting, name, tuple(tokens), _quantity(doc, tokens),
                        f"in the predicate's clause: {m.text if m else name or doc[head].text}",
                        is_reference=fitting is not None))
    return out


def _either(reading: Reading, view: SentenceView, want: str) -> list[int]:
    """Tokens of `item|party` roles that are `want` (an item if the phrase names arms, else a party)."""
    out = []
    for role, tokens in reading.roles.items():
        if "|" not in role:
            continue
        for t in tokens:
            toks = phrase(view.doc, t, with_conjuncts=False)
            is_item = bool(systems_in(view, toks)) or is_weapon_phrase(view.doc, t)
            if (want == "item") == is_item:
                out.append(t)
    return out


def _recent(ctx: Context) -> bool:
    return ctx.topic.system is not None and ctx.topic.system_age <= TOPIC_MEMORY_SENTENCES


def _carries_topic(item: Item, ctx: Context) -> bool:
    """True when the item is the article's topic (or unnamed): its parties may carry over."""
    if ctx.topic.claimed_system is None and ctx.topic.recipient is None:
        return False
    if item.is_reference:
        return True
    if item.system is None:
        return False
    entry = ctx.gazetteers.systems.get(item.system.entity)
    return entry is not None and ctx.topic.claimed_system in (entry.designation, None)


def _parties(reading: Reading, view: SentenceView,
             ctx: Context) -> tuple[list[str], list[str], list[str], list[str]]:
    doc = view.doc
    found: dict[str, list[str]] = {"supplier": [], "recipient": [], "party": []}
    notes = []
    for role in list(found):
        for t in reading.roles.get(role, []):
            if doc[t].pos_ == "PRON":
                state = _antecedent(doc, t, view) or (ctx.topic.subject if doc[t].lower_ in ("it", "they") else None)
                if state:
                    found[role].append(state)
                    notes.append(f"{role} {state}: '{doc[t].text}' refers to the subject it repeats")
                continue
            side = PARTY_NOUNS.get(doc[t].lemma_.lower())
            predicated = _copular_subject(doc, t)
            if side is not None and predicated is not None and states_in(view, phrase(doc, predicated)):
                # "China was the first foreign buyer to seal a deal": the buyer is the copula's subject
                for m in states_in(view, phrase(doc, predicated)):
                    found[side if role == "party" else role].append(m.state or m.entity)
                    notes.append(f"{role} {m.state}: '{doc[t].text}' is what '{m.text}' is said to be")
                continue
            if side is not None and not states_in(view, phrase(doc, t)) and not _exemplified(view, t):
                state = ctx.topic.recipient if side == "recipient" else ctx.topic.supplier
                if state and ctx.topic.claim_age <= TOPIC_MEMORY_SENTENCES:
                    found[side if role == "party" else role].append(state)
                    notes.append(f"{role} {state}: '{doc[t].text}' names the article's {side}")
                continue
            for m in states_in(view, phrase(doc, t)) or _exemplified(view, t):
                found[role].append(m.state or m.entity)
                notes.append(f"{role} {m.state} from '{m.text}' ({reading.relations.get(t, '')})")
    for t in reading.roles.get("item", []):
        if _is_party_phrase(view, t) and reading.relations.get(t, "").endswith(":for"):
            for m in states_in(view, phrase(doc, t)):
                found["recipient"].append(m.state or m.entity)
                notes.append(f"recipient {m.state} from '{m.text}' (what is bought is for it)")
    for role in ("supplier", "recipient", "party"):
        for t in _either(reading, view, "party"):
            key = next(r for r, toks in reading.roles.items() if t in toks).split("|")[1]
            if key == role:
                for m in states_in(view, phrase(doc, t)):
                    found[role].append(m.state or m.entity)
                    notes.append(f"{role} {m.state} from '{m.text}' ({reading.relations.get(t, '')})")
    return found["supplier"], found["recipient"], found["party"], notes


EXAMPLE_OPENERS = (("such", "as"), ("including",), ("like",))
"""Words after a generic party noun that list its members ("foreign firms such as Saab and Dassault")."""


def _exemplified(view: SentenceView, head: int) -> list[Mention]:
    """The states a generic party noun lists right after itself ("proposals from firms such as France's
    Dassault, Sweden's Saab and Russia's MiG"): every state or firm named from the opener to the end of
    the list (a verb or a clause break)."""
    doc = view.doc
    after = [t.lower_ for t in doc[head + 1:head + 3]]
    opener = next((o for o in EXAMPLE_OPENERS if tuple(after[:len(o)]) == o), None)
    if opener is None:
        return []
    end = head + 1 + len(opener)
    while end < len(doc) and doc[end].pos_ not in ("VERB", "AUX") and doc[end].text not in (";", ".", "(", ")"):
        end += 1
    return states_in(view, list(range(head + 1 + len(opener), end)))


def _copular_subject(doc: Doc, noun: int) -> int | None:
    """The subject a noun is predicated of ("China was the first buyer": China), or None."""
    tok = doc[noun]
    if not any(c.dep_ == "cop" for c in tok.children):
        return None
    return next((c.i for c in tok.children if c.dep_ in ("nsubj", "nsubj:pass")), None)


def _antecedent(doc: Doc, pronoun: int, view: SentenceView) -> str | None:
    """The state a subject pronoun stands for: the subject of a verb above it ("Russia said it would")."""
    if doc[pronoun].lower_ not in ("it", "they", "we"):
        return None
    # "Russia declared it would send": the verb just before the pronoun (or before its 'that') says
    # whose words follow, however the parse attached the clause
    before = pronoun - 2 if pronoun > 1 and doc[pronoun - 1].lower_ == "that" else pronoun - 1
    if before >= 0 and doc[before].pos_ == "VERB":
        subject = next((c for c in doc[before].children if c.dep_ == "nsubj" and c.i < before), None)
        states = states_in(view, phrase(doc, subject.i)) if subject is not None else []
        if states:
            return states[0].state
    tok = doc[pronoun].head
    for _ in range(6):
        subject = next((c for c in tok.children if c.dep_ == "nsubj" and c.i != pronoun and c.i < pronoun), None)
        if subject is not None:
            states = states_in(view, phrase(doc, subject.i))
            if states:
                return states[0].state
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return None


def _made_where(suppliers: list[str], item: Item, view: SentenceView, ctx: Context) -> list[str]:
    """A maker sells from where the catalogue says the item is made: "Airbus offered the A400M" is a
    Spanish sale (the catalogue's origin), though Airbus's home is France."""
    if item.system is None:
        return suppliers
    entry = ctx.gazetteers.systems.get(item.system.entity)
    if entry is None or not entry.producer:
        return suppliers
    makers = {m.state for m in view.mentions if m.kind == "org" and m.entity == entry.producer}
    return [entry.origin if s in makers and s != entry.origin else s for s in suppliers]


def _sides(suppliers: list[str], recipients: list[str], parties: list[str],
           origin: str | None) -> tuple[list[str], list[str], list[str]]:
    """Place the undecided parties: the item's maker sells, the other side buys.

    The sides are judged once, before any party is placed, so parties that share a role
    ("Finland and Denmark halted sales to Riyadh") land on the same side, not on opposite ones."""
    sup, rec, how = list(suppliers), list(recipients), []
    undecided = [p for p in dict.fromkeys(parties) if p not in sup and p not in rec]
    maker = origin if origin in undecided and not sup else None
    if maker is not None:
        sup.append(maker)
        how.append(f"{maker} made the item: the supplier")
    side = rec if (sup or origin is not None) else sup if rec else None
    if side is not None:
        for p in undecided:
            if p != maker:
                side.append(p)
                how.append(f"{p} is the other side: the {'recipient' if side is rec else 'supplier'}")
    return sup, rec, how


def _origin(item: Item, view: SentenceView, ctx: Context) -> str | None:
    """The item's maker: a state qualifying it in the phrase ("Russian S-400"), else the catalogue's."""
    for m in states_in(view, list(item.tokens)):
        if item.system is None or m.start < item.system.start:
            return m.state
    if item.system is not None:
        entry = ctx.gazetteers.systems.get(item.system.entity)
        return entry.origin if entry else item.system.state
    return None


def _quantity(doc: Doc, tokens: list[int]) -> Quantity | None:
    """The count of an item phrase ("at least six battalions", "10 Su-35 fighter jets"): read in the
    phrase, else in the words from its left edge to its head (a count the parse hung elsewhere)."""
    if not tokens:
        return None
    for start, end in (span_text(doc, tokens), _left_span(doc, tokens)):
        text = text_of(doc)[start:end]
        if not any(ch.isdigit() for ch in text) and not any(doc[t].like_num for t in tokens):
            continue
        found = find_quantities(text)
        if found:
            return found[0].quantity
    return None


def _left_span(doc: Doc, tokens: list[int]) -> tuple[int, int]:
    head = max(tokens, key=lambda t: len(list(doc[t].subtree)))
    first = doc[head].left_edge
    return first.idx, doc[head].idx + len(doc[head].text)


def _anchors(reading: Reading, ctx: Context) -> set[int]:
    anchors = {reading.token}
    if reading.governor_token is not None:
        anchors.add(reading.governor_token)
    anchors |= {r.token for r in ctx.readings if r.absorbed_into == reading.token}
    return anchors


def _stops(reading: Reading, ctx: Context) -> set[int]:
    mine = {reading.token, reading.governor_token} | {r.token for r in ctx.readings if r.absorbed_into == reading.token}
    return {r.token for r in ctx.readings if r.token not in mine} | {
        r.governor_token for r in ctx.readings if r.governor_token is not None and r.governor_token not in mine}


def _head_of(doc: Doc, start: int, end: int) -> int | None:
    inside = [t for t in doc if t.idx >= start and t.idx + len(t.text) <= end]
    for t in inside:
        if not (start <= t.head.idx < end) or t.head.i == t.i:
            return t.i
    return inside[-1].i if inside else None


def _value(reading: Reading, view: SentenceView, ctx: Context) -> Money | None:
    doc = view.doc
    anchors = _anchors(reading, ctx) | set(reading.roles.get("item", []))
    tok = doc[reading.token]
    if tok.dep_ in ("nsubj", "nsubj:pass") and tok.head.lemma_.lower() in VALUE_VERBS:
        anchors.add(tok.head.i)  # "the contract is valued at 500 billion won"
    stops = _stops(reading, ctx)
    sums = []
    for match in _values_in(doc):
        head = _head_of(doc, match.start, match.end)
        if head is None or match.money.amount <= 0:
            continue
        after = text_of(doc)[match.end:match.end + 12].lower().split()
        if after and (after[0] in UNIT_PRICE_WORDS or after[:2] == ["a", "piece"]):
            continue
        if any(c.lower_ in ("per", "each", "apiece") for c in doc[head].subtree):
            continue
        if path_to(doc, head, anchors, stops=stops) is not None:
            return match.money
        sums.append(match.money)
    claimants = [r for r in ctx.readings if r.absorbed_into is None and not r.dropped]
    if len(sums) == 1 and claimants == [reading] and reading.event in ("agreement", "negotiation"):
        # the parse hung the sum elsewhere ("a contract ... for 250 tanks, worth 4.75 billion dollars"),
        # but a sentence with one deal and one sum that is no unit price states the deal's value
        return sums[0]
    return None


def _date(reading: Reading, view: SentenceView, ctx: Context) -> PartialDate | None:
    doc = view.doc
    anchors = _anchors(reading, ctx)
    stops = _stops(reading, ctx)
    for match in _dates_in(doc, ctx.published):
        head = _head_of(doc, match.start, match.end)
        if head is None:
            continue
        case = next((c.lower_ for c in doc[head].children if c.dep_ == "case"), None)
        before = text_of(doc)[max(0, match.start - 12):match.start].lower().split()
        if (case in DEADLINE_CASES or (before and before[-1] in DEADLINE_CASES)) and not reading.is_planned:
            continue
        path = path_to(doc, head, anchors, stops=stops | _other_verbs(doc, anchors))
        if path is not None and "parataxis" not in path:
            return match.date
        reporter = _reporting_verb(doc, anchors)
        if reporter is not None and match.date.precision != "day" and path_to(doc, head, {reporter}, stops=stops) is not None:
            # "Russia announced in September 2017 that it had signed a deal": a past act reported in a
            # month or year happened by then; a day ("said on Wednesday") dates only the statement
            return match.date
    return None


def _reporting_verb(doc: Doc, anchors: set[int]) -> int | None:
    """The verb whose complement the predicate's clause is, when that clause is in the past."""
    for a in anchors:
        tok = doc[a]
        while tok.dep_ in ("xcomp", "conj") and tok.head.i != tok.i:
            tok = tok.head
        if tok.dep_ == "ccomp" and (tok.tag_ in ("VBD", "VBN") or any(
                c.dep_ == "aux" and c.lower_ in ("had", "has", "have") for c in tok.children)):
            return tok.head.i
    return None


def _other_verbs(doc: Doc, anchors: set[int]) -> set[int]:
    """Verbs outside the predicate's own phrase: a date that hangs from one ("officials said on
    Wednesday") is theirs; one under the predicate ("a contract signed in 2018") is the predicate's."""
    own = {t.i for a in anchors for t in doc[a].subtree}
    return {t.i for t in doc if t.pos_ == "VERB" and t.i not in own}


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
        system=entry.designation if entry else item.name, system_family=entry.family if entry else None,
        evidence=text_of(doc).strip(), span=(ctx.offset, ctx.offset + len(text_of(doc))), rule=reading.predicate.name,
        denied=reading.is_denied or item.is_rejected, planned=reading.is_planned, quantity=item.quantity, value=value,
        date=None if reading.is_planned and date is not None and _before(date, ctx.published) else date,
        source=ctx.source, trigger=trigger.text, gazetteer_version=ctx.gazetteers.version,
        notes=tuple(path + notes),
    )


def _values_in(doc: Doc) -> list[ValueMatch]:
    """The sums a sentence states, found once for all its readings."""
    found: list[ValueMatch] | None = doc.user_data.get("values")
    if found is None:
        found = doc.user_data["values"] = find_values(text_of(doc))
    return found


def _dates_in(doc: Doc, published: PartialDate | None) -> list[DateMatch]:
    """The dates a sentence states, found once for all its readings."""
    key = f"dates:{published}"
    found: list[DateMatch] | None = doc.user_data.get(key)
    if found is None:
        found = doc.user_data[key] = find_dates(text_of(doc), published=published)
    return found


def _before(date: PartialDate, published: PartialDate | None) -> bool:
    """True when a date lies before publication at its own precision (a planned event is not dated so)."""
    if published is None or published.year is None or date.year is None:
        return False
    return date.value < published.value[:len(date.value)]


