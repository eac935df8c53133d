"""Page furniture rules: each kind of line they remove, and prose they must keep."""
from __future__ import annotations

import pytest

from armsledger.clean.furniture import Removal, strip_furniture


@pytest.mark.parametrize(("line", "kind"), [
    ("Like Us on Facebook", "share"),
    ("Follow us on social media", "share"),
    ("Make EX Your Homepage", "share"),
    ("Support The Example Daily - Go Ad-Free!", "share"),
    ("Sign up for Daily Newsletters Manage Newsletters", "share"),
    ("Add new comment", "comment"),
    ("12 comments", "comment"),
    ("Our commenting rules: be kind, or we will remove your comment and ban you from the site.", "comment"),
    ("(Photo : Wikimedia) A ship at sea during trials.", "photo"),
    ("© Anna Berg/EXAMPLEWIRE", "photo"),
    ("A ship at sea during trials Anna Berg/EXAMPLEWIRE", "photo"),
    ("Image copyright Wire Image caption A ship at sea", "photo"),
    ("The minister speaks in the capital, Monday, Nov. 13, 2019. (Wire Photo/Jo Doe)", "photo"),
    ("FILE PHOTO: A ship at sea during trials, May 2017.", "photo"),
    ("MORE: Shipbuilding", "more"),
    ("More:Yard wins a second order from abroad", "more"),
    ("Read more", "more"),
    ("This article originally appeared at Example Weekly", "origin"),
    ("Editor's note: This story was updated to correct the number of ships.", "editor-note"),
    ("Send a Letter to the Editor about this article.", "letter"),
    ("By Jane Roe | March 3, 2009 | 10:15 AM EDT", "byline"),
    ("Updated 2:12 PM EST, Wed, Jan 29, 2020", "header"),
    ("Jo Doe and the Example Wire contributed to this report.", "credit"),
    ("Contributing: Jo Doe", "credit"),
    ("The writer of this piece can be reached at jo@example.com", "credit"),
    ("Copyright © 2019 Example Times, LLC. Click here for reprint permission.", "copyright"),
    ("All news", "nav"),
    ("Advertisement", "nav"),
    ("[pullquote]", "junk"),
    ("190712081713100", "junk"),
    ("___", "junk"),
    ("JUST WATCHED Ships at sea Replay More Videos ... MUST WATCH Ships at sea 03:41", "video"),
])
def test_strip_furniture_removes_each_kind(line: str, kind: str) -> None:
    kept, removed = strip_furniture(["A headline", line, "The body of the story is a sentence.",
                                     "It ends here."])
    assert line not in kept
    assert Removal(kind, line) in removed


@pytest.mark.parametrize("line", [
    "By Friday, the army had taken the town and the port.",
    "More than 120 missiles were delivered last year.",
    "Follow-up orders are expected in 2024.",
    "The photo of the ship (taken in May) was widely shared, officials said on Monday.",
    "Comments by the minister angered the buyers.",
    "All news of the deal came from the ministry.",
    "The deal was signed in Moscow - a first for the two states.",
    "Acme is a key producer of radars and its chief analyst expects more orders.",
])
def test_strip_furniture_keeps_prose_that_resembles_furniture(line: str) -> None:
    kept, _ = strip_furniture(["A headline", line, "The story ends here."])
    assert line in kept


def test_strip_furniture_removes_a_caption_repeated_before_its_credit() -> None:
    lines = ["A headline", "Radar on a hill Anna Berg/EXAMPLEWIRE", "Radar on a hill", "© Anna Berg/EXAMPLEWIRE",
             "The story is told here."]
    kept, removed = strip_furniture(lines)
    assert kept == ["A headline", "The story is told here."]
    assert [r.kind for r in removed] == ["photo", "photo", "photo"]


def test_strip_furniture_removes_a_name_and_outlet_byline_at_the_top() -> None:
    kept, removed = strip_furniture(["Jo Doe", "EXAMPLE TODAY", "WASHINGTON - Three states halted sales.",
                                     "They said so on Monday."])
    assert kept == ["WASHINGTON - Three states halted sales.", "They said so on Monday."]
    assert Removal("byline", "Jo Doe") in removed


def test_strip_furniture_cuts_agency_markers_and_a_source_prefix() -> None:
    kept, removed = strip_furniture([
        "SOURCE: JO DOE / EXAMPLE WIRE. The navy received two ships (ATTN: ADDS details) on Friday. jo@example.com(END)",
        "The yard said so."])
    assert kept[0] == "The navy received two ships on Friday."
    assert Removal("source-line", "SOURCE: JO DOE / EXAMPLE WIRE.") in removed
    assert Removal("inline", "(ATTN: ADDS details)") in removed


def test_strip_furniture_drops_short_unpunctuated_lines_after_the_story() -> None:
    kept, removed = strip_furniture(["A headline", "The story ends here.", "Real Time Analytics", "Tracker Widget"])
    assert kept == ["A headline", "The story ends here."]
    assert [r.kind for r in removed] == ["junk", "trailing"]


def test_strip_furniture_keeps_a_list_at_the_end() -> None:
    lines = ["A headline", "The results were as follows:", "North 8,200", "South 7,900", "East 6,100"]
    kept, _ = strip_furniture(lines)
    assert kept == lines
