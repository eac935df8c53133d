"""Repairs of the parse: errors of the model seen more than once on news, each undone by one rule.

The model was trained on web text of the 2000s (UD English EWT); news about arms breaks it in a few
recurring ways: a verb read as the adjective of the noun after it, a count split from its noun, a
weapon noun tagged a verb, the sentence's verb hung inside a relative clause. Each repair below
names the error it undoes, with an example, and changes heads, relations or tags only where the
tree shows that error. `repair` runs them all, in the order written in `REPAIRS`; each is tested on
trees built by hand in tests/syntax/test_repairs.py.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def repair(doc: Doc) -> None:
    """Undo the recurring parser errors in one parsed sentence, in place."""
    for step in REPAIRS:
        step(doc)


def _clause_read_as_modifier(doc: Doc) -> None:
    """A verb with a subject of its own, read as the adjective of the noun after it ("Kenya bought
    Chinese-made Z-9 helicopters" parsed as one noun phrase, "[Kenya bought] ... helicopters"), is the
    sentence's root, and the noun its object."""
    for tok in doc:
        noun = tok.head
        if (tok.dep_ == "amod" and tok.pos_ == "VERB" and tok.tag_ in ("VBD", "VBN") and noun.dep_ == "ROOT"
                and noun.i > tok.i and any(c.dep_ == "nsubj" and c.i < tok.i for c in tok.children)):
            _verb_takes_the_root(tok, noun)
            return


def _verb_takes_the_root(verb: Token, noun: Token) -> None:
    """Make a verb misread as a modifier the root, and the root noun it modified its object; the noun
    keeps its own dependents ("contracts for K9 howitzers"), the sentence's punctuation goes to the verb."""
    for child in list(noun.children):
        if child.dep_ == "punct":
            child.head = verb
    verb.head, verb.dep_ = verb, "ROOT"
    noun.head, noun.dep_ = verb, "obj"


def _past_verb_read_as_modifier(doc: Doc) -> None:
    """A past-tense verb read as the adjective of the noun after it, with the words before it left on
    that noun ("The official denied reports that ..." parsed as one phrase headed by 'reports') is the
    root: the word before it is its subject and the noun its object. A past tense (VBD) never
    qualifies a noun; a participle (VBN) is taken for the verb only after a determined noun ("the
    official"), as "the newly delivered jets" stays one phrase."""
    for tok in doc:
        noun = tok.head
        if not (tok.dep_ == "amod" and tok.pos_ == "VERB" and tok.tag_ in ("VBD", "VBN") and noun.dep_ == "ROOT"
                and noun.i == tok.i + 1 and tok.i > 0):
            continue
        subject = doc[tok.i - 1]
        if subject.head.i != noun.i or subject.pos_ not in ("ADJ", "NOUN", "PROPN") or subject.dep_ not in (
                "amod", "compound", "nmod:poss"):
            continue
        if tok.tag_ == "VBN" and not (subject.i > 0 and doc[subject.i - 1].dep_ == "det"
                                      and doc[subject.i - 1].head.i == noun.i):
            continue  # a participle may qualify a noun ("newly delivered jets"); after "the official" it is the verb
        for child in list(noun.children):
            if child.i < subject.i:
                child.head = subject  # "The [official]": the subject's own determiner
        _verb_takes_the_root(tok, noun)
        subject.head, subject.dep_, subject.pos_ = tok, "nsubj", "NOUN" if subject.pos_ == "ADJ" else subject.pos_
        return


def _reduced_relative_read_as_root(doc: Doc) -> None:
    """A participle set off by commas after its noun, read as the root, with the sentence's verb hung
    beneath it ("The first three Anka drones, built in Turkey, were delivered to ..." parsed with
    'built' the root and 'delivered' a parataxis) is the noun's reduced relative clause, and the verb
    the root with the noun its subject."""
    for tok in doc:
        if tok.dep_ != "ROOT" or tok.tag_ != "VBN" or any(c.dep_ in ("aux", "aux:pass", "cop") for c in tok.children):
            continue
        noun = next((c for c in tok.children if c.dep_ in ("nsubj:pass", "nsubj") and c.i < tok.i), None)
        if noun is None or doc[tok.i - 1].text != ",":
            continue
        verb = next((c for c in tok.children if c.dep_ in ("parataxis", "conj") and c.i > tok.i
                     and any(g.dep_ in ("aux", "aux:pass") for g in c.children)
                     and not any(g.dep_.startswith("nsubj") for g in c.children)), None)
        if verb is None:
            continue
        passive = any(g.dep_ == "aux:pass" for g in verb.children)
        verb.head, verb.dep_ = verb, "ROOT"
        noun.head, noun.dep_ = verb, "nsubj:pass" if passive else "nsubj"
        tok.head, tok.dep_ = noun, "acl"
        for child in list(tok.children):
            if child.dep_ == "punct" and child.i > verb.i:
                child.head = verb
        return


def _relative_read_as_complement(doc: Doc) -> None:
    """A clause after a comma whose subject or object is 'which' or 'who', read as the complement of
    the verb before ("offered the system to Denmark, which is also weighing the Patriot" with
    'weighing' a ccomp of 'offered'; "retired its Orions, which it had bought from the US" with
    'bought' a parataxis), is a relative clause on the noun before the comma."""
    for tok in doc:
        if tok.dep_ not in ("ccomp", "parataxis", "advcl"):
            continue
        subject = next((c for c in tok.children if (c.dep_.startswith("nsubj") or c.dep_ == "obj")
                        and c.lower_ in ("which", "who", "whom") and c.i < tok.i), None)
        if subject is None or subject.i < 2 or doc[subject.i - 1].text != ",":
            continue
        noun = doc[subject.i - 2]
        if noun.pos_ not in ("NOUN", "PROPN") or noun.i in [a.i for a in tok.subtree]:
            continue
        tok.head, tok.dep_ = noun, "acl:relcl"


def _main_verb_inside_relative(doc: Doc) -> None:
    """A subject noun left as the root, with the sentence's verb hung inside its comma-bounded
    relative clause ("The Philippine Navy, which has spent a decade trying to replace a fleet ...,
    took delivery of ..." with 'took' a conjunct inside the clause) has that verb as its predicate:
    the verb right after the clause's closing comma, with no subject of its own, is the root."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.pos_ not in ("NOUN", "PROPN"):
        return
    clause = next((c for c in root.children if c.dep_ == "acl:relcl" and c.i > root.i and c.left_edge.i > 0
                   and "," in (c.left_edge.text, doc[c.left_edge.i - 1].text)), None)
    if clause is None:
        return
    inside = {t.i for t in clause.subtree}
    verb = next((t for t in doc if t.i - 1 in inside and doc[t.i - 1].text == "," and t.i in inside
                 and t.pos_ == "VERB" and t.dep_ in ("conj", "parataxis", "advcl", "dep")
                 and not any(c.dep_.startswith("nsubj") for c in t.children)), None)
    if verb is None:
        return
    comma = doc[verb.i - 1]
    verb.head, verb.dep_ = verb, "ROOT"
    root.head, root.dep_ = verb, "nsubj"
    comma.head = root
    for child in list(root.children):
        if child.dep_ == "punct" and child.i == len(doc) - 1:
            child.head = verb


LIGHT_NOUNS = frozenset(["stage", "round", "phase", "process", "course", "series", "state", "step"])
"""Nouns that only measure out the noun of their 'of' phrase ("an advanced stage of negotiations")."""


def _phrases_of_a_light_noun(doc: Doc) -> None:
    """A light noun with an 'of' phrase ("began [a new round] of talks with Moscow", "is in [an
    advanced stage] of negotiations with the US to procure 30 drones") only measures out that phrase's
    noun: the noun takes the light noun's place in the sentence and every phrase and clause on it, and
    the light noun, with its own determiner and adjectives, becomes the noun's modifier."""
    for light in doc:
        if light.lemma_.lower() not in LIGHT_NOUNS or light.pos_ != "NOUN":
            continue
        inner = next((c for c in light.children if c.dep_ == "nmod" and c.i == light.i + 2
                      and any(g.dep_ == "case" and g.lower_ == "of" and g.i == light.i + 1 for g in c.children)), None)
        if inner is None or inner.pos_ != "NOUN":
            continue
        of = doc[light.i + 1]
        if light.head.i == light.i:
            inner.head, inner.dep_ = inner, "ROOT"
        else:
            inner.head, inner.dep_ = light.head, light.dep_
        for child in list(light.children):
            if child.i != inner.i and child.dep_ not in ("det", "amod", "nummod", "compound", "advmod"):
                child.head = inner  # its case, copula, subject, and the phrases after it
        light.head, light.dep_ = inner, "nmod"
        of.head = light
        for child in list(inner.children):
            if child.dep_ == "case" and child.i < light.i:
                child.head = inner  # "in [an advanced stage of] negotiations": the case stays the noun's


def _case_hung_inside(doc: Doc) -> None:
    """A preposition that opens a noun phrase but hangs from a word inside it ("for [48 FA-50 light]
    combat aircraft" with 'for' under 'light', the phrase an unmarked oblique) is the phrase's own."""
    for tok in doc:
        first = tok.left_edge
        if (tok.dep_ in ("obl:unmarked", "obl", "nmod") and tok.pos_ in ("NOUN", "PROPN") and first.i < tok.i
                and first.dep_ == "case" and first.head.i != tok.i and first.head.i in range(first.i, tok.i)):
            first.head = tok
            if tok.dep_ == "obl:unmarked":
                tok.dep_ = "obl"


def _name_split_from_noun(doc: Doc) -> None:
    """A word joined by 'goeswith' to the adjective before it ("more [S-400] systems" with the name
    under 'more') is a part of the noun the adjective qualifies: its compound."""
    for tok in doc:
        adjective = tok.head
        noun = adjective.head
        if (tok.dep_ == "goeswith" and adjective.dep_ in ("amod", "det", "nummod") and noun.i > tok.i
                and noun.pos_ in ("NOUN", "PROPN")):
            tok.head, tok.dep_ = noun, "compound"


def _count_split_from_noun(doc: Doc) -> None:
    """A count read as the verb's object, its noun as a bare oblique of the same verb ("bought [12]
    [used Rafale jets]"), is the noun's count, and the noun the object."""
    for tok in doc:
        verb = tok.head
        if tok.dep_ != "obj" or tok.pos_ != "NUM" or verb.pos_ != "VERB":
            continue
        noun = next((c for c in verb.children if c.i > tok.i and c.dep_ in ("obl", "dep") and c.pos_ == "NOUN"
                     and c.left_edge.i == tok.i + 1 and not any(g.dep_ == "case" for g in c.children)), None)
        if noun is not None:
            noun.dep_ = "obj"
            tok.head, tok.dep_ = noun, "nummod"


PLURAL_WEAPON_NOUNS = frozenset(["drones", "jets", "tanks", "missiles", "rockets", "ships", "guns", "fighters",
                                 "helicopters", "launchers", "howitzers", "vessels", "systems"])
"""Plural weapon nouns the tagger may read as a verb's third person ("Bayraktar TB2 drones")."""


def _weapon_noun_as_object(doc: Doc) -> None:
    """A plural weapon noun read as a verb right after the name that modifies it ("sold Bayraktar TB2
    drones to Pakistan" parsed as "sold [TB2] [drones to Pakistan]") is the object, the name its
    compound, and its prepositional phrases the noun's."""
    for tok in doc:
        if tok.i == 0 or tok.pos_ != "VERB" or tok.lower_ not in PLURAL_WEAPON_NOUNS:
            continue
        name, verb = doc[tok.i - 1], tok.head
        if name.pos_ in ("PROPN", "NUM") and name.head.i == verb.i and verb.i < name.i \
                and name.dep_ in ("obj", "iobj") and verb.pos_ == "VERB":
            tok.head, tok.dep_, tok.pos_ = verb, "obj", "NOUN"
            name.head, name.dep_ = tok, "compound"
            for child in tok.children:
                if child.dep_ == "obl":
                    child.dep_ = "nmod"


NOUN_MODIFIER_RELATIONS = frozenset(["nummod", "compound", "det", "amod", "nmod:poss"])
"""Relations only a noun takes: a verb with one of them before it is a noun's modifier misread."""


def _gerund_inside_noun(doc: Doc) -> None:
    """A gerund with a noun's modifiers before it and a noun right after it ("for 209 KF41 Lynx
    infantry fighting vehicles" parsed with 'fighting' a clause and 'vehicles' its object) qualifies
    that noun: the noun takes the gerund's place and its modifiers, and the gerund is its amod."""
    for tok in doc:
        if tok.pos_ != "VERB" or tok.tag_ != "VBG" or tok.i + 1 >= len(doc):
            continue
        noun = doc[tok.i + 1]
        before = [c for c in tok.children if c.i < tok.i]
        if (noun.head.i != tok.i or noun.dep_ != "obj" or noun.pos_ not in ("NOUN", "PROPN")
                or not any(c.dep_ in NOUN_MODIFIER_RELATIONS for c in before) or tok.head.i == tok.i):
            continue
        head, relation = tok.head, tok.dep_
        noun.head = head
        noun.dep_ = ("obl" if head.pos_ in ("VERB", "AUX") else "nmod") if relation in ("advcl", "acl", "xcomp") \
            else relation
        for child in before:
            child.head = noun
            if child.dep_ == "mark":
                child.dep_ = "case"  # "for [209 ... vehicles]": the preposition of the noun phrase
        tok.head, tok.dep_ = noun, "amod"
        for child in list(tok.children):
            if child.i > noun.i:
                child.head = noun  # "vehicles [worth 2 billion euros]"
        return


PERFECT_GAP = 2
"""How many adverbs or quantifiers may stand between "have" and its participle ("have each ordered")."""


def _perfect_read_as_possession(doc: Doc) -> None:
    """A 'have' read as the main verb with its participle a few words on hung beneath something else
    ("Norway and Lithuania have [each] ordered NASAMS" with 'ordered' an adjective clause) is the
    participle's auxiliary: the participle heads the clause and takes its subject."""
    for have in doc:
        if have.lemma_ != "have" or not (have.pos_ == "VERB" or have.dep_ == "ROOT") or not any(
                c.dep_ == "nsubj" for c in have.children):
            continue
        gap = doc[have.i + 1:have.i + 2 + PERFECT_GAP]
        verb = next((t for t in gap if t.tag_ == "VBN" and t.pos_ == "VERB"), None)
        if verb is None or verb.head.i == have.i and verb.dep_ in ("xcomp", "ccomp", "obj"):
            continue
        if any(t.pos_ not in ("ADV", "DET", "PART") for t in doc[have.i + 1:verb.i]):
            continue
        head, relation = have.head, have.dep_
        for child in list(have.children):
            if child.i != verb.i:
                child.head = verb
                if child.dep_ == "obj" and any(g.dep_ == "case" for g in child.children):
                    child.dep_ = "obl"  # "over the past year"
        for t in doc[have.i + 1:verb.i]:
            t.head, t.dep_ = verb, "advmod"
        verb.head, verb.dep_ = (verb, "ROOT") if head.i == have.i else (head, relation)
        have.head, have.dep_, have.pos_ = verb, "aux", "AUX"


def _due_to_read_as_cause(doc: Doc) -> None:
    """'Due to' read as the preposition of cause when 'due' has a copula and a subject of its own ("the
    remaining jets are due to be delivered by 2027", 'due to' a marker of 'delivered') is the
    adjective that governs the infinitive: 'due' heads the clause, the verb its complement."""
    for due in doc:
        verb = due.head
        to = next((c for c in due.children if c.dep_ == "fixed" and c.lower_ == "to"), None)
        if (due.lower_ != "due" or due.dep_ != "mark" or to is None or verb.pos_ not in ("VERB", "AUX")
                or not any(c.dep_ in ("cop", "nsubj", "nsubj:pass") for c in due.children)):
            continue
        if verb.head.i == verb.i:
            due.head, due.dep_ = due, "ROOT"
        else:
            due.head, due.dep_ = verb.head, verb.dep_
        for child in list(verb.children):
            if child.dep_ == "punct" and child.i > verb.i and child.i == len(doc) - 1:
                child.head = due
        verb.head, verb.dep_ = due, "xcomp"
        to.head, to.dep_ = verb, "mark"
        due.pos_ = "ADJ"


def _double_object(doc: Doc) -> None:
    """Of a verb's two objects, a proper noun or pronoun right after it ("will send [Ukraine] more
    Stinger missiles", "sold [them] jets") is the indirect object, the one who receives."""
    for verb in doc:
        objects = [c for c in verb.children if c.dep_ == "obj"]
        if len(objects) == 2 and verb.pos_ == "VERB":
            first, second = objects
            if first.i == verb.i + 1 and first.pos_ in ("PROPN", "PRON") and first.i < second.i:
                first.dep_ = "iobj"


PREPOSITION_WORDS = frozenset(["over", "on", "for", "about", "of", "with"])
"""Prepositions the tagger may read as adverbs before a noun phrase ("talks ... over 48 jets")."""


def _second_subject_after_preposition(doc: Doc) -> None:
    """A verb's second subject right after a preposition read as an adverb ("Negotiations between
    Jakarta and Ankara [over] 48 KAAN fighters are continuing") is a phrase of the first subject."""
    for verb in doc:
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass")]
        if len(subjects) != 2:
            continue
        first, second = subjects
        prep = doc[second.left_edge.i - 1] if second.left_edge.i > 0 else None
        if (prep is not None and prep.lower_ in PREPOSITION_WORDS and prep.head.i == verb.i
                and prep.dep_ == "advmod" and first.i < prep.i):
            prep.head, prep.dep_, prep.pos_ = second, "case", "ADP"
            second.head, second.dep_ = first, "nmod"


NOMINAL_RELATIONS = frozenset(["nsubj", "nsubj:pass", "obj", "iobj", "obl", "nmod", "conj", "appos"])
"""Relations only a noun phrase fills."""


def _weapon_noun_read_as_verb(doc: Doc) -> None:
    """A plural weapon noun tagged a verb while it fills a noun's place, with a name as its subject
    right before it ("The first four [Bayraktar TB2] drones, built in Turkey, were delivered" with
    'drones' a verb whose subject is the name) is a noun: the name is its compound, and the name's
    determiners and counts are the noun's."""
    for tok in doc:
        if tok.i == 0 or tok.pos_ != "VERB" or tok.lower_ not in PLURAL_WEAPON_NOUNS or tok.dep_ not in NOMINAL_RELATIONS:
            continue
        name = doc[tok.i - 1]
        if name.head.i != tok.i or name.pos_ not in ("PROPN", "NUM") or not name.dep_.startswith("nsubj"):
            continue
        tok.pos_, tok.tag_ = "NOUN", "NNS"
        for child in list(name.children):
            if child.dep_ in ("det", "amod", "nummod", "nmod:poss"):
                child.head = tok
        name.dep_ = "compound"


PARTICLES = frozenset(["up", "off", "out", "down", "back", "through"])
"""Words that make phrasal verbs ("hold up", "call off", "back out")."""
HANDING_VERBS = frozenset(["hand", "turn", "sign", "give", "pass"])
"""Verbs that take "over" as a particle ("handed over the last batch"); after others it is a
preposition ("flew over Kyiv")."""


def _particle_of_verb(doc: Doc) -> None:
    """A particle right after a verb, read as the preposition of the noun after it ("held up the sales"
    parsed as "held [up the sales]"), is the verb's particle, and the noun its object."""
    for tok in doc:
        noun, verb = tok.head, doc[tok.i - 1] if tok.i > 0 else tok
        if (tok.dep_ == "case" and (tok.lower_ in PARTICLES or tok.lower_ == "over" and verb.lemma_ in HANDING_VERBS)
                and verb.pos_ == "VERB" and noun.i > tok.i
                and noun.head.i == verb.i and noun.dep_ in ("obl", "obj")
                and not any(c.dep_ == "obj" and c.i != noun.i for c in verb.children)):
            tok.head, tok.dep_ = verb, "compound:prt"
            noun.dep_ = "obj"


def proper_nouns(doc: Doc, spans: Sequence[tuple[int, int]]) -> None:
    """Tag each token that is exactly one of the spans a proper noun (its relation is left to the repairs)."""
    wanted = set(spans)
    for tok in doc:
        if tok.pos_ != "PROPN" and (tok.idx, tok.idx + len(tok.text)) in wanted:
            tok.pos_, tok.tag_ = "PROPN", "NNP"


FUNCTION_RELATIONS = frozenset(["mark", "case", "cc", "aux", "det", "cop", "advmod"])
"""Relations of function words and adverbs: a name ("South Korea", merged into one token) never has one."""


def _name_as_subject(doc: Doc) -> None:
    """A name the parse gave a function word's relation to a later verb that has no subject ("South
    Korea signed a contract" with 'South Korea' read as a marker) is that verb's subject."""
    for tok in doc:
        head = tok.head
        if (tok.pos_ == "PROPN" and tok.dep_ in FUNCTION_RELATIONS and head.i > tok.i and head.pos_ == "VERB"
                and not any(c.dep_.startswith("nsubj") for c in head.children)):
            tok.dep_ = "nsubj"


def _coordinated_clause_read_as_complement(doc: Doc) -> None:
    """A clause that opens with a coordinating conjunction, read as the complement of the verb before
    it ("Chile evaluated the jet, but officials preferred the F-16" with 'preferred' under 'evaluated'
    as what was evaluated), is coordinated with that verb: a complement never opens with 'but' or
    'and', and a coordinated clause always does."""
    for tok in doc:
        if tok.dep_ != "ccomp" or tok.pos_ not in ("VERB", "AUX") or tok.i < tok.head.i:
            continue
        first = clause_opening(tok)
        if first is not None and first.dep_ == "cc" and tok.i in (first.head.i, first.head.head.i) and not any(
                c.dep_ == "mark" for c in tok.children):
            tok.dep_ = "conj"


def clause_opening(verb: Token) -> Token | None:
    """The first word of a verb's clause before the verb, punctuation aside ("but" in ", but chose")."""
    return next((t for t in verb.doc[verb.left_edge.i:verb.i] if t.dep_ != "punct"), None)


def _manner_word_read_as_second_object(doc: Doc) -> None:
    """A bare common word read as a second object of a verb whose object is a relative pronoun
    ("the Orions, which it had bought second-hand from the US") is how the verb was done, not what:
    the relative pronoun is the object, and a verb has one."""
    for tok in doc:
        if tok.dep_ != "obj" or tok.pos_ in ("PROPN", "NUM", "PRON") or any(
                c.dep_ != "nmod" or not any(g.dep_ == "case" for g in c.children) for c in tok.children):
            continue
        verb = tok.head
        if any(c.dep_ == "obj" and c.tag_ in ("WDT", "WP") and c.i < verb.i for c in verb.children):
            tok.dep_ = "advmod"
            for phrase in list(tok.children):  # "bought second-hand from France": the seller is the verb's
                phrase.head, phrase.dep_ = verb, "obl"


def _relative_pronoun_read_as_subject(doc: Doc) -> None:
    """A relative pronoun read as the subject of a relative clause that has a subject of its own after
    it ("the jets, which it had bought from France" with 'which' and 'it' both subjects) is the
    clause's object: a clause has one subject."""
    for verb in doc:
        if verb.dep_ != "acl:relcl":
            continue
        subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i]
        if len(subjects) == 2 and subjects[0].tag_ in ("WDT", "WP") and subjects[1].tag_ not in ("WDT", "WP") \
                and not any(c.dep_ == "obj" for c in verb.children if c.tag_ in ("WDT", "WP")):
            subjects[0].dep_ = "obj"


