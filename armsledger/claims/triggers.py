"""Find the words that announce an arms-transfer event in a clause, and the modality around them.

The patterns are data: `data/patterns/events.jsonl` (one rule per line: the event it announces,
who its grammatical subject is, the regular expression) and `data/patterns/cues.jsonl` (hedges,
futures, denials, negations, conditionals). A rule's id and version go into every claim it
produces (`agreement.sign.v1`).
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TypeVar

from armsledger.errors import GazetteerError

T = TypeVar("T")

CUE_WINDOW_CHARS = 60
"""How far before a trigger a modal or negation still governs it ("may shortly sign" is 12;
"is expected to be accomplished" sits inside the trigger). Chosen on the seeds: 60 reaches back
over an adverb and a subject; re-run the eval gate after a change."""


@dataclass(frozen=True, slots=True)
class EventRule:
    """One event pattern of events.jsonl."""

    id: str
    version: int
    event: str
    orientation: str
    """Who the subject of the trigger is: `buyer` (the recipient), `seller` (the supplier) or `neutral`."""
    needs_object: bool
    """True for common words ("offer", "order", "sold"): the system must follow close behind."""
    regex: re.Pattern[str]

    @property
    def name(self) -> str:
        """The rule's versioned name, as stored with claims."""
        return f"{self.id}.v{self.version}"


@dataclass(frozen=True, slots=True)
class Cue:
    """One modality cue of cues.jsonl: hedge, planned, denied, negation or conditional."""

    id: str
    version: int
    kind: str
    regex: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class Trigger:
    """An event announced at [start, end) of a clause by one rule."""

    rule: EventRule
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Modality:
    """How a clause qualifies a trigger."""

    is_planned: bool
    is_denied: bool
    is_hedged: bool
    is_conditional: bool
    is_demand: bool
    """Somebody asks for the event ("urged Turkey to buy"): the text does not say it happens."""
    is_refusal: bool
    """A party refuses or rules out the event ("refused to sell", "will never sell")."""
    cue: str


@dataclass(frozen=True, slots=True)
class Rules:
    """The compiled pattern files."""

    events: tuple[EventRule, ...]
    cues: tuple[Cue, ...]
    cheap_event: re.Pattern[str]
    """The stems every event pattern needs: one fast search tells whether a sentence can hold a claim."""


_NOUN_BEFORE = frozenset(
    ["a", "an", "the", "its", "their", "his", "her", "our", "your", "my", "this", "that", "these", "those", "of", "in", "for", "and", "or", "arms", "weapons", "military", "defence", "defense", "export", "import", "major", "further", "new", "more", "any", "no", "such", "over", "about", "on", "with", "after", "before", "by", "from", "to", "against", "despite", "amid"]
)
"""Words that, before an ambiguous -s form ("purchases", "exports", "offers"), make it a noun."""

_AMBIGUOUS_NOUNS = re.compile(
    r"(?:purchases|orders|exports|imports|supplies|offers|transfers|ships|ship|sales|deals|gifts|proposes|"
    r"purchase|order|export|import|offer|transfer|gift|supply|request|requests|proposal|plans?|eye|aims?|hopes?)$",
    re.IGNORECASE,
)


_EVENT_STEMS = re.compile(
    r"(?i)sign|ink|seal|clinch|conclu|finali|stru?ck|reach|contract|deal|agreement|order|award|win|won|secur|bag|"
    r"land|decision|agree|deliver|suppl|export|sold|sell|ship|hand|transfer|gift|donat|receiv|got|gets|obtain|"
    r"deliver|import|bought|buy|purchas|acquir|procur|induct|territory|arriv|buyer|customer|client|operator|"
    r"acceptance|complet|finish|fulfil|accomplish|talks|negotiat|bargain|approv|clear|ok|authori|green|notif|"
    r"prepar|close to|ready|willing|open to|offer|pitch|propos|want|seek|sought|plan|hope|aim|look|intend|keen|"
    r"consider|evaluat|eye|shortlist|interest|request|express|drop|overlook|reject|turn|snub|pass|pick|cancel|"
    r"suspen|froze|frozen|freez|halt|scrap|terminat|call|stop|block|hold|exclu|expel|remov|kick|participation|"
    r"phase|stage")
"""Stems of every event pattern: keep in step with events.jsonl (tests/claims/test_triggers.py checks samples)."""


_NOUN_AFTER = re.compile(
    r"\s+(?:controls?|licen[cs]es?|markets?|bans?|versions?|variants?|rules|regimes?|credits?|orders?|deals?|"
    r"contracts?|potential|success|customers?|clients?|earnings|revenues?|figures|volumes?|policy|policies|"
    r"restrictions?|approvals?|agency|agencies|model|programmes?|programs?|clearances?|permits?|hub|zones?)\b", re.IGNORECASE)
"""Nouns that make the word before them a noun too: "export controls", "purchase order"."""


@cache
def load_rules() -> Rules:
    """Load and compile the bundled pattern files once.

    Raises:
        GazetteerError: a pattern file is missing or a line is not a valid rule.
    """
    events = tuple(_load_events())
    cues = tuple(_load_cues())
    return Rules(events=events, cues=cues, cheap_event=_EVENT_STEMS)


