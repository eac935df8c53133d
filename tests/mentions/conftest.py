"""Fixtures for the mention tests: the bundled gazetteers and a helper that detects in a sentence."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from armsledger.mentions import Gazetteers, detect, load_gazetteers
from armsledger.models import Document, Mention

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
"""The shared folder next to the repository (../shared); tests that read it skip without it."""


@pytest.fixture(scope="session")
def bundled() -> Gazetteers:
    return load_gazetteers()


@pytest.fixture(scope="session")
def find(bundled: Gazetteers) -> Callable[[str], list[Mention]]:
    def run(text: str) -> list[Mention]:
        return detect(Document(id="test", text=text), bundled)
    return run


@pytest.fixture(scope="session")
def found(find: Callable[[str], list[Mention]]) -> Callable[[str], list[tuple[str, str, str]]]:
    """Detect and return (kind, entity, text) triples, in order."""
    def run(text: str) -> list[tuple[str, str, str]]:
        return [(m.kind, m.entity, m.text) for m in find(text)]
    return run
