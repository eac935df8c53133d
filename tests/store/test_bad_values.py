"""Values a column cannot hold: the article is reported and skipped, the rest of its batch is stored.

Run on SQLite and on PostgreSQL (which refuses what SQLite would store), so both engines agree.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from ledger_factories import claim, result

from armsledger.cli import main
from armsledger.errors import NotFound, SourceError
from armsledger.ledger import Ledger
from armsledger.pipeline import Result
from armsledger.settings import Settings

ORDER = "Chile ordered ten Leopard 2A4 tanks from Germany for $100 million."


def _good(doc_id: str) -> Result:
    return result(doc_id, f"{ORDER} Story {doc_id}, told its own way for this test.",
                  [claim("agreement", "DE", "CL", "Leopard 2", ORDER, quantity=(10, "unit"),
                         value=("100000000", "USD"))])


def _with_quantity(doc_id: str, count: int) -> Result:
    return result(doc_id, f"{ORDER} Story {doc_id}.", [claim("agreement", "DE", "CL", "Leopard 2", ORDER,
                                                           quantity=(count, "unit"))])


BAD = {
    "id-over-255": lambda: _good("x" * 256),
    "value-over-40": lambda: result("long-value", f"{ORDER} A value of 41 digits.", [
        claim("agreement", "DE", "CL", "Leopard 2", ORDER, value=("9" * 41, "USD"))]),
    "count-beyond-32-bits": lambda: _with_quantity("count-32", 2**31),
    "count-beyond-64-bits": lambda: _with_quantity("count-64", 10**20),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_value_skips_its_article_and_keeps_the_batch(db_url: str, case: str) -> None:
    errors: list[SourceError] = []
    bad = BAD[case]()
    with Ledger(db_url, settings=Settings()) as ledger:
        summary = ledger.store_results([_good("before"), bad, _good("after")], on_error=errors.append)
        assert len(errors) == 1 and errors[0].origin == bad.article.origin
        assert "cannot be stored" in errors[0].reason and errors[0].reason.endswith("skipped")
        assert summary.articles_read == 3 and summary.claims == 2
        assert {ledger.article("before").id, ledger.article("after").id} == {"before", "after"}
        with pytest.raises(NotFound):
            ledger.article(bad.article.id)


def test_nul_byte_is_stored_as_a_replacement_character_on_every_engine(db_url: str) -> None:
    text = f"{ORDER} Its\x00 wire copy carried a NUL."
    nul = result("nul", text, [claim("agreement", "DE", "CL", "Leopard 2", ORDER + "\x00")])
    with Ledger(db_url, settings=Settings()) as ledger:
        ledger.store_results([nul, _good("after")], on_error=pytest.fail)
        stored = ledger.article("nul")
        assert stored.text == text.replace("\x00", "\ufffd") and len(stored.text) == len(text)
        assert ledger.article("after").id == "after"


def test_ingest_cli_goes_on_past_each_bad_article(db_url: str, tmp_path: Path) -> None:
    story = "Chile ordered {n} Leopard 2A4 tanks from Germany for {v}, the army said."
    rows = [
        {"id": "nul", "text": story.format(n="ten", v="$100 million") + " Copy\u0000."},
        {"id": "L" * 300, "text": story.format(n="eight", v="$80 million")},
        {"id": "long-value", "text": story.format(n="six", v="$" + "9" * 45 + " billion")},
        {"id": "ok", "text": story.format(n="four", v="$40 million")},
    ]
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("".join(json.dumps(row) + "\n" for row in rows))
    out = CliRunner().invoke(main, ["ingest", str(corpus), "--db", db_url, "--batch-size", "10"])
    assert out.exit_code == 1
    errors = [line for line in out.stderr.splitlines() if line.startswith("error:")]
    # line 3's 46-digit billions are past value.MAX_AMOUNT: read as no value, so stored (the
    # store's own refusal of a long value is value-over-40 above)
    assert [line.split(": ")[1] for line in errors] == [f"{corpus}:2"]
    with Ledger(db_url, settings=Settings()) as ledger:
        assert ledger.article("ok").id == "ok" and "\ufffd" in ledger.article("nul").text
        assert ledger.article("long-value").id == "long-value"
