"""The parser-error repairs on trees built by hand, so each repair is tested without the model."""
from __future__ import annotations

import spacy
from spacy.tokens import Doc

from armsledger.claims.repairs import (
    is_misread_infinitive_object,
    misread_object_of,
    misread_verb_of,
    nominal_conjunct_of,
    object_before_infinitive,
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
    found = misread_verb_of(doc[2])
    assert found is not None and (found[0].i, found[1].i) == (1, 0)


def test_a_name_before_a_participle_modifier_is_its_subject() -> None:
    # "Norway halted arms sales": one noun phrase to the parser
    doc = tree([("Norway", "PROPN", "NNP", "compound", 3), ("halted", "VERB", "VBN", "amod", 3),
                ("arms", "NOUN", "NNS", "compound", 3), ("sales", "NOUN", "NNS", "ROOT", 3)])
    found = misread_verb_of(doc[3])
    assert found is not None and (found[0].i, found[1].i) == (1, 0)


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


def test_a_gerund_with_an_of_object_is_coordinated_with_the_object() -> None:
    # "Spain halted sales and sending of arms": 'sending' parsed as a verb coordinated with 'halted'
    doc = tree([("Spain", "PROPN", "NNP", "nsubj", 1), ("halted", "VERB", "VBD", "ROOT", 1),
                ("sales", "NOUN", "NNS", "obj", 1), ("and", "CCONJ", "CC", "cc", 4),
                ("sending", "VERB", "VBG", "conj", 1), ("of", "ADP", "IN", "case", 6),
                ("arms", "NOUN", "NNS", "obj", 4)])
    noun = nominal_conjunct_of(doc[4])
    assert noun is not None and noun.i == 2


def test_a_gerund_with_a_plain_object_stays_a_verb() -> None:
    # "Spain halted sales and began sending arms": a verb with its own object
    doc = tree([("Spain", "PROPN", "NNP", "nsubj", 1), ("halted", "VERB", "VBD", "ROOT", 1),
                ("sales", "NOUN", "NNS", "obj", 1), ("and", "CCONJ", "CC", "cc", 4),
                ("sending", "VERB", "VBG", "conj", 1), ("arms", "NOUN", "NNS", "obj", 4)])
    assert nominal_conjunct_of(doc[4]) is None


def test_an_infinitive_right_after_an_object_is_the_object_s() -> None:
    # "Chile cancelled the deal to buy tanks", 'to buy' parsed under 'cancelled'
    doc = tree([("Chile", "PROPN", "NNP", "nsubj", 1), ("cancelled", "VERB", "VBD", "ROOT", 1),
                ("the", "DET", "DT", "det", 3), ("deal", "NOUN", "NN", "obj", 1),
                ("to", "PART", "TO", "mark", 5), ("buy", "VERB", "VB", "advcl", 1),
                ("tanks", "NOUN", "NNS", "obj", 5)])
    owner = object_before_infinitive(doc[5])
    assert owner is not None and owner.i == 3


def test_an_infinitive_after_other_words_is_the_verb_s() -> None:
    # "Chile cancelled the deal last week to save money": not what the deal is for
    doc = tree([("Chile", "PROPN", "NNP", "nsubj", 1), ("cancelled", "VERB", "VBD", "ROOT", 1),
                ("the", "DET", "DT", "det", 3), ("deal", "NOUN", "NN", "obj", 1),
                ("last", "ADJ", "JJ", "amod", 5), ("week", "NOUN", "NN", "obl", 1),
                ("to", "PART", "TO", "mark", 7), ("save", "VERB", "VB", "advcl", 1),
                ("money", "NOUN", "NN", "obj", 7)])
    assert object_before_infinitive(doc[7]) is None


def test_a_past_tense_modifier_takes_a_name_with_an_article_as_subject() -> None:
    # "the U.S. suspended Turkish participation": 'suspended' (VBD) parsed as a modifier
    doc = tree([("the", "DET", "DT", "det", 1), ("U.S.", "PROPN", "NNP", "compound", 4),
                ("suspended", "VERB", "VBD", "amod", 4), ("Turkish", "ADJ", "JJ", "amod", 4),
                ("participation", "NOUN", "NN", "ROOT", 4)])
    found = misread_verb_of(doc[4])
    assert found is not None and (found[0].i, found[1].i) == (2, 1)
    # a participle (VBN) keeps the old guard: "the Norway-built ships" style articles block it
    doc = tree([("the", "DET", "DT", "det", 1), ("Navy", "PROPN", "NNP", "compound", 3),
                ("ordered", "VERB", "VBN", "amod", 3), ("ships", "NOUN", "NNS", "ROOT", 3)])
    assert misread_verb_of(doc[3]) is None


def test_an_infinitive_after_the_verbs_own_phrase_still_belongs_to_the_object() -> None:
    # "Peru opened talks with Chile to acquire jets": 'with Chile' hangs from the verb
    doc = tree([("Peru", "PROPN", "NNP", "nsubj", 1), ("opened", "VERB", "VBD", "ROOT", 1),
                ("talks", "NOUN", "NNS", "obj", 1), ("with", "ADP", "IN", "case", 4),
                ("Chile", "PROPN", "NNP", "obl", 1), ("to", "PART", "TO", "mark", 6),
                ("acquire", "VERB", "VB", "advcl", 1), ("jets", "NOUN", "NNS", "obj", 6)])
    owner = object_before_infinitive(doc[6])
    assert owner is not None and owner.i == 2
    # an object with the verb's subject-like words between is not the infinitive's owner
    doc = tree([("Peru", "PROPN", "NNP", "nsubj", 1), ("opened", "VERB", "VBD", "ROOT", 1),
                ("talks", "NOUN", "NNS", "obj", 1), ("and", "CCONJ", "CC", "cc", 4),
                ("plans", "VERB", "VBZ", "conj", 1), ("to", "PART", "TO", "mark", 6),
                ("acquire", "VERB", "VB", "xcomp", 1), ("jets", "NOUN", "NNS", "obj", 6)])
    assert object_before_infinitive(doc[6]) is None
