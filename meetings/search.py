"""Archive search: word forms in English and Russian, ranked, with the match shown.

A query is words and "quoted phrases"; a meeting is found when every one of them is in its
search document (``meetings.search_index``) in one language, in any of its forms
(«беженцы» finds «беженцев», "refugee" finds "refugees"). Results come by relevance: title
matches first, then summaries, then the agenda, concept note and the rest, then speakers.

PostgreSQL searches the stored ``tsvector`` of each language with its ``english`` and
``russian`` configurations (GIN indexes); SQLite searches the FTS5 table that holds the same
texts stemmed in Python by the same Snowball stemmers (``meetings.search_text``), so both
find the same meetings. Either way the number of queries does not depend on how many
meetings match (the archive ranks narrow rows, then reads one page's meetings whole), and
``search_transaction`` admits one search at a time into PostgreSQL and cuts off one that
runs, or waits, too long.
"""

import contextlib
import functools
import re
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.paginator import Paginator
from django.db import OperationalError, connection, transaction
from django.db.models import Case, Count, F, IntegerField, Q, RowRange, Value, When, Window
from django.db.models.expressions import RawSQL
from django.db.models.functions import Greatest
from django.db.models.lookups import IContains
from django.utils.html import escape
from django.utils.safestring import mark_safe

from meetings.models import MeetingSearchDocument
from meetings.search_index import FTS_TABLE
from meetings.search_text import CONFIGS, LANGUAGES, lexeme, words

MAX_TERMS = 8
# Words shown in an excerpt, and how many of them come before the first match.
EXCERPT_WORDS = 24
EXCERPT_LEAD = 8
# SQLite's bm25 weights of the FTS5 columns (titles, summaries, texts, names per language).
FTS_WEIGHTS = ", ".join(["10.0", "4.0", "2.0", "1.0"] * len(LANGUAGES))

# SQLite: how many virtual machine steps between two looks at the clock.
PROGRESS_STEPS = 1000

# "a phrase" (an unclosed quote runs to the end) or a run of other characters.
_CHUNK = re.compile(r'"([^"]*)"?|([^\s"]+)')


@dataclass
class Query:
    """A search as typed: its words and phrases, each a tuple of words."""

    terms: list = field(default_factory=list)
    # More words or phrases than MAX_TERMS were typed; the rest were left out.
    shortened: bool = False

    @classmethod
    def parse(cls, text):
        terms = []
        for match in _CHUNK.finditer(text or ""):
            phrase, word = match.groups()
            found = tuple(w for _start, _end, w in words(phrase if phrase is not None else word))
            # A hyphenated word outside quotes is its parts, each looked for on its own.
            for term in [found] if phrase is not None else [(w,) for w in found]:
                if term and term not in terms:
                    terms.append(term)
        return cls(terms=terms[:MAX_TERMS], shortened=len(terms) > MAX_TERMS)

    def terms_in(self, language):
        """``[(words, forms), ...]``: the terms with an indexed form in ``language``.

        A term of stop words only is left out, as PostgreSQL leaves it out of a query.
        """
        pairs = (
            (term, tuple(filter(None, (lexeme(w, language) for w in term)))) for term in self.terms
        )
        return [(term, forms) for term, forms in pairs if forms]

    def lexemes(self, language):
        return [forms for _term, forms in self.terms_in(language)]

    def searchable(self):
        return any(self.lexemes(language) for language in LANGUAGES)


def search_meetings(meetings, query):
    """``meetings`` that match ``query`` (a string or a ``Query``), best first."""
    if isinstance(query, str):
        query = Query.parse(query)
    if connection.vendor == "postgresql":
        return _search_postgresql(meetings, query)
    return _search_sqlite(meetings, query)