def _rows(name: str) -> list[dict[str, object]]:
    try:
        text = resources.files("armsledger").joinpath("data", "patterns", name).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError) as err:
        raise GazetteerError(f"pattern file {name!r} is missing from armsledger/data/patterns") from err
    rows = []
    for n, line in enumerate(text.splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as err:
                raise GazetteerError(f"{name} line {n}: not JSON ({err.msg}); fix the line") from err
    return rows


def _load_events() -> list[EventRule]:
    return _load("events.jsonl", "rule", lambda row: EventRule(
        id=str(row["id"]), version=int(str(row["version"])), event=str(row["event"]),
        orientation=str(row["orientation"]), needs_object=bool(row["needs_object"]),
        regex=re.compile(str(row["pattern"]), re.IGNORECASE)))


def _load_cues() -> list[Cue]:
    return _load("cues.jsonl", "cue", lambda row: Cue(
        id=str(row["id"]), version=int(str(row["version"])), kind=str(row["kind"]),
        regex=re.compile(str(row["pattern"]), re.IGNORECASE)))


def _load(name: str, what: str, build: Callable[[dict[str, object]], T]) -> list[T]:
    """Build one entry per line of a pattern file; a bad line is a GazetteerError naming it."""
    out = []
    for row in _rows(name):
        try:
            out.append(build(row))
        except (KeyError, ValueError, re.error) as err:
            raise GazetteerError(f"{name} {what} {row.get('id')!r}: {err}; fix the {what}") from err
    return out


def find_triggers(clause: str, rules: Rules) -> list[Trigger]:
    """Return the event triggers of a clause, earliest first, overlapping ones resolved to the longest."""
    found: list[Trigger] = []
    for rule in rules.events:
        for m in rule.regex.finditer(clause):
            if _is_noun_use(clause, m.start(), m.group()):
                continue
            found.append(Trigger(rule, m.start(), m.end(), m.group()))
    found.sort(key=lambda t: (t.start, -(t.end - t.start)))
    kept: list[Trigger] = []
    for trig in found:
        if kept and trig.start < kept[-1].end:
            if trig.end - trig.start > kept[-1].end - kept[-1].start:
                kept[-1] = trig
            continue
        kept.append(trig)
    return kept


def _is_noun_use(clause: str, start: int, text: str) -> bool:
    """True when an ambiguous trigger word ("purchases", "offer") is used as a noun."""
    first = text.split()[0] if text.split() else text
    if not _AMBIGUOUS_NOUNS.search(first):
        return False
    if len(text.split()) == 1 and _NOUN_AFTER.match(clause[start + len(text):start + len(text) + 30]):
        return True
    if len(text.split()) == 1 and re.match(r"\s+of\b", clause[start + len(text):start + len(text) + 4]) \
            and not first.lower().startswith(("offer", "propos", "request", "plan")):
        return True  # "transfer of", "sale of", "supply of": a noun (an "offer of" is still an offer)
    before = clause[max(0, start - 30):start].split()
    return bool(before) and before[-1].lower().strip(",") in _NOUN_BEFORE


def read_modality(clause: str, trigger: Trigger, rules: Rules, *, sentence: str) -> Modality:
    """Say whether the clause plans, hedges, denies or makes conditional the event at `trigger`."""
    window = clause[max(0, trigger.start - CUE_WINDOW_CHARS):trigger.start]
    inside = trigger.text
    near = window[-25:]
    planned = hedged = denied = conditional = demand = refusal = False
    cue_text = ""
    for cue in rules.cues:
        if cue.kind == "planned":
            m = cue.regex.search(window[-35:]) or cue.regex.search(inside)
            if m and not _has_clause_verb_between(window[-35:], m.end()):
                planned, cue_text = True, cue_text or m.group()
        elif cue.kind == "hedge":
            m = cue.regex.search(window[-40:]) or cue.regex.search(inside)
            if m:
                hedged, cue_text = True, cue_text or m.group()
        elif cue.kind == "negation":
            m = cue.regex.search(near) or cue.regex.search(inside)
            if m:
                denied, cue_text = True, cue_text or m.group()
        elif cue.kind == "denied":
            m = cue.regex.search(sentence[:_offset_in(sentence, clause) + trigger.start])
            if m:
                denied, cue_text = True, cue_text or m.group()
        elif cue.kind == "conditional":
            conditional = conditional or _is_conditional(cue.regex, sentence)
        elif cue.kind == "demand":
            m = cue.regex.search(window)
            if m:
                demand, cue_text = True, m.group()
        elif cue.kind == "refusal":
            m = cue.regex.search(window[-30:])
            if m:
                refusal, denied, cue_text = True, True, m.group()
    return Modality(is_planned=planned, is_denied=denied, is_hedged=hedged, is_conditional=conditional,
                    is_demand=demand, is_refusal=refusal, cue=cue_text)


def _is_conditional(regex: re.Pattern[str], sentence: str) -> bool:
    """True for a real condition ("we will sign, if they ask"), not "it is not clear if" (whether)."""
    for m in regex.finditer(sentence):
        before = sentence[max(0, m.start() - 25):m.start()].lower()
        if not re.search(r"\b(?:clear|know|knows|known|whether|see|ask|asked|wonder|unclear|sure|decide)\W*$", before):
            return True
    return False


def _offset_in(sentence: str, clause: str) -> int:
    found = sentence.find(clause)
    return max(found, 0)


def _has_clause_verb_between(window: str, end: int) -> bool:
    """True when a finite past verb separates a future cue from the trigger ("will say it signed")."""
    return bool(re.search(r"\b(?:said|says|announced|reported|that)\b", window[end:], re.IGNORECASE))
