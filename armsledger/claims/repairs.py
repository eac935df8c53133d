"""Parser errors the grammar reads back: tree shapes English cannot have, and what they stand for.

The syntactic model (LAS 0.79 on the treebank's test set) confuses a few things systematically in
news text, and each confusion leaves a shape no English sentence has:

- a past tense read as a participle: "Poland signed deals" parsed as "Poland [signed deals]" with
  'signed' an adjective of 'deals' and 'Poland' its subject. A modifier has no subject, so a
  participle modifier with a subject of its own, before its noun, is the sentence's verb, and the
  noun is its object.
- an infinitive after a verb's object read as the verb's purpose: "cancelled the contract to buy
  16 helicopters" with 'to buy' under 'cancelled'. Right after the object, the infinitive says what
  the object is for (the contract is one to buy helicopters) whichever it hangs from; read it as
  the object's.
- a gerund with an 'of' object read as a verb: "halting arms sales and sending of equipment" with
  'sending' coordinated with 'halting'. A gerund whose object takes 'of' is a noun ("the sending of
  equipment"), and a noun is coordinated with the noun before it, the verb's object.
- an infinitive read as a modifier: "got the contract to supply 18 aircraft to Malaysia" parsed
  with 'supply' an adjective of 'aircraft'. A bare infinitive (tag VB) never modifies a noun, so
  the noun it hangs from is its object, and the subject is that of the verb the noun depends on.

Each repair is named in the reading's notes, so `extract --explain` shows where the tree was read
against its grain.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from armsledger.claims.reading import is_time_phrase

if TYPE_CHECKING:
    from spacy.tokens import Token

MODIFIER_RELATIONS = frozenset(["amod", "acl", "compound"])
SUBJECT_RELATIONS = frozenset(["nsubj", "nsubj:pass"])


def misread_verb_of(noun: Token) -> tuple[Token, Token] | None:
    """Return the finite verb the parse hung below `noun` as its modifier, with its subject
    ("Poland signed deals": the subject hung from the verb, or from the noun as a compound)."""
    for child in noun.children:
        if not (child.dep_ in MODIFIER_RELATIONS and child.pos_ == "VERB" and child.tag_ in ("VBN", "VBD")
                and child.i < noun.i):
            continue
        subject = next((c for c in child.children if c.dep_ in SUBJECT_RELATIONS), None)
        if subject is None and child.i > 0:
            before = child.doc[child.i - 1]
            # "Norway halted arms sales" parsed as one noun phrase: a name just before a participle,
            # both modifying the noun, with no determiner before the name, is the verb's subject
            # ("the U.S. suspended Turkish participation": a past tense, VBD, is never an adjective,
            # so its name may have an article)
            if (before.pos_ == "PROPN" and before.dep_ == "compound" and before.head.i == noun.i
                    and (child.tag_ == "VBD" or not any(c.dep_ == "det" for c in before.children))):
                subject = before
        if subject is not None:
            return child, subject
    return None


def misread_object_of(verb: Token) -> Token | None:
    """Return the noun a bare infinitive was hung from as its modifier ("to supply 18 aircraft")."""
    if verb.tag_ != "VB" or verb.dep_ not in MODIFIER_RELATIONS or verb.head.i <= verb.i:
        return None
    head = verb.head
    return head if head.pos_ in ("NOUN", "PROPN") else None


def is_misread_infinitive_object(noun: Token) -> bool:
    """Tell whether a noun is the object of an infinitive hung from it ("to supply 18 aircraft"):
    its 'to' is the infinitive's, not a preposition naming a recipient."""
    return any((o := misread_object_of(c)) is not None and o.i == noun.i and c.i > 0 and c.doc[c.i - 1].lower_ == "to" for c in noun.children)


def object_before_infinitive(verb: Token) -> Token | None:
    """Return the object an infinitive right after it belongs to ("cancelled the contract to buy",
    "started talks with Turkey to procure"), whether the parse made it the verb's purpose or its
    complement."""
    if verb.dep_ not in ("advcl", "xcomp") or not any(c.dep_ == "mark" and c.lower_ == "to" for c in verb.children):
        return None
    head = verb.head
    obj = next((c for c in head.children if c.dep_ == "obj" and c.i < verb.i), None)
    if obj is None:
        return None
    # only the verb's prepositional phrases may stand between ("signed a contract with Peru to supply")
    between = {t.i for t in head.doc[obj.right_edge.i + 1:verb.left_edge.i]}
    phrases = {t.i for c in head.children if c.dep_.split(":")[0] == "obl" and obj.i < c.i < verb.i
               and any(g.dep_ == "case" for g in c.children) and not is_time_phrase(c)
               for t in c.subtree}  # not "cancelled the deal last week to save money"
    return obj if between <= phrases else None


def nominal_conjunct_of(tok: Token) -> Token | None:
    """Return the noun a nominal gerund is really coordinated with ("sales and sending of arms")."""
    if tok.tag_ != "VBG" or tok.dep_ != "conj":
        return None
    if not any(c.dep_ in ("obj", "nmod") and any(g.dep_ == "case" and g.lower_ == "of" for g in c.children)
               for c in tok.children):
        return None
    return next((c for c in tok.head.children if c.dep_ == "obj" and c.i < tok.i), None)


def subject_above(noun: Token) -> Token | None:
    """Return the subject of the verb a noun depends on (for a repaired infinitive's subject)."""
    tok = noun
    for _ in range(3):
        if tok.head.i == tok.i:
            return None
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            return next((c for c in tok.children if c.dep_ in SUBJECT_RELATIONS), None)
    return None
