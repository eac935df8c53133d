"""Near-duplicate detection: the same wire story republished by several outlets.

An article's cleaned text becomes a set of word shingles; a MinHash signature estimates the
Jaccard similarity of two sets, and locality-sensitive bands find candidates in the store by index.
"""
from __future__ import annotations

import hashlib
import re
import struct

SHINGLE_WORDS = 5
"""Words per shingle: long enough that unrelated articles share few."""
PERMUTATIONS = 64
"""MinHash signature length: the similarity estimate's standard error is about 1/sqrt(64) = 0.125."""
BANDS = 16
"""Bands of PERMUTATIONS // BANDS rows each: pairs above ~0.45 similarity meet in some band."""
SYNDICATION_THRESHOLD = 0.5
"""Estimated Jaccard similarity from which two articles count as copies of one story.

Measured (tests/store/test_syndication.py) on the five seed articles and on wire copies made from
them: distinct articles score at most 0.05 against each other; a copy with new outlet furniture, a
byline and its last paragraph cut scores 0.78-0.97. Re-run that test after a change.
"""

_MERSENNE = (1 << 61) - 1
_WORD = re.compile(r"\w+")
_SEEDS: tuple[tuple[int, int], ...] = tuple(
    (int.from_bytes(hashlib.blake2b(f"a{i}".encode(), digest_size=8).digest(), "big") % _MERSENNE | 1,
     int.from_bytes(hashlib.blake2b(f"b{i}".encode(), digest_size=8).digest(), "big") % _MERSENNE)
    for i in range(PERMUTATIONS)
)


def shingles(text: str) -> set[int]:
    """Return the hashed word shingles of a text (lower-cased words, punctuation ignored)."""
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE_WORDS:
        words = words + [""] * (SHINGLE_WORDS - len(words))
    return {
        int.from_bytes(hashlib.blake2b(" ".join(words[i:i + SHINGLE_WORDS]).encode(), digest_size=8).digest(),
                       "big")
        for i in range(len(words) - SHINGLE_WORDS + 1)
    }


def signature(text: str) -> list[int]:
    """Return the MinHash signature of a text: PERMUTATIONS integers."""
    hashed = shingles(text)
    return [min((a * h + b) % _MERSENNE for h in hashed) for a, b in _SEEDS]


def bands(sig: list[int]) -> list[str]:
    """Return one short hash per band of a signature, for the candidate index."""
    rows = len(sig) // BANDS
    return [hashlib.blake2b(struct.pack(f">{rows}Q", *sig[i * rows:(i + 1) * rows]), digest_size=8).hexdigest()
            for i in range(BANDS)]


def similarity(left: list[int], right: list[int]) -> float:
    """Estimate the Jaccard similarity of two texts from their signatures."""
    return sum(1 for a, b in zip(left, right, strict=True) if a == b) / len(left)
