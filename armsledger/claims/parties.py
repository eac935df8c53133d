"""Who sells and who buys: the states of a reading's role phrases, pronouns, party nouns and the item's maker."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from armsledger.claims.arguments import (
    SentenceView,
    case_of,
    is_weapon_phrase,
    phrase,
    span_text,
    states_in,
    systems_in,
    text_of,
)
from armsledger.claims.context import TOPIC_MEMORY_SENTENCES, Context, Item
from armsledger.claims.reading import Reading
from armsledger.claims.repairs import misread_verb_of
from armsledger.claims.vocabulary import (
    CIVIL_BUYERS,
    GENERIC_ARMS_NOUNS,
    OFFER_NOUNS,
    PARTY_NOUNS,
    PLATFORM_PART_NOUNS,
)
from armsledger.models import Mention

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

    from spacy.tokens import Doc, Token

    from armsledger.mentions.entries import Organisation


CIVIL_LOOKBACK_TOKENS = 3
"""How many words before a buyer's phrase may describe it as an airline ("flag carrier Air India")."""


def is_civil_buyer(reading: Reading, view: SentenceView) -> bool:
    """True when the buyer's phrase names an airline ("flag carrier Air India"): a civilian purchase.
    With no buyer bound, the predicate's subject of any kind is the buyer's phrase ("United's budget
    airline, Kingfisher Airlines, is to buy", parsed with an outer subject)."""
    buyers = reading.roles.get("recipient", []) + reading.roles.get("party", [])
    if not buyers:
        buyers = [c.i for c in view.doc[reading.token].children if c.dep_.startswith("nsubj")]
    return any(_is_civil_phrase(view.doc, t) for t in buyers)


def _is_civil_phrase(doc: Doc, head: int) -> bool:
    start, end = span_text(doc, phrase(doc, head))
    # the words just before the phrase too: "flag carrier Air India" parsed with 'carrier' apart
    start = doc[max(0, doc[head].left_edge.i - CIVIL_LOOKBACK_TOKENS)].idx
    text = text_of(doc)[start:end]
    return any(word in text.lower() for word in CIVIL_BUYERS) or _AIRLINE_NAME.search(text) is not None


_AIRLINE_NAME = re.compile(r"\bAir\s+(?!Force|Forces|Defen[cs]e|Command|Wing|Arm|Corps|Staff|Chief|Marshal|Mobility|Combat|"
                           r"National|Guard)[A-Z][a-z]{2,}")
"""'Air' before a name is an airline ("Air Deccan", "Air India"), not an air force or command."""


def is_armed_service_buyer(reading: Reading, view: SentenceView, orgs: Mapping[str, Organisation]) -> bool:
    """True when the buyer's phrase names an armed service ("the Indian Air Force is considering
    proposals"): what an armed force seeks or is offered is arms, named or not."""
    doc = view.doc
    # the theme names offers and their makers, no goods ("proposals from foreign firms", not
    # "proposals for new uniforms")
    theme = [w for t in reading.roles.get("item", []) + reading.roles.get("supplier", []) for w in doc[t].subtree]
    if any(w.pos_ == "NOUN" and w.lemma_.lower() not in OFFER_NOUNS for w in theme):
        return False
    for t in reading.roles.get("recipient", []) + reading.roles.get("party", []):
        tokens = set(phrase(doc, t, with_conjuncts=False))
        if any(m.kind == "org" and getattr(orgs.get(m.entity), "kind", None) == "armed-service"
               for i, m in view.by_token.items() if i in tokens):
            return True
    return False


def state_spans(view: SentenceView) -> tuple[tuple[int, int], ...]:
    return tuple((m.start, m.end) for m in view.mentions if m.kind != "system")


def is_party_phrase(view: SentenceView, head: int) -> bool:
    """True when a phrase bound as the item names a state or an organisation and no arms ("orders for
    the Indian Navy" parsed with the navy as what is ordered): it is a party, not the item."""
    tokens = phrase(view.doc, head, with_conjuncts=False)
    # not "the acquisition of eight Chinese Yuan-class submarines": arms anywhere in it make it an item
    return bool(states_in(view, tokens)) and not systems_in(view, tokens) and not any(
        is_weapon_phrase(view.doc, i) for i in tokens)


