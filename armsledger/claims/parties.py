"""Decide who supplies and who receives, from the mentions around a trigger.

A reader orients a transfer by grammar first ("to X", "from X", "X's purchase", the subject of
"bought" or "sold"), then by what the system is ("Russian-made", the catalogue's origin), and
last by what the article was already about. Each decision is recorded as a note for --explain.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from armsledger.claims.vocabulary import GENERIC_ARMS
from armsledger.models import Mention

PREPOSITIONS = frozenset(
    ["to", "from", "with", "of", "in", "on", "by", "for", "against", "over", "at", "into", "than", "about", "between", "among", "under", "via", "across"]
)
_GOVERNMENT_NOUNS = re.compile(
    r"^[\s-]*(?:side|government|ministry|defen[cs]e\s+ministry|military|army|navy|air\s+force|armed\s+forces?|"
    r"forces|partners?|buyers?|customers?|clients?|authorities|officials?|company|firm|troops|department|"
    r"coast\s+guard|marines?|state|administration)\b",
    re.IGNORECASE,
)
_PEOPLE_AS_STATE = re.compile(r"\bthe\s+\w+s\b(?!\s*[A-Z-])", re.IGNORECASE)
"""A plural demonym standing for its government: "an arms deal with the Saudis"."""
_ORIGIN_SUFFIX = re.compile(r"^-(?:made|built|designed|developed|manufactured|produced|origin|supplied)\b", re.IGNORECASE)
_NOT_A_PARTY_BEFORE = re.compile(
    r"(?:breakup|break-up|collapse|fall|dissolution|demise|end|wake)\s+of\s+(?:the\s+)?(?:former\s+)?$", re.IGNORECASE
)
_POSSESSIVE = re.compile(r"^(?:'s|’s|')")
_BE_BEFORE = re.compile(
    r"\b(?:is|are|was|were|be|been|being|has\s+been|have\s+been|had\s+been|will\s+be)\s+(?:\w+ly\s+)?$", re.IGNORECASE
)
_NOT_A_SELLER_FROM = re.compile(
    r"\b(?:responses?|reactions?|criticism|pressure|warnings?|complaints?|opposition|objections?|protests?|"
    r"threats?|support|backing|approval|permission|requests?|calls?|condemnation|retaliation)\s+from\s+"
    r"(?:the\s+)?$", re.IGNORECASE)
"""Who reacts is not who sells: "a response from Russia", "a request from Syria"."""
_PARTICIPLE = re.compile(r"\w+(?:ed|en)\b|(?:sold|bought|sent|got|held|made|struck|won|brought|built|shipped)\b",
                         re.IGNORECASE)
"""A trigger that can make a passive ("was sold"); "is approving" is not one."""
_STARTS_A_CLAUSE = re.compile(r"\s+(?:will|would|is|are|was|were|has|have|had|could|may|might|also)\b", re.IGNORECASE)
_LIST_GLUE = re.compile(r"^(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or|as\s+well\s+as)\s+)(?:the\s+)?$", re.IGNORECASE)
_MAKER_GAP = re.compile(r"(?:'s|’s)?(?:-(?:made|built|designed|developed|manufactured|produced|origin))?"
                        r"\s+(?:[\w-]+\s+){0,2}?|(?:'s|’s)?\s*", re.IGNORECASE)
"""Between a maker and its system: "Russian S-400", "Russia's advanced S-400", "US-made F-16"."""
_VERBISH = re.compile(
    r"\b(?!(?:valued|priced|estimated|based|armed|guided|advanced|used|unmanned|unarmed|refurbished|upgraded|"
    r"modernised|modernized|combined|related|dedicated|integrated|detailed|limited|armoured|armored)\b)"
    r"(?:\w+ed|is|are|was|were|has|have|had|said|says|caused|amid)\b", re.IGNORECASE)
"""A verb between a trigger and a party: the party belongs to another clause. Participles used as
adjectives ("valued at", "guided missiles") are not verbs here."""


FROM_REACH_CHARS = 90
"""How far after its trigger "from X" may name a supplier other than the system's maker ("bought
second-hand F-16s from Denmark"). Chosen on the seeds and samples; "warnings from Washington" in a
later clause must stay out. Re-run the eval gate after a change."""


@dataclass(frozen=True, slots=True)
class Party:
    """A state named in a clause: by its name, a seat of power, an organisation or a demonym."""

    state: str
    start: int
    end: int
    text: str
    role: str
    is_demonym: bool


@dataclass(frozen=True, slots=True)
class Parties:
    """The parties of one claim and why they were chosen."""

    supplier: str | None
    recipients: tuple[str, ...]
    notes: tuple[str, ...]
    is_explicit: bool = False
    """Both sides come from the clause's grammar ("X sold ... to Y"), not from a catalogue or earlier sentences."""


