"""One predicate read in one sentence, and the token facts every step of reading it uses."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from armsledger.claims.arguments import is_weapon_phrase
from armsledger.claims.grammar import Frame, Predicate
from armsledger.claims.vocabulary import TIME_WORDS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


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
    borrowed: set[int] = field(default_factory=set)
    """Item tokens lent by an event done under this deal ("under the contract, Ankara received a
    regiment"): their count is that event's, not the deal's."""
    cues: list[str] = field(default_factory=list)
    """The versioned names of the frames and cues that changed the reading."""
    passed_over_by: int | None = None
    """The token of a choice contrasted with this interest ("evaluated X, but chose Y"): if the same
    buyer chose something else, this interest is also denied."""

    def add(self, role: str, token: int, relation: str) -> None:
        """Bind a token to a role, once."""
        if token not in self.roles.setdefault(role, []):
            self.roles[role].append(token)
            self.relations[token] = relation


def lemmas_of(tok: Token) -> list[str]:
    """The lemma candidates of a token: a phrasal verb's lemma with its particle ("hold up"), the
    model's lemma, the word, and the word without a regular English ending (the lemmatizer misses
    some: "canceled", "supplying")."""
    found = list(_lemma_candidates(tok.lemma_.lower(), tok.lower_))
    particle = _particles(tok.doc).get(tok.i)
    return [f"{found[0]} {particle}", *found] if particle else found  # "held up": 'hold up' first


def _particles(doc: Doc) -> dict[int, str]:
    """Each verb's particle ("held up"), found once per sentence."""
    found: dict[int, str] | None = doc.user_data.get("particles")
    if found is None:
        found = doc.user_data["particles"] = {t.head.i: t.lower_ for t in doc if t.dep_ == "compound:prt"}
    return found


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


def relation_keys(child: Token) -> tuple[str, ...]:
    """The keys a dependent answers to: its relation, and its relation with its preposition."""
    dep = child.dep_
    if dep == "nsubj:pass" and any(c.dep_ == "obj" for c in child.head.children):
        # "Vietnam was offered the Akash by India": a passive that keeps its object made the
        # indirect object its subject
        return ("iobj", dep)
    if dep == "obj" and any(c.dep_ == "obl" and c.i > child.i and _is_goods(c) and any(
            g.dep_ == "case" and g.lower_ == "with" for g in c.children) for c in child.head.children):
        # "supplying Iran with an air defence system": the object of 'supply X with Y' is who gets Y
        return ("iobj", dep)
    case = next((c.lower_ for c in child.children if c.dep_ in ("case", "mark") and c.i < child.i), None)
    base = dep.split(":")[0]
    if case is None:
        return (dep,)
    return (dep, f"{base}:{case}") if dep == base else (dep, f"{base}:{case}", f"{dep}:{case}")


def _is_goods(tok: Token) -> bool:
    return tok.pos_ == "PROPN" or is_weapon_phrase(tok.doc, tok.i)


def is_time_phrase(tok: Token) -> bool:
    """A short phrase headed by or holding a time word ("Friday", "March 3", "last year") or a year."""
    words = list(tok.subtree)
    return len(words) <= 4 and any(is_time_word(w) for w in words)


def is_time_word(tok: Token) -> bool:
    """A word that heads a time phrase ("Friday", "March", "year") or a year ("2030")."""
    return tok.lower_ in TIME_WORDS or tok.lemma_.lower() in TIME_WORDS or (
        tok.like_num and len(tok.text) == 4 and tok.text.isdigit())