def either_role(reading: Reading, view: SentenceView, want: str) -> list[int]:
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


def read_parties(reading: Reading, view: SentenceView,
             ctx: Context) -> tuple[list[str], list[str], list[str], list[str]]:
    doc = view.doc
    found: dict[str, list[str]] = {"supplier": [], "recipient": [], "party": []}
    notes = []
    for role in list(found):
        for t in reading.roles.get(role, []):
            if doc[t].pos_ == "PRON" and t not in view.by_token:  # not "IAF" tagged a pronoun
                if _has_civil_antecedent(doc, t):
                    continue  # "the airline lost money on the planes it bought": no state's purchase
                state = _antecedent(doc, t, view) or (ctx.topic.subject if doc[t].lower_ in ("it", "they") else None)
                if state:
                    found[role].append(state)
                    notes.append(f"{role} {state}: '{doc[t].text}' refers to the subject it repeats")
                continue
            if _stands_for_the_subject(doc[t]) and not states_in(view, phrase(doc, t)) and ctx.topic.subject:
                # "The country has also bought C-295s", "Officials chose the Chunmoo": the state the
                # article was just about
                found[role].append(ctx.topic.subject)
                notes.append(f"{role} {ctx.topic.subject}: '{doc[t].text}' is the state the text is about")
                continue
            placed = _placed_states(view, t)
            if placed:
                # "officials in Tashkent preferred the J-10CE": the state where the officials sit
                for m in placed:
                    found[role].append(m.state or m.entity)
                    notes.append(f"{role} {m.state}: '{doc[t].text}' in or from '{m.text}'")
                continue
            side = PARTY_NOUNS.get(doc[t].lemma_.lower())
            predicated = _copular_subject(doc, t)
            if side is not None and predicated is not None and states_in(view, phrase(doc, predicated)):
                # "China was the first foreign buyer to seal a deal": the buyer is the copula's subject
                for m in states_in(view, phrase(doc, predicated)):
                    found[side if role == "party" else role].append(m.state or m.entity)
                    notes.append(f"{role} {m.state}: '{doc[t].text}' is what '{m.text}' is said to be")
                continue
            if side is not None and role in (side, "party") and not states_in(view, phrase(doc, t)) \
                    and not _exemplified(view, t):
                if _is_unnamed_kind(doc[t]):
                    notes.append(f"{role}: '{doc[t].text}' names no one buyer or seller")
                    continue  # "delivered 22 aircraft to foreign customers": not the article's buyer
                state = ctx.topic.recipient if side == "recipient" else ctx.topic.supplier
                if state and ctx.topic.claim_age <= TOPIC_MEMORY_SENTENCES:
                    found[side if role == "party" else role].append(state)
                    notes.append(f"{role} {state}: '{doc[t].text}' names the article's {side}")
                elif side == "supplier" and (firm := _firm_before(view, t, ctx)) is not None:
                    # "CEO Haluk Bayraktar of Baykar reiterated that the company won't be selling"
                    found[side].append(firm.state or firm.entity)
                    notes.append(f"{role} {firm.state}: '{doc[t].text}' is {firm.text}, named before it")
                continue
            for m in states_in(view, phrase(doc, t)) or _exemplified(view, t):
                if _inside_compound(view, m):
                    continue  # "its Soviet-era MiG-21 fleet": a time, not a side
                if _qualifies_another_state(view, m):
                    continue  # "the first sale to a former Soviet republic": not the Soviet Union
                found[role].append(m.state or m.entity)
                notes.append(f"{role} {m.state} from '{m.text}' ({reading.relations.get(t, '')})")
    if reading.predicate.is_nominal:
        # "an $8 billion Saudi weapons sale": a state's adjective on the generic arms that qualify an
        # event noun names a side of the event (which one, the other parties decide)
        for t in reading.roles.get("item", []) + reading.roles.get("item|party", []):
            if doc[t].lemma_.lower() in GENERIC_ARMS_NOUNS and t < reading.token:
                for c in doc[t].children:
                    if c.dep_ == "amod":
                        for m in states_in(view, [c.i]):
                            found["party"].append(m.state or m.entity)
                            notes.append(f"party {m.state} from '{m.text}' (qualifying the arms of '{doc[reading.token].text}')")
    for t in reading.roles.get("item", []):
        if is_party_phrase(view, t) and reading.relations.get(t, "").endswith(":for"):
            for m in states_in(view, phrase(doc, t)):
                found["recipient"].append(m.state or m.entity)
                notes.append(f"recipient {m.state} from '{m.text}' (what is bought is for it)")
    for role in ("supplier", "recipient", "party"):
        for t in either_role(reading, view, "party"):
            key = next(r for r, toks in reading.roles.items() if t in toks).split("|")[1]
            if key == role:
                for m in states_in(view, phrase(doc, t)):
                    found[role].append(m.state or m.entity)
                    notes.append(f"{role} {m.state} from '{m.text}' ({reading.relations.get(t, '')})")
    return found["supplier"], found["recipient"], found["party"], notes


