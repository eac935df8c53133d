"""Stage 2: clean(article) -> Document. PLACEHOLDER: being rebuilt by the reading work."""
from __future__ import annotations

import re

from armsledger.models import Article, Document, PartialDate

_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)", re.M)


def clean(article: Article) -> Document:
    """Return the article's body text and metadata."""
    text = article.text or ""
    spans = tuple((m.start(), m.end()) for m in _SENTENCE.finditer(text) if m.group().strip())
    published = PartialDate(article.published, "day", "published") if article.published else None
    return Document(id=article.id, text=text, title=article.title, url=article.url, published=published,
                    sentences=spans, origin=article.origin)
