"""The parse's tree repairs (armsledger/syntax/repairs.py), each on a tree built by hand: the error it undoes, and a tree it leaves alone."""
from __future__ import annotations

import spacy
from spacy.tokens import Doc

from armsledger.syntax.repairs import _name_as_subject


def tree(rows: list[tuple[str, str, str, int]]) -> Doc:
    words, pos, deps, heads = zip(*rows)
    return Doc(spacy.blank("en").vocab, words=list(words), pos=list(pos), deps=list(deps), heads=list(heads))


def test_a_name_read_as_a_marker_of_a_subjectless_verb_is_its_subject() -> None:
    doc = tree([("South Korea", "PROPN", "mark", 1), ("signed", "VERB", "ROOT", 1), ("deals", "NOUN", "obj", 1)])
    _name_as_subject(doc)
    assert doc[0].dep_ == "nsubj"


def test_a_verb_with_a_subject_keeps_its_marker() -> None:
    doc = tree([("Seoul", "PROPN", "mark", 2), ("Korea", "PROPN", "nsubj", 2), ("signed", "VERB", "ROOT", 2)])
    _name_as_subject(doc)
    assert doc[0].dep_ == "mark"


def test_a_particle_read_as_a_preposition_is_the_verbs() -> None:
    from armsledger.syntax.repairs import _particle_of_verb
    doc = tree([("Senators", "NOUN", "nsubj", 1), ("held", "VERB", "ROOT", 1), ("up", "ADP", "case", 4),
                ("the", "DET", "det", 4), ("sales", "NOUN", "obl", 1)])
    _particle_of_verb(doc)
    assert (doc[2].dep_, doc[2].head.i, doc[4].dep_) == ("compound:prt", 1, "obj")


def test_a_true_preposition_after_a_verb_stays() -> None:
    from armsledger.syntax.repairs import _particle_of_verb
    doc = tree([("Jets", "NOUN", "nsubj", 1), ("flew", "VERB", "ROOT", 1), ("over", "ADP", "case", 3),
                ("Kyiv", "PROPN", "obl", 1)])
    _particle_of_verb(doc)
    assert doc[2].dep_ == "case" and doc[3].dep_ == "obl"


def test_a_plural_weapon_noun_read_as_a_verb_is_the_object() -> None:
    from armsledger.syntax.repairs import _weapon_noun_as_object
    doc = tree([("Turkey", "PROPN", "nsubj", 1), ("sold", "VERB", "ROOT", 1), ("TB2", "PROPN", "iobj", 1),
                ("drones", "VERB", "ccomp", 1), ("to", "ADP", "case", 5), ("Pakistan", "PROPN", "obl", 3)])
    _weapon_noun_as_object(doc)
    assert (doc[3].dep_, doc[3].head.i, doc[2].dep_, doc[2].head.i, doc[5].dep_) == ("obj", 1, "compound", 3, "nmod")


def test_over_after_a_handing_verb_is_its_particle() -> None:
    from armsledger.syntax.repairs import _particle_of_verb
    doc = tree([("Spain", "PROPN", "nsubj", 1), ("handed", "VERB", "ROOT", 1), ("over", "ADP", "case", 4),
                ("the", "DET", "det", 4), ("jets", "NOUN", "obl", 1)])
    doc[1].lemma_ = "hand"
    _particle_of_verb(doc)
    assert (doc[2].dep_, doc[2].head.i, doc[4].dep_) == ("compound:prt", 1, "obj")


def tagged(rows: list[tuple[str, str, str, str, int]]) -> Doc:
    words, pos, tags, deps, heads = zip(*rows)
    lemmas = ["have" if w.lower() in ("has", "had", "have") else w.lower() for w in words]
    return Doc(spacy.blank("en").vocab, words=list(words), pos=list(pos), tags=list(tags), deps=list(deps),
               heads=list(heads), lemmas=lemmas)


def test_a_name_right_after_a_verb_of_two_objects_is_the_indirect_one() -> None:
    from armsledger.syntax.repairs import _double_object
    doc = tree([("Oslo", "PROPN", "nsubj", 1), ("sent", "VERB", "ROOT", 1), ("Kyiv", "PROPN", "obj", 1),
                ("tanks", "NOUN", "obj", 1)])
    _double_object(doc)
    assert (doc[2].dep_, doc[3].dep_) == ("iobj", "obj")


