"""Hand-made articles and claims for the ledger's tests (no extractor needed).

The articles are written for these tests; the facts (S-400 deals with Turkey and China) are public.
"""
from __future__ import annotations

from decimal import Decimal

from sqlalchemy import create_engine, exc, select, text

from armsledger.ledger import Ledger
from armsledger.models import Article, Claim, Document, Money, PartialDate, Quantity
from armsledger.pipeline import Result
from armsledger.settings import Settings
from armsledger.store.engine import database_url
from armsledger.store.tables import claims as claims_table
from armsledger.store.tables import deals as deals_table


def claim(event: str, supplier: str | None, recipient: str | None, system: str | None, evidence: str, *,
          quantity: tuple[int, str] | tuple[int, str, str] | None = None,
          value: tuple[str, str] | tuple[str, str, str] | None = None, date: str | None = None,
          denied: bool = False, planned: bool = False, source: str | None = None, doc: str = "") -> Claim:
    """Build a claim; quantity is (value, unit[, bound]), value is (amount, currency[, bound])."""
    return Claim(
        doc=doc, event=event, supplier=supplier, recipient=recipient, system=system, evidence=evidence,
        span=(0, len(evidence)), rule="test.v1", denied=denied, planned=planned,
        quantity=None if quantity is None else Quantity(quantity[0], quantity[1],
                                                        quantity[2] if len(quantity) > 2 else None),
        value=None if value is None else Money(Decimal(value[0]), value[1], value[2] if len(value) > 2 else None),
        date=None if date is None else PartialDate(date, ("year", "month", "day")[date.count("-")], "test"),
        source=source, system_family=system,
    )


def result(doc_id: str, text: str, claims: list[Claim], *, published: str | None = None,
           outlet: str | None = None, title: str | None = None) -> Result:
    """Build a pipeline result for an article, placing each claim's span on its evidence."""
    placed = []
    for c in claims:
        start = text.find(c.evidence)
        span = (start, start + len(c.evidence)) if start >= 0 else c.span
        placed.append(Claim(**{**{f: getattr(c, f) for f in c.__slots__}, "doc": doc_id, "span": span}))
    date = None if published is None else PartialDate(published, "day", "published")
    return Result(
        Article(id=doc_id, text=text, title=title, published=published, outlet=outlet, origin=doc_id),
        Document(id=doc_id, text=text, title=title, outlet=outlet, published=date, origin=doc_id),
        claims=placed, statements=placed,
    )


def ledger_content(url: str) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    """Return every stored claim and deal row of a ledger, by id: two ledgers built alike compare equal."""
    with Ledger(url, settings=Settings()) as ledger, ledger.store.read() as connection:
        stored_claims = [tuple(row) for row in connection.execute(select(claims_table).order_by(claims_table.c.id))]
        stored_deals = [tuple(row) for row in connection.execute(select(deals_table).order_by(deals_table.c.id))]
    return stored_claims, stored_deals


def stored_articles(url: str) -> int:
    """Return how many articles a ledger holds, 0 before its tables exist (a run just started)."""
    engine = create_engine(database_url(url))
    try:
        with engine.connect() as connection:
            return int(connection.execute(text("SELECT count(*) FROM articles")).scalar_one())
    except exc.SQLAlchemyError:
        return 0
    finally:
        engine.dispose()


TR_DELIVERY = "Russia began delivering S-400 air defence systems to Turkey on July 12, 2019."
TR_ORDER = "The two countries signed the $2.5 billion contract in September 2017 for one regiment set."
TR_SECOND = "Moscow and Ankara could soon sign a second contract for another regiment set of S-400 systems."
TR_ORDER_AGAIN = "Turkey bought two S-400 battalions under a 2017 agreement."
CN_ORDER = "Russia has signed a contract to supply at least six S-400 battalions to China, worth more than $3 billion."
CN_ORDER_AGAIN = "China ordered two regiment sets of S-400 systems from Russia."
CN_FIRST_SET = "The first set reached China in spring 2018."
CN_DENIAL = "Officials in Moscow denied that S-400 deliveries to China had started."


def s400_corpus() -> list[Result]:
    """Five short articles about the S-400 deals with Turkey and China, and one wire copy."""
    cn_text = f"{CN_ORDER} The deal makes China the first foreign buyer of the system, the paper said."
    return [
        result("wire-tr-2019", f"{TR_DELIVERY} {TR_ORDER} Washington has objected to the purchase.", [
            claim("delivery", "RU", "TR", "S-400", TR_DELIVERY, date="2019-07-12"),
            claim("agreement", "RU", "TR", "S-400", TR_ORDER, date="2017-09", value=("2500000000", "USD"),
                  quantity=(1, "regiment")),
        ], published="2019-07-12", outlet="Wire A"),
        result("daily-tr-2020", f"{TR_SECOND} {TR_ORDER_AGAIN} Talks continue on technology transfer.", [
            claim("negotiation", "RU", "TR", "S-400", TR_SECOND, quantity=(1, "regiment"), source="an official"),
            claim("agreement", "RU", "TR", "S-400", TR_ORDER_AGAIN, date="2017", quantity=(2, "battalion")),
        ], published="2020-03-16", outlet="Daily B"),
        result("paper-cn-2014", cn_text, [
            claim("agreement", "RU", "CN", "S-400", CN_ORDER, date="2014", quantity=(6, "battalion", "at least"),
                  value=("3000000000", "USD", "more than"), source="Paper C"),
        ], published="2014-11-26", outlet="Paper C"),
        result("copy-cn-2014", f"World news | {cn_text} Share this story.", [
            claim("agreement", "RU", "CN", "S-400", CN_ORDER, date="2014", quantity=(6, "battalion", "at least"),
                  value=("3000000000", "USD", "more than"), source="Paper C"),
        ], published="2014-11-27", outlet="Reprint D"),
        result("agency-cn-2020", f"{CN_ORDER_AGAIN} {CN_FIRST_SET} Deliveries were due to end this year.", [
            claim("agreement", "RU", "CN", "S-400", CN_ORDER_AGAIN, quantity=(2, "regiment")),
            claim("delivery", "RU", "CN", "S-400", CN_FIRST_SET, date="2018"),
        ], published="2020-03-16", outlet="Agency E"),
        result("portal-cn-2020", f"{CN_DENIAL} A spokeswoman said the contract was on schedule.", [
            claim("delivery", "RU", "CN", "S-400", CN_DENIAL, denied=True, date="2020-01",
                  source="a spokeswoman"),
        ], published="2020-01-29", outlet="Portal F"),
    ]