def collect(clause: str, mentions: list[Mention]) -> list[Party]:
    """Return the parties of a clause: states, organisations, and demonyms used as parties.

    A demonym is a party when it qualifies a government noun ("the Turkish side", "Chinese
    Defense Ministry") or a weapon's origin ("Russian-made"); "Russian politicians" is not.
    A state named as a moment in history ("the breakup of the former Soviet Union") is not a party.
    """
    parties = []
    for m in mentions:
        if m.kind == "system" or m.state is None or _is_dateline(clause, m):
            continue
        if _NOT_A_PARTY_BEFORE.search(clause[max(0, m.start - 40):m.start]):
            continue
        is_demonym = m.role == "demonym"
        if is_demonym and not (_GOVERNMENT_NOUNS.match(clause[m.end:m.end + 30])
                               or _ORIGIN_SUFFIX.match(clause[m.end:m.end + 14])
                               or _PEOPLE_AS_STATE.search(clause[max(0, m.start - 5):m.end + 3])):
            continue
        parties.append(Party(m.state, m.start, m.end, m.text, m.role, is_demonym))
    return parties


def origin_hints(clause: str, mentions: list[Mention], system: Mention | None) -> list[str]:
    """Return states that qualify the system as its maker: "Russian S-400", "Russia's S-400", "US-made"."""
    if system is None:
        return []
    out = []
    for m in mentions:
        if m.kind == "system" or m.state is None or m.end > system.start:
            continue
        gap = clause[m.end:system.start]
        if _MAKER_GAP.fullmatch(gap) and not _VERBISH.search(gap) and not (
                set(re.findall(r"[a-z]+", gap.lower())) & PREPOSITIONS):
            out.append(m.state)
    return out


def generic_origin(clause: str, mentions: list[Mention]) -> list[str]:
    """Return states that qualify unnamed arms as their maker: "Russian military hardware"."""
    out = []
    for m in mentions:
        if m.state is None or m.kind == "system":
            continue
        after = clause[m.end:m.end + 40]
        if re.match(r"^(?:-made|-built)?\s+(?:\w+\s+){0,3}?(?:" + GENERIC_ARMS + r"|helicopters|aircraft|jets|fighters|"
                    r"warships|frigates|corvettes|submarines|howitzers|tanks|missiles|drones)\b(?!\s+(?:embargo|control|race|"
                    r"treaty|treaties|inspectors?|ban))", after, re.IGNORECASE):
            out.append(m.state)
    return out


