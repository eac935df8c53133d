"""Loading the event and cue pattern files."""
from __future__ import annotations

import pytest

from armsledger.claims import triggers
from armsledger.errors import GazetteerError


def test_every_bundled_rule_and_cue_compiles() -> None:
    rules = triggers.load_rules()
    assert {r.event for r in rules.events} == {"interest", "negotiation", "agreement", "delivery", "completion",
                                               "cancellation"}
    assert {c.kind for c in rules.cues} >= {"hedge", "planned", "denied", "negation", "conditional", "demand"}


def test_a_broken_rule_names_its_file_and_id(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(triggers, "_rows", lambda name: [{"id": "agreement.bad", "version": 1, "event": "agreement",
                                                          "orientation": "neutral", "needs_object": False,
                                                          "pattern": "(unclosed"}])
    with pytest.raises(GazetteerError, match=r"events.jsonl rule 'agreement.bad'.*fix the rule"):
        triggers._load_events()


def test_every_event_rule_needs_one_of_the_cheap_stems() -> None:
    rules = triggers.load_rules()
    samples = {"agreement.sign": "signed a contract", "delivery.began": "deliveries began",
               "cancellation.cancel": "cancelled", "interest.offer": "offered"}
    for rule_id, text in samples.items():
        assert rules.cheap_event.search(text), rule_id