def test_one_object_stays_the_object() -> None:
    from armsledger.syntax.repairs import _double_object
    doc = tree([("Oslo", "PROPN", "nsubj", 1), ("sent", "VERB", "ROOT", 1), ("Kyiv", "PROPN", "obj", 1)])
    _double_object(doc)
    assert doc[2].dep_ == "obj"


def test_a_second_subject_after_an_adverbial_preposition_is_the_first_ones_phrase() -> None:
    from armsledger.syntax.repairs import _second_subject_after_preposition
    doc = tree([("Talks", "NOUN", "nsubj", 4), ("over", "ADV", "advmod", 4), ("12", "NUM", "nummod", 3),
                ("jets", "NOUN", "nsubj", 4), ("continue", "VERB", "ROOT", 4)])
    _second_subject_after_preposition(doc)
    assert (doc[1].dep_, doc[1].head.i, doc[3].dep_, doc[3].head.i) == ("case", 3, "nmod", 0)


def test_have_before_a_participle_hung_elsewhere_is_its_auxiliary() -> None:
    from armsledger.syntax.repairs import _perfect_read_as_possession
    doc = tagged([("Chile", "PROPN", "NNP", "nsubj", 1), ("has", "VERB", "VBZ", "ROOT", 1),
                  ("also", "ADV", "RB", "advmod", 3), ("ordered", "VERB", "VBN", "amod", 4),
                  ("tanks", "NOUN", "NNS", "obj", 1)])
    _perfect_read_as_possession(doc)
    assert (doc[3].dep_, doc[1].dep_, doc[1].head.i, doc[0].head.i, doc[4].head.i) == ("ROOT", "aux", 3, 3, 3)


def test_have_with_its_participle_as_complement_stays() -> None:
    from armsledger.syntax.repairs import _perfect_read_as_possession
    doc = tagged([("Chile", "PROPN", "NNP", "nsubj", 1), ("had", "VERB", "VBD", "ROOT", 1),
                  ("tanks", "NOUN", "NNS", "obj", 1), ("delivered", "VERB", "VBN", "xcomp", 1)])
    _perfect_read_as_possession(doc)
    assert (doc[1].dep_, doc[3].dep_) == ("ROOT", "xcomp")


def test_a_gerund_with_a_nouns_modifiers_qualifies_the_noun_after_it() -> None:
    from armsledger.syntax.repairs import _gerund_inside_noun
    doc = tagged([("Chile", "PROPN", "NNP", "nsubj", 1), ("ordered", "VERB", "VBD", "ROOT", 1),
                  ("20", "NUM", "CD", "nummod", 3), ("fighting", "VERB", "VBG", "advcl", 1),
                  ("vehicles", "NOUN", "NNS", "obj", 3)])
    _gerund_inside_noun(doc)
    assert (doc[4].head.i, doc[4].dep_, doc[3].head.i, doc[3].dep_, doc[2].head.i) == (1, "obl", 4, "amod", 4)


def test_a_gerund_clause_with_its_object_stays() -> None:
    from armsledger.syntax.repairs import _gerund_inside_noun
    doc = tagged([("Chile", "PROPN", "NNP", "nsubj", 1), ("began", "VERB", "VBD", "ROOT", 1),
                  ("buying", "VERB", "VBG", "xcomp", 1), ("tanks", "NOUN", "NNS", "obj", 2)])
    _gerund_inside_noun(doc)
    assert (doc[2].dep_, doc[3].head.i) == ("xcomp", 2)


def test_due_to_with_a_copula_and_a_subject_governs_the_infinitive() -> None:
    from armsledger.syntax.repairs import _due_to_read_as_cause
    doc = tree([("Jets", "NOUN", "nsubj", 2), ("are", "AUX", "cop", 2), ("due", "ADJ", "mark", 5),
                ("to", "PART", "fixed", 2), ("be", "AUX", "aux:pass", 5), ("delivered", "VERB", "ROOT", 5)])
    _due_to_read_as_cause(doc)
    assert (doc[2].dep_, doc[5].dep_, doc[5].head.i, doc[3].dep_, doc[3].head.i) == ("ROOT", "xcomp", 2, "mark", 5)


def test_due_to_as_a_cause_stays() -> None:
    from armsledger.syntax.repairs import _due_to_read_as_cause
    doc = tree([("Due", "ADJ", "case", 2), ("to", "ADP", "fixed", 0), ("delays", "NOUN", "obl", 4),
                ("talks", "NOUN", "nsubj", 4), ("stopped", "VERB", "ROOT", 4)])
    _due_to_read_as_cause(doc)
    assert (doc[0].dep_, doc[4].dep_) == ("case", "ROOT")