def resolve(clause: str, parties: list[Party], *, trigger_start: int, trigger_end: int, orientation: str,
            origin: str | None, origin_hint: list[str], discourse_recipient: str | None,
            discourse_subject: str | None, from_is_recipient: bool = False,
            discourse_supplier: str | None = None) -> Parties:
    """Choose the supplier and the recipients of the event at [trigger_start, trigger_end).

    Args:
        clause: the clause text.
        parties: its parties, from `collect`.
        trigger_start, trigger_end: the trigger's span in the clause.
        orientation: the trigger's subject role, `buyer`, `seller` or `neutral`.
        origin: the system's origin state in the catalogue, if known.
        origin_hint: states the text names as the system's maker.
        discourse_recipient: the recipient the article was last about, for clauses that name none.
        discourse_subject: the state a leading pronoun ("It signed ...") refers to.
        from_is_recipient: "wins an order from X": X buys.
    """
    notes: list[str] = []
    if origin is None and origin_hint:
        origin = origin_hint[0]
    to_words = ("to", "for", "territory of", "arrive in", "arrived in", "arriving in", "arrives in")
    to_list = _after_word(clause, parties, to_words, trigger_end)
    if to_list and _VERBISH.search(clause[trigger_end:to_list[0].start]):
        to_list = []
    from_list = _after_word(clause, parties, ("from",), trigger_start)
    from_list = [p for p in from_list if not _VERBISH.search(clause[trigger_end:p.start].replace("from", " "))
                 and not _NOT_A_SELLER_FROM.search(clause[max(0, p.start - 40):p.start])
                 and (p.start - trigger_end <= FROM_REACH_CHARS or origin in (None, p.state))
                 and "," not in clause[trigger_end:p.start]]
    subject = _subject(clause, parties, trigger_start)
    agents = _after_word(clause, parties, ("by",), trigger_end)
    agents = agents if agents and not _VERBISH.search(clause[trigger_end:agents[0].start]) else []
    possessor = _possessor_of_act(clause, parties)
    passive = bool(_BE_BEFORE.search(clause[:trigger_start])) and bool(
        _PARTICIPLE.match(clause[trigger_start:trigger_end]))

    suppliers: list[str] = []
    recipients: list[str] = []
    if passive and agents:
        (suppliers if orientation == "seller" else recipients).extend(p.state for p in agents)
        notes.append(f"the agent of a passive ('by {agents[0].text}') is the "
                     f"{'supplier' if orientation == 'seller' else 'recipient'}")
    if from_list:
        (recipients if from_is_recipient else suppliers).extend(p.state for p in from_list)
        notes.append(f"'from {from_list[0].text}' gives the {'recipient' if from_is_recipient else 'supplier'}")
    origin_hint = [s for s in origin_hint if origin is None or s == origin]
    if origin_hint:
        suppliers.extend(origin_hint)
        notes.append(f"the text names the system's maker: {origin_hint[0]}")
    if to_list:
        recipients.extend(p.state for p in to_list)
        subject = [] if orientation == "buyer" and not set(subject) & {p.state for p in to_list} else subject
        notes.append("'to …' gives the recipient: " + ", ".join(p.text for p in to_list))
    if possessor:
        recipients.append(possessor.state)
        notes.append(f"'{possessor.text}'s …' gives the recipient")
    if subject and not passive and orientation == "neutral" and origin is None and to_list \
            and not set(subject) & {p.state for p in to_list}:
        suppliers.extend(subject)
        notes.append("the subject of a transfer to another state is the supplier")
    elif subject and not passive and orientation == "neutral" and origin:
        if origin in subject:
            suppliers.append(origin)
        else:
            recipients.extend(subject)
            notes.append("the subject of the deal, not its maker, is the recipient")
    elif subject and not passive:
        if orientation == "buyer":
            recipients.extend(subject)
            notes.append("the subject of a buying verb is the recipient")
        elif orientation == "seller":
            suppliers.extend(subject)
            notes.append("the subject of a selling verb is the supplier")
    elif not subject and not passive and _BUYER_NOUN.match(clause[:trigger_start]) and discourse_recipient:
        recipients.append(discourse_recipient)
        notes.append(f"'the client' is the recipient the article is about: {discourse_recipient}")
    elif not subject and not passive and _leading_pronoun(clause, trigger_start) and discourse_subject:
        if orientation == "seller":
            suppliers.append(discourse_subject)
        elif orientation == "buyer" or discourse_subject != origin:
            recipients.append(discourse_subject)
        notes.append(f"a leading pronoun refers to {discourse_subject}")

    if not suppliers and origin is None:
        sellers = [p for p in parties if p.role == "company" and p.state not in recipients]
        if sellers and any(p.state != sellers[0].state for p in parties):
            suppliers.append(sellers[0].state)
            notes.append(f"a company sells: {sellers[0].text}")
    grammar_recipient, grammar_supplier = bool(recipients), bool(suppliers)
    supplier = _first(suppliers, exclude=recipients) or origin
    if supplier is None and not parties and discourse_supplier:
        supplier = discourse_supplier  # "The contract is valued at ...": the deal the article is about
        notes.append(f"supplier carried from earlier sentences: {discourse_supplier}")
    if supplier and not suppliers:
        notes.append(f"supplier from the catalogue's origin of the system: {origin}")
    if supplier is None:
        others = [p.state for p in parties if p.state not in recipients]
        if orientation == "neutral" and len(set(others)) == 1 and recipients:
            supplier = others[0]
            notes.append("the other named state is the supplier")
    if not recipients:
        single = {p.state for p in parties if p.state != supplier
                  and not (orientation != "neutral" and _coordinated_with(clause, p, parties, supplier))}
        if len(single) == 1:
            recipients = list(single)
            notes.append("the one other state named in the clause is the recipient")
    if not recipients and discourse_recipient and discourse_recipient != supplier:
        recipients = [discourse_recipient]
        notes.append(f"recipient carried from earlier sentences: {discourse_recipient}")
    unique = tuple(dict.fromkeys(r for r in recipients if r != supplier))
    is_explicit = bool(grammar_recipient and grammar_supplier)
    return Parties(supplier=supplier, recipients=unique, notes=tuple(notes), is_explicit=is_explicit)


