"""Read one sentence into claims, the way a careful reader does (ANNOTATION.md).

For each trigger in a sentence: its clause, its system (named, or carried from earlier sentences),
its parties, its modality, and the quantity, value and date nearest to it.
"""
from __future__ import annotations

import itertools
import logging
import re
from dataclasses import dataclass

from armsledger.claims import parties as _parties
from armsledger.claims.attribution import find_source
from armsledger.claims.discourse import REFERENCE_BEFORE, Discourse, carried_system, remember
from armsledger.claims.figures import read_figures
from armsledger.claims.triggers import Rules, Trigger, find_triggers, read_modality
from armsledger.claims.vocabulary import GENERIC_ARMS
from armsledger.mentions import Gazetteers
from armsledger.models import Claim, Mention, PartialDate

log = logging.getLogger("armsledger.claims")

OBJECT_WINDOW_CHARS = 70
"""How far after a common-word trigger ("offer", "sold", "considers") its system may stand."""

PASSIVE_SUBJECT_CHARS = 160
"""How far before a passive verb ("S-300V systems, another modification ..., were supplied") its
subject system may stand. Chosen on the seeds (the longest apposition there is 110 characters)."""

_RELATIVE_BEFORE = re.compile(
    r"^[^,;.]*?\b(?:that|which|it|they|we|he|she)\s+(?:had\s+|has\s+|have\s+|was\s+|were\s+)?(?:\w+ly\s+)?$",
    re.IGNORECASE)
"""A relative clause puts the object before its verb: "the S-400 squadrons it ordered from Russia"."""
_PASSIVE_END = re.compile(r"\b(?:were|was|are|is|been|being|be)\s+(?:\w+ly\s+|also\s+|already\s+)?$", re.IGNORECASE)
_OBJECT_GAP_BREAK = re.compile(
    r"[;:]|\b(?:said|says|told|that|which|who|sanctions?)\b|"
    r"\b(?!(?:buying|purchasing|acquiring|procuring|ordering|getting|importing|selling|supplying)\b)\w+ing\b",
    re.IGNORECASE)
"""Words between a common-word trigger and a system that show the system belongs to another verb."""
_ANAPHOR_BEFORE = re.compile(
    r"(?:\b(?:it|they|these|those|such)|\bthe\s+(?:first|second|third|fourth|fifth|last|final|remaining)\b|"
    r"(?:\bthe\s+(?:\w+\s+){0,2}|^\s*(?:and\s+)?(?:\w+\s+)?|\bof\s+(?:\w+\s+)?)(?:systems?|sets?|"
    r"batch|batches|missiles|launchers|aircraft|jets|ships|units|weapons|frigates|corvettes|submarines|tanks|"
    r"helicopters|howitzers|drones|vessels|squadrons?|regiments?|battalions?|batteries|battery))\b(?:\s+\S+){0,8}?\s*$",
    re.IGNORECASE)
"""A generic noun or pronoun as the subject of a passive verb ("The first set was delivered"),
standing for a system named earlier."""
_UNKNOWN_NAME = re.compile(r"\s(?:[A-Z][\w-]*\d[\w-]*|[A-Z]{2,}[\w-]*|[A-Z][a-z]+(?:\s+[A-Z][\w-]+)+)\b")
"""A designation-like name in an object ("the Akash Mk1 system"): a system the catalogue lacks."""
_ARMS_OBJECT = re.compile(
    r"^\s+(?:(?:more\s+than|at\s+least|over|some|about|up\s+to)\s+)?(?:the\s+|a\s+|an\s+|\d[\d,]*\s+|"
    r"\w+\s+)?(?:[\w-]+\s+){0,4}?(?:systems?|missiles|launchers|regiment\s+sets?|batteries|battalions|batch(?:es)?|"
    r"them|jets?|aircraft|fighters?|planes?|helicopters?|ships?|frigates?|corvettes?|submarines?|tanks?|drones?|"
    r"howitzers?|vessels?|weapons|arms|ammunition|munitions|weaponry|military\s+(?:hardware|equipment))\b"
    r"(?!\s+(?:requests?|embargo|deals?|sales?|trade|control|dealers?|programmes?|programs?|race|exports?|"
    r"imports?|inspectors?|industry|makers?|manufacturers?|company|companies|firms?))", re.IGNORECASE)
