"""Stage 2: clean(article) -> Document: the story's text without page furniture, its metadata and sentences.

- `cleaning.py`   `clean`: text normalised, HTML through trafilatura, paragraphs, furniture out
- `furniture.py`  the general rules that find the lines a page wraps around the story
- `metadata.py`   dates with their precision, the dateline, the outlet, the author, the title
- `sentences.py`  sentence spans, and the bound on how far one sentence is read

Pure: an Article in, a new Document out.
"""
from __future__ import annotations

from armsledger.clean.cleaning import clean
from armsledger.clean.metadata import DATELINE, split_url
from armsledger.clean.sentences import read_end

__all__ = ["DATELINE", "clean", "read_end", "split_url"]
"""`clean` is the stage; `read` and `web` check URLs with `split_url`, and `mentions` and `claims`
find a sentence's dateline (`DATELINE`) and where reading it stops (`read_end`)."""