def _first(states: list[str], *, exclude: list[str]) -> str | None:
    for state in states:
        if state not in exclude:
            return state
    return states[0] if states else None


def _word_before(clause: str, pos: int) -> str:
    words = re.findall(r"[\w']+", clause[max(0, pos - 20):pos].lower())
    words = [w for w in words if w != "the"]
    return words[-1] if words else ""


def _after_word(clause: str, parties: list[Party], words: tuple[str, ...], start: int) -> list[Party]:
    """Return the coordinated parties that follow one of `words` at or after `start`."""
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\s+(?:the\s+)?$", re.IGNORECASE)
    ordered = sorted((p for p in parties if p.start >= start), key=lambda p: p.start)
    for i, party in enumerate(ordered):
        if pattern.search(clause[max(0, party.start - 20):party.start]):
            found = [party]
            for nxt in ordered[i + 1:]:
                if _LIST_GLUE.match(clause[found[-1].end:nxt.start]) or (
                        _POSSESSIVE.match(clause[found[-1].end:]) is None
                        and re.fullmatch(r"\s*(?:,|and|or)\s*(?:and\s+)?", clause[found[-1].end:nxt.start])):
                    found.append(nxt)
                else:
                    break
            while len(found) > 1 and _STARTS_A_CLAUSE.match(clause[found[-1].end:found[-1].end + 25]):
                found.pop()  # "to Azerbaijan, Morocco and Vietnam will be ...": Vietnam starts a new clause
            return [p for p in found if not p.is_demonym or p.role != "demonym"]
    return []


def _subject(clause: str, parties: list[Party], trigger_start: int) -> list[str]:
    """Return the coordinated parties that stand as the subject before a trigger."""
    before = [p for p in parties if p.end <= trigger_start]
    if not before:
        return []
    if re.search(r"\b(?:it|they)\s+(?:had\s+|has\s+|have\s+)?(?:\w+ly\s+)?$", clause[:trigger_start], re.IGNORECASE):
        main = [p for p in before if _word_before(clause, p.start) not in PREPOSITIONS]
        return [main[0].state] if main else []  # "the squadrons it ordered": "it" is the clause's subject
    last = before[-1]
    gap = clause[last.end:trigger_start]
    if _word_before(clause, last.start) in PREPOSITIONS or len(gap) > 80:
        return []
    if re.search(r"[;:]|\b(?:that|which|who|because|after|before|when|if)\b", gap, re.IGNORECASE):
        return []
    group = [last]
    for prev in reversed(before[:-1]):
        if _LIST_GLUE.match(clause[prev.end:group[0].start]) or re.fullmatch(r",\s*", clause[prev.end:group[0].start]):
            group.insert(0, prev)
        else:
            break
    return [p.state for p in group]


def _possessor_of_act(clause: str, parties: list[Party]) -> Party | None:
    """Return X of "X's purchase/decision/order/participation": the buying side."""
    for p in parties:
        if re.match(r"^(?:'s|’s)\s+(?:\w+\s+){0,2}?(?:purchase|acquisition|decision|order|participation|"
                    r"procurement|bid|request|interest|plan|deal)\b", clause[p.end:p.end + 50], re.IGNORECASE):
            return p
    return None


def _leading_pronoun(clause: str, trigger_start: int) -> bool:
    return bool(re.match(r"^\s*(?:it|they|the\s+country)\b", clause[:trigger_start], re.IGNORECASE))


_BUYER_NOUN = re.compile(r"^\s*the\s+(?:\w+\s+)?(?:client|buyer|customer|importer|recipient)\b", re.IGNORECASE)
"""A clause about "the client": whoever the article says is receiving the arms."""


def _coordinated_with(clause: str, party: Party, parties: list[Party], state: str | None) -> bool:
    """True when `party` is joined by "and" to a mention of `state` ("The US and China are exporters")."""
    for other in parties:
        if other.state != state:
            continue
        left, right = (other, party) if other.start < party.start else (party, other)
        if _LIST_GLUE.match(clause[left.end:right.start]):
            return True
    return False


def _is_dateline(clause: str, m: Mention) -> bool:
    """True for a dateline's city ("WASHINGTON –", "NEW DELHI, Dec 14"): where the story was filed."""
    return m.start <= 2 and m.text.isupper() and bool(re.match(r"\s*(?:[–—-]|,|\(|:)", clause[m.end:m.end + 3]))
