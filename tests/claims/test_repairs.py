"""The parser-error repairs on trees built by hand, so each repair is tested without the model."""
from __future__ import annotations

import spacy
from spacy.tokens import Doc

from armsledger.claims.repairs import (
    is_misread_infinitive_object,
    misread_object_of,
    misread_verb_of,
    subject_above,
)


def tree(rows: list[tuple[str, str, str, str, int]]) -> Doc:
    """A Doc from (word, POS, tag, relation, head index) rows."""
    words, pos, tags, deps, heads = zip(*rows)
    return Doc(spacy.blank("en").vocab, words=list(words), pos=list(pos), tags=list(tags), deps=list(deps), heads=list(heads))


def test_a_participle_with_its_own_subject_is_the_verb_of_its_noun() -> None:
    # "Chile signed deals": 'signed' parsed as a modifier of 'deals', with 'Chile' its subject
    doc = tree([("Chile", "PROPN", "NNP", "nsubj", 1), ("signed", "VERB", "VBN", "amod", 2),
                ("deals", "NOUN", "NNS", "ROOT", 2), (".", "PUNCT", ".", "punct", 2)])
    verb = misread_verb_of(doc[2])
    assert verb is not None and verb.i == 1


def test_a_participle_without_a_subject_is_a_modifier() -> None:
    # "the signed deals": a true modifier
    doc = tree([("the", "DET", "DT", "det", 2), ("signed", "VERB", "VBN", "amod", 2),
                ("deals", "NOUN", "NNS", "ROOT", 2)])
    assert misread_verb_of(doc[2]) is None


def test_an_infinitive_hung_from_a_noun_takes_it_as_its_object() -> None:
    # "Hanwha won a contract to supply 24 howitzers to Australia", 'supply' parsed as a modifier
    doc = tree([("Hanwha", "PROPN", "NNP", "nsubj", 1), ("won", "VERB", "VBD", "ROOT", 1),
                ("a", "DET", "DT", "det", 3), ("contract", "NOUN", "NN", "obj", 1),
                ("to", "PART", "TO", "case", 7), ("supply", "VERB", "VB", "amod", 7),
                ("24", "NUM", "CD", "nummod", 7), ("howitzers", "NOUN", "NNS", "nmod", 3),
                ("to", "ADP", "IN", "case", 9), ("Australia", "PROPN", "NNP", "nmod", 7)])
    noun = misread_object_of(doc[5])
    assert noun is not None and noun.i == 7
    assert is_misread_infinitive_object(doc[7])
    assert not is_misread_infinitive_object(doc[9])
    subject = subject_above(doc[7])
    assert subject is not None and subject.text == "Hanwha"


def test_a_participle_modifier_is_no_misread_infinitive() -> None:
    # "guided missiles": VBN, not a bare infinitive
    doc = tree([("guided", "VERB", "VBN", "amod", 1), ("missiles", "NOUN", "NNS", "ROOT", 1)])
    assert misread_object_of(doc[0]) is None