EXAMPLE_OPENERS = (("such", "as"), ("including",), ("like",))
"""Words after a generic party noun that list its members ("foreign firms such as Saab and Dassault")."""


SUBJECT_NOUNS = frozenset(["country", "nation", "government", "ministry", "official", "officials", "kingdom",
                           "republic"])
"""Nouns a text uses for the state it is about, named before ("the country", "officials")."""


def _placed_states(view: SentenceView, t: int) -> list[Mention]:
    """The states named by 'in' or 'from' on a subject noun ("officials in Tashkent", "the government
    in Ankara", "officials from Turkey"): where those who act sit. Empty for other nouns, and when
    the noun's own phrase names a state ("Turkish officials in Brussels")."""
    tok = view.doc[t]
    if tok.pos_ not in ("NOUN", "PROPN") or tok.lemma_.lower() not in SUBJECT_NOUNS or states_in(
            view, phrase(view.doc, t)):
        return []
    return [m for c in tok.children if c.dep_ == "nmod" and case_of(c) in ("in", "from")
            for m in states_in(view, phrase(view.doc, c.i))]


def _stands_for_the_subject(tok: Token) -> bool:
    """True for "the country", "the government", "officials" with nothing that says whose: a subject
    noun, definite or a bare plural, qualified by no other word."""
    if tok.pos_ not in ("NOUN", "PROPN") or tok.lemma_.lower() not in SUBJECT_NOUNS:
        return False
    dets = [c for c in tok.children if c.dep_ == "det"]
    others = [c for c in tok.children if c.dep_ in ("amod", "compound", "nmod:poss", "nmod", "appos", "acl:relcl")]
    definite = all(d.lower_ == "the" for d in dets) and (dets or tok.tag_ == "NNS")
    return bool(definite) and not others


UNNAMED_KIND_WORDS = frozenset(["foreign", "other", "several", "export", "overseas", "international", "various",
                                "many", "new", "potential", "prospective", "some", "unnamed"])
"""Modifiers that make a party noun a kind of buyer or seller, not one ("foreign customers")."""


def _is_unnamed_kind(tok: Token) -> bool:
    """True for a party noun that names no one side: plural, or qualified as a kind ("foreign
    customers", "other buyers", "an unnamed customer")."""
    return tok.tag_ in ("NNS", "NNPS") or any(c.dep_ in ("amod", "det") and c.lower_ in UNNAMED_KIND_WORDS
                                               for c in tok.children)


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


def _subject_before(tok: Token, pronoun: int) -> Token | None:
    """A clause's subject before a pronoun: its own, or that of a verb the parse made its modifier."""
    own = next((c for c in tok.children if c.dep_ == "nsubj" and c.i < pronoun), None)
    if own is not None:
        return own
    misread = misread_verb_of(tok)
    return misread[1] if misread is not None and misread[1].i < pronoun else None


def _has_civil_antecedent(doc: Doc, pronoun: int) -> bool:
    """True when the nearest subject above a pronoun is an airline: the pronoun is the airline."""
    nearest = next(_subjects_above(doc, pronoun), None)
    return nearest is not None and _is_civil_phrase(doc, nearest.i)


