"""Search of the archive and of the documents: words anywhere in their texts, in both languages.

Matching ignores case for every alphabet. PostgreSQL's ``UPPER`` folds Cyrillic under a
UTF-8 locale, so ``icontains`` is enough there; SQLite's ``LIKE`` and ``LOWER`` fold ASCII
only, so on SQLite both sides go through Python's ``str.casefold`` instead.
"""

from django.db.models import Exists, F, OuterRef, Q
from django.db.models.lookups import IContains

from meetings.models import AgendaItem, ConceptNoteSection, Speaker, Statement

MAX_WORDS = 8

MEETING_FIELDS = ("title", "summary", "venue", "city")
SECTION_FIELDS = ("heading", "body")
AGENDA_FIELDS = ("title", "description")
SPEAKER_FIELDS = ("label", "person__name", "person__position", "person__organisation")
STATEMENT_FIELDS = ("summary", *SPEAKER_FIELDS)
DOCUMENT_FIELDS = ("title", "summary", "body", "meeting__title")
LANGUAGES = ("en", "ru")


def _casefold(value):
    return None if value is None else value.casefold()


class FoldedIContains(IContains):
    """``icontains`` that folds case for every alphabet, on SQLite as on PostgreSQL."""

    def as_sqlite(self, compiler, connection):
        connection.ensure_connection()
        # Registering is idempotent and cheap; doing it here keeps the lookup self-contained
        # on every connection, including those opened before this module was imported.
        connection.connection.create_function("portal_casefold", 1, _casefold, deterministic=True)
        lhs_sql, lhs_params = self.process_lhs(compiler, connection)
        rhs_sql, rhs_params = self.process_rhs(compiler, connection)
        rhs_params = [_casefold(p) if isinstance(p, str) else p for p in rhs_params]
        return (
            f"portal_casefold({lhs_sql}) LIKE portal_casefold({rhs_sql}) ESCAPE '\\'",
            (*lhs_params, *rhs_params),
        )


def _any_field(fields, word):
    condition = Q()
    for field in fields:
        for language in LANGUAGES:
            condition |= FoldedIContains(F(f"{field}_{language}"), word)
    return condition


def _words(query):
    return query.split()[:MAX_WORDS]


def search_meetings(meetings, query):
    """``meetings`` that contain every word of ``query`` somewhere, in either language."""
    for word in _words(query):
        sections = ConceptNoteSection.objects.filter(
            _any_field(SECTION_FIELDS, word), meeting=OuterRef("pk")
        )
        items = AgendaItem.objects.filter(_any_field(AGENDA_FIELDS, word), meeting=OuterRef("pk"))
        speakers = Speaker.objects.filter(
            _any_field(SPEAKER_FIELDS, word), agenda_item__meeting=OuterRef("pk")
        )
        statements = Statement.objects.filter(
            _any_field(STATEMENT_FIELDS, word), meeting=OuterRef("pk")
        )
        meetings = meetings.filter(
            _any_field(MEETING_FIELDS, word)
            | Exists(sections)
            | Exists(items)
            | Exists(speakers)
            | Exists(statements)
        )
    return meetings


def search_documents(documents, query):
    """``documents`` that contain every word of ``query``, in either language."""
    for word in _words(query):
        documents = documents.filter(_any_field(DOCUMENT_FIELDS, word))
    return documents
