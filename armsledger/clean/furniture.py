"""Find the page furniture in a plain-text article: the lines a page wraps around the story.

Rules are general (they describe kinds of lines, never one site's lines) and each has a kind:

- `share`: share and follow prompts ("Like us on ...", "Make X your homepage", "Go ad-free",
  newsletter sign-ups)
- `comment`: "Add new comment", comment counts, commenting rules
- `photo`: photo credits and captions ("(Photo : X) ...", "© Name/AGENCY", "... Name/AGENCY",
  "Image copyright X Image caption ...", "(AP Photo/...)", a caption line repeated before its credit)
- `more`: "MORE: ...", "Read more", "Related: ..." tags
- `origin`: "This article originally appeared at ..."
- `editor-note`, `letter` ("Send a letter to the editor"), `copyright`, `video` (a video
  player's "JUST WATCHED ... Replay More Videos" line)
- `byline`: "By X | date", "By X, title", a name line over an outlet line at the top; `header`:
  "Updated 2:12 PM EST, Wed, Jan 29, 2020"; `source-line`: a "SOURCE: X / Y." prefix
- `credit`: "X contributed to this report", "Reporting by ...", "can be reached at ..."
- `author-bio`: "Name is a reporter covering ..." at the end
- `nav`: "All news", "Home", "Advertisement"; `junk`: "[pullquote]", digit strings, rules of
  dashes, "(END)"; `trailing`: short unpunctuated lines after the last sentence ("Real Time
  Analytics")
- `duplicate`: a paragraph that repeats an earlier one (a headline printed twice)
- `inline`: markers cut from inside a paragraph ("(ATTN: ...)", "(LEAD)", "Story highlights")
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from armsledger.clean.metadata import author_from_byline, parse_date


@dataclass(frozen=True, slots=True)
class Removal:
    """One piece of furniture cut from an article: its kind (see the module doc) and its text."""

    kind: str
    text: str


SHORT_LINE_CHARS = 160
"""Prompts, tags and nav lines are at most this long; a longer line is prose. Chosen by reading the
seeds, the holdout and the BBC set: their furniture lines are all under 120 characters."""
TRAILING_MAX_WORDS = 6
TRAILING_MAX_LINES = 2
"""One or two unpunctuated lines of at most 6 words after the last sentence are dropped; more are a
list. Chosen on the BBC set, where longer runs are football fixtures and vote counts."""
BIO_MAX_CHARS = 600

_SHORT_RULES: dict[str, str] = {
    "share": r"(?:like|follow|friend|find|join|connect with)\s+us\b.{0,60}"
             r"|make\s+.{1,40}?\s+your\s+(?:home\s?page|start\s?page)\b.*"
             r"|.{0,80}\bgo\s+ad[- ]free\b.{0,20}"
             r"|(?:sign\s+up|subscribe|register)\b.{0,80}\b(?:newsletters?|updates|alerts|e-?mails?|digest)\b.*"
             r"|manage\s+(?:newsletters|subscriptions|preferences)"
             r"|share\s+(?:this|on|via|the)\b.{0,60}|(?:click|tap)\s+here\b.{0,100}"
             r"|(?:download|get)\s+(?:our|the)\s+.{0,30}\bapp\b.*",
    "comment": r"(?:add|post|leave|write)\s+(?:a\s+|new\s+|your\s+)?(?:comment|reply)s?\b.{0,40}"
               r"|\d*\s*comments?|(?:view|show|hide|read)\s+(?:all\s+)?comments.{0,20}|comments?\s*\(\d+\)",
    "more": r"(?:more|read more|see also|related(?:\s+(?:stories|articles|coverage|news))?|also read|"
            r"read also|also see|recommended|tags?|topics?|filed under)\s*:.*|read more\b.{0,40}",
    "nav": r"(?:all|latest|top|more|related|breaking|other|main)?\s*(?:news|stories|headlines|articles|"
           r"videos|photos|posts)|home(?:page)?|menu|search|back to top|skip to (?:main )?content|"
           r"advertisement|sponsored(?: content)?|loading\W*|print|e-?mail|share|tweet|next|previous|close|"
           r"log ?in|sign ?in",
    "letter": r"(?:send|write|submit)\s+(?:us\s+)?a\s+letter\s+to\s+the\s+editor\b.*"
              r"|letters?\s+to\s+the\s+editor\b.{0,40}",
    "copyright": r"(?:copyright|©|\(c\))\s*.{0,200}|all rights reserved\W*",
    "photo": r"(?:[A-Z][\w'’.-]+\s){1,3}[A-Z][\w'’.-]+\s?/\s?[A-Z][\w-]*[A-Z]",
    "junk": r"real[- ]time analytics|web analytics|\[[\w -]{1,30}\]|\d{6,}|[?*•·]{2,}|_{2,}|[-=*~]{3,}"
            r"|\(?end\)?",
}
_START_RULES: dict[str, str] = {
    "photo": r"\((?:photo|image|picture|file photo)s?\s*:[^)]*\).*|(?:file photo|photo credit|photo|image|picture)\s*:.*"
             r"|(?:image|photo|picture)\s+(?:copyright|caption|credit)\b.*",
    "comment": r"(?:our |the )?comment(?:ing|s)?\s+(?:rules|policy|guidelines|section)\b.*",
    "origin": r"this (?:article|story|post|piece|report)\s+(?:was\s+)?(?:originally|first)\s+"
              r"(?:appeared|published|posted|ran)\b.*"
              r"|(?:originally|first) (?:published|appeared) (?:at|in|on|by)\b.*"
              r"|(?:republished|reprinted) (?:with permission )?from\b.*",
    "editor-note": r"editor(?:'s|’s|s'|s’|s)?\s+note\b.*",
    "video": r"(?:just watched|must watch|now playing)\b.*",
    "credit": r"contributing\s*:.{0,200}|\(?(?:additional )?(?:reporting|writing|editing) by\b.{0,300}"
              r"|\S+@\S+\.\w+(?:\s*\(END\))?",
}
"""Rules on how a paragraph of any length starts."""
_END_RULES: dict[str, str] = {
    "photo": r"\([^()]*\b(?:photo|photograph|image|picture)\b[^()]*\)|/via [A-Z][\w ]+"
             r"|\bcourtesy of [^.]{2,80}",
    "credit": r"\bcontributed (?:to )?(?:this|the) (?:report|story|article)\W*|\bcan be reached at\s.{0,80}",
}
"""Rules on how a caption or a credit line ends."""
CAPTION_MAX_CHARS = 500
"""Captions and credit lines are shorter than this; the longest in the holdout set is ~300."""
_END_WINDOW_CHARS = 200


def _compile(rules: dict[str, str], flags: int, suffix: str = "") -> re.Pattern[str]:
    return re.compile(
        "|".join(f"(?P<{kind.replace('-', '_')}>{rule}){suffix}" for kind, rule in rules.items()), flags)


_SHORT = _compile({k: v for k, v in _SHORT_RULES.items() if k != "photo"}, re.IGNORECASE)
_SHORT_CREDIT = re.compile(r"©\s*[^.]{1,80}/\s*\w+$|(?:^|\s)" + _SHORT_RULES["photo"] + "$")  # case matters
_START = _compile(_START_RULES, re.IGNORECASE)
_END = _compile(_END_RULES, re.IGNORECASE, suffix="$")
_HEADER = re.compile(r"(?:updated|published|posted|last (?:updated|modified)|first published)\b:?\s.{4,80}",
                     re.IGNORECASE)
_PIPED_HEADER = re.compile(r"[^|\n.!?]{2,60}(?:\s\|\s[^|\n!?]{2,60}){1,3}")
"""A page header of parts between bars ("Defence Weekly | NEW DELHI, 20 March 2024"); a header if it holds a date."""
_INLINE = re.compile(
    r"\((?:ATTN:[^)]*|LEAD|UPDATE(?: \d+)?|URGENT|CORRECTED|REFILE|EXCLUSIVE|\d?(?:ST|ND|RD|TH)? ?LD|END)\)"
)
_TRAILING_EMAIL = re.compile(r"(?<=[.!?\"”])\s*[\w.+-]+@[\w-]+(?:\.[\w-]+)+$")
_STORY_HIGHLIGHTS = "Story highlights "
_SOURCE_LINE = re.compile(
    r"SOURCE:\s*(?:[A-Z0-9][A-Z0-9 /&.,'’-]{0,80}|[A-Z][a-z]+)\.?\s+(?=[A-Z][a-z]|[“\"]|[A-Z]{2,5} [a-z])")
_NAME_LINE = re.compile(r"[A-Z][a-z'’.-]+(?: [A-Z][a-z'’.-]*){1,3}")
_OUTLET_LINE = re.compile(r"[A-Z0-9&.' -]{2,40}")
_BIO = re.compile(
    r"(?P<name>[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){1,3}) (?:is|has been) (?:a|an|the)\b[^.]{0,120}\b"
    r"(?:reporter|journalist|writer|editor|correspondent|columnist|analyst|author|contributor|specialist|"
    r"producer|blogger|freelancer|commentator)"
)
_SENTENCE_END = re.compile(r"""[.!?…]["'”’)\]]*$""")


