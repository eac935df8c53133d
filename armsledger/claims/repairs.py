"""Parser errors the grammar reads back: tree shapes English cannot have, and what they stand for.

The syntactic model (LAS 0.79 on the treebank's test set) confuses a few things systematically in
news text, and each confusion leaves a shape no English sentence has:

- a past tense read as a participle: "Poland signed deals" parsed as "Poland [signed deals]" with
  'signed' an adjective of 'deals' and 'Poland' its subject. A modifier has no subject, so a
  participle modifier with a subject of its own, before its noun, is the sentence's verb, and the
  noun is its object.
- an infinitive read as a modifier: "got the contract to supply 18 aircraft to Malaysia" parsed
  with 'supply' an adjective of 'aircraft'. A bare infinitive (tag VB) never modifies a noun, so
  the noun it hangs from is its object, and the subject is that of the verb the noun depends on.

Each repair is named in the reading's notes, so `extract --explain` shows where the tree was read
against its grain.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

MODIFIER_RELATIONS = frozenset(["amod", "acl", "compound"])
SUBJECT_RELATIONS = frozenset(["nsubj", "nsubj:pass"])


def misread_verb_of(noun: Token) -> Token | None:
    """Return the finite verb the parse hung below `noun` as its modifier ("Poland signed deals")."""
    for child in noun.children:
        if (child.dep_ in MODIFIER_RELATIONS and child.pos_ == "VERB" and child.tag_ in ("VBN", "VBD")
                and child.i < noun.i and any(c.dep_ in SUBJECT_RELATIONS for c in child.children)):
            return child
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
