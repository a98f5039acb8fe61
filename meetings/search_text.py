"""Words as PostgreSQL's ``english`` and ``russian`` text search configurations see them.

The archive search runs on PostgreSQL's own text search where the site runs on PostgreSQL,
and on SQLite's FTS5 over words stemmed here otherwise. Both must find the same meetings for
the same words, so this module repeats what those two configurations do with a word, with
the same Snowball stemmers (PyStemmer) and the same stop-word lists (``stopwords/``, copied
from PostgreSQL 15's ``tsearch_data``; they are the Snowball project's lists):

- a word of Latin letters goes through the English stemmer in both configurations;
- any other word of letters goes through the Russian stemmer in ``russian`` and the English
  one (which leaves Cyrillic as it is) in ``english``;
- a word with a digit in it is kept as it is, lower-cased;
- stop words are dropped; hyphens, apostrophes and underscores separate words.

The same module finds the words to mark in a search result's excerpt.
"""

import functools
import re
from pathlib import Path

import Stemmer

LANGUAGES = ("en", "ru")
# PostgreSQL's configuration for each language of the record.
CONFIGS = {"en": "english", "ru": "russian"}

# Runs of letters and digits; everything else (underscore included) separates words.
WORD = re.compile(r"[^\W_]+")


@functools.cache
def _stemmer(name):
    return Stemmer.Stemmer(name)


@functools.cache
def _stop_words(name):
    path = Path(__file__).parent / "stopwords" / f"{name}.stop"
    return frozenset(line.strip() for line in path.read_text(encoding="utf-8").splitlines())


# A text's words repeat (and the record's texts share most of theirs): each word is stemmed
# once per process, not once per occurrence.
@functools.lru_cache(maxsize=100_000)
def lexeme(word, language):
    """The form ``word`` is indexed under in ``language``, or ``None`` for a stop word."""
    word = word.lower()
    if any(c.isdigit() for c in word):
        return word
    name = "english" if language == "en" or word.isascii() else "russian"
    if word in _stop_words(name):
        return None
    return _stemmer(name).stemWord(word)


def words(text):
    """The words of ``text`` with their places: ``[(start, end, word), ...]``."""
    return [(m.start(), m.end(), m.group()) for m in WORD.finditer(text)]


def lexemes(text, language):
    """The indexed forms of ``text``'s words, in order, stop words left out."""
    forms = (lexeme(word, language) for _start, _end, word in words(text))
    return [form for form in forms if form]