def strip_furniture(paragraphs: list[str]) -> tuple[list[str], list[Removal]]:
    """Split an article's paragraphs into the story and the furniture around it.

    Args:
        paragraphs: the article's paragraphs, each stripped, in order.

    Returns:
        The paragraphs kept, in order, and the removals, in the order they were found.
    """
    removed: list[Removal] = []
    kept: list[str] = []
    seen: set[str] = set()
    for paragraph in paragraphs:
        paragraph = _cut_inline(paragraph, removed)
        if not paragraph:
            continue
        kind = _kind(paragraph)
        if kind is None:
            key = paragraph.casefold()
            if key in seen:
                kind = "duplicate"
            seen.add(key)
        if kind is None:
            kind = _caption_before_credit(paragraph, removed, kept)
        if kind is None:
            kept.append(paragraph)
        else:
            removed.append(Removal(kind, paragraph))
    _strip_head(kept, removed)
    _strip_tail(kept, removed)
    return kept, removed


def _kind(paragraph: str) -> str | None:
    if len(paragraph) <= SHORT_LINE_CHARS:
        if "/" in paragraph and _SHORT_CREDIT.search(paragraph):
            return "photo"
        match = _SHORT.fullmatch(paragraph)
        if match and match.lastgroup:
            return match.lastgroup.replace("_", "-")
        if paragraph.startswith("By") and not paragraph.endswith(".") and author_from_byline(paragraph):
            return "byline"
        if (_HEADER.fullmatch(paragraph) or _PIPED_HEADER.fullmatch(paragraph)) \
                and parse_date(paragraph, source="header"):
            return "header"
    match = _START.match(paragraph)
    if not match and len(paragraph) <= CAPTION_MAX_CHARS:
        tail_start = max(0, len(paragraph) - _END_WINDOW_CHARS)
        tail = paragraph[tail_start:].lower()
        if ")" in tail or "via " in tail or "courtesy" in tail or "contributed" in tail or "reached" in tail:
            match = _END.search(paragraph, tail_start)
    if match and match.lastgroup:
        return match.lastgroup.replace("_", "-")
    return None


