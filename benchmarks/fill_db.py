"""Fill a ledger with generated articles and claims, for the web's load benchmark and tests at scale.

    python benchmarks/fill_db.py --db /tmp/bench.db --claims 100000

Everything goes through the ledger's own store API (`Ledger.store_results`): articles, claims,
syndication bands and reconciled deals are written exactly as an ingest writes them; only the
extractor is skipped. States and systems come from the bundled gazetteers; the sentences are
generated from a few templates, so the text is not any real article's.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from armsledger.ledger import Ledger
from armsledger.mentions import load_gazetteers
from armsledger.models import Article, Claim, Document, Money, PartialDate, Quantity
from armsledger.pipeline import Result

CLAIMS_PER_ARTICLE = 5
FIRST_YEAR, LAST_YEAR = 1995, 2025
SUPPLIERS_KEPT = 25
"""The states with the most catalogued systems act as suppliers, as arms exports are concentrated."""
OUTLETS = ("Wire One", "Daily Two", "Gazette Three", "Review Four", "Journal Five", "Post Six", "Monitor Seven")
SOURCES = (None, None, "officials", "a defence ministry spokesperson", "an industry source", "the state agency")


@dataclass(frozen=True, slots=True)
class _Order:
    supplier: str
    supplier_name: str
    recipient: str
    recipient_name: str
    system: str
    family: str
    year: int
    quantity: int
    unit: str
    amount: Decimal


def _orders(rng: random.Random) -> Iterator[_Order]:
    gazetteers = load_gazetteers()
    by_origin: dict[str, list[tuple[str, str, str]]] = {}
    for system in gazetteers.systems.values():
        if system.origin in gazetteers.states and not gazetteers.states[system.origin].historical:
            by_origin.setdefault(system.origin, []).append((system.designation, system.family, system.unit))
    suppliers = sorted(by_origin, key=lambda s: -len(by_origin[s]))[:SUPPLIERS_KEPT]
    weights = [len(by_origin[s]) for s in suppliers]
    recipients = [code for code, state in gazetteers.states.items() if not state.historical and len(code) == 2]
    while True:
        supplier = rng.choices(suppliers, weights)[0]
        recipient = rng.choice(recipients)
        if recipient == supplier:
            continue
        designation, family, unit = rng.choice(by_origin[supplier])
        yield _Order(supplier, gazetteers.states[supplier].name, recipient, gazetteers.states[recipient].name,
                     designation, family, rng.randint(FIRST_YEAR, LAST_YEAR), rng.randint(1, 48),
                     unit if unit in ("battalion", "battery", "regiment", "unit", "missile") else "unit",
                     Decimal(rng.randint(5, 4000)) * Decimal(1_000_000))


def _sentences(order: _Order, rng: random.Random) -> list[tuple[str, dict[str, object]]]:
    """Sentences about one order, each with the claim fields it carries."""
    date = PartialDate(f"{order.year}-{rng.randint(1, 12):02d}", "month", "generated")
    delivered = PartialDate(str(min(order.year + rng.randint(1, 4), LAST_YEAR)), "year", "generated")
    quantity = Quantity(order.quantity, order.unit)
    value = Money(order.amount, "USD")
    millions = int(order.amount / 1_000_000)
    items = [
        ((f"{order.supplier_name} signed a contract with {order.recipient_name} in {date.value} for "
          f"{order.quantity} {order.system} {order.unit}s worth ${millions} million."),
         {"event": "agreement", "date": date, "quantity": quantity, "value": value}),
        (f"Deliveries of the {order.system} to {order.recipient_name} began in {delivered.value}.",
         {"event": "delivery", "date": delivered}),
        (f"Talks on further {order.system} purchases by {order.recipient_name} are under way.",
         {"event": "negotiation", "planned": False}),
    ]
    if rng.random() < 0.15:  # some sources disagree on the number, as real ones do
        items.append((f"The order is for {order.quantity + rng.randint(3, 20)} {order.system} {order.unit}s.",
                      {"event": "agreement", "quantity": Quantity(order.quantity + rng.randint(3, 20), order.unit)}))
    if rng.random() < 0.05:
        items.append((f"Officials denied that any {order.system} had reached {order.recipient_name}.",
                      {"event": "delivery", "denied": True, "date": delivered}))
    return items


def results(claims: int, *, seed: int = 7) -> Iterator[Result]:
    """Generate pipeline results holding about `claims` claims in all, CLAIMS_PER_ARTICLE per article."""
    rng = random.Random(seed)
    orders = _orders(rng)
    pending: list[tuple[_Order, str, dict[str, object]]] = []
    made = 0
    article_no = 0
    while made < claims:
        while len(pending) < CLAIMS_PER_ARTICLE:
            order = next(orders)
            pending.extend((order, text, fields) for text, fields in _sentences(order, rng))
        chosen, pending = pending[:CLAIMS_PER_ARTICLE], pending[CLAIMS_PER_ARTICLE:]
        article_no += 1
        made += len(chosen)
        yield _result(article_no, chosen, rng)


def _result(number: int, chosen: list[tuple[_Order, str, dict[str, object]]], rng: random.Random) -> Result:
    doc_id = f"gen-{number:07d}"
    year = max(order.year for order, _, _ in chosen)
    published = f"{min(year + rng.randint(0, 3), LAST_YEAR)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    lines = [f"Report {number} on arms transfers, filed {published}."]
    found = []
    for order, text, fields in chosen:
        start = len("\n\n".join(lines)) + 2
        lines.append(text)
        found.append(Claim(
            doc=doc_id, supplier=order.supplier, recipient=order.recipient, system=order.system,
            system_family=order.family, evidence=text, span=(start, start + len(text)), rule="generated.v1",
            source=rng.choice(SOURCES), **fields,  # type: ignore[arg-type]  # fields name Claim's fields
        ))
    text = "\n\n".join(lines)
    outlet = rng.choice(OUTLETS)
    title = f"{chosen[0][0].system} deal for {chosen[0][0].recipient_name}"
    article = Article(id=doc_id, text=text, title=title, published=published, outlet=outlet, origin=doc_id)
    document = Document(id=doc_id, text=text, title=title, outlet=outlet,
                        published=PartialDate(published, "day", "published"), origin=doc_id)
    return Result(article, document, found, found)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="The ledger to create or extend (a SQLite path or URL).")
    parser.add_argument("--claims", type=int, default=100_000, help="How many claims to generate.")
    parser.add_argument("--seed", type=int, default=7, help="Random seed: the same seed writes the same data.")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    with Ledger(args.db) as ledger:
        summary = ledger.store_results(
            results(args.claims, seed=args.seed),
            progress=lambda n: print(f"\r{n} articles", end="", file=sys.stderr) if n % 500 == 0 else None,
        )
        deals = ledger.count_deals()
    print(f"\nstored {summary.articles_read} articles, {summary.claims} claims, {deals} deals "
          f"in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
