"""Score the register on the corpus written for it: deal precision, figures right, conflicts real.

    .venv/bin/python scripts/register_figures.py                     # ingest tests/data/register, score
    .venv/bin/python scripts/register_figures.py --db ledger.db      # score a ledger already ingested
    .venv/bin/python scripts/register_figures.py --deals             # and print each deal's verdict

What is right is in tests/data/register/expected.json, one entry per order. A ledger deal is matched
to the expected order whose claims (article, event) it shares most; it is right when it holds exactly
that order's claims, names its parties and family, and shows its status (and, where the order is
disputed, says so). Figures: of the figures the ledger states for matched deals (quantity, value,
ordered_on, first_delivered_on, completed_on, status), the share equal to the order's; figures the
texts give that the ledger leaves blank are counted apart. Conflicts: of the (deal, figure) conflicts
flagged, the share the order lists as a true disagreement between independent outlets.

Run it with another checkout's interpreter to score that code on the same corpus (the before figures):
`/work/main/.venv/bin/python scripts/register_figures.py`.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from armsledger.ledger import Ledger
from armsledger.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "data" / "register"
FIGURES = ("quantity", "value", "ordered_on", "first_delivered_on", "completed_on", "status")


def _shown(deal: Any, field: str) -> str | None:  # Any: a Deal of whichever checkout runs this
    if field == "quantity":
        q = deal.quantity
        return None if q is None else f"{q.value} {q.unit}"
    if field == "value":
        v = deal.value
        return None if v is None else f"{v.currency} {int(v.amount)}"
    shown = getattr(deal, field)
    return None if shown is None else str(shown)


def _accepts(expected: Any, shown: str | None) -> bool:  # Any: a value or a list of values
    return shown in expected if isinstance(expected, list) else shown == expected


def score(ledger: Ledger, orders: list[dict[str, Any]]) -> dict[str, Any]:  # Any: JSON values
    """Return the figures and one verdict line per ledger deal."""
    wanted = [set(o["claims"]) for o in orders]
    lines: list[str] = []
    right_deals = stated = right_figures = missing = 0
    seen: Counter[int] = Counter()
    matched: dict[str, int] = {}
    deals = ledger.deals(sort="id")
    for deal in deals:
        held = {f"{e.article_id} {e.event}" for e in ledger.deal(deal.id).timeline}
        overlap = [len(held & w) for w in wanted]
        best = max(range(len(orders)), key=lambda n: overlap[n])
        if overlap[best] == 0:
            lines.append(f"{deal.id}: no such order ({sorted(held)})")
            continue
        order = orders[best]
        matched[deal.id] = best
        seen[best] += 1
        family = deal.system_family or deal.system
        problems = []
        if held != wanted[best]:
            problems.append(f"claims differ: extra {sorted(held - wanted[best])}, lacking {sorted(wanted[best] - held)}")
        if (deal.supplier, deal.recipient, family) != (order["supplier"], order["recipient"], order["family"]):
            problems.append(f"parties {deal.supplier}->{deal.recipient} {family}")
        if deal.status != order["status"] or bool(deal.is_disputed) != bool(order.get("is_disputed")):
            problems.append(f"status {deal.status}{' disputed' if deal.is_disputed else ''}, "
                            f"not {order['status']}{' disputed' if order.get('is_disputed') else ''}")
        for field in FIGURES:
            shown = _shown(deal, field)
            if shown is None:
                missing += field in order
                continue
            stated += 1
            if field in order and _accepts(order[field], shown):
                right_figures += 1
            elif field != "status":
                problems.append(f"{field} {shown}, not {order.get(field)}")
        if not problems:
            right_deals += 1
        lines.append(f"{deal.id} = {order['order']}: {'right' if not problems else '; '.join(problems)}")
    flagged = ledger.conflicts()
    real = sum(1 for c in flagged if c.deal_id in matched
               and c.figure in orders[matched[c.deal_id]].get("conflicts", []))
    for c in flagged:
        lines.append(f"conflict {c.deal_id} {c.figure} ({c.note}): "
                     f"{'real' if c.deal_id in matched and c.figure in orders[matched[c.deal_id]].get('conflicts', []) else 'not real'}")
    expected_conflicts = sum(len(o.get("conflicts", [])) for o in orders)
    return {
        "deals": len(deals), "orders": len(orders), "right_deals": right_deals,
        "orders_found": len(seen), "figures_stated": stated, "figures_right": right_figures,
        "figures_blank": missing, "conflicts": len(flagged), "conflicts_real": real,
        "conflicts_expected": expected_conflicts, "lines": lines,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--db", help="a ledger already ingested (default: ingest the corpus into a temporary one)")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--expected", type=Path, default=CORPUS / "expected.json")
    parser.add_argument("--deals", action="store_true", help="print each deal's verdict")
    args = parser.parse_args()
    orders = json.loads(args.expected.read_text(encoding="utf-8"))["deals"]
    with tempfile.TemporaryDirectory() as tmp:
        url = args.db or str(Path(tmp) / "register.db")
        with Ledger(url, settings=Settings()) as ledger:
            if not args.db:
                ledger.ingest(args.corpus)
            found = score(ledger, orders)
    if args.deals:
        print("\n".join(found["lines"]))

    def share(a: int, b: int) -> str:
        return f"{a}/{b} = {a / b:.2f}" if b else f"{a}/0"

    print(f"deal precision   {share(found['right_deals'], found['deals'])}"
          f"   (orders found {found['orders_found']} of {found['orders']})")
    print(f"figures right    {share(found['figures_right'], found['figures_stated'])}"
          f"   ({found['figures_blank']} figures the texts give left blank)")
    print(f"conflicts real   {share(found['conflicts_real'], found['conflicts'])}"
          f"   ({found['conflicts_expected']} true disagreements planted)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
