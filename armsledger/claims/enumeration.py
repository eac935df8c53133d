"""Systems listed together: "K2 tanks, K9 howitzers and Chunmoo launchers" share one predicate.

The parser coordinates short lists well and long ones badly: in a list of five systems with their
weapon nouns it hangs one member from a comma, makes another an apposition, and the reading then
sees only the first. A list is also plain on the surface: names separated by commas, "and", "or",
"as well as", with nothing between them but their modifiers and weapon nouns. So a system the tree
makes an item brings along the systems listed with it, read from the words between them.

What breaks a list: a verb, a preposition, a pronoun or a state named as a noun ("the S-400 from
Russia and the F-35 from the United States" are two transfers, each with its own supplier), or a
gap longer than MAX_GAP_TOKENS. A state's adjective stays inside ("Chinese Wing Loong IIs and
Chinese CH-3s"): the item's origin is read per member.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from armsledger.models import Mention

if TYPE_CHECKING:
    from spacy.tokens import Token

    from armsledger.claims.arguments import SentenceView

MAX_GAP_TOKENS = 8
"""Words allowed between two listed names ("C-17 transport aircraft, P-8I"): a list's members carry
at most a few modifiers and a weapon noun each. Chosen by reading the development sets' lists; re-run
the eval gate after a change."""
SEPARATORS = frozenset([",", "and", "or", "plus", "&"])
LINKING_PHRASES = (("as", "well", "as"), ("along", "with"), ("together", "with"))
"""Multi-word separators: their prepositions do not break the list."""
MODIFIER_TAGS = frozenset(["ADJ", "NUM", "DET", "CCONJ", "NOUN", "PROPN", "X"])
"""Parts of speech a gap may hold: modifiers, counts, weapon nouns, makers' names."""


def listed_with(view: SentenceView, system: Mention) -> list[Mention]:
    """Return the other systems listed with `system` in its sentence, in order."""
    doc = view.doc
    order = sorted({m.start: m for m in view.by_token.values() if m.kind == "system"}.values(),
                   key=lambda m: m.start)
    if system not in order:
        return []
    spans: dict[int, list[int]] = {}
    for i in sorted(view.by_token):  # each system's tokens, in one pass over the sentence
        if view.by_token[i].kind == "system":
            spans.setdefault(view.by_token[i].start, []).append(i)
    at = order.index(system)
    members = [system]
    for step in (-1, 1):
        k = at
        while 0 <= k + step < len(order):
            a, b = (order[k], order[k + step]) if step == 1 else (order[k + step], order[k])
            gap = list(range(spans[a.start][-1] + 1, spans[b.start][0]))
            if not _is_list_gap(view, [doc[i] for i in gap]):
                break
            k += step
            members.append(order[k])
    return [m for m in sorted(members, key=lambda m: m.start) if m is not system]


def segment_of(view: SentenceView, system: Mention) -> list[int]:
    """Return the tokens of one list member: from the separator before it to the one after it."""
    doc = view.doc
    own = _tokens_of(view, system)
    start, end = own[0], own[-1]
    while start > 0 and doc[start - 1].lower_ not in SEPARATORS and not _is_other_system(view, start - 1, system):
        if not _is_gap_word(view, doc[start - 1]):
            break
        start -= 1
    while end + 1 < len(doc) and doc[end + 1].lower_ not in SEPARATORS and not _is_other_system(view, end + 1, system):
        if not _is_gap_word(view, doc[end + 1]):
            break
        end += 1
    return list(range(start, end + 1))


def _tokens_of(view: SentenceView, m: Mention) -> list[int]:
    return sorted(i for i, n in view.by_token.items() if n is m)


def _is_other_system(view: SentenceView, i: int, system: Mention) -> bool:
    other = view.by_token.get(i)
    return other is not None and other.kind == "system" and other is not system


def _is_list_gap(view: SentenceView, gap: list[Token]) -> bool:
    if not gap or len(gap) > MAX_GAP_TOKENS:
        return False
    words = [t.lower_ for t in gap]
    has_separator = False
    i = 0
    while i < len(gap):
        phrase = next((p for p in LINKING_PHRASES if tuple(words[i:i + len(p)]) == p), None)
        if phrase is not None:
            has_separator = True
            i += len(phrase)
            continue
        if words[i] in SEPARATORS:
            has_separator = True
        elif not _is_gap_word(view, gap[i]):
            return False
        i += 1
    return has_separator


def _is_gap_word(view: SentenceView, tok: Token) -> bool:
    """A word a list member's phrase may hold besides its name: no verb, preposition or state noun."""
    mention = view.by_token.get(tok.i)
    if mention is not None and mention.kind == "state" and tok.pos_ != "ADJ":
        return False
    if tok.pos_ in MODIFIER_TAGS:
        return True
    return tok.pos_ == "VERB" and tok.dep_ in ("amod", "compound")  # "self-propelled", "guided"
