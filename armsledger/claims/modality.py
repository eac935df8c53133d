"""A reading's modality from the tree: auxiliaries, negations, markers and governing modal words
(planned, denied, hedged, conditional, an aim, an interest), and a headline's bare infinitive."""
from __future__ import annotations

from typing import TYPE_CHECKING

from armsledger.claims.arguments import case_of, text_of
from armsledger.claims.grammar import Cue, Frame, Grammar
from armsledger.claims.reading import Reading, is_time_word, lemmas_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


CLAUSE_LINKS = frozenset(["xcomp", "ccomp", "advcl", "acl", "acl:relcl", "csubj", "obl", "nmod", "obj", "conj",
                          "nsubj", "nsubj:pass", "parataxis", "appos", "advcl:relcl", "obl:unmarked",
                          "nmod:unmarked"])
"""Relations a modal or denying word reaches its predicate through ("denied reports that X sold")."""


COMPLEMENT_LINKS = frozenset(["xcomp", "ccomp", "acl", "obj", "csubj"])
"""Relations by which a wanting, planning or agreeing word governs a predicate ("hopes to sell", "plans
the purchase", "a decision to buy"); a purpose clause ("set a deadline to reach a deal") is not one."""


def _cue_of(child: Token, head: Token, word: str, grammar: Grammar) -> Cue | None:
    """The modality cue a dependent of the clause head is: a negation ("not", "never", and "n't",
    which the parse may call an auxiliary), an auxiliary ("will", "may") or a hedging adverb."""
    if child.dep_ in ("advmod", "neg", "det", "cc:preconj", "aux") and (cue := grammar.cue_for("neg", word)):
        return cue
    if child.dep_ in ("aux", "aux:pass") and (cue := grammar.cue_for("aux", word)):
        return cue
    if child.dep_ == "mark" and any(c.dep_ in ("cop", "aux", "aux:pass") and c.lemma_ == "be" and c.i < child.i
                                    for c in head.children):
        return grammar.cue_for("be-to", word)  # "is to deliver", "are to be delivered"
    if child.dep_ == "advmod":
        return grammar.cue_for("adv", word)
    return None


def read_headline(reading: Reading, doc: Doc, grammar: Grammar) -> None:
    """Headlines drop auxiliaries: a bare infinitive at the top of a headline is its future."""
    head = doc[reading.governor_token if reading.governor_token is not None else reading.token]
    for child in head.children:
        if child.dep_ == "mark" and (cue := grammar.cue_for("headline", child.lower_)) is not None and (
                head.dep_ in ("ROOT", "parataxis", "appos", "acl", "xcomp", "conj", "dep")):
            _apply(reading, cue.effect, cue.name)
            return


def read_modality(reading: Reading, doc: Doc, grammar: Grammar) -> None:
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
            cue = _cue_of(child, tok, word, grammar) if same_clause and not (
                child.dep_ == "det" and tok.i != start.i) else None  # "No fixed timeline, but we will sign"
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
        modal = _modal_of(tok, grammar, "xcomp" if link == "advcl" and _is_prepositional_complement(
            doc[_child_on_path(doc, start, tok)]) else link)
        if modal is None and (link == "advcl" or link == "acl" and tok.pos_ == "NOUN"):
            # "trips to buy jets", "in an advanced stage of talks to procure drones": a 'to' clause on
            # an action or a noun that is no modal word says what is aimed at
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


COMPLEMENT_PREPOSITIONS = frozenset(["in", "on", "about", "of", "to"])
"""Prepositions that open a gerund complement of a modal word ("interested in buying", "keen on
acquiring", "close to signing", "committed to buying"): the clause is what the word is about, as a
'to' infinitive is."""


def _is_prepositional_complement(clause: Token) -> bool:
    """True when a clause is a gerund under a complement preposition ("in buying")."""
    return clause.tag_ == "VBG" and any(c.dep_ == "mark" and c.lower_ in COMPLEMENT_PREPOSITIONS
                                        for c in clause.children if c.i < clause.i)


def _child_on_path(doc: Doc, start: Token, ancestor: Token) -> int:
    """The token just below `ancestor` on the way up from `start`."""
    tok = start
    while tok.head.i != ancestor.i and tok.head.i != tok.i:
        tok = tok.head
    return tok.i


def _modal_of(head: Token, grammar: Grammar, link: str) -> Frame | None:
    frames = next((found for lemma in lemmas_of(head) if (found := [
        f for f in grammar.modals_for(lemma) if not f.pos or head.pos_ in f.pos])), [])
    if not frames:
        return None
    has_object = any(c.dep_ in ("obj", "iobj") for c in head.children)
    for f in frames:
        if f.is_object_control and (has_object and link in ("xcomp", "advcl") or (
                head.pos_ == "NOUN" and link == "acl")):
            return f  # "urged Turkey to buy", "calls to Russia to stop the delivery"
    plain = [f for f in frames if not f.is_object_control]
    if plain and plain[0].effect == "source":
        return plain[0] if link in ("obl", "nmod") else None  # "familiar with the talks", not "aware that ..."
    if plain and (link in COMPLEMENT_LINKS or plain[0].effect in ("denied", "question")):
        return plain[0]
    return None


def _apply(reading: Reading, effect: str, name: str) -> None:
    """Change the reading's event or flags by one effect (ANNOTATION.md's conventions)."""
    reading.cues.append(name)
    event = reading.event
    if effect in ("demand", "question", "opinion", "conditional", "source"):
        reading.dropped = reading.dropped or {"demand": "asked for, not reported", "question": "asked about, not told",
                                              "opinion": "an opinion or obligation",
                                              "conditional": "under a condition",
                                              "source": "what a source knows of, not an event told"}[effect]
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
        # "agreed to buy" signs; "agreed to make a combined offer" is still an offer
        if event in ("delivery", "interest") and reading.predicate.event != "interest":
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


def read_deadline(reading: Reading, tok: Token, grammar: Grammar) -> None:
    """A nominal event no verb states, with a deadline of its own ("a deal with India by March"):
    the deadline cue's effect."""
    if not reading.predicate.is_nominal or reading.governor is not None:
        return
    for child in tok.children:
        case = case_of(child)
        cue = grammar.cue_for("deadline", case) if case and child.dep_ in ("nmod", "obl") else None
        if cue is not None and _names_a_time(child):
            _apply(reading, cue.effect, cue.name)
            return


def _names_a_time(tok: Token) -> bool:
    """A phrase headed by a time word or a year ("March", "2030"), or the end of one ("the end of the year")."""
    return is_time_word(tok) or tok.lower_ == "end" and any(is_time_word(w) for w in tok.subtree)
