"""Near-duplicate detection: wire copies score above SYNDICATION_THRESHOLD, distinct articles far below.

This is the measurement behind the threshold: re-run it after changing shingles, bands or threshold.
"""
from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from armsledger.store.syndication import SYNDICATION_THRESHOLD, keys, signature, similarity

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


def _copy(text: str) -> str:
    """Republish a story the way another outlet does: new furniture, a dateline, the last paragraph cut."""
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    kept = paragraphs[:-1] if len(paragraphs) > 3 else paragraphs
    return "Home | World | Defence\nShare on social media\n\nBy Wire Staff\n\n" + "\n\n".join(kept) + \
        "\n\nRead more stories like this. Subscribe to our newsletter."


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is absent")
def test_threshold_separates_copies_from_distinct_seed_articles() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    signatures = [signature(t) for t in texts]
    distinct = [similarity(a, b) for a, b in itertools.combinations(signatures, 2)]
    copies = [similarity(signature(_copy(t)), s) for t, s in zip(texts, signatures, strict=True)]
    assert max(distinct) < SYNDICATION_THRESHOLD / 2, distinct
    assert min(copies) >= SYNDICATION_THRESHOLD + 0.1, copies


def test_copies_share_enough_sketch_values_for_the_index_to_find_them() -> None:
    story = " ".join(f"word{n} happens in sentence {n % 17} of the story." for n in range(120))
    original, copy = set(keys(signature(story))), set(keys(signature("Breaking: " + story + " Share this.")))
    assert len(original & copy) >= 40


def test_short_texts_still_get_a_signature() -> None:
    assert similarity(signature("two words"), signature("two words")) == 1.0
