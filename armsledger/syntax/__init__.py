"""Stage 4a: parse(sentences) -> parsed sentences, with the model trained here on UD English EWT.

The model (tagger, morphologizer, lemmatizer, dependency parser) lives in
`armsledger/data/models/en_ewt/`, trained by `scripts/train_syntax.py`; it is loaded once, from the
package, with no download. Its relations are Universal Dependencies' (`nsubj`, `obj`, `obl`, `nmod`,
`nmod:poss`, `acl:relcl`, `xcomp`...), which the claim grammar (`data/patterns/predicates.jsonl`)
is written in.

Only candidate sentences are parsed (the claim stage decides which): most news is never parsed.
"""
from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from armsledger.errors import ConfigError
from armsledger.syntax.repairs import proper_nouns, repair

if TYPE_CHECKING:  # spaCy costs a second to import: only the claim stage pays it, on first use
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["MODEL_ENV", "load_model", "model_path", "parse"]

log = logging.getLogger("armsledger.syntax")

MODEL_ENV = "ARMSLEDGER_SYNTAX_MODEL"
"""An environment variable naming another model folder (a checkpoint being trained, say)."""

PARSE_BATCH_SENTENCES = 64
"""Sentences handed to the model at once; larger batches gain nothing on one core."""


def model_path() -> Path:
    """Return the folder of the syntactic model: $ARMSLEDGER_SYNTAX_MODEL, else the packaged one."""
    override = os.environ.get(MODEL_ENV)
    if override:
        return Path(override)
    return Path(str(resources.files("armsledger") / "data" / "models" / "en_ewt"))


@cache
def load_model(path: str | None = None) -> Language:
    """Load the syntactic model once per process.

    Raises:
        ConfigError: the model folder is missing or unreadable.
    """
    import spacy

    folder = Path(path) if path else model_path()
    if not (folder / "config.cfg").is_file():
        raise ConfigError(f"syntactic model not found at {str(folder)!r}; train it with "
                          "`python scripts/train_syntax.py` or unset ${MODEL_ENV}")
    try:
        nlp = spacy.load(folder)
    except (OSError, ValueError) as err:
        raise ConfigError(f"syntactic model at {str(folder)!r} cannot be loaded: {err}") from err
    log.debug("loaded the syntactic model from %s (%s)", folder, ", ".join(nlp.pipe_names))
    return nlp


def parse(sentences: Sequence[str], *, names: Sequence[Sequence[tuple[int, int]]] | None = None,
          proper: Sequence[Sequence[tuple[int, int]]] | None = None) -> list[Doc]:
    """Parse sentences: tokens with tag, UPOS, morphology, lemma, head and relation.

    Args:
        sentences: one string per sentence.
        names: for each sentence, the character spans of names to keep as one token each
            ("Hindustan Aeronautics Limited", "S-400 Triumf"): a catalogued name is one word to the
            grammar, and the parser errs less on short sentences than on long ones.
        proper: for each sentence, the character spans of the names that are proper nouns whatever
            the tagger says (states, capitals, organisations): the model, trained on web text of the
            2000s, has seen few of them and tags some by their shape ("Kyiv" as an adverb).

    Returns:
        One spaCy Doc per sentence, in order.
    """
    if not sentences:
        return []
    nlp = load_model()
    docs = [nlp.make_doc(text) for text in sentences]
    for doc, spans in zip(docs, (names or ())):
        _merge(doc, spans)
    for doc in docs:
        _merge_hyphenated(doc)
    parsed = list(nlp.pipe(docs, batch_size=PARSE_BATCH_SENTENCES))
    for doc, spans in zip(parsed, (proper or ())):
        proper_nouns(doc, spans)
    for doc in parsed:
        repair(doc)
    return parsed


def _merge_hyphenated(doc: Doc) -> None:
    """Merge a hyphenated compound ("surface-to-air", "Russian-made", "long-range", "3,200-ton") into one word.

    The tokenizer splits such words at each hyphen; the parser, which saw few of them in the
    treebank, then reads "surface" as a verb's object and "missiles" as an oblique. As one word
    the compound is tagged by its shape and suffix and modifies its noun as a whole.
    Measured on the development sets (re-run the eval gate after a change)."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(doc):
        j = i
        while (j + 2 < len(doc) and doc[j + 1].text == "-" and not doc[j].whitespace_
               and not doc[j + 1].whitespace_ and _is_part(doc[j].text) and doc[j + 2].text.isalnum()
               and not (doc[j].text[0].isdigit() and doc[j + 2].text.isdigit())):  # "2019-2021": a range
            j += 2
        if j > i:
            runs.append((i, j + 1))
        i = j + 1
    if runs:
        with doc.retokenize() as retokenizer:
            for start, end in runs:
                retokenizer.merge(doc[start:end])


def _is_part(text: str) -> bool:
    """A word or a number that may open a hyphenated compound ("long-range", "3,200-ton")."""
    return text.isalnum() or (text[0].isdigit() and text.replace(",", "").replace(".", "").isdigit())


def _merge(doc: Doc, spans: Sequence[tuple[int, int]]) -> None:
    """Merge each multi-token name into one token (names never overlap: the matcher keeps the longest)."""
    with doc.retokenize() as retokenizer:
        taken: set[int] = set()
        for start, end in spans:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None or len(span) < 2 or any(t.i in taken for t in span):
                continue
            taken.update(t.i for t in span)
            retokenizer.merge(span)