def test_a_past_verb_read_as_a_modifier_after_a_determined_noun_is_the_verb() -> None:
    from armsledger.syntax.repairs import _past_verb_read_as_modifier
    doc = tagged([("The", "DET", "DT", "det", 3), ("minister", "ADJ", "JJ", "amod", 3),
                  ("denied", "VERB", "VBN", "amod", 3), ("reports", "NOUN", "NNS", "ROOT", 3)])
    _past_verb_read_as_modifier(doc)
    assert (doc[2].dep_, doc[1].dep_, doc[1].head.i, doc[0].head.i, doc[3].dep_) == ("ROOT", "nsubj", 2, 1, "obj")


def test_a_participle_qualifying_a_noun_stays() -> None:
    from armsledger.syntax.repairs import _past_verb_read_as_modifier
    doc = tagged([("Newly", "ADV", "RB", "advmod", 1), ("delivered", "VERB", "VBN", "amod", 2),
                  ("jets", "NOUN", "NNS", "ROOT", 2)])
    _past_verb_read_as_modifier(doc)
    assert (doc[1].dep_, doc[2].dep_) == ("amod", "ROOT")


def test_a_participle_between_commas_read_as_the_root_is_a_reduced_relative() -> None:
    from armsledger.syntax.repairs import _reduced_relative_read_as_root
    doc = tagged([("Drones", "NOUN", "NNS", "nsubj:pass", 2), (",", "PUNCT", ",", "punct", 2),
                  ("built", "VERB", "VBN", "ROOT", 2), ("here", "ADV", "RB", "advmod", 2),
                  (",", "PUNCT", ",", "punct", 2), ("were", "AUX", "VBD", "aux:pass", 6),
                  ("delivered", "VERB", "VBN", "parataxis", 2)])
    _reduced_relative_read_as_root(doc)
    assert (doc[6].dep_, doc[0].head.i, doc[2].dep_, doc[2].head.i) == ("ROOT", 6, "acl", 0)


def test_a_plural_weapon_noun_read_as_a_verb_with_a_name_subject_is_a_noun() -> None:
    from armsledger.syntax.repairs import _weapon_noun_read_as_verb
    doc = tagged([("Four", "NUM", "CD", "nummod", 1), ("TB2", "PROPN", "NNP", "nsubj", 2),
                  ("drones", "VERB", "VBZ", "nsubj:pass", 4), ("were", "AUX", "VBD", "aux:pass", 4),
                  ("delivered", "VERB", "VBN", "ROOT", 4)])
    _weapon_noun_read_as_verb(doc)
    assert (doc[2].pos_, doc[1].dep_, doc[0].head.i) == ("NOUN", "compound", 2)


def test_a_which_clause_after_a_comma_read_as_a_complement_is_relative() -> None:
    from armsledger.syntax.repairs import _relative_read_as_complement
    doc = tree([("Oslo", "PROPN", "nsubj", 1), ("offered", "VERB", "ROOT", 1), ("jets", "NOUN", "obj", 1),
                ("to", "ADP", "case", 4), ("Lima", "PROPN", "obl", 1), (",", "PUNCT", "punct", 7),
                ("which", "PRON", "nsubj", 7), ("wants", "VERB", "ccomp", 1)])
    _relative_read_as_complement(doc)
    assert (doc[7].head.i, doc[7].dep_) == (4, "acl:relcl")


def test_the_verb_after_a_subjects_relative_clause_is_the_root() -> None:
    from armsledger.syntax.repairs import _main_verb_inside_relative
    doc = tree([("Navy", "NOUN", "ROOT", 0), (",", "PUNCT", "punct", 3), ("which", "PRON", "nsubj", 3),
                ("waited", "VERB", "acl:relcl", 0), (",", "PUNCT", "punct", 5), ("took", "VERB", "conj", 3),
                ("ships", "NOUN", "obj", 5)])
    _main_verb_inside_relative(doc)
    assert (doc[5].dep_, doc[0].head.i, doc[0].dep_, doc[3].head.i) == ("ROOT", 5, "nsubj", 0)


