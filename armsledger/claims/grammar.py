"""The claim grammar, as data: predicates with their argument roles, governing frames, modality cues.

Three versioned JSONL files under `data/patterns/`, one rule a line:

- `predicates.jsonl`: a verbal or nominal predicate (lemmas and parts of speech), the event it
  states, and the dependency relations that bind its roles: `supplier`, `recipient`, `item`, or
  `party` (a side the catalogue's origin of the item decides). A relation is a UD label (`nsubj`,
  `obj`, `nmod:poss`) or a label with its preposition (`obl:to`, `nmod:of`).
- `frames.jsonl`: words that govern a predicate. A `governor` takes a nominal predicate as its object
  or subject ("signed a contract", "deliveries began") and sets its event and more roles; a `modal`
  takes a predicate as its complement ("hopes to sell", "is set to receive", "denied that").
- `modality.jsonl`: auxiliaries, negations, markers and adverbs read from the tree ("will", "not",
  "if").

The Python side (claims/frames.py) only looks rules up by lemma and applies what they say; it never
tests a rule's id. A rule's behaviour changes only with a new version.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TypeVar

from armsledger.errors import GazetteerError

ROLES = frozenset(["supplier", "recipient", "item", "party", "item|supplier", "item|recipient", "item|party", "rejected"])
"""`rejected`: an item passed over in favour of the predicate's item ("picked X over Y": Y is denied)."""
EFFECTS = frozenset(["aim", "interest", "planned", "hedged", "agreement", "negotiation", "refused", "demand", "denied",
                     "question", "none", "opinion", "conditional", "yet", "conditional-main", "source"])
EVENTS = frozenset(["interest", "negotiation", "agreement", "delivery", "completion", "cancellation"])


@dataclass(frozen=True, slots=True)
class Predicate:
    """A word that states an arms-transfer event, with the relations that bind its roles."""

    id: str
    version: int
    event: str
    pos: frozenset[str]
    lemmas: frozenset[str]
    roles: dict[str, str]
    planned_event: str | None = None
    """The event a future statement of it is ("will buy" is a planned agreement), if not `event`."""
    past_event: str | None = None
    """The event it states when a past copula reports it ("the sales have been to Britain": a past
    transfer, a delivery), if not `event`."""
    is_denial: bool = False
    """The predicate itself denies ("dropped the Akash": interest, denied)."""
    needs_governor: bool = False
    """A nominal that states no event by itself: only a governing verb makes it one ("suspended
    Turkey's participation")."""
    passive_needs_agent: bool = False
    """A passive without its agent is no event of this kind ("are considered the best": an opinion)."""
    progressive_event: str | None = None
    """The event its progressive states ("is buying": the deal stands), if not `event`."""
    completion_words: frozenset[str] = frozenset()
    """Modifiers that make the nominal the completion of an order ("the final delivery")."""
    yields_to_agreement: bool = False
    """Its delivery only restates the signing of the same deal when the sentence states one ("signed
    a contract ..., the second member to buy it"): the sentence gives the agreement alone."""
    manner_cases: frozenset[str] = frozenset()
    """Prepositions that make the nominal a manner, not an event ("produced under licence")."""
    passes_over_contrasted: bool = False
    """A choice that passes over what a contrasted clause before it considered ("evaluated the
    JF-17, but preferred the J-10"): that interest is also denied, as a rejected offer is."""
    states_plan: bool = False
    """The predicate states an event still to come ("are due in Poland"): always planned."""
    needs_handover: bool = False
    """A predicate that states a transfer only with a sign that the item changes hands ("the first
    two howitzers arrived in Yerevan", not "two frigates arrived in Singapore for an exercise")."""
    idle_clauses: frozenset[str] = frozenset()
    """Verbs of a clause that says what the predicate is for and transfers nothing ("a deal to develop
    a flight-test platform"): a path role ("acl/obj") takes no item from them."""

    @property
    def name(self) -> str:
        """The versioned name stored with every claim: `transfer.seller.v1`."""
        return f"{self.id}.v{self.version}"

    @property
    def is_nominal(self) -> bool:
        """True for a noun ("sale", "contract"), False for a verb."""
        return "VERB" not in self.pos


@dataclass(frozen=True, slots=True)
class Frame:
    """A word that governs a predicate: sets its event (governor) or its modality (modal)."""

    id: str
    version: int
    kind: str
    lemmas: frozenset[str]
    event: str | None = None
    progressive_event: str | None = None
    nominals: frozenset[str] = frozenset()
    roles: dict[str, str] | None = None
    effect: str | None = None
    is_object_control: bool = False
    partial_event: str | None = None
    partial_words: frozenset[str] = frozenset()
    """A governed nominal modified by one of these words ("a partial shipment") takes `partial_event`."""
    carries_object: bool = False
    """"X joined Y in halting": the governor's object shares the subject's role."""
    pos: frozenset[str] = frozenset()
    """The parts of speech the word governs as (empty: any): 'open' wants only as an adjective
    ("open to buying"), not as a verb ("opened talks")."""

    @property
    def name(self) -> str:
        """The versioned name: `sign.nominal.v1`."""
        return f"{self.id}.v{self.version}"