"""A generic object after a verb ("received more than 120 advanced guided missiles")."""
_GOVERNED_NOMINAL = re.compile(
    r"\b(?:contracts?|deals?|agreements?|talks|negotiations?|plans?|decision|ban|request|offer|bid|tender|"
    r"approval|sanctions?|schedule|timeline|dates?|terms)\b(?:\s+[\w$.,()-]+){0,4}?\s+(?:on|for|of|over|to|about)"
    r"\s+(?:the\s+)?(?:(?:first|initial|latest|final|last)\s+)?$", re.IGNORECASE)
"""A noun that governs "the delivery of": the delivery is its subject matter, not an event."""
_ATTEMPT_BEFORE = re.compile(r"\b(?:attempts?|attempted|efforts?|tried|trying|try)\s+to\s+$", re.IGNORECASE)
_ATTRIBUTION_BEFORE = re.compile(
    r"\b(?:familiar\s+with|privy\s+to|briefed\s+on)\s+(?:the\s+)?$", re.IGNORECASE)
_IN_QUESTION = re.compile(
    r"\b(?:ask\w*|question\w*|wonder\w*|unclear|not\s+clear|uncertain|unknown|inquir\w*)\b[^.;]{0,50}"
    r"\b(?:whether|if)\b[^.;]{0,80}$", re.IGNORECASE)
"""An embedded question before a trigger ("asked if it would sell"): the event is asked about, not told."""
_NOT_A_TRANSFER_DEAL = re.compile(
    r"\b(?:agreements?|deals?|contracts?|accords?|memorand\w+|MoUs?|talks|pact)\s+(?:[\w()'’.-]+\s+){0,7}?(?:to|on|for)\s+"
    r"(?:share|sharing|exchange|exchanging|cooperat\w*|collaborat\w*|train\w*|research\w*|stud(?:y|ies)|"
    r"develop\w*|design\w*|co-develop\w*|defen[cs]e\s+(?:ties|cooperation)|military\s+cooperation|"
    r"strengthen\w*)\b", re.IGNORECASE)
"""A deal for something other than a transfer: sharing information, training, joint research."""
_INTEREST_BEFORE = re.compile(
    r"\b(?:consider(?:s|ed|ing)?|evaluat(?:e|es|ed|ing)|mull(?:s|ed|ing)?|weigh(?:s|ed|ing)?|explor(?:e|es|ed|ing))"
    r"(?:\s+\w+){0,2}\s*$", re.IGNORECASE)
