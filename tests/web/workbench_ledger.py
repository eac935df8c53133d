"""A second small ledger for the workbench tests: names analysts type, a denial, plans, currencies.

Our own sentences about real kinds of deal (facts only). Kept apart from seeded.py so the counts
the page tests pin there do not move.
"""
from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

from sqlalchemy import create_engine, text

from armsledger.ledger import Ledger
from armsledger.models import Money, Quantity
from armsledger.store.engine import database_url
from tests.web.seeded import Sentence, Story, _claim, _day, _result

STORIES: list[Story] = [
    Story("bench-ru-in-2018", "Bench Wire", "2018-10-06", "Delhi signs for Russian air defence", [
        Sentence("India signed a contract for five S-400 Triumf regiments worth $5.4 billion on Friday.",
                 [_claim("agreement", "RU", "IN", "S-400", date=_day("2018-10-05"),
                         quantity=Quantity(5, "regiment"), value=Money(Decimal(5400000000), "USD"))]),
    ]),
    Story("bench-ru-in-2021", "Bench Daily", "2021-12-14", "First regiment arrives in Punjab", [
        Sentence("The first S-400 regiment has reached India, two officials said.",
                 [_claim("delivery", "RU", "IN", "S-400", date=_day("2021-12"))]),
    ]),
    Story("bench-kr-no-2017", "Bench Daily", "2017-12-21", "Oslo picks Korean guns", [
        Sentence("Norway ordered 24 K9 self-propelled howitzers from Hanwha for about 2.2 billion kroner.",
                 [_claim("agreement", "KR", "NO", "K9", date=_day("2017-12"), quantity=Quantity(24, "unit"),
                         value=Money(Decimal(2200000000), "NOK"))]),
    ]),
    Story("bench-us-pl-2022", "Bench Post", "2022-04-06", "Warsaw to buy American tanks", [
        Sentence("Poland will buy 250 M1A2 SEPv3 Abrams tanks for $4.75 billion, the defence minister said.",
                 [{**_claim("agreement", "US", "PL", "M1 Abrams", date=_day("2022-04"),
                            quantity=Quantity(250, "unit"), value=Money(Decimal(4750000000), "USD")),
                   "system_family": "M-1"}]),
        Sentence("Deliveries are due to begin in 2025.",
                 [{**_claim("delivery", "US", "PL", "M1 Abrams", date=_day("2025"), planned=True),
                   "system_family": "M-1"}]),
    ]),
    Story("bench-ru-am-2019", "Bench Caucasus", "2019-05-30", "Yerevan takes delivery of fighters", [
        Sentence("Armenia received four Su-30SM fighters from Russia this week.",
                 [_claim("delivery", "RU", "AM", "Su-30", date=_day("2019-05"), quantity=Quantity(4, "unit"))]),
        Sentence("Officials in Yerevan said the aircraft would guard the capital's airspace.", []),
    ]),
    Story("bench-ru-am-2020", "Bench Herald", "2020-10-02", "Ministry rejects report of missile sale", [
        Sentence("The ministry denied that any Iskander missiles had been delivered to Armenia.",
                 [_claim("delivery", "RU", "AM", "Iskander", date=_day("2020-10"), denied=True)]),
    ]),
    Story("bench-us-baltic-2023", "Bench Gazette", "2023-03-01", "Two orders in one line", [
        Sentence("Latvia and Lithuania each ordered HIMARS launchers this spring.",
                 [_claim("agreement", "US", "LV", "HIMARS", date=_day("2023")),
                  _claim("agreement", "US", "LT", "HIMARS", date=_day("2023"))]),
    ]),
]
"""Deals: RU-IN S-400 (two outlets), KR-NO K9 (NOK), US-PL M-1 (planned delivery), RU-AM Su-30,
RU-AM Iskander (denied), US-LV and US-LT HIMARS (one sentence)."""


def build(url: str) -> str:
    """Store STORIES in a new ledger at url; return it."""
    with Ledger(url) as ledger:
        ledger.store_results([_result(story) for story in STORIES])
    return url


@contextmanager
def ledger_at(backend: str, folder: Path, server: str | None = None) -> Iterator[str]:
    """Yield the URL of a fresh workbench ledger on a backend (`sqlite`, or `postgres` at server)."""
    if backend == "sqlite":
        yield build(str(folder / "workbench.db"))
        return
    assert server is not None
    name = f"armsledger_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(database_url(server), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name}"))
    try:
        yield build(server.rsplit("/", 1)[0] + "/" + name)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()