def _search_postgresql(meetings, query):
    matches, ranks = [], []
    for language in LANGUAGES:
        terms = [term for term, _forms in query.terms_in(language)]
        if not terms:
            continue
        search = None
        for term in terms:
            kind = "phrase" if len(term) > 1 else "plain"
            part = SearchQuery(" ".join(term), config=CONFIGS[language], search_type=kind)
            search = part if search is None else search & part
        matches.append(
            MeetingSearchDocument.objects.filter(**{f"vector_{language}": search}).values("pk")
        )
        # Ranked by titles (A) and summaries (B) only: a match elsewhere ranks 0 and falls
        # back on the date. Ranking on the whole vector read every match's whole agenda.
        ranks.append(SearchRank(F(f"search_document__rank_vector_{language}"), search))
    if not ranks:
        return meetings.none()
    rank = ranks[0] if len(ranks) == 1 else Greatest(*ranks)
    # Each language's matches found on their own: as one condition (vector_en @@ … OR
    # vector_ru @@ …), a phrase's candidates in one language were checked in the other as
    # well, reading both of their full vectors back from TOAST storage.
    return (
        meetings.filter(pk__in=matches[0].union(*matches[1:]))
        .annotate(search_rank=rank)
        .order_by("-search_rank", "-start_date", "kind")
    )


def _fts_expression(query, levels):
    """An FTS5 query: every term in the ``levels`` columns of one language or the other."""
    alternatives = []
    for language in LANGUAGES:
        terms = query.lexemes(language)
        if not terms:
            continue
        columns = " ".join(f"{level}_{language}" for level in levels)
        # Lexemes are letters and digits only; quoted, each term is a phrase of them.
        every = " AND ".join(f'"{" ".join(term)}"' for term in terms)
        alternatives.append(f"({{{columns}}} : ({every}))")
    return " OR ".join(alternatives)


def _search_sqlite(meetings, query):
    levels = [level for level, _weight in MeetingSearchDocument.LEVELS]
    expression = _fts_expression(query, levels)
    if not expression:
        return meetings.none()
    matching = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"  # noqa: S608
    rank = (
        f"SELECT bm25({FTS_TABLE}, {FTS_WEIGHTS}) FROM {FTS_TABLE} "  # noqa: S608
        f"WHERE {FTS_TABLE} MATCH %s AND rowid = meetings_meeting.id"
    )
    # bm25 weighs a word by its column but saturates: a word repeated across a long agenda
    # could outscore it in a title. A match in the titles alone ranks first outright.
    in_titles = _fts_expression(query, levels[:1])
    # The SQL is constant; the search arrives as a parameter.
    return (
        meetings.filter(pk__in=RawSQL(matching, [expression]))  # noqa: S611
        .annotate(
            search_in_title=Case(
                When(pk__in=RawSQL(matching, [in_titles]), then=Value(1)),  # noqa: S611
                default=Value(0),
                output_field=IntegerField(),
            ),
            search_rank=RawSQL(rank, [expression]),  # noqa: S611
        )
        .order_by("-search_in_title", "search_rank", "-start_date", "kind")
    )


def ranked_keys(meetings):
    """A search's matches as narrow rows, best first: ``(pk, how many meetings match)``.

    The count is a window over every match in the results' own order. Ordered so, the window
    is fed rows already ranked and sorted, a key and a rank each; a window without an order
    would hold every match with the rank vectors its rank is computed from afterwards (past
    ``work_mem``, on disk).
    """
    matches = Window(Count("*"), order_by=meetings.query.order_by, frame=RowRange())
    return meetings.annotate(search_matches=matches).values_list("pk", "search_matches")


class SearchPaginator(Paginator):
    """Pages of ``ranked_keys``: one query gives a page of results and how many there are.

    Ranking the matches is what a search costs, and ``Paginator`` would do it twice: once to
    count them, once for the page. Here the page's rows carry the count (``COUNT(*) OVER ()``),
    so the matches are found and ranked once. A page past the last has no row to carry it:
    the count is then asked for on its own and the page refused, as ``Paginator`` does.
    """

    def page(self, number):
        try:
            index = int(number)
        except (TypeError, ValueError):
            index = 0
        if index < 1:
            return super().page(number)
        bottom = (index - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page + self.orphans])
        if not rows and index > 1:
            return super().page(number)
        self.count = rows[0][1] if rows else 0
        number = self.validate_number(index)
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        return self._get_page([pk for pk, _matches in rows[: top - bottom]], number, self)


# --- one search at a time, cut off when it runs too long ------------------------------------

# The advisory lock that admits one search at a time into PostgreSQL (an arbitrary number,
# the same in every process of every app server).
SEARCH_SLOT = 19_019


class SearchTimeout(Exception):
    """The search ran past ``settings.SEARCH_TIME_LIMIT``."""