_READY_BEFORE = re.compile(r"\b(?:ready|willing|prepared|open)\s+to\s+$", re.IGNORECASE)
_INFINITIVE_BEFORE = re.compile(r"\bto\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_FIRST_TO_BEFORE = re.compile(r"\b(?:first|second|third|only|last|latest)\b[^,;]{0,60}\bto\s+$", re.IGNORECASE)
_MILITARY_ITEMS = re.compile(
    r"\b(?:military|combat|fighter|attack|transport|naval|armou?red|air[\s-]+defen[cs]e)\s+(?:\w+\s+){0,2}?"
    r"(?:helicopters|aircraft|jets|planes|vessels|ships|vehicles|systems|drones)\b|\b(?:warships|frigates|"
    r"corvettes|submarines|howitzers|tanks|missiles|fighter\s+jets|drones|UAVs)\b", re.IGNORECASE)
"""Unnamed military items that, counted ("16 Russian military transport helicopters"), make a claim."""
_GENERIC_ARMS = re.compile(
    r"\b(?:" + GENERIC_ARMS + r")\b",
    re.IGNORECASE,
)
_UNDER_CONTRACT = re.compile(r"^\s*(?:under|according\s+to|as\s+part\s+of)\s+the\s+(?:contract|deal|agreement)\b",
                             re.IGNORECASE)
_BOUNDARIES = (re.compile(r";"), re.compile(r",\s+(?:and|but|while|whereas)\s+", re.IGNORECASE),
               re.compile(r"\s+(?:but|while|whereas)\s+", re.IGNORECASE), re.compile(r"\s+and\s+", re.IGNORECASE),
               re.compile(r",\s+"))
_STRONG_HEDGE = re.compile(r"\b(?:may|might|could|possibly|should|must|ought)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class SentenceContext:
    """A sentence of a document and what the reader needs around it."""

    doc: str
    text: str
    offset: int
    mentions: list[Mention]
    published: PartialDate | None


def read_sentence(ctx: SentenceContext, discourse: Discourse, *, rules: Rules,
                  gazetteers: Gazetteers) -> list[Claim]:
    """Return the claims of one sentence and update the discourse with what it said."""
    triggers = find_triggers(ctx.text, rules)
    claims: list[Claim] = []
    source = find_source(ctx.text, last_person=discourse.last_person)
    if triggers:
        bounds = _clauses(ctx.text, triggers)
        kept = set(map(id, _absorb_within_clauses(triggers, bounds, ctx.text)))
        earlier: list[Mention] = []
        for trig, (c0, c1) in zip(triggers, bounds):
            if id(trig) not in kept:
                continue
            claims.extend(_read_trigger(ctx, trig, c0, c1, discourse, source, earlier,
                                        rules=rules, gazetteers=gazetteers))
            earlier = [m for m in ctx.mentions if m.kind == "system" and m.end <= c1] or earlier
    remember(ctx.text, ctx.mentions, discourse, claims, source)
    return claims


def _absorb_within_clauses(triggers: list[Trigger], bounds: list[tuple[int, int]], text: str) -> list[Trigger]:
    """Apply `_absorb` among the triggers that share a clause."""
    kept: list[Trigger] = []
    for clause in dict.fromkeys(bounds):
        shared = [t for t, b in zip(triggers, bounds) if b == clause]
        kept.extend(_absorb(_absorb_nominal(_absorb_considering(shared), text), text))
    return kept


def _absorb_nominal(triggers: list[Trigger], text: str) -> list[Trigger]:
    """Keep "the delivery of X" as an event only when it stands alone: not "a contract on the
    delivery of", not "the delivery of X ... was suspended" (another trigger says what happened)."""
    nominal = ("delivery.nominal", "agreement.contract-to")
    if not any(t.rule.id in nominal for t in triggers):
        return triggers
    alone = len(triggers) == 1
    return [t for t in triggers if t.rule.id not in nominal
            or (alone and not _GOVERNED_NOMINAL.search(text[max(0, t.start - 60):t.start]))]


def _absorb_considering(triggers: list[Trigger]) -> list[Trigger]:
    """"would consider delivering": the transfer verb carries the claim (as interest); drop the
    considering word so the clause gives one claim, not two."""
    return [t for t, nxt in zip(triggers, [*triggers[1:], None])
            if not (nxt is not None and t.rule.id == "interest.consider" and nxt.start - t.end <= 15
                    and nxt.rule.event in ("delivery", "agreement"))]


def _absorb(triggers: list[Trigger], text: str) -> list[Trigger]:
    """Drop transfer words that only say what a deal or talks cover ("a deal under which X would
    procure", "negotiations with the US to procure", "in talks to supply")."""
    if not any(t.rule.event in ("agreement", "negotiation") for t in triggers):
        return triggers
    return [t for t in triggers
            if not (t.rule.event in ("delivery", "interest") and t.rule.id != "delivery.began" and (
                t.rule.orientation == "buyer" or _INFINITIVE_BEFORE.search(text[:t.start])))]


def _clauses(text: str, triggers: list[Trigger]) -> list[tuple[int, int]]:
    """Split a sentence between consecutive triggers, at the strongest boundary between them."""
    cuts = [0]
    for left, right in itertools.pairwise(triggers):
        cut = None
        for boundary in _BOUNDARIES:
            spots = [m.start() for m in boundary.finditer(text, left.end, right.start)]
            if spots:
                cut = spots[-1]
                break
        cuts.append(cut if cut is not None else cuts[-1])
    bounds = []
    for i, start in enumerate(cuts):
        end = next((c for c in cuts[i + 1:] if c > start), len(text))
        bounds.append((start, end))
    return bounds


def _read_trigger(ctx: SentenceContext, trig: Trigger, c0: int, c1: int, discourse: Discourse,
                  source: str | None, earlier: list[Mention], *, rules: Rules,
                  gazetteers: Gazetteers) -> list[Claim]:
    clause = ctx.text[c0:c1]
    t0, t1 = trig.start - c0, trig.end - c0
    local = [_shift(m, -c0) for m in ctx.mentions if m.start >= c0 and m.end <= c1]
    notes: list[str] = []
    systems = _systems_for(clause, local, t0, t1, needs_object=trig.rule.needs_object,
                           orientation=trig.rule.orientation)
    if systems is None:
        return []
    if not systems:
        if earlier:
            systems = [earlier[-1]]
            notes.append(f"system from an earlier clause of the sentence: {earlier[-1].text}")
        elif (carried := carried_system(clause, local, discourse, gazetteers)) is not None:
            systems = [carried]
            notes.append(f"system carried from earlier sentences: {carried.text}")
        elif _GENERIC_ARMS.search(clause) or _MILITARY_ITEMS.search(clause) or (
                trig.rule.id == "agreement.valued-at" and discourse.recipient is not None):
            systems = []  # unnamed arms, or "the contract is valued at" about the deal just reported
        else:
            return []
    if _ATTRIBUTION_BEFORE.search(clause[:t0]):
        return []  # "people familiar with the negotiations said": who speaks, not what happened
    if _IN_QUESTION.search(ctx.text[:trig.start]):
        return []  # "asked if the company would consider selling": a question, not a report
    if trig.rule.event in ("agreement", "negotiation") and _NOT_A_TRANSFER_DEAL.search(clause[t0:]):
        return []  # "an agreement to share information on the P-3": cooperation, not a transfer
    modality = read_modality(clause, Trigger(trig.rule, t0, t1, trig.text), rules, sentence=ctx.text)
    event, planned, denied = trig.rule.event, modality.is_planned, modality.is_denied
    if trig.rule.id == "delivery.acceptance" and discourse.event == "completion":
        event = "completion"
        notes.append("the acceptance act closes the completion reported just before")
    if modality.is_demand:
        log.debug("%s: '%s' is asked for, not reported", ctx.doc, trig.text)
        return []
    if _INTEREST_BEFORE.search(clause[max(0, t0 - 50):t0]) and event in ("agreement", "delivery"):
        event, planned = "interest", False
        notes.append("a buyer considering or planning a purchase: interest")
    elif event == "delivery" and trig.rule.orientation == "buyer" and _INFINITIVE_BEFORE.search(clause[:t0]) \
            and not _FIRST_TO_BEFORE.search(clause[:t0]) and not planned:
        event, planned = "interest", False
        notes.append("a purpose, not a purchase ('to buy'): interest")
    if event == "agreement" and _INFINITIVE_BEFORE.search(clause[:t0]) and not planned \
            and not _FIRST_TO_BEFORE.search(clause[:t0]) and trig.rule.id != "agreement.decision":
        if _READY_BEFORE.search(clause[:t0]):
            event = "interest"
            notes.append("ready to sign: an offer")
        else:
            event = "negotiation"
            notes.append("an aim ('to sign', 'to reach a deal'): negotiation")
    if trig.rule.id == "interest.consider" and trig.text.lower().endswith("ed") and _PASSIVE_END.search(clause[:t0]):
        return []  # "which are considered the best": an opinion, not a buyer's interest
    if _ATTEMPT_BEFORE.search(clause[max(0, t0 - 30):t0]) and event in ("delivery", "agreement"):
        event, planned = "interest", False
        notes.append("an attempt to sell or buy: interest")
    if modality.is_refusal and event in ("delivery", "agreement"):
        event, planned = "interest", False
        notes.append(f"a refusal ('{modality.cue.strip()}'): interest, denied")
    elif modality.is_conditional and planned and event in ("agreement", "delivery") and not denied:
        event, planned = "interest", False
        notes.append("a conditional promise is an offer")
    elif modality.is_hedged and event == "agreement":
        event, planned = "negotiation", False
        notes.append(f"hedged ('{modality.cue}'): negotiation, not agreement")
    elif modality.is_hedged and event in ("delivery", "completion"):
        if _STRONG_HEDGE.search(clause[max(0, t0 - 40):t1]):
            return []
        planned = True
    if event in ("interest", "negotiation"):
        planned = False
    rejected: set[str] = set()
    if trig.rule.id == "interest.reject":
        systems, rejected = _rejected(clause, local, systems, t1, picked=bool(re.search(r"\bover$", trig.text)))
        notes.append("a buyer passing over an offer: interest, denied")
    party_list = _parties.collect(clause, local)
    quantities, value, date = read_figures(clause, local, systems, t0, published=ctx.published, is_planned=planned)
    if planned and date is not None and _before_publication(date, ctx.published):
        date = None  # a planned event is not dated by a past date ("a contract signed in May 2021")
    claims = []
    candidates: list[Mention | None] = list(systems) or [None]
    for system in candidates:
        quantity = quantities.get(system.entity if system is not None else "")
        origin = gazetteers.systems[system.entity].origin if system is not None else None
        hint = (_parties.origin_hints(clause, local, system) if system is not None and system in local
                else _parties.generic_origin(clause, local))
        chosen = _parties.resolve(
            clause, party_list, trigger_start=t0, trigger_end=t1, orientation=trig.rule.orientation,
            origin=origin, origin_hint=hint, discourse_recipient=discourse.recipient,
            discourse_supplier=discourse.supplier,
            discourse_subject=discourse.subject, from_is_recipient=trig.rule.id == "agreement.win")
        if system is None and value is None and not (quantity is not None and _MILITARY_ITEMS.search(clause)) \
                and not chosen.is_explicit:
            continue
        for recipient in chosen.recipients:
            if chosen.supplier is None or recipient == chosen.supplier:
                continue
            entry = gazetteers.systems[system.entity] if system is not None else None
            base = Claim(
                doc=ctx.doc, event=event, supplier=chosen.supplier, recipient=recipient,
                system=entry.designation if entry else None, system_family=entry.family if entry else None,
                evidence=ctx.text.strip(), span=(ctx.offset, ctx.offset + len(ctx.text)),
                rule=trig.rule.name, denied=denied or system is not None and system.entity in rejected, planned=planned, quantity=quantity, value=value,
                date=date, source=source, trigger=trig.text, gazetteer_version=gazetteers.version,
                notes=tuple(notes + list(chosen.notes) + ([f"modality: {modality.cue}"] if modality.cue else [])),
            )
            claims.append(base)
            if event == "delivery" and _UNDER_CONTRACT.match(clause):
                claims.append(_as_agreement(base))
    return claims


def _as_agreement(claim: Claim) -> Claim:
    """"Under the contract, X got Q": the contract's terms, read as the agreement too."""
    return Claim(doc=claim.doc, event="agreement", supplier=claim.supplier, recipient=claim.recipient,
                 system=claim.system, system_family=claim.system_family, evidence=claim.evidence,
                 span=claim.span, rule="agreement.under-contract.v1", denied=claim.denied, planned=False,
                 quantity=claim.quantity, source=claim.source, trigger=claim.trigger,
                 gazetteer_version=claim.gazetteer_version, notes=claim.notes)


def _systems_for(clause: str, local: list[Mention], t0: int, t1: int, *,
                 needs_object: bool, orientation: str) -> list[Mention] | None:
    """Return the systems a trigger speaks of: [] if the clause names none, None if it must not claim."""
    named = [m for m in local if m.kind == "system"
             and not REFERENCE_BEFORE.search(clause[max(0, m.start - 80):m.start])]
    if not named:
        is_passive_anaphor = bool(_ANAPHOR_BEFORE.search(clause[:t0]) and _PASSIVE_END.search(clause[:t0]))
        generic_object = _ARMS_OBJECT.match(clause[t1:])
        if needs_object and not (is_passive_anaphor or generic_object):
            return None
        if generic_object and _UNKNOWN_NAME.search(generic_object.group()):
            return None  # "the Akash Mk1 air defence system": named, but not in the catalogue
        return []
    inside = [m for m in named if m.start >= t0 and m.end <= t1]
    if needs_object:
        parties_at = [m.start for m in local if m.kind == "state" and m.role in ("name", "seat")]
        after = [m for m in named if t1 <= m.start <= t1 + OBJECT_WINDOW_CHARS
                 and not _OBJECT_GAP_BREAK.search(clause[t1:m.start])
                 and not (orientation == "buyer" and any(t1 <= p < m.start for p in parties_at))]
        before = [m for m in named if m.end <= t0 and (
            (t0 - m.end <= 40 and re.search(r"\bof\s+whose\s+(?:\w+\s+)?$", clause[m.end:t0]))
            or (t0 - m.end <= 60 and _RELATIVE_BEFORE.search(clause[m.end:t0]))
            or (t0 - m.end <= PASSIVE_SUBJECT_CHARS and _PASSIVE_END.search(clause[m.end:t0])))]
        named = inside + after or before
        if not named:
            return None
    if inside:
        return _with_coordinated(clause, named, inside[0])
    nearest = min(named, key=lambda m: m.start - t1 if m.start >= t1 else (t0 - m.end) * 1.5)
    return _with_coordinated(clause, named, nearest)


def _with_coordinated(clause: str, named: list[Mention], pick: Mention) -> list[Mention]:
    """Extend a system to the list it stands in ("S-400 and Su-35"), one claim per system."""
    group = [pick]
    ordered = sorted(named, key=lambda m: m.start)
    i = ordered.index(pick)
    for nxt in ordered[i + 1:]:
        if re.fullmatch(r"[\w\s-]{0,30}?(?:,\s*|\s+and\s+|\s+or\s+|,\s+and\s+|\s+as\s+well\s+as\s+)"
                        r"(?:the\s+|(?:some\s+|about\s+)?\d[\d,]*\s+(?:more\s+|new\s+|additional\s+)?)?",
                        clause[group[-1].end:nxt.start]):
            group.append(nxt)
        else:
            break
    for prev in reversed(ordered[:i]):
        if re.fullmatch(r"(?:s|es)?(?:,\s*|\s+and\s+|\s+or\s+|,\s+and\s+)(?:the\s+)?", clause[prev.end:group[0].start]):
            group.insert(0, prev)
        else:
            break
    unique: dict[str, Mention] = {}
    for m in group:
        unique.setdefault(m.entity, m)
    return list(unique.values())


def _shift(m: Mention, by: int) -> Mention:
    return Mention(kind=m.kind, entity=m.entity, start=m.start + by, end=m.end + by, text=m.text,
                   state=m.state, role=m.role)



def _rejected(clause: str, local: list[Mention], systems: list[Mention], t1: int, *,
              picked: bool) -> tuple[list[Mention], set[str]]:
    """Return the systems of a rejection and the ids of those passed over.

    "drops the X": X is passed over. "picked X over Y and Z": X is chosen (an interest), Y and Z
    are passed over (interests, denied).
    """
    if not picked:
        return systems, {m.entity for m in systems}
    later = sorted((m for m in local if m.kind == "system" and m.start >= t1), key=lambda m: m.start)
    over = _with_coordinated(clause, later, later[0]) if later else []
    chosen = [m for m in systems if m.start < t1]
    return chosen + over, {m.entity for m in over}


def _before_publication(date: PartialDate, published: PartialDate | None) -> bool:
    """True when a date lies before the publication date, at the date's own precision."""
    if published is None or published.year is None or date.year is None:
        return False
    return date.value < published.value[:len(date.value)]
