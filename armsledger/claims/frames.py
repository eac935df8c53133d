"""Read a parsed sentence into predicate readings: each event word, its roles and its modality.

Find first, then decide: every token whose lemma and part of speech a predicate rule names is a
candidate (claims/grammar.py); its roles are its dependents under the rule's relations, completed
where English leaves them implicit (a passive's agent, a relative clause's head, a controlled
infinitive's subject, a coordinated verb's subject); a governing word sets its event ("signed a
contract") or its modality ("hopes to sell"), and the tree's auxiliaries, negations and markers say
whether it is planned, denied, hedged or conditional. Nothing here knows a rule by its id.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from armsledger.claims.arguments import case_of, text_of
from armsledger.claims.grammar import Cue, Frame, Grammar, Predicate
from armsledger.claims.repairs import (
    is_misread_infinitive_object,
    misread_object_of,
    misread_verb_of,
    nominal_conjunct_of,
    object_before_infinitive,
    subject_above,
)
from armsledger.claims.vocabulary import TIME_WORDS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

CLAUSE_LINKS = frozenset(["xcomp", "ccomp", "advcl", "acl", "acl:relcl", "csubj", "obl", "nmod", "obj", "conj",
                          "nsubj", "nsubj:pass", "parataxis", "appos", "advcl:relcl", "obl:unmarked",
                          "nmod:unmarked"])
"""Relations a modal or denying word reaches its predicate through ("denied reports that X sold")."""
COMPLEMENT_LINKS = frozenset(["xcomp", "ccomp", "acl", "obj", "csubj"])
"""Relations by which a wanting, planning or agreeing word governs a predicate ("hopes to sell", "plans
the purchase", "a decision to buy"); a purpose clause ("set a deadline to reach a deal") is not one."""
ABSORBING_LINKS = frozenset(["acl", "xcomp", "advcl", "nmod", "obl", "compound", "ccomp"])
"""Relations by which a predicate only says what another one is about ("a deal to buy", "talks on the
sale"): the outer one states the event, the inner one lends its roles."""
SUBJECTS = ("nsubj", "nsubj:pass")


@dataclass(slots=True)
class Reading:
    """One predicate in one sentence: its event, roles (token indices) and modality."""

    predicate: Predicate
    token: int
    event: str
    governor: Frame | None = None
    governor_token: int | None = None
    roles: dict[str, list[int]] = field(default_factory=dict)
    relations: dict[int, str] = field(default_factory=dict)
    """For each role token, the relation that bound it (for --explain)."""
    is_planned: bool = False
    is_denied: bool = False
    dropped: str | None = None
    """Why the reading gives no claim (a question, a demand, a condition), or None."""
    absorbed_into: int | None = None
    cues: list[str] = field(default_factory=list)
    """The versioned names of the frames and cues that changed the reading."""

    def add(self, role: str, token: int, relation: str) -> None:
        """Bind a token to a role, once."""
        if token not in self.roles.setdefault(role, []):
            self.roles[role].append(token)
            self.relations[token] = relation


def read_predicates(doc: Doc, grammar: Grammar, *, blocked: frozenset[int] = frozenset(),
                    is_headline: bool = False) -> list[Reading]:
    """Return the readings of a parsed sentence, absorbed ones marked (`absorbed_into`).

    Args:
        doc: one parsed sentence.
        grammar: the rules.
        blocked: token indices that cannot be predicates (inside a catalogued name: "Block III").
    """
    readings: list[Reading] = []
    for tok in doc:
        if tok.i in blocked:
            continue
        predicate = _predicate_of(tok, grammar)
        if predicate is None or (predicate.is_nominal and tok.dep_ in ("compound", "amod")):
            continue  # "export market", "after-sales service": a modifier, not an event
        reading = Reading(predicate=predicate, token=tok.i, event=predicate.event,
                          is_denied=predicate.is_denial)
        _bind_roles(reading, tok, predicate.roles)
        _bind_copular_phrase(reading, tok)
        _bind_misread_object(reading, tok)
        _complete_roles(reading, tok, grammar)
        if predicate.is_nominal:
            _govern(reading, tok, grammar)
        _bind_item_dependents(reading, doc)
        _read_modality(reading, doc, grammar)
        if is_headline:
            _read_headline(reading, doc, grammar)
        if predicate.needs_governor and reading.governor is None:
            reading.dropped = "named, not acted on: no governing verb"
        if predicate.passive_needs_agent and any(c.dep_ == "aux:pass" for c in tok.children) and not any(
                c.dep_ in ("obl:agent",) or "by" in relation_keys(c)[-1] for c in tok.children):
            reading.dropped = "a passive without its agent: an opinion, not a buyer's act"
        readings.append(reading)
    _share_coordinated_governors(readings, doc)
    _bind_loose_phrases(readings, doc)
    _absorb(readings, doc)
    return readings


LOOSE_REACH = 2
"""How many relations up a prepositional phrase may hang from its predicate and still fill one of its
roles ("sold ... missiles to Syria" parsed with 'to Syria' under 'missiles'). Parsers attach
prepositional phrases worst of all; the preposition and the predicate's frame say more than the
attachment does. Chosen on both development sets: 4 let 'payment from the Indian side' three nouns
down name a seller; 2 gained 0.002 claim F1 on the holdout and 0.012 on the seeds. Re-run the gate."""


def _bind_loose_phrases(readings: list[Reading], doc: Doc) -> None:
    """Fill a predicate's unfilled party roles from prepositional phrases in its clause."""
    if not readings:
        return
    heads = {r.token for r in readings} | {r.governor_token for r in readings if r.governor_token is not None}
    bound = {t for r in readings for toks in r.roles.values() for t in toks}
    # each token with its preposition, found once for all the readings
    cased = [(c.head, c.lower_) for c in doc if c.dep_ == "case" and c.head.i > c.i]
    for reading in readings:
        mine = {reading.token} | ({reading.governor_token} if reading.governor_token is not None else set())
        roles = dict(reading.predicate.roles)
        if reading.governor is not None and reading.governor.roles:
            roles.update({k: v for k, v in reading.governor.roles.items() if k.startswith("obl:")})
        for tok, case in cased:
            if tok.i in bound or tok.i in mine:
                continue
            role = roles.get(f"obl:{case}") or roles.get(f"nmod:{case}")
            if role not in ("supplier", "recipient", "party") or reading.roles.get(role):
                continue
            up, steps = tok, 0
            while steps < LOOSE_REACH and up.head.i != up.i and up.i not in mine:
                up, steps = up.head, steps + 1
                if up.i in heads and up.i not in mine or up.dep_ in ("acl:relcl", "parataxis"):
                    break
            if up.i in mine:
                reading.add(role, tok.i, f"'{case}' phrase in the clause")


def lemmas_of(tok: Token) -> list[str]:
    """The lemma candidates of a token: the model's lemma, the word, and the word without a regular
    English ending (the lemmatizer misses some: "canceled", "supplying")."""
    return list(_lemma_candidates(tok.lemma_.lower(), tok.lower_))


@lru_cache(maxsize=65536)
def _lemma_candidates(lemma: str, word: str) -> tuple[str, ...]:
    out = [lemma, word]
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("ying", "y"), ("ing", ""), ("ing", "e"), ("ed", ""),
                         ("ed", "e"), ("es", ""), ("s", ""), ("d", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            out.append(word[: len(word) - len(suffix)] + repl)
    if len(word) > 5 and word.endswith("ed") and word[-3] == word[-4]:
        out.append(word[:-3])  # "shipped", "cancelled"
    if len(word) > 6 and word.endswith("ing") and word[-4] == word[-5]:
        out.append(word[:-4])  # "dropping"
    return tuple(out)


NOMINAL_FUNCTIONS = frozenset(["obj", "nsubj", "nsubj:pass", "iobj", "obl", "nmod"])


def _predicate_of(tok: Token, grammar: Grammar) -> Predicate | None:
    pos = tok.pos_
    if pos == "VERB" and tok.dep_ in NOMINAL_FUNCTIONS and any(c.dep_ == "det" for c in tok.children):
        pos = "NOUN"  # "approved a $115 billion arms deal" tagged 'deal' a verb: its function says noun
    for lemma in lemmas_of(tok):
        found = grammar.predicate_for(lemma, pos)
        if found is not None:
            return found
    return None


def relation_keys(child: Token) -> tuple[str, ...]:
    """The keys a dependent answers to: its relation, and its relation with its preposition."""
    dep = child.dep_
    case = next((c.lower_ for c in child.children if c.dep_ in ("case", "mark") and c.i < child.i), None)
    base = dep.split(":")[0]
    if case is None:
        return (dep,)
    return (dep, f"{base}:{case}") if dep == base else (dep, f"{base}:{case}", f"{dep}:{case}")


def _bind_roles(reading: Reading, tok: Token, roles: dict[str, str]) -> None:
    for key, role in roles.items():
        if "/" in key:  # a path: "acl/obj", the object of the clause that says what a deal is for
            first, second = key.split("/", 1)
            for child in tok.children:
                if child.dep_ == first:
                    for grandchild in child.children:
                        if second in relation_keys(grandchild):
                            reading.add(role, grandchild.i, key)
    for child in tok.children:
        if "Rel" in child.morph.get("PronType", []):
            continue  # a relative pronoun stands for the head of its clause, bound in _complete_roles
        if is_misread_infinitive_object(child):
            continue  # "a contract to supply 18 jets" parsed as "a contract [to 18 jets]"
        for key in relation_keys(child):
            found = roles.get(key)
            if found is not None and _is_time(child):
                continue  # "signed a contract on Friday", "this year had approved": when, not who or what
            if found is not None:
                reading.add(found, child.i, key)
                break


def _is_time(tok: Token) -> bool:
    """A short phrase headed by or holding a time word ("Friday", "March 3", "last year") or a year."""
    words = list(tok.subtree)
    return len(words) <= 4 and any(w.lower_ in TIME_WORDS or w.lemma_.lower() in TIME_WORDS or (
        w.like_num and len(w.text) == 4 and w.text.isdigit()) for w in words)


def _bind_copular_phrase(reading: Reading, tok: Token) -> None:
    """A nominal event whose predicate is a copula's phrase ("the sales have been to Britain and
    Italy", "the order is from Egypt"): the phrase plays the role its preposition gives the noun."""
    head = tok.head
    if not reading.predicate.is_nominal or tok.dep_ not in SUBJECTS or not any(
            c.dep_ == "cop" for c in head.children):
        return
    case = case_of(head)
    role = reading.predicate.roles.get(f"nmod:{case}") if case else None
    if role in ("supplier", "recipient", "party"):
        reading.add(role, head.i, f"nmod:{case} (the copula's phrase)")
        copula = next(c for c in head.children if c.dep_ == "cop")
        if reading.predicate.past_event and copula.tag_ in ("VBD", "VBN"):
            reading.event = reading.predicate.past_event


def _bind_misread_object(reading: Reading, tok: Token) -> None:
    """An infinitive the parse hung from its object ("to supply 18 aircraft"): the noun is its object,
    and the verb above the noun lends its subject."""
    noun = misread_object_of(tok)
    roles = reading.predicate.roles
    if noun is None or "obj" not in roles:
        return
    reading.add(roles["obj"], noun.i, "obj (an infinitive the parse made a modifier)")
    subject = subject_above(noun)
    if subject is not None and "nsubj" in roles:
        reading.add(roles["nsubj"], subject.i, "subject of the verb above (an infinitive made a modifier)")


def _bind_item_dependents(reading: Reading, doc: Doc) -> None:
    """A party attached to the item instead of the verb ("sent missiles to Syria" parsed with 'to Syria'
    under 'missiles') plays the role the verb gives that preposition."""
    roles = dict(reading.predicate.roles)
    if reading.governor is not None and reading.governor.roles:
        roles.update(reading.governor.roles)
    heads = [doc[h] for h in reading.roles.get("item", [])]
    # "the last of 36 Rafale jets to India": the 'of' phrase of a collective head holds the dependents too
    heads += [c for h in list(heads) for c in h.children if c.dep_ == "nmod" and case_of(c) == "of"]
    for head_tok in heads:
        for child in head_tok.children:
            for key in relation_keys(child):
                if not key.startswith("nmod:") or key == "nmod:poss":
                    continue
                prep = key.split(":", 1)[1]
                role = roles.get("obl:" + prep) or roles.get("nmod:" + prep)
                if role in ("supplier", "recipient", "party"):
                    reading.add(role, child.i, f"{key} of the item")
                    break


def _complete_roles(reading: Reading, tok: Token, grammar: Grammar) -> None:
    """Fill the roles English leaves implicit, from the tree around the predicate."""
    roles = reading.predicate.roles
    if tok.dep_ in ("acl:relcl", "acl") and tok.head.i != tok.i:
        relative = next((c for c in tok.children if "Rel" in c.morph.get("PronType", [])), None)
        role = next((roles[k] for k in relation_keys(relative) if k in roles), None) if relative is not None else None
        if role is not None:
            pass
        elif tok.dep_ == "acl" and tok.tag_ == "VBG":
            role = roles.get("nsubj")
        elif tok.dep_ == "acl":
            role = roles.get("nsubj:pass")
        else:
            role = roles.get("obj") if not any(c.dep_ == "obj" for c in tok.children) else roles.get("nsubj")
        if role is not None and not reading.predicate.is_nominal:
            reading.add(role, tok.head.i, f"head of {tok.dep_}")
    if reading.predicate.is_nominal:
        return
    if not any(c.dep_ in SUBJECTS and not _is_time(c) for c in tok.children):
        subject = _inherited_subject(tok)
        role = roles.get("nsubj")
        if subject is not None and role is not None:
            reading.add(role, subject.i, "subject of the governing verb")
            _carry_joined(reading, subject, role, grammar)


def _carry_joined(reading: Reading, subject: Token, role: str, grammar: Grammar) -> None:
    """"Finland joined Germany in halting sales": the joined party shares the subject's role."""
    verb = subject.head
    if any(f.carries_object for lemma in lemmas_of(verb) for f in grammar.modals_for(lemma)):
        for child in verb.children:
            if child.dep_ == "obj":
                reading.add(role, child.i, f"object of '{verb.text}', joined in the act")


def _inherited_subject(tok: Token) -> Token | None:
    """The subject a verb shares: its first conjunct's, its controller's, its nominal head's governor's,
    or a noun the parse left as a fragment just before its clause ("Poland on Tuesday signed...")."""
    found = _shared_subject(tok)
    if found is not None:
        return found
    root = tok
    while root.head.i != root.i and root.dep_ in ("conj", "xcomp", "advcl"):
        root = root.head
    if root.head.i == root.i:
        before = [t for t in root.doc[:root.left_edge.i] if t.head.i == t.i and t.pos_ in ("PROPN", "NOUN")]
        if before:
            return before[-1]
    return None


def _shared_subject(tok: Token) -> Token | None:
    seen = 0
    while tok.head.i != tok.i and seen < 4:
        seen += 1
        head = tok.head
        if tok.dep_ in ("conj", "xcomp") or (tok.dep_ == "advcl" and any(
                c.lower_ in ("to", "in", "by") and c.dep_ in ("mark", "case") for c in tok.children)):
            if tok.dep_ == "xcomp" and any(c.dep_ in ("obj", "iobj") for c in head.children):
                return next(c for c in head.children if c.dep_ in ("obj", "iobj"))
            subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
            if subject is not None:
                return subject  # "India is set to receive", "Egypt is expected to sign": raising, too
            tok = head
            continue
        if tok.dep_ in ("acl", "nmod", "appos", "dep") and head.pos_ in ("NOUN", "PROPN") and any(
                c.dep_ == "mark" and c.lower_ == "to" for c in tok.children) and head.dep_ == "ROOT":
            return head  # a headline's "Russia to ship S-300s": the noun it hangs from is its subject
        if tok.dep_ == "acl" and tok.tag_ in ("VBD", "VBZ", "VBP") and head.pos_ in ("NOUN", "PROPN"):
            return head  # a finite verb hung from a noun ("Chile signed a contract" parsed as "Chile, signed...")
        if tok.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN"):
            own = next((c for c in head.children if c.dep_ == "nsubj"), None)
            if own is not None:
                return own  # "China was the first buyer to seal a deal": the copula's subject
            verb = head.head
            return next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb.i != head.i else None
        return None
    return None


def _reduced_relative(tok: Token, reading: Reading, grammar: Grammar) -> Token | None:
    """A past participle right after a nominal that governs it ("a contract signed in 2010", "the deal
    concluded last year"): a reduced relative clause, the nominal its object."""
    for child in tok.children:
        if (child.dep_ == "acl" and child.tag_ == "VBN" and child.i == tok.i + 1
                and _governor_frame(child, reading, grammar) is not None):
            return child
    return None


def _measured_verb(tok: Token) -> Token | None:
    """The verb that governs a nominal through the sum measuring it ("signed $15 billion in contracts",
    "approved $8 billion worth of sales"), whether the parse hangs the nominal from the sum or from
    the verb beside it."""
    head = tok.head
    if head.i == tok.i:
        return None
    if tok.dep_ in ("nmod", "compound") and _is_sum(head) and head.dep_ in ("obj", "nsubj", "nsubj:pass"):
        return head.head if head.head.i != head.i else None
    if tok.dep_ == "obl" and case_of(tok) in ("in", "of") and any(
            c.dep_ == "obj" and _is_sum(c) for c in head.children):
        return head
    return None


def _is_sum(tok: Token) -> bool:
    # a sum is one token when merged ("more than $15 billion")
    return tok.tag_ in ("$", "CD") or any(ch.isdigit() for ch in tok.text) or tok.lower_ in (
        "worth", "billion", "million", "trillion")


def _share_coordinated_governors(readings: list[Reading], doc: Doc) -> None:
    """"halted arms sales and sending of equipment": a conjunct shares its first conjunct's governor."""
    at = {r.token: r for r in readings}
    for r in readings:
        tok = doc[r.token]
        first = at.get(tok.head.i) if tok.dep_ == "conj" else None
        noun = nominal_conjunct_of(tok)
        if noun is not None and noun.i in at:
            first = at[noun.i]  # "halting arms sales and sending of equipment": 'sending' is a noun
        if first is None or first.governor is None or r.governor is not None:
            continue
        r.governor, r.governor_token, r.event = first.governor, first.governor_token, first.event
        r.is_planned, r.is_denied, r.dropped = first.is_planned, first.is_denied, first.dropped
        r.cues.append(first.governor.name)
        for role in ("supplier", "recipient", "party"):
            for t in first.roles.get(role, []):
                if not r.roles.get(role):
                    r.add(role, t, f"shared with the coordinated '{doc[first.token].text}'")


def _govern(reading: Reading, tok: Token, grammar: Grammar) -> None:
    """A nominal's governing verb ("signed a contract", "deliveries began") sets its event and roles."""
    misread = misread_verb_of(tok)
    measured = _measured_verb(tok)
    if misread is not None and _governor_frame(misread[0], reading, grammar) is not None:
        head = misread[0]  # "Poland signed deals" parsed with 'signed' a modifier of 'deals'
    elif measured is not None and _governor_frame(measured, reading, grammar) is not None:
        head = measured  # "signed $15 billion in contracts": the sum is the verb's object
    elif (reduced := _reduced_relative(tok, reading, grammar)) is not None:
        head = reduced  # "under a contract signed in 2010": the participle says what was done to it
    elif tok.head.i == tok.i or tok.dep_ not in ("obj", "nsubj", "nsubj:pass", "obl", "iobj") or (
            tok.dep_ == "obl" and case_of(tok) not in GOVERNED_OBL_CASES | {None}):
        return
    else:
        head = tok.head
    frame = _governor_frame(head, reading, grammar)
    if frame is None and tok.dep_ in ("nsubj", "nsubj:pass"):
        # raising: "the delivery is expected to be completed", "deliveries are set to begin"
        raised = next((c for c in head.children if c.dep_ == "xcomp"), None)
        if raised is not None and (frame := _governor_frame(raised, reading, grammar)) is not None:
            head = raised
    if frame is None:
        return
    reading.governor, reading.governor_token = frame, head.i
    is_progressive = head.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in head.children)
    reading.event = (frame.progressive_event if is_progressive and frame.progressive_event else frame.event) \
        or reading.event
    if frame.partial_event and any(c.lower_ in frame.partial_words for c in tok.children if c.dep_ in ("amod", "det")):
        reading.event = frame.partial_event
    reading.cues.append(frame.name)
    if frame.roles:
        _bind_roles(reading, head, frame.roles)
        if misread is not None and "nsubj" in frame.roles and misread[0].i == head.i:
            reading.add(frame.roles["nsubj"], misread[1].i, "subject of a verb the parse made a modifier")
        if not any(c.dep_ in SUBJECTS for c in head.children) and "nsubj" in frame.roles:
            subject = _inherited_subject(head)
            if subject is not None:
                reading.add(frame.roles["nsubj"], subject.i, "subject of the governing verb")
                _carry_joined(reading, subject, frame.roles["nsubj"], grammar)


def _cue_of(child: Token, head: Token, word: str, grammar: Grammar) -> Cue | None:
    """The modality cue a dependent of the clause head is: a negation ("not", "never", and "n't",
    which the parse may call an auxiliary), an auxiliary ("will", "may") or a hedging adverb."""
    if child.dep_ in ("advmod", "neg", "det", "cc:preconj", "aux") and (cue := grammar.cue_for("neg", word)):
        return cue
    if child.dep_ in ("aux", "aux:pass") and (cue := grammar.cue_for("aux", word)):
        return cue
    if child.dep_ == "advmod":
        return grammar.cue_for("adv", word)
    return None


def _read_headline(reading: Reading, doc: Doc, grammar: Grammar) -> None:
    """Headlines drop auxiliaries: a bare infinitive at the top of a headline is its future."""
    head = doc[reading.governor_token if reading.governor_token is not None else reading.token]
    for child in head.children:
        if child.dep_ == "mark" and (cue := grammar.cue_for("headline", child.lower_)) is not None and (
                head.dep_ in ("ROOT", "parataxis", "appos", "acl", "xcomp", "conj", "dep")):
            _apply(reading, cue.effect, cue.name)
            return


GOVERNED_OBL_CASES = frozenset(["on", "with", "for", "to"])
"""A nominal in a prepositional phrase is governed by its verb only with these ("agreed on a deal",
"went ahead with the sale"); "under the contract, X received" is background to another event."""
LENDING_CASES = frozenset(["under", "per", "through", "via"])
"""A deal named as the frame of another event ("under the contract, Ankara received") is that deal:
it takes the event's parties and item."""


def _governor_frame(head: Token, reading: Reading, grammar: Grammar) -> Frame | None:
    return next((f for lemma in lemmas_of(head) for f in grammar.governors_for(lemma)
                 if reading.predicate.id in f.nominals), None)


def _read_modality(reading: Reading, doc: Doc, grammar: Grammar) -> None:
    """Climb from the predicate (or its governor) to the root, reading auxiliaries, negations,
    markers and modal words on the way."""
    start = doc[reading.governor_token if reading.governor_token is not None else reading.token]
    pred = doc[reading.token]
    if reading.predicate.is_nominal:
        for child in pred.children:
            if child.dep_ == "det" and (cue := grammar.cue_for("neg", child.lower_.replace("\u2019", "'"))) is not None:
                _apply(reading, cue.effect, cue.name)
    tok, same_clause = start, True
    for _ in range(12):
        for child in tok.children:
            word = child.lower_.replace("\u2019", "'")
            cue = _cue_of(child, tok, word, grammar) if same_clause else None
            if cue is None and child.dep_ == "mark" and tok.dep_ in ("advcl", "ccomp", "csubj", "xcomp", "acl"):
                cue = grammar.cue_for("mark", word)
            if cue is not None:
                _apply(reading, cue.effect, cue.name)
            elif child.dep_ == "advcl" and tok.i == start.i and (cond := next(
                    (cue for m in child.children if m.dep_ == "mark" and m.lower_ != "whether"
                     and (cue := grammar.cue_for("mark", m.lower_)) is not None and cue.effect == "conditional"),
                    None)) is not None:
                _apply(reading, "conditional-main", cond.name)  # "will sign if Poland asks": an offer
        if tok.head.i == tok.i or tok.dep_ not in CLAUSE_LINKS:
            break
        if tok.dep_ in ("advcl", "acl") and any(c.lower_ in ORDINALS for c in tok.head.children if c.dep_ == "amod"):
            break  # "the first state to purchase": factual
        link, tok = tok.dep_, tok.head
        same_clause = link in ("xcomp", "conj") and same_clause
        if link in ("parataxis",):
            break
        modal = _modal_of(tok, grammar, link)
        if modal is None and link == "advcl":
            purpose = next((cue for c in doc[_child_on_path(doc, start, tok)].children
                            if c.dep_ == "mark" and (cue := grammar.cue_for("purpose", c.lower_)) is not None), None)
            if purpose is not None:
                _apply(reading, purpose.effect, purpose.name)  # "set a deadline to reach a deal": an aim
        if modal is not None:
            _apply(reading, modal.effect or "none", modal.name)
            same_clause = same_clause or link in ("xcomp", "ccomp", "acl", "advcl")
            if modal.effect not in ("denied", "question", "none"):
                # a wanting or planning word's own auxiliaries and negations qualify the predicate
                same_clause = True
    if reading.is_denied and reading.is_planned and reading.event in ("delivery", "agreement"):
        # "will never sell drones to India", "won't buy the jets": a refusal, which ANNOTATION.md
        # codes as interest, denied (the event was never on its way)
        reading.event, reading.is_planned = "interest", False
    if text_of(doc).rstrip().endswith("?"):
        reading.dropped = reading.dropped or "a question"


ORDINALS = frozenset(["first", "second", "third", "fourth", "fifth", "only", "last", "latest", "sole", "largest",
                      "biggest", "newest"])
"""'The first NATO state to purchase': a 'to' clause under a ranked noun says what happened, not an aim."""


def _child_on_path(doc: Doc, start: Token, ancestor: Token) -> int:
    """The token just below `ancestor` on the way up from `start`."""
    tok = start
    while tok.head.i != ancestor.i and tok.head.i != tok.i:
        tok = tok.head
    return tok.i


def _modal_of(head: Token, grammar: Grammar, link: str) -> Frame | None:
    frames = next((list(fs) for lemma in lemmas_of(head) if (fs := grammar.modals_for(lemma))), [])
    if not frames:
        return None
    has_object = any(c.dep_ in ("obj", "iobj") for c in head.children)
    for f in frames:
        if f.is_object_control and (has_object and link in ("xcomp", "advcl") or (
                head.pos_ == "NOUN" and link == "acl")):
            return f  # "urged Turkey to buy", "calls to Russia to stop the delivery"
    plain = [f for f in frames if not f.is_object_control]
    if plain and (link in COMPLEMENT_LINKS or plain[0].effect in ("denied", "question")):
        return plain[0]
    return None


def _apply(reading: Reading, effect: str, name: str) -> None:
    """Change the reading's event or flags by one effect (ANNOTATION.md's conventions)."""
    reading.cues.append(name)
    event = reading.event
    if effect in ("demand", "question", "opinion", "conditional"):
        reading.dropped = reading.dropped or {"demand": "asked for, not reported", "question": "asked about, not told",
                                              "opinion": "an opinion or obligation",
                                              "conditional": "under a condition"}[effect]
    elif effect == "conditional-main":
        if event in ("agreement", "delivery"):
            reading.event, reading.is_planned = "interest", False
    elif effect == "refused":
        if event in ("delivery", "agreement", "interest"):
            reading.event = "interest"
        reading.is_denied, reading.is_planned = True, False
    elif effect == "aim":
        if event == "agreement":
            reading.event, reading.is_planned = "negotiation", False
        elif event in ("delivery", "completion"):
            reading.event, reading.is_planned = "interest", False
    elif effect == "interest":
        if event in ("delivery", "agreement", "negotiation", "completion"):
            reading.event, reading.is_planned = "interest", False
    elif effect == "negotiation":
        if event in ("delivery", "agreement", "interest"):
            reading.event, reading.is_planned = "negotiation", False
    elif effect == "agreement":
        if event in ("delivery", "interest"):
            reading.event, reading.is_planned = "agreement", False
    elif effect == "planned":
        if event in ("agreement", "delivery", "completion", "cancellation"):
            reading.is_planned = True
            planned_event = reading.predicate.planned_event
            if planned_event and event == reading.predicate.event and reading.governor is None:
                reading.event = planned_event
    elif effect == "hedged":
        if event == "agreement":
            reading.event, reading.is_planned = "negotiation", False
        elif event in ("delivery", "completion"):
            reading.is_planned = True
    elif effect in ("denied", "yet"):
        reading.is_denied = not reading.is_denied if effect == "denied" and reading.is_denied else True
    if reading.event in ("interest", "negotiation"):
        reading.is_planned = False


ABSORB_REACH = 3
"""How many relations up an inner predicate may hang from the one it is about ("a contract ... signed
at the beginning of this fall for the delivery of", parsed with 'for the delivery' under 'fall')."""
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
        up = up.head
        found = at.get(up.i) or governed.get(up.i)
        if found is not None:
            return found
    return None


def _absorb(readings: list[Reading], doc: Doc) -> None:
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
        tok = doc[r.token]
        host = at.get(tok.head.i)
        if r.predicate.is_nominal and host is not None and host is not r and case_of(tok) in LENDING_CASES:
            for role, tokens in host.roles.items():
                if not r.roles.get(role) and role in ("item", "supplier", "recipient", "party"):
                    for t in tokens:
                        r.add(role, t, f"from '{doc[host.token].text}', done under it: {host.relations.get(t, '')}")
    governed = {r.governor_token: r for r in readings if r.governor_token is not None}
    for verb in readings:
        nominal = governed.get(verb.token)
        if nominal is not None and nominal is not verb and not verb.predicate.is_nominal:
            verb.absorbed_into = nominal.token  # "approved the sale": the sale, governed, is the claim
            for role, tokens in verb.roles.items():
                if role != "item" and role not in nominal.roles:
                    for t in tokens:
                        nominal.add(role, t, f"from '{doc[verb.token].text}': {verb.relations.get(t, '')}")
    for inner in readings:
        if inner.absorbed_into is not None:
            continue
        tok = doc[inner.token]
        if inner.governor_token is not None and doc[inner.governor_token].head.i == tok.i \
                and doc[inner.governor_token].dep_ == "acl":
            continue  # "under a contract signed in 2010": a signing of its own, stated in passing
        noun = misread_object_of(tok)
        owner = object_before_infinitive(tok)
        outer: Reading | None
        if owner is not None and owner.i in at:
            outer = at[owner.i]  # "cancelled the contract to buy 16 helicopters": the contract's clause
        elif noun is not None and noun.head.i != noun.i:
            # "a contract to supply 18 jets" parsed with 'supply' a modifier of 'jets': the clause
            # hangs, as it should, from the noun above its object
            outer = at.get(noun.head.i) or governed.get(noun.head.i)
        elif tok.head.i == tok.i or tok.dep_.split(":")[0] not in ABSORBING_LINKS:
            continue
        else:
            outer = _outer(tok, at, governed)
        if outer is None or outer is inner or outer.absorbed_into is not None:
            continue
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
        inner.absorbed_into = outer.token
        for role, tokens in inner.roles.items():
            if role == "party" and any(r in outer.roles for r in ("supplier", "recipient")):
                continue
            if role not in outer.roles or role == "item" and not outer.roles.get("item"):
                for t in tokens:
                    outer.add(role, t, f"from '{tok.text}': {inner.relations.get(t, '')}")
        if inner.is_denied and not outer.is_denied:
            outer.is_denied = True
