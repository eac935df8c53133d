"""Stage 2: clean(article) -> Document: furniture out, metadata in, sentence spans."""
from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from armsledger.clean import clean
from armsledger.errors import SourceError
from armsledger.models import Article, PartialDate
from tests.conftest import SHARED

ArticleFactory = Callable[..., Article]


def _removed_kinds(doc_removed: tuple[str, ...]) -> list[str]:
    return [entry.split(":", 1)[0] for entry in doc_removed]


def test_clean_removes_captions_credits_and_nav_but_keeps_the_dateline(article: ArticleFactory) -> None:
    doc = clean(article("agency_dateline"))
    assert "All news" not in doc.text
    assert "EXAMPLEWIRE" not in doc.text.split("OSLO")[0]  # captions and credits above the story are gone
    assert "Coastal radar station on a hill" not in doc.text
    assert "OSLO, April 9. /EXAMPLEWIRE/. Norway and Chile may sign" in doc.text
    assert _removed_kinds(doc.removed).count("photo") == 3


def test_clean_reads_a_dateline_as_day_and_month_without_year(article: ArticleFactory) -> None:
    doc = clean(article("agency_dateline"))
    assert doc.published == PartialDate("--04-09", "day", "dateline")
    assert doc.outlet == "EXAMPLEWIRE"
    assert doc.title == "Norway and Chile close to a deal on coastal radar stations"


def test_clean_keeps_the_dateline_inside_the_first_sentence(article: ArticleFactory) -> None:
    doc = clean(article("agency_dateline"))
    sentences = [doc.text[start:end] for start, end in doc.sentences]
    first = next(s for s in sentences if s.startswith("OSLO"))
    assert first.endswith("a ministry official said on Thursday.")


def test_clean_reads_the_updated_header_and_removes_prompts(article: ArticleFactory) -> None:
    doc = clean(article("updated_header"))
    assert doc.published == PartialDate("2020-02-04", "day", "header")
    assert doc.title == "Ministry Rejects Report on Frigate Handover"
    for furniture in ("Updated 9:05", "Your Homepage", "(Photo :", "Like Us on", "Real Time Analytics"):
        assert furniture not in doc.text
    assert doc.text.count("The ministry rejected a report") == 1
    assert {"header", "share", "photo", "junk"} <= set(_removed_kinds(doc.removed))


def test_clean_takes_author_and_date_from_a_byline(article: ArticleFactory) -> None:
    doc = clean(article("byline_letter"))
    assert doc.author == "Jane Roe"
    assert doc.published == PartialDate("2009-03-03", "day", "header")
    assert "Send a Letter" not in doc.text
    assert "By Jane Roe" not in doc.text


def test_clean_removes_ad_free_prompts_more_tags_origin_and_comments(article: ArticleFactory) -> None:
    doc = clean(article("ad_free_comments"))
    assert doc.title == "Harbour Tugs Sold Abroad: What It Means"
    for furniture in ("Go Ad-Free", "MORE:", "originally appeared", "commenting rules", "Add new comment"):
        assert furniture not in doc.text
    assert "The yard delivered two tugs to a foreign navy last spring." in doc.text
    assert "A third tug is expected next year." in doc.text


def test_clean_removes_a_repeated_headline_and_the_author_bio(article: ArticleFactory) -> None:
    doc = clean(article("author_bio"))
    assert doc.text.count("Parliament debates helicopter purchase") == 1
    assert "is a reporter" not in doc.text
    assert not doc.text.rstrip().endswith("Sam Lee")
    assert doc.text.endswith("The vote is expected next month.")
    assert {"duplicate", "author-bio", "trailing"} <= set(_removed_kinds(doc.removed))


def test_clean_separates_paragraphs_with_a_blank_line(article: ArticleFactory) -> None:
    doc = clean(article("author_bio"))
    assert doc.text.split("\n\n")[1] == "Members of parliament debated the purchase of twelve transport helicopters on Tuesday."


@pytest.mark.parametrize(("fields", "expected"), [
    ({"published": "2013-05-30"}, PartialDate("2013-05-30", "day", "published")),
    ({"published": "2013-05-30T08:00:00Z"}, PartialDate("2013-05-30", "day", "published")),
    ({"published": "2014-01"}, PartialDate("2014-01", "month", "published")),
    ({"published": "2008"}, PartialDate("2008", "year", "published")),
    ({"url": "http://example.com/2013/05/29/world/story.html"}, PartialDate("2013-05-29", "day", "url")),
    ({"url": "http://example.com/articles/2014/01/story"}, PartialDate("2014-01", "month", "url")),
    ({"url": "http://example.com/World/2013/0530/story"}, PartialDate("2013-05-30", "day", "url")),
    ({"url": "http://example.com/news/2015/mar/5/story/"}, PartialDate("2015-03-05", "day", "url")),
    ({"url": "http://example.com/2017/5/20/15626638/story"}, PartialDate("2017-05-20", "day", "url")),
    ({"published": "2011-02-03", "url": "http://example.com/2013/05/29/x"}, PartialDate("2011-02-03", "day", "published")),
])
def test_clean_reads_the_publication_date_at_its_precision(fields: dict[str, str], expected: PartialDate) -> None:
    doc = clean(Article(id="a", text="Headline here\n\nSomething happened on Monday.", **fields))
    assert doc.published == expected


def test_clean_prefers_the_url_date_over_a_dateline() -> None:
    text = "MOSCOW, March 16. /TASS/. A thing happened."
    doc = clean(Article(id="a", text=text, url="https://example.org/2020/03/16/thing"))
    assert doc.published == PartialDate("2020-03-16", "day", "url")