def _subjects_above(doc: Doc, pronoun: int) -> Iterator[Token]:
    """The subjects before a pronoun of the clauses above it, nearest first (at most six steps up)."""
    tok = doc[pronoun].head
    for _ in range(6):
        subject = _subject_before(tok, pronoun)
        if subject is not None:
            yield subject
        if tok.head.i == tok.i:
            return
        tok = tok.head


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
    for subject in _subjects_above(doc, pronoun):
        states = states_in(view, phrase(doc, subject.i))
        if states:
            return states[0].state
    return None


def _firm_before(view: SentenceView, token: int, ctx: Context) -> Mention | None:
    """The last company its sentence names before a word that stands for one ("the company")."""
    firms = [m for i, m in sorted(view.by_token.items()) if i < token and m.kind == "org"
             and getattr(ctx.gazetteers.orgs.get(m.entity), "kind", None) == "company"]
    return firms[-1] if firms else None


def made_where(suppliers: list[str], item: Item, view: SentenceView, ctx: Context) -> list[str]:
    """A maker sells from where the catalogue says the item is made: "Airbus offered the A400M" is a
    Spanish sale (the catalogue's origin), though Airbus's home is France."""
    if item.system is None:
        return suppliers
    entry = ctx.gazetteers.systems.get(item.system.entity)
    if entry is None or not entry.producer:
        return suppliers
    makers = {m.state for m in view.mentions if m.kind == "org" and m.entity == entry.producer}
    return [entry.origin if s in makers and s != entry.origin else s for s in suppliers]


def _inside_compound(view: SentenceView, m: Mention) -> bool:
    """True when a state is named only inside a hyphenated word that is about something else
    ("Soviet-era", "Cold War-vintage"), not as a word of its own or its maker ("Russian-made")."""
    tok = view.token_of(m)
    if tok is None or len(tok.text) <= len(m.text) or "-" not in tok.text:
        return False
    rest = tok.text[tok.text.find(m.text) + len(m.text):].lstrip("-").lower()
    return rest in TIME_COMPOUNDS


def _qualifies_another_state(view: SentenceView, m: Mention) -> bool:
    """True when a state's adjective qualifies an indefinite or former state noun ("a former Soviet
    republic", "another Arab country", "a fellow European nation"): the noun is some other state,
    unnamed, and the adjective only says what kind ("the Russian state" is Russia itself)."""
    tok = view.token_of(m)
    if tok is None or m.role != "demonym" or tok.dep_ not in ("amod", "compound"):
        return False
    head = tok.head
    if head.lemma_.lower() not in STATE_KIND_NOUNS or view.by_token.get(head.i) is not None:
        return False
    return any((c.dep_ == "det" and c.lower_ in ("a", "an", "another", "any", "every", "each"))
               or (c.dep_ == "amod" and c.lower_ in ("former", "fellow", "other", "ex")) for c in head.children)


STATE_KIND_NOUNS = frozenset(["republic", "state", "country", "nation", "satellite", "ally", "neighbour", "neighbor"])
"""Nouns for a state, which a state's adjective may only qualify ("a former Soviet republic")."""


TIME_COMPOUNDS = frozenset(["era", "vintage", "period", "style", "type", "designed", "pattern", "standard"])
"""Second halves of a hyphenated word whose state is no party: "Soviet-era", "NATO-standard"."""


EXPORTER_RATIO = 5
"""How many times more arms a state must export than every other side for it to be the seller when
nothing else tells the sides apart."""
EXPORTER_MIN_TIV = 100
"""The least a seller judged by its exports must have exported (SIPRI TIV since 1992)."""