@dataclass(frozen=True, slots=True)
class Cue:
    """A modality word read from the tree: an auxiliary, a negation, a marker or an adverb."""

    id: str
    version: int
    kind: str
    words: frozenset[str]
    effect: str

    @property
    def name(self) -> str:
        """The versioned name: `aux.future.v1`."""
        return f"{self.id}.v{self.version}"


@dataclass(frozen=True, slots=True)
class Grammar:
    """The loaded rule files, indexed by lemma. Build it with `Grammar.of(...)`."""

    predicates: tuple[Predicate, ...]
    frames: tuple[Frame, ...]
    cues: tuple[Cue, ...]
    disabled: frozenset[str]
    _predicates: dict[tuple[str, str], Predicate]
    _frames: dict[tuple[str, str], tuple[Frame, ...]]
    _cues: dict[tuple[str, str], Cue]
    _lemmas: frozenset[str]

    @classmethod
    def of(cls, predicates: Iterable[Predicate], frames: Iterable[Frame], cues: Iterable[Cue], *,
           disabled: frozenset[str] = frozenset()) -> Grammar:
        """Index the rules by lemma (a lemma's first rule wins)."""
        ps, fs, cs = tuple(predicates), tuple(frames), tuple(cues)
        by_lemma: dict[tuple[str, str], Predicate] = {}
        for p in ps:
            for lemma in p.lemmas:
                for pos in p.pos:
                    by_lemma.setdefault((lemma, pos), p)
        frames_by: dict[tuple[str, str], list[Frame]] = {}
        for f in fs:
            for lemma in f.lemmas:
                frames_by.setdefault((f.kind, lemma), []).append(f)
        cues_by: dict[tuple[str, str], Cue] = {}
        for c in cs:
            for w in c.words:
                cues_by.setdefault((c.kind, w), c)
        return cls(ps, fs, cs, disabled, by_lemma, {k: tuple(v) for k, v in frames_by.items()}, cues_by,
                   frozenset(lemma for p in ps for lemma in p.lemmas))

    def predicate_for(self, lemma: str, pos: str) -> Predicate | None:
        """Return the predicate rule for a lemma and part of speech, if any."""
        return self._predicates.get((lemma, pos))

    def governors_for(self, lemma: str) -> tuple[Frame, ...]:
        """Return the governor frames of a lemma."""
        return self._frames.get(("governor", lemma), ())

    def modals_for(self, lemma: str) -> tuple[Frame, ...]:
        """Return the modal frames of a lemma."""
        return self._frames.get(("modal", lemma), ())

    def cue_for(self, kind: str, word: str) -> Cue | None:
        """Return the modality cue of a kind for a word, if any."""
        return self._cues.get((kind, word))

    def lemmas(self) -> frozenset[str]:
        """Every lemma of every predicate: a sentence with none of them holds no claim."""
        return self._lemmas

    def without(self, rule_ids: Iterable[str]) -> Grammar:
        """Return the grammar with some rules switched off (by id), for the per-rule report."""
        off = frozenset(rule_ids)
        return Grammar.of((p for p in self.predicates if p.id not in off), (f for f in self.frames if f.id not in off),
                          (c for c in self.cues if c.id not in off), disabled=self.disabled | off)

    def rule_ids(self) -> list[str]:
        """Every rule id, in file order: predicates, frames, cues."""
        return [p.id for p in self.predicates] + [f.id for f in self.frames] + [c.id for c in self.cues]


@cache
def load_grammar() -> Grammar:
    """Load the bundled grammar files once.

    Raises:
        GazetteerError: a file is missing, or a line is not a valid rule (named by file and line).
    """
    return Grammar.of(_build("predicates.jsonl", _predicate), _build("frames.jsonl", _frame),
                      _build("modality.jsonl", _cue))


R = TypeVar("R", Predicate, Frame, Cue)