def _reduced_relative_read_as_adverbial(doc: Doc) -> None:
    """A past participle with no subject or auxiliary, after a comma that follows its verb's object,
    read as an adverbial clause of that verb ("retired its Chaparral systems, bought from the United
    States in 1990") qualifies the object: a reduced relative clause."""
    for tok in doc:
        if tok.dep_ != "advcl" or tok.tag_ != "VBN" or tok.i < 2 or doc[tok.i - 1].text != "," or any(
                c.dep_.startswith(("nsubj", "aux", "mark")) for c in tok.children):
            continue
        noun = doc[tok.i - 2]
        if noun.pos_ in ("NOUN", "PROPN") and noun.dep_ == "obj" and noun.head.i == tok.head.i:
            tok.head, tok.dep_ = noun, "acl"


REPAIRS: tuple[Callable[[Doc], None], ...] = (
    _coordinated_clause_read_as_complement,
    _clause_read_as_modifier,
    _past_verb_read_as_modifier,
    _reduced_relative_read_as_root,
    _relative_read_as_complement,
    _relative_pronoun_read_as_subject,
    _reduced_relative_read_as_adverbial,
    _main_verb_inside_relative,
    _phrases_of_a_light_noun,
    _count_split_from_noun,
    _case_hung_inside,
    _name_split_from_noun,
    _name_as_subject,
    _particle_of_verb,
    _weapon_noun_as_object,
    _weapon_noun_read_as_verb,
    _gerund_inside_noun,
    _double_object,
    _perfect_read_as_possession,
    _due_to_read_as_cause,
    _second_subject_after_preposition,
    _manner_word_read_as_second_object,
)
"""The repairs, in the order they run: clause structure first, then phrases, then tags."""