@pytest.mark.parametrize(("url", "outlet"), [
    ("https://www.bbc.com/news/world-1", "BBC"),
    ("https://edition.cnn.com/2013/05/29/world/x.html", "CNN"),
    ("https://idrw.org/some-story/", "IDRW"),
    ("https://www.unknown-paper.example/story", "unknown-paper"),
])
def test_clean_names_the_outlet_from_the_url_host(url: str, outlet: str) -> None:
    assert clean(Article(id="a", text="Something happened.", url=url)).outlet == outlet


def test_clean_reads_html_through_trafilatura(article: ArticleFactory) -> None:
    doc = clean(article("page"))
    assert doc.title == "Navy orders six patrol boats"
    assert doc.author == "Kim Park"
    assert doc.outlet == "Example Harbour News"
    assert doc.published == PartialDate("2021-06-14", "day", "html-meta")
    assert "The navy has ordered six patrol boats" in doc.text
    assert "Copyright" not in doc.text and "Business" not in doc.text


def test_clean_rejects_html_without_a_story() -> None:
    with pytest.raises(SourceError, match="no article text"):  # trafilatura finds only nav
        clean(Article(id="a", html="<html><body><nav><a href='/'>Home</a></nav></body></html>", origin="x.html"))


def test_clean_rejects_an_article_without_text() -> None:
    with pytest.raises(SourceError) as err:
        clean(Article(id="a", text="  \n", origin="corpus.jsonl:3"))
    assert err.value.origin == "corpus.jsonl:3"


def test_clean_repairs_entities_mojibake_and_odd_spaces() -> None:
    text = "Prices rose to Â£5bn\u00a0and the firm&#x27;s boss said &quot;fine&quot; \u2014 twice.\r\n"
    doc = clean(Article(id="a", text=text))
    assert doc.text == "Prices rose to £5bn and the firm's boss said \"fine\" \u2014 twice."


def test_clean_joins_hard_wrapped_lines_into_one_paragraph() -> None:
    lines = ["The ministry said the first two aircraft would arrive before the end of",
             "the year and that the remaining ten would follow over the next three",
             "years, subject to the approval of the budget by the parliament."]
    doc = clean(Article(id="a", text="\n".join(lines)))
    assert doc.text == " ".join(lines)
    assert len(doc.sentences) == 1


def test_clean_splits_a_headline_glued_to_an_agency_dateline() -> None:
    text = "(LEAD) Yard signs ship deal SEOUL, Dec. 30 (Wire) -- A yard signed a deal on Tuesday. (END)"
    doc = clean(Article(id="a", text=text))
    assert doc.text == "Yard signs ship deal\n\nSEOUL, Dec. 30 (Wire) -- A yard signed a deal on Tuesday."
    assert doc.outlet == "Wire"
    assert "inline: (LEAD)" in doc.removed


SEEDS = SHARED / "seeds"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not present")
class TestSeeds:
    def load(self, prefix: str) -> Article:
        path = next(SEEDS.glob(f"{prefix}_*.txt"))
        return Article(id=path.name, text=path.read_text(encoding="utf-8"), origin=str(path))

    def test_seed_000_title_and_furniture(self) -> None:
        doc = clean(self.load("000"))
        assert doc.title is not None and doc.title.startswith("Strategic Game Changer:")
        assert "Go Ad-Free" not in doc.text and "MORE:" not in doc.text and "Add new comment" not in doc.text

    def test_seed_002_dateline_and_agency(self) -> None:
        doc = clean(self.load("002"))
        assert doc.published == PartialDate("--03-16", "day", "dateline")
        assert doc.outlet == "TASS"
        assert "©" not in doc.text and not doc.text.startswith("All news")

    def test_seed_003_byline(self) -> None:
        doc = clean(self.load("003"))
        assert doc.published == PartialDate("2008-07-07", "day", "header")
        assert doc.author == "Sergei Blagov"

    def test_seed_004_header_and_photo(self) -> None:
        doc = clean(self.load("004"))
        assert doc.published == PartialDate("2020-01-29", "day", "header")
        assert "(Photo : YouTube)" not in doc.text and "Like Us on Facebook" not in doc.text


HOLDOUT = SHARED / "eval" / "holdout" / "docs.jsonl"


@pytest.mark.skipif(not HOLDOUT.is_file(), reason="../shared/eval/holdout is not present")
def test_holdout_articles_keep_their_story_and_lose_caption_lines() -> None:
    for line in HOLDOUT.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        doc = clean(Article(id=row["id"], text=row["text"], url=row.get("url"), title=row.get("title"),
                            published=row.get("published")))
        assert len(doc.text) > 0.8 * len(row["text"]) - 600, row["id"]
        for paragraph in doc.text.split("\n\n"):
            assert not paragraph.startswith(("Image copyright", "FILE PHOTO", "SOURCE:")), row["id"]


def test_a_piped_header_gives_the_date_and_the_outlet_and_a_photo_line_is_no_title() -> None:
    text = ("Photo: A tank on a rail wagon. Credit: Plains Herald archive\n\n"
            "Poland takes more tanks\n\n"
            "Plains Herald | WARSAW, 4 May 2023\n\n"
            "Poland received another batch of tanks on Thursday, the ministry said.")
    doc = clean(Article(id="t", text=text))
    assert doc.title == "Poland takes more tanks"
    assert doc.published is not None and (doc.published.value, doc.published.source) == ("2023-05-04", "header")
    assert doc.outlet == "Plains Herald"