def test_a_light_nouns_of_phrase_takes_its_place() -> None:
    from armsledger.syntax.repairs import _phrases_of_a_light_noun
    doc = tagged([("Hanoi", "PROPN", "NNP", "nsubj", 1), ("began", "VERB", "VBD", "ROOT", 1),
                  ("a", "DET", "DT", "det", 3), ("round", "NOUN", "NN", "obj", 1), ("of", "ADP", "IN", "case", 5),
                  ("talks", "NOUN", "NNS", "nmod", 3), ("with", "ADP", "IN", "case", 7),
                  ("Moscow", "PROPN", "NNP", "nmod", 3)])
    _phrases_of_a_light_noun(doc)
    assert (doc[5].head.i, doc[5].dep_, doc[3].head.i, doc[7].head.i, doc[2].head.i) == (1, "obj", 5, 5, 3)


def test_a_clause_opening_with_but_read_as_a_complement_is_coordinated() -> None:
    from armsledger.syntax.repairs import _coordinated_clause_read_as_complement
    doc = tree([("Chile", "PROPN", "nsubj", 1), ("evaluated", "VERB", "ROOT", 1), ("jets", "NOUN", "obj", 1),
                (",", "PUNCT", "punct", 5), ("but", "CCONJ", "cc", 5), ("officials", "NOUN", "nsubj", 6),
                ("chose", "VERB", "ccomp", 1), ("tanks", "NOUN", "obj", 6)])
    doc[4].head = doc[5]  # the parse hangs 'but' on the subject
    _coordinated_clause_read_as_complement(doc)
    assert doc[6].dep_ == "conj"


def test_a_complement_opened_by_that_stays() -> None:
    from armsledger.syntax.repairs import _coordinated_clause_read_as_complement
    doc = tree([("Chile", "PROPN", "nsubj", 1), ("said", "VERB", "ROOT", 1), ("that", "SCONJ", "mark", 4),
                ("officials", "NOUN", "nsubj", 4), ("chose", "VERB", "ccomp", 1)])
    _coordinated_clause_read_as_complement(doc)
    assert doc[4].dep_ == "ccomp"


def test_a_relative_pronoun_beside_a_second_subject_is_the_object() -> None:
    from armsledger.syntax.repairs import _relative_pronoun_read_as_subject
    doc = tree([("jets", "NOUN", "ROOT", 0), ("which", "PRON", "nsubj", 3), ("it", "PRON", "nsubj", 3),
                ("bought", "VERB", "acl:relcl", 0)])
    doc[1].tag_, doc[2].tag_ = "WDT", "PRP"
    _relative_pronoun_read_as_subject(doc)
    assert (doc[1].dep_, doc[2].dep_) == ("obj", "nsubj")


def test_a_manner_word_beside_a_relative_object_is_an_adverb_and_its_phrase_the_verbs() -> None:
    from armsledger.syntax.repairs import _manner_word_read_as_second_object
    doc = tree([("which", "PRON", "obj", 2), ("it", "PRON", "nsubj", 2), ("bought", "VERB", "ROOT", 2),
                ("second-hand", "NOUN", "obj", 2), ("from", "ADP", "case", 5), ("France", "PROPN", "nmod", 3)])
    doc[0].tag_ = "WDT"
    _manner_word_read_as_second_object(doc)
    assert (doc[3].dep_, doc[5].head.i, doc[5].dep_) == ("advmod", 2, "obl")


def test_a_participle_after_the_object_and_a_comma_qualifies_the_object() -> None:
    from armsledger.syntax.repairs import _reduced_relative_read_as_adverbial
    doc = tree([("Portugal", "PROPN", "nsubj", 1), ("retired", "VERB", "ROOT", 1), ("systems", "NOUN", "obj", 1),
                (",", "PUNCT", "punct", 4), ("bought", "VERB", "advcl", 1)])
    doc[4].tag_ = "VBN"
    _reduced_relative_read_as_adverbial(doc)
    assert (doc[4].dep_, doc[4].head.i) == ("acl", 2)


def test_a_participle_with_its_own_subject_stays_adverbial() -> None:
    from armsledger.syntax.repairs import _reduced_relative_read_as_adverbial
    doc = tree([("Portugal", "PROPN", "nsubj", 1), ("retired", "VERB", "ROOT", 1), ("systems", "NOUN", "obj", 1),
                (",", "PUNCT", "punct", 5), ("it", "PRON", "nsubj", 5), ("bought", "VERB", "advcl", 1)])
    doc[5].tag_ = "VBN"
    _reduced_relative_read_as_adverbial(doc)
    assert doc[5].dep_ == "advcl"