def _build(name: str, make: Callable[[dict[str, object]], R]) -> list[R]:
    try:
        text = resources.files("armsledger").joinpath("data", "patterns", name).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError) as err:
        raise GazetteerError(f"grammar file {name!r} is missing from armsledger/data/patterns") from err
    out = []
    seen: set[str] = set()
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            rule = make(row)
        except json.JSONDecodeError as err:
            raise GazetteerError(f"{name} line {n}: not JSON ({err.msg}); fix the line") from err
        except (KeyError, ValueError, TypeError) as err:
            raise GazetteerError(f"{name} line {n}: invalid rule ({err}); fix the line") from err
        if rule.id in seen:
            raise GazetteerError(f"{name} line {n}: duplicate rule id {rule.id!r}; rename it")
        seen.add(rule.id)
        out.append(rule)
    return out


def _roles(raw: object, where: str) -> dict[str, str]:
    """Relations to roles; a relation may be a two-step path ("acl/obj": the object of its clause)."""
    if not isinstance(raw, dict):
        raise TypeError(f"{where}: roles must be an object")
    for rel, role in raw.items():
        if role not in ROLES:
            raise ValueError(f"{where}: role {role!r} for {rel!r} is not one of {sorted(ROLES)}")
    return {str(k): str(v) for k, v in raw.items()}


def _predicate(row: dict[str, object]) -> Predicate:
    event = str(row["event"])
    if event not in EVENTS:
        raise ValueError(f"event {event!r} is not one of {sorted(EVENTS)}")
    planned = row.get("planned_event")
    past = row.get("past_event")
    if past is not None and past not in EVENTS:
        raise ValueError(f"past_event {past!r} is not one of {sorted(EVENTS)}")
    return Predicate(id=str(row["id"]), version=int(str(row["version"])), event=event,
                     pos=frozenset(map(str, row["pos"])),  # type: ignore[call-overload]
                     lemmas=frozenset(map(str, row["lemmas"])),  # type: ignore[call-overload]
                     roles=_roles(row["roles"], str(row["id"])),
                     planned_event=str(planned) if planned else None, past_event=str(past) if past else None,
                     is_denial=bool(row.get("denies")),
                     passive_needs_agent=bool(row.get("passive_needs_agent")),
                     needs_governor=bool(row.get("needs_governor")),
                     needs_handover=bool(row.get("needs_handover")),
                     states_plan=bool(row.get("states_plan")),
                     yields_to_agreement=bool(row.get("yields_to_agreement")),
                     passes_over_contrasted=bool(row.get("passes_over_contrasted")),
                     completion_words=frozenset(map(str, row.get("completion_words", []))),  # type: ignore[call-overload]
                     manner_cases=frozenset(map(str, row.get("manner_cases", []))),  # type: ignore[call-overload]
                     progressive_event=_event_or_none(row.get("progressive_event")),
                     idle_clauses=frozenset(map(str, row.get("idle_clauses", []))))  # type: ignore[call-overload]


def _event_or_none(value: object) -> str | None:
    if value is None:
        return None
    if value not in EVENTS:
        raise ValueError(f"event {value!r} is not one of {sorted(EVENTS)}")
    return str(value)


def _frame(row: dict[str, object]) -> Frame:
    kind = str(row["kind"])
    if kind not in ("governor", "modal"):
        raise ValueError(f"kind {kind!r} is not 'governor' or 'modal'")
    effect = row.get("effect")
    if effect is not None and effect not in EFFECTS:
        raise ValueError(f"effect {effect!r} is not one of {sorted(EFFECTS)}")
    event = row.get("event")
    if event is not None and event not in EVENTS:
        raise ValueError(f"event {event!r} is not one of {sorted(EVENTS)}")
    return Frame(id=str(row["id"]), version=int(str(row["version"])), kind=kind,
                 lemmas=frozenset(map(str, row["lemmas"])),  # type: ignore[call-overload]
                 event=str(event) if event else None,
                 progressive_event=str(row["progressive_event"]) if row.get("progressive_event") else None,
                 nominals=frozenset(map(str, row.get("nominals", []))),  # type: ignore[call-overload]
                 roles=_roles(row["roles"], str(row["id"])) if "roles" in row else None,
                 effect=str(effect) if effect else None, is_object_control=bool(row.get("object_control")),
                 carries_object=bool(row.get("carries_object")),
                 partial_event=str(row["partial_event"]) if row.get("partial_event") else None,
                 partial_words=frozenset(map(str, row.get("partial_words", []))),  # type: ignore[call-overload]
                 pos=frozenset(map(str, row.get("pos", []))))  # type: ignore[call-overload]


def _cue(row: dict[str, object]) -> Cue:
    effect = str(row["effect"])
    if effect not in EFFECTS:
        raise ValueError(f"effect {effect!r} is not one of {sorted(EFFECTS)}")
    return Cue(id=str(row["id"]), version=int(str(row["version"])), kind=str(row["kind"]),
               words=frozenset(map(str, row["words"])), effect=effect)  # type: ignore[call-overload]