def place_sides(suppliers: list[str], recipients: list[str], parties: list[str],
                origin: str | None, exports: Mapping[str, int] | None = None) -> tuple[list[str], list[str], list[str]]:
    """Place the undecided parties: the item's maker sells, the other side buys; when the item's
    maker is unknown, of two states the one that exports far more arms sells ("Qatar signed a deal
    with Italy for seven naval vessels"; three or more states are no two sides of one deal: "Finland
    and Denmark joined Germany in halting sales").

    The sides are judged once, before any party is placed, so parties that share a role
    ("Finland and Denmark halted sales to Riyadh") land on the same side, not on opposite ones."""
    sup, rec, how = list(suppliers), list(recipients), []
    undecided = [p for p in dict.fromkeys(parties) if p not in sup and p not in rec]
    if not sup and not rec and origin is None and len(undecided) == 2 and exports:
        ranked = sorted(undecided, key=lambda p: exports.get(p, 0), reverse=True)
        top, rest = exports.get(ranked[0], 0), max(exports.get(p, 0) for p in ranked[1:])
        if top >= EXPORTER_MIN_TIV and top >= EXPORTER_RATIO * max(rest, 1):
            how.append(f"{ranked[0]} exports far more arms than {', '.join(ranked[1:])} (SIPRI TIV {top} "
                       f"against {rest} since 1992): the supplier")
            return [ranked[0]], ranked[1:], how
    if sup and rec and undecided:
        # "Britain's sale of jets to Turkey was blocked by Germany": both sides are named, a third
        # state acting on the deal is neither
        how.append(f"{', '.join(undecided)}: a third state, both sides already named")
        return sup, rec, how
    maker = origin if origin in undecided and not sup else None
    if maker is not None:
        sup.append(maker)
        how.append(f"{maker} made the item: the supplier")
    # a party beside a named buyer and no named seller is the seller ("Greece's Mirage jets will be
    # sold to India"); beside a named seller, or the maker, the buyer
    side = sup if (rec and not sup) else rec if (sup or origin is not None) else None
    if side is not None:
        for p in undecided:
            if p != maker:
                side.append(p)
                how.append(f"{p} is the other side: the {'recipient' if side is rec else 'supplier'}")
    return sup, rec, how


def origin_of(item: Item, view: SentenceView, ctx: Context) -> str | None:
    """The item's maker: a state qualifying it in its own noun phrase ("Russian S-400 missiles",
    "the Russian-made S-400"), else the catalogue's. A state in a wider phrase ("the breakup of the
    Soviet Union, S-300P systems") or owning it ("Turkey's S-400 deal") is no maker."""
    scope = list(item.tokens)
    if item.system is not None:
        scope = [i for i in _noun_of(view, item.system) if i in scope or not scope]
    entry = ctx.gazetteers.systems.get(item.system.entity) if item.system is not None else None
    for m in states_in(view, scope):
        if item.system is None or m.start < item.system.start:
            if entry is not None and entry.origin and m.kind == "org":
                return entry.origin  # "Airbus C-295s": a firm's product is made where the catalogue says (Spain)
            return m.state
    if item.system is not None:
        return entry.origin if entry else item.system.state
    return None


NOUN_MODIFIERS = frozenset(["compound", "amod", "flat", "nummod", "det"])
"""Relations by which a name qualifies the noun it is part of ("S-400 [compound] missiles")."""


def _noun_of(view: SentenceView, system: Mention) -> list[int]:
    """The tokens of the noun phrase a system's name heads or qualifies, without its possessor."""
    tok = view.token_of(system)
    if tok is None:
        return []
    while tok.dep_ in NOUN_MODIFIERS and tok.head.i != tok.i and tok.head.lower_ not in PLATFORM_PART_NOUNS:
        tok = tok.head  # not into "the Pakistani F-16 fleet": its state owns the fleet
    out: list[int] = []
    stack = [tok]
    while stack:
        t = stack.pop()
        out.append(t.i)
        stack.extend(c for c in t.children if c.dep_ in NOUN_MODIFIERS or c.dep_ == "case" and c.head.i != tok.i)
    return out


REPORTING_VERBS = frozenset(["say", "announce", "confirm", "report", "state", "tell", "disclose", "reveal"])
"""Verbs by which a firm reports a sale: "Airbus said Poland had ordered 24 helicopters"."""


def reporting_firm(reading: Reading, view: SentenceView) -> Mention | None:
    """The company that reports a purchase in its own words ("Airbus said Poland had ordered 24 H145M
    helicopters"): in news a maker announcing an order is announcing its own sale."""
    doc = view.doc
    tok = doc[reading.token]
    for _ in range(3):
        if tok.dep_ not in ("ccomp", "conj", "parataxis") or tok.head.i == tok.i:
            return None
        tok = tok.head
        if tok.lemma_.lower() in REPORTING_VERBS:
            subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            firm = view.by_token.get(subject.i) if subject is not None else None
            return firm if firm is not None and firm.kind == "org" and firm.role == "company" else None
    return None

