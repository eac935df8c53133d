"""The claim grammar files: they load, every rule is well-formed, and a bad line is named."""
from __future__ import annotations

import json

import pytest

from armsledger.claims import grammar as g
from armsledger.errors import GazetteerError


def test_the_bundled_grammar_loads_with_unique_ids() -> None:
    loaded = g.load_grammar()
    ids = loaded.rule_ids()
    assert len(ids) == len(set(ids))
    assert loaded.predicate_for("sell", "VERB") is not None
    assert loaded.predicate_for("sale", "NOUN") is not None


def test_every_predicate_names_its_item_role() -> None:
    for p in g.load_grammar().predicates:
        assert any("item" in role for role in p.roles.values()), p.id


def test_a_switched_off_rule_is_gone_and_recorded() -> None:
    loaded = g.load_grammar()
    reduced = loaded.without(["transfer.seller"])
    assert reduced.predicate_for("sell", "VERB") is None
    assert "transfer.seller" in reduced.disabled
    assert loaded.predicate_for("sell", "VERB") is not None  # the original is untouched


def test_governors_and_modals_are_looked_up_by_lemma() -> None:
    loaded = g.load_grammar()
    assert any(f.event == "agreement" for f in loaded.governors_for("sign"))
    assert any(f.effect == "interest" for f in loaded.modals_for("hope"))
    assert loaded.cue_for("aux", "will") is not None
    assert loaded.cue_for("neg", "never") is not None


def test_a_bad_rule_line_names_the_file_and_line(monkeypatch: pytest.MonkeyPatch) -> None:
    good = json.dumps({"id": "x", "version": 1, "event": "delivery", "pos": ["VERB"], "lemmas": ["x"],
                       "roles": {"obj": "item"}})
    bad = json.dumps({"id": "y", "version": 1, "event": "teleport", "pos": ["VERB"], "lemmas": ["y"],
                      "roles": {"obj": "item"}})

    class Files:
        def joinpath(self, *parts: str) -> Files:
            return self

        def read_text(self, encoding: str) -> str:
            return good + "\n" + bad + "\n"

    monkeypatch.setattr(g.resources, "files", lambda package: Files())
    with pytest.raises(GazetteerError, match=r"predicates.jsonl line 2: invalid rule.*teleport"):
        g._build("predicates.jsonl", g._predicate)


def test_an_unknown_role_is_refused() -> None:
    with pytest.raises(ValueError, match="role 'thief'"):
        g._predicate({"id": "z", "version": 1, "event": "delivery", "pos": ["VERB"], "lemmas": ["z"],
                      "roles": {"obj": "thief"}})
