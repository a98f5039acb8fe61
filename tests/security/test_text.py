"""The text rules every output shares (almaty_portal.text), tried on whatever an editor may type.

Hypothesis mixes hostile markup, formulae and control characters with any text; a fixed
seed keeps the examples the same from run to run.
"""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from almaty_portal.text import clean_html, is_html, plain_text, printable
from tests.security.hostile import CONTROL, FORMULAE, MARKUP, UNTERMINATED
from tests.security.readers import read_html

EXAMPLES = settings(max_examples=100, deadline=None, derandomize=True, database=None)

PIECES = st.sampled_from((*MARKUP, *FORMULAE, UNTERMINATED, CONTROL, "<p>", "</p>", "<b>"))
ANY_TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=30)
EDITOR_TEXT = st.lists(st.one_of(PIECES, ANY_TEXT), max_size=6).map(" ".join)
WORD = st.from_regex(r"[a-zA-Zа-яА-Я]{3,12}", fullmatch=True)


@EXAMPLES
@given(EDITOR_TEXT)
def test_sanitised_html_has_nothing_that_runs(value):
    assert read_html(clean_html(value)).problems == []


@EXAMPLES
@given(EDITOR_TEXT, WORD)
def test_a_word_before_any_markup_is_still_shown(value, word):
    reading = read_html(clean_html(f"{word} {value}"))
    assert reading.shown.startswith(word)
    assert plain_text(f"{word} {value}").startswith(word)


@EXAMPLES
@given(EDITOR_TEXT)
def test_printable_text_has_no_control_character(value):
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", printable(value))


def test_text_with_a_less_than_sign_but_no_html_is_shown_as_typed():
    assert not is_html("Results & next steps <draft>")
    assert clean_html("Results & next steps <draft>") == (
        "<p>Results &amp; next steps &lt;draft&gt;</p>"
    )
    assert plain_text("Results & next steps <draft>") == "Results & next steps <draft>"


def test_html_is_sanitised_and_its_text_kept_in_paragraphs():
    value = "<p>First <img src=x onerror=alert(1)>step.</p><ul><li>Second &amp; last</li></ul>"
    assert clean_html(value) == "<p>First step.</p><ul><li>Second &amp; last</li></ul>"
    assert plain_text(value) == "First step.\nSecond & last"


def test_printable_keeps_tabs_and_line_breaks_and_breaks_lines_at_vertical_tabs():
    assert printable("a\tb\r\nc\x0bd\x0ce\x01\x1b\x7f") == "a\tb\r\nc\nd\ne"