def _cut_inline(paragraph: str, removed: list[Removal]) -> str:
    """Cut agency markers ("(LEAD)", "(ATTN: ...)", "(END)"), a label and a trailing e-mail address."""
    cut = paragraph
    if "(" in cut:
        cut = _INLINE.sub(lambda m: _record(removed, m.group(), " "), cut).strip()
    if cut.startswith(_STORY_HIGHLIGHTS):
        cut = _record(removed, _STORY_HIGHLIGHTS, "") + cut[len(_STORY_HIGHLIGHTS):]
    if cut.endswith("???"):
        stripped = cut.rstrip("?")
        _record(removed, cut[len(stripped):], "")
        cut = stripped if stripped.endswith((".", "!")) else stripped + "?"
    if "@" in cut[-_END_WINDOW_CHARS:]:
        cut = _TRAILING_EMAIL.sub(lambda m: _record(removed, m.group(), ""), cut)
    if cut is paragraph:
        return paragraph
    return " ".join(cut.split())


def _record(removed: list[Removal], text: str, replacement: str) -> str:
    removed.append(Removal("inline", text.strip()))
    return replacement


def _caption_before_credit(paragraph: str, removed: list[Removal], kept: list[str]) -> str | None:
    """A line that repeats the start of a caption just removed is that caption printed alone."""
    recent = removed[-2:]
    if any(r.kind == "photo" and r.text.startswith(paragraph) and r.text != paragraph for r in recent):
        return "photo"
    return None


def _strip_head(kept: list[str], removed: list[Removal]) -> None:
    """Cut a "SOURCE: ..." prefix and a name line over an outlet line ("Jane Roe" / "DAILY NEWS")."""
    if not kept:
        return
    source = _SOURCE_LINE.match(kept[0])
    if source:
        removed.append(Removal("source-line", source.group().strip()))
        kept[0] = kept[0][source.end():]
    if len(kept) > 2 and _NAME_LINE.fullmatch(kept[0]) and _OUTLET_LINE.fullmatch(kept[1]) \
            and kept[1].upper() == kept[1]:
        removed.append(Removal("byline", kept.pop(0)))
        removed.append(Removal("byline", kept.pop(0)))
    # the same pattern under a headline
    if len(kept) > 3 and _NAME_LINE.fullmatch(kept[1]) and _OUTLET_LINE.fullmatch(kept[2]) \
            and kept[2].upper() == kept[2]:
        removed.append(Removal("byline", kept.pop(1)))
        removed.append(Removal("byline", kept.pop(1)))


def _strip_tail(kept: list[str], removed: list[Removal]) -> None:
    """Cut an author bio, and one or two short unpunctuated lines, after the story's last sentence.

    A longer run of short lines at the end is a list or a table (results, names) and stays.
    """
    tail: list[Removal] = []
    if len(kept) > 1 and _BIO.match(kept[-1]) and len(kept[-1]) <= BIO_MAX_CHARS:
        tail.append(Removal("author-bio", kept.pop()))
    run = 0
    while run < len(kept) - 1 and _is_trailing_line(kept[-1 - run]):
        run += 1
    if run <= TRAILING_MAX_LINES:
        tail.extend(Removal("trailing", kept.pop()) for _ in range(run))
    removed.extend(reversed(tail))


def _is_trailing_line(paragraph: str) -> bool:
    return len(paragraph.split()) <= TRAILING_MAX_WORDS and not _SENTENCE_END.search(paragraph)
