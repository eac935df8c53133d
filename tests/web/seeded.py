"""The web tests' ledger: a small set of hand-written articles and hand-made claims.

The articles are our own short sentences about real deals (facts only), stored through the
store's API so the web reads exactly what an ingest would have written. One article is hostile:
its text and title carry script and event-handler payloads.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from armsledger.ledger import Ledger
from armsledger.models import Article, Claim, Document, Money, PartialDate, Quantity
from armsledger.pipeline import Result

XSS_TITLE = '<script>window.__pwned = "title"</script>Hostile headline'
XSS_SCRIPT = '<script>window.__pwned = "script"</script>'
XSS_IMG = '<img src=x onerror="window.__pwned = \'img\'">'
TOKEN = "test-token-5f1c"


@dataclass
class Sentence:
    """A sentence of a test article and the claims read from it (Claim fields other than doc, span)."""

    text: str
    claims: list[dict[str, object]] = field(default_factory=list)


@dataclass
class Story:
    id: str
    outlet: str
    published: str
    title: str
    sentences: list[Sentence]
    url: str | None = None


def _claim(event: str, supplier: str, recipient: str, system: str, **more: object) -> dict[str, object]:
    return {"event": event, "supplier": supplier, "recipient": recipient, "system": system,
            "system_family": system, **more}


def _day(value: str) -> PartialDate:
    return PartialDate(value, ("year", "month", "day")[value.count("-")], "test")


STORIES: list[Story] = [
    Story("wire-ru-cn-2015", "Test Wire", "2015-04-13", "Beijing buys the S-400", [
        Sentence("Moscow has agreed to sell the S-400 air defence system to Beijing, a defence source said."),
        Sentence("The contract covers at least six battalions and is worth more than $3 billion, the source added.",
                 [_claim("agreement", "RU", "CN", "S-400", date=_day("2014"),
                         quantity=Quantity(6, "battalion", "at least"),
                         value=Money(Decimal(3000000000), "USD", "more than"), source="a defence source")]),
    ]),
    Story("daily-ru-cn-2018", "Test Daily", "2018-07-24", "First S-400 regiment reaches China", [
        Sentence("China took delivery of its first S-400 regiment set in May 2018, officials said.",
                 [_claim("delivery", "RU", "CN", "S-400", date=_day("2018-05"),
                         quantity=Quantity(2, "regiment"), source="officials")]),
    ]),
    Story("journal-ru-cn-2019", "Test Journal", "2019-02-02", "China's S-400 order in numbers", [
        Sentence("Under its 2014 order China is buying two S-400 battalions, a ministry spokesman said.",
                 [_claim("agreement", "RU", "CN", "S-400", date=_day("2014"), quantity=Quantity(2, "battalion"),
                         source="a ministry spokesman")]),
    ]),
    Story("gazette-ru-cn-2020", "Test Gazette", "2020-01-20", "Moscow denies pause in S-400 shipments", [
        Sentence("Russian officials denied on Monday that S-400 deliveries to China had been halted.",
                 [_claim("delivery", "RU", "CN", "S-400", date=_day("2020-01-20"), denied=True,
                         source="Russian officials")]),
    ]),
    Story("wire-ru-tr-2017", "Test Wire", "2017-09-12", "Ankara signs for the S-400", [
        Sentence("Turkey signed a $2.5 billion contract for the S-400 in September 2017.",
                 [_claim("agreement", "RU", "TR", "S-400", date=_day("2017-09"),
                         value=Money(Decimal(2500000000), "USD"), quantity=Quantity(2, "battalion"))]),
        Sentence("The first batch arrived near Ankara on 12 July 2019, the ministry said.",
                 [_claim("delivery", "RU", "TR", "S-400", date=_day("2019-07-12"), source="the ministry")]),
    ], url="https://news.example/2017/09/12/ankara-s400"),
    Story("hostile-1", "Hostile Outlet", "2021-03-03", XSS_TITLE, [
        Sentence(f"Officials said {XSS_SCRIPT} Russia will deliver Su-35 jets to Egypt {XSS_IMG} next year.",
                 [_claim("delivery", "RU", "EG", "Su-35", planned=True, date=_day("2022"),
                         quantity=Quantity(24, "unit"), source=XSS_IMG)]),
        Sentence("A second paragraph with <b>bold</b> and <a href=\"javascript:alert(1)\">a link</a> stays text."),
    ], url="javascript:window.__pwned='url'"),
]


def build_ledger_db(path: Path | str) -> str:
    """Store STORIES in a new ledger (a SQLite path or a database URL) through the ledger's store API."""
    url = str(path)
    with Ledger(url) as ledger:
        ledger.store_results([_result(story) for story in STORIES])
    return url


def _result(story: Story) -> Result:
    text = "\n\n".join(s.text for s in story.sentences)
    found = []
    for sentence in story.sentences:
        start = text.index(sentence.text)
        for fields in sentence.claims:
            found.append(Claim(doc=story.id, evidence=sentence.text, span=(start, start + len(sentence.text)),
                               rule="test.v1", **fields))  # type: ignore[arg-type]  # fields name Claim's
    document = Document(id=story.id, text=text, title=story.title, outlet=story.outlet, url=story.url,
                        published=PartialDate(story.published, "day", "published"))
    article = Article(id=story.id, text=text, title=story.title, url=story.url, published=story.published,
                      outlet=story.outlet, origin=story.id)
    return Result(article, document, found, found)


def result_of(story: Story, *, doc_id: str, recipient: str) -> Result:
    """Return a new article retelling a story with another recipient, as a pipeline result."""
    retold = [Sentence(s.text + " Officials confirmed it again.", [{**c, "recipient": recipient} for c in s.claims])
              for s in story.sentences]
    return _result(Story(doc_id, story.outlet, story.published, story.title, retold))