class SearchBusy(SearchTimeout):
    """Other searches held the database past ``settings.SEARCH_WAIT_LIMIT``: this one never ran."""


def _milliseconds(seconds):
    return str(max(1, int(seconds * 1000)))


@contextlib.contextmanager
def search_transaction(seconds=None, wait=None):
    """Run a search's work under a time limit; past it, ``SearchTimeout`` (``SearchBusy``).

    On PostgreSQL a search first waits for its turn: the database runs one search at a time
    for the whole site (an advisory lock, ``SEARCH_SLOT``, held until the transaction opened
    here ends), so a burst of searches queues instead of taking every CPU from the pages.
    With threaded workers (``gunicorn.conf.py``) a search in the queue holds a thread, not a
    worker. A search whose turn does not come within ``wait`` seconds
    (``settings.SEARCH_WAIT_LIMIT``) raises ``SearchBusy``; each query after that stops at
    ``seconds`` (``settings.SEARCH_TIME_LIMIT``), both through ``statement_timeout`` set
    locally. The search uses no parallel workers, so its turn takes one CPU at most.

    The search documents are also read through their GIN indexes even for a word most
    meetings hold. The planner does not count what reading a document's vector back from
    TOAST storage costs, so for such a word it would scan the table and unpack every vector:
    at 10,000 meetings 3-4 times as long as the index, which answers a plain query without
    opening the vectors at all.

    SQLite (a single machine, the development default) has no queue: a progress handler asks
    the clock every few thousand steps.
    """
    seconds = settings.SEARCH_TIME_LIMIT if seconds is None else seconds
    wait = settings.SEARCH_WAIT_LIMIT if wait is None else wait
    if connection.vendor == "postgresql":
        with transaction.atomic(), connection.cursor() as cursor:
            # SET LOCAL, in one statement; 0 would mean no limit at all.
            cursor.execute(
                "SELECT set_config('statement_timeout', %s, true), "
                "set_config('enable_seqscan', 'off', true), "
                "set_config('max_parallel_workers_per_gather', '0', true)",
                [_milliseconds(wait)],
            )
            turn_came = False
            try:
                # The wait is bounded by the limit set above; the queries that follow by the
                # one set here, once the turn has come.
                cursor.execute(
                    "SELECT pg_advisory_xact_lock(%s), set_config('statement_timeout', %s, true)",
                    [SEARCH_SLOT, _milliseconds(seconds)],
                )
                turn_came = True
                yield
            except OperationalError as error:
                # 57014: query_canceled, what a statement timeout raises.
                if getattr(error.__cause__, "pgcode", None) != "57014":
                    raise
                raise (SearchTimeout if turn_came else SearchBusy) from error
    elif connection.vendor == "sqlite":
        deadline = time.monotonic() + seconds
        connection.ensure_connection()
        database = connection.connection
        database.set_progress_handler(lambda: time.monotonic() > deadline, PROGRESS_STEPS)
        try:
            yield
        except OperationalError as error:
            if time.monotonic() > deadline:
                raise SearchTimeout from error
            raise
        finally:
            database.set_progress_handler(None, 0)
    else:
        yield


# --- excerpts -------------------------------------------------------------------------------


@dataclass
class Excerpt:
    """A few words of a result around its first match, the matches marked (safe HTML)."""

    html: str
    # The language of the excerpt's text.
    language: str


def excerpt(document, query, language):
    """The excerpt of ``document`` for ``query``: in ``language`` if it matches there.

    When the meeting matches only in the other language, the excerpt is in that language
    (the page says so). Every piece of text is escaped before the matches are wrapped in
    ``<mark>``: what editors write is data, never markup.
    """
    if document is None:
        return None
    found = {}
    for code in [language, *(c for c in LANGUAGES if c != language)]:
        found[code] = _matches(document, query, code)
        if found[code][0]:
            # Every term is present in this language: the first such language is shown.
            return Excerpt(html=found[code][1], language=code)
    # Else the first language where something is (a word PostgreSQL split otherwise).
    chosen = next((code for code, (_complete, html) in found.items() if html), None)
    return Excerpt(html=found[chosen][1], language=chosen) if chosen else None


