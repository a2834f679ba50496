"""What is typed into the search box never breaks the full-text syntax, and matches are marked safely."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given
from hypothesis import strategies as st

from remit.search.query import Query
from remit.search.query import highlight
from remit.search.query import parse
from remit.search.query import snippet
from remit.search.query import stem
from remit.search.query import to_fts5
from remit.search.query import to_tsquery

FTS5 = sqlite3.connect(":memory:")
FTS5.execute(
    "CREATE VIRTUAL TABLE docs USING fts5(title, body, tokenize='porter unicode61 remove_diacritics 2')"
)
FTS5.execute(
    "INSERT INTO docs VALUES ('Knife crime', 'Youth violence reduction in Northton and Southby')"
)

typed = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=120,
)
syntax = st.lists(
    st.sampled_from(
        ['"', "-", "*", "(", ")", "AND", "OR", "NOT", "NEAR", ":", "^", "'", "knife", " "]
    ),
    max_size=20,
).map("".join)


@given(st.one_of(typed, syntax))
def test_anything_typed_makes_a_valid_fts5_query(text: str) -> None:
    query = parse(text)
    if query.empty:
        with pytest.raises(ValueError, match="empty"):
            to_fts5(query)
        return
    FTS5.execute("SELECT rowid FROM docs WHERE docs MATCH ?", [to_fts5(query)]).fetchall()


@given(st.one_of(typed, syntax))
def test_the_postgresql_query_takes_every_word_as_a_parameter(text: str) -> None:
    query = parse(text)
    if query.empty:
        return
    sql, params = to_tsquery(query)
    assert sql.count("%s") == len(params)
    assert all(isinstance(p, str) and p for p in params)
    # Nothing typed reaches the SQL itself: only the placeholders and fixed functions do.
    assert set(sql.replace("plainto_tsquery", "").replace("phraseto_tsquery", "")) <= set(
        "('english', %s)&!"
    )


@given(typed)
def test_highlighted_text_is_escaped_before_it_is_marked(text: str) -> None:
    html = highlight(text, parse(text))
    assert "<" not in html.replace("<mark>", "").replace("</mark>", "")
    assert html.count("<mark>") == html.count("</mark>")


def test_words_phrases_and_exclusions() -> None:
    query = parse('knife "youth violence" -southby crime')
    assert query.words == ("knife", "crime")
    assert query.phrases == (("youth", "violence"),)
    assert query.excluded == ("southby",)
    assert to_fts5(query) == '("knife" AND "crime" AND "youth violence") NOT "southby"'


def test_fts5_operators_typed_are_only_words() -> None:
    query = parse("knife OR NEAR(crime) title:violence")
    rows = FTS5.execute("SELECT rowid FROM docs WHERE docs MATCH ?", [to_fts5(query)]).fetchall()
    assert rows == []
    assert query.words == ("knife", "or")
    assert query.phrases == (("near", "crime"), ("title", "violence"))


def test_a_phrase_is_found_and_an_excluded_word_excludes() -> None:
    def hits(text: str) -> int:
        expression = to_fts5(parse(text))
        return len(FTS5.execute("SELECT 1 FROM docs WHERE docs MATCH ?", [expression]).fetchall())

    assert hits('"violence reduction"') == 1
    assert hits('"reduction violence"') == 0
    assert hits("knife -southby") == 0
    assert hits("reductions") == 1


def test_nothing_to_look_for_is_empty() -> None:
    assert parse("  -knife !!! ").empty
    assert parse("").empty
    assert Query().empty


def test_matches_are_marked_in_the_escaped_text() -> None:
    html = highlight("<b>Meetings</b> & meeting", parse("meeting"))
    assert html == "&lt;b&gt;<mark>Meetings</mark>&lt;/b&gt; &amp; <mark>meeting</mark>"


def test_a_snippet_starts_near_the_first_match() -> None:
    text = " ".join(f"word{i}" for i in range(200)) + " violence " + "tail " * 50
    html = snippet(text, parse("violence"), words=20)
    assert html.startswith("… ")
    assert "<mark>violence</mark>" in html
    assert html.endswith(" …")


def test_stems_agree_for_plurals_and_endings() -> None:
    assert stem("meetings") == stem("meeting") == "meet"
    assert stem("councils") == stem("council")
    assert stem("bodies") == "body"