def _matches(document, query, language):
    """``(every term present, excerpt html or "")`` for ``document`` in ``language``."""
    wanted = {form for term in query.lexemes(language) for form in term}
    if not wanted:
        return False, ""
    candidates = _candidates(frozenset(wanted))
    present, best = set(), None
    levels = [level for level, _weight in MeetingSearchDocument.LEVELS]
    # The title is on the card already: it is the excerpt only when nothing else matches.
    for rank, level in enumerate([*levels[1:], levels[0]]):
        for line in getattr(document, f"{level}_{language}").splitlines():
            hits = [
                (match.start(), form)
                for match in candidates.finditer(line)
                if (form := lexeme(match.group(), language)) in wanted
            ]
            if not hits:
                continue
            distinct = {form for _start, form in hits}
            present |= distinct
            score = (len(distinct), level != levels[0], -rank)
            if best is None or score > best[0]:
                best = (score, line, hits)
            if len(distinct) == len(wanted) and level != levels[0]:
                # No later line can do better: every wanted form, at the highest level.
                break
        else:
            continue
        break
    complete = all(all(form in present for form in term) for term in query.lexemes(language))
    if best is None:
        return complete, ""
    _score, line, hits = best
    tokens = words(line)
    starts = {start for start, _form in hits}
    marked = [index for index, (start, _end, _word) in enumerate(tokens) if start in starts]
    return complete, _marked(line, tokens, marked)


@functools.lru_cache(maxsize=256)
def _candidates(forms):
    """A pattern for the words that may be indexed under one of ``forms``: only they are stemmed.

    A stem is the start of its word but for its last letter ("city" → "citi", "agency" →
    "agenc"), bar a few English exceptions ("using" → "use"); «е» stands for «ё» too.
    """
    starts = {form[:-1] if len(form) > 3 else form for form in forms}
    alternatives = "|".join(
        re.escape(start.replace("ё", "е")).replace("е", "[её]")
        for start in sorted(starts, key=len, reverse=True)
    )
    # A word (a run of letters and digits, as ``words`` splits them) that begins so.
    return re.compile(rf"(?<![^\W_])(?:{alternatives})[^\W_]*", re.IGNORECASE)


def _marked(line, tokens, hits):
    start = max(0, hits[0] - EXCERPT_LEAD)
    end = min(len(tokens), start + EXCERPT_WORDS)
    hit = set(hits)
    pieces = ["… " if start else ""]
    position = tokens[start][0]
    for index in range(start, end):
        word_start, word_end, _word = tokens[index]
        pieces.append(escape(line[position:word_start]))
        text = escape(line[word_start:word_end])
        pieces.append(f"<mark>{text}</mark>" if index in hit else text)
        position = word_end
    pieces.append(" …" if end < len(tokens) else escape(line[position:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece of text is escaped above


# --- the documents page ---------------------------------------------------------------------
# The documents of the record are few (tens, not thousands): their page filters them by
# substring in either language rather than through the meetings' text index.

DOCUMENT_FIELDS = ("title", "summary", "body", "meeting__title")


def _casefold(value):
    return None if value is None else value.casefold()


class FoldedIContains(IContains):
    """``icontains`` that folds case for every alphabet, on SQLite as on PostgreSQL.

    PostgreSQL's ``UPPER`` folds Cyrillic under a UTF-8 locale; SQLite's ``LIKE`` folds ASCII
    only, so there both sides go through Python's ``str.casefold``.
    """

    def as_sqlite(self, compiler, connection):
        connection.ensure_connection()
        connection.connection.create_function("portal_casefold", 1, _casefold, deterministic=True)
        lhs_sql, lhs_params = self.process_lhs(compiler, connection)
        rhs_sql, rhs_params = self.process_rhs(compiler, connection)
        rhs_params = [_casefold(p) if isinstance(p, str) else p for p in rhs_params]
        return (
            f"portal_casefold({lhs_sql}) LIKE portal_casefold({rhs_sql}) ESCAPE '\\'",
            (*lhs_params, *rhs_params),
        )


def search_documents(documents, query):
    """``documents`` that contain every word of ``query``, in either language."""
    for word in query.split()[:MAX_TERMS]:
        condition = Q()
        for name in DOCUMENT_FIELDS:
            for language in LANGUAGES:
                condition |= FoldedIContains(F(f"{name}_{language}"), word)
        documents = documents.filter(condition)
    return documents
