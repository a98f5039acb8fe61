"""The archive search's index: one search document per meeting, kept current as it changes.

``SOURCES`` is the one list of what the search reads. A new text of the record (a statement's
summary, a document's text) is one more line there: the index, its refresh on every save and
``manage.py rebuild_search_index`` follow from it.

A save or deletion of any indexed row (through ``post_save``/``post_delete``, fixtures'
raw saves included) schedules its meeting; the meetings scheduled in a transaction are
indexed once, when it commits, so an editor's save of a meeting with twenty agenda items
refreshes its document once. ``bulk_create`` sends no signals: whoever uses it (the
synthetic record) calls ``refresh`` itself.
"""

import html
import logging
import re
import threading
from dataclasses import dataclass

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save
from django.utils.html import strip_tags

from meetings.models import (
    AgendaItem,
    ConceptNoteSection,
    Decision,
    Meeting,
    MeetingDocument,
    MeetingSearchDocument,
    MeetingStatus,
    OutcomeProtocol,
    Speaker,
    Statement,
)
from meetings.search_text import CONFIGS, LANGUAGES, lexemes

logger = logging.getLogger(__name__)

FTS_TABLE = "meetings_search_fts"


@dataclass(frozen=True)
class Source:
    """Translated ``fields`` of ``model`` (paths through foreign keys allowed) at ``level``."""

    model: type
    # The path from a row to its meeting's id ("pk" for the meeting itself).
    meeting: str
    fields: tuple
    # One of MeetingSearchDocument.LEVELS: titles (A), summaries (B), texts (C), names (D).
    level: str
    order_by: tuple = ("pk",)
    # Only these rows are read (a document of its own publication state: published ones).
    where: tuple = ()

    def related_links(self):
        """``(foreign key name, model)`` for each other model a field reaches (a person)."""
        links = set()
        for path in self.fields:
            if "__" in path:
                name = path.split("__", 1)[0]
                links.add((name, self.model._meta.get_field(name).related_model))
        return links


# What the archive search reads, and at which weight.
SOURCES = (
    Source(Meeting, "pk", ("title",), "titles"),
    Source(Meeting, "pk", ("summary",), "summaries"),
    Source(OutcomeProtocol, "meeting", ("summary",), "summaries"),
    Source(ConceptNoteSection, "meeting", ("heading", "body"), "texts", ("order", "pk")),
    Source(AgendaItem, "meeting", ("title", "description"), "texts", ("day", "start_time")),
    Source(Decision, "meeting", ("text",), "texts", ("order", "pk")),
    Source(
        MeetingDocument,
        "meeting",
        ("title", "summary", "body"),
        "texts",
        ("order", "pk"),
        where=(("status", MeetingStatus.PUBLISHED),),
    ),
    Source(Statement, "meeting", ("summary",), "texts", ("order", "pk")),
    Source(Meeting, "pk", ("venue", "city"), "names"),
    Source(
        Speaker,
        "agenda_item__meeting",
        ("person__name", "person__position", "person__organisation", "label"),
        "names",
        ("agenda_item__day", "agenda_item__start_time", "role", "order", "pk"),
    ),
    Source(
        Statement,
        "meeting",
        ("person__name", "person__position", "person__organisation", "label"),
        "names",
        ("order", "pk"),
    ),
)


# PostgreSQL: each language's stored vector, weighted by level (djangoproject.com's
# DOCUMENT_SEARCH_VECTOR, one per language).
def _vector(language, levels):
    vectors = [
        SearchVector(f"{level}_{language}", config=CONFIGS[language], weight=weight)
        for level, weight in levels
    ]
    return sum(vectors[1:], vectors[0])


VECTORS = {
    **{f"vector_{lang}": _vector(lang, MeetingSearchDocument.LEVELS) for lang in LANGUAGES},
    # Titles and summaries only: what results are ranked by.
    **{
        f"rank_vector_{lang}": _vector(lang, MeetingSearchDocument.LEVELS[:2]) for lang in LANGUAGES
    },
}

_SPACES = re.compile(r"\s+")


def plain_text(value):
    """A field's text as the search reads it: no tags or entities, on one line."""
    if not value:
        return ""
    return _SPACES.sub(" ", html.unescape(strip_tags(value))).strip()


def build_texts(meeting_ids):
    """``{meeting id: {column: text}}`` for the search documents of ``meeting_ids``."""
    parts = {pk: {column: [] for column in _text_columns()} for pk in meeting_ids}
    for source in SOURCES:
        key = "pk" if source.meeting == "pk" else source.meeting
        columns = [f"{f}_{lang}" for lang in LANGUAGES for f in source.fields]
        rows = (
            source.model.objects.filter(**{f"{key}__in": list(meeting_ids)}, **dict(source.where))
            .order_by(*source.order_by)
            .values_list(key, *columns)
        )
        per_language = len(source.fields)
        for pk, *values in rows:
            for index, language in enumerate(LANGUAGES):
                texts = [plain_text(v) for v in values[index * per_language :][:per_language]]
                line = " ".join(t for t in texts if t)
                if line:
                    parts[pk][f"{source.level}_{language}"].append(line)
    return {pk: {c: "\n".join(lines) for c, lines in cols.items()} for pk, cols in parts.items()}


def _text_columns():
    return [c for language in LANGUAGES for c in MeetingSearchDocument.text_columns(language)]


def refresh(meeting_ids):
    """Index ``meeting_ids`` as they are stored now (a meeting gone leaves the index)."""
    wanted = {pk for pk in meeting_ids if pk is not None}
    if not wanted:
        return
    existing = set(Meeting.objects.filter(pk__in=wanted).values_list("pk", flat=True))
    texts = build_texts(existing)
    with transaction.atomic():
        MeetingSearchDocument.objects.bulk_create(
            [MeetingSearchDocument(meeting_id=pk, **texts[pk]) for pk in sorted(existing)],
            update_conflicts=True,
            unique_fields=["meeting"],
            update_fields=_text_columns(),
        )
        if connection.vendor == "postgresql":
            MeetingSearchDocument.objects.filter(pk__in=existing).update(**VECTORS)
        elif connection.vendor == "sqlite":
            _write_fts(wanted, {pk: texts[pk] for pk in existing})


def _write_fts(meeting_ids, texts):
    columns = _text_columns()
    with connection.cursor() as cursor:
        cursor.executemany(
            f"DELETE FROM {FTS_TABLE} WHERE rowid = %s",  # noqa: S608 - a constant name
            [(pk,) for pk in meeting_ids],
        )
        cursor.executemany(
            f"INSERT INTO {FTS_TABLE} (rowid, {', '.join(columns)}) "  # noqa: S608
            f"VALUES (%s{', %s' * len(columns)})",
            [
                (pk, *(" ".join(lexemes(text[c], c[-2:])) for c in columns))
                for pk, text in texts.items()
            ],
        )


def rebuild(*, batch_size=500, progress=None):
    """Index every meeting again; returns how many were indexed."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE}")  # noqa: S608 - a constant name
    ids = list(Meeting.objects.order_by("pk").values_list("pk", flat=True))
    MeetingSearchDocument.objects.exclude(meeting__in=ids).delete()
    for start in range(0, len(ids), batch_size):
        refresh(ids[start : start + batch_size])
        if progress:
            progress(min(start + batch_size, len(ids)), len(ids))
    return len(ids)


# --- keeping the index current ------------------------------------------------------------

_pending = threading.local()


def schedule(meeting_ids):
    """Refresh ``meeting_ids`` once the current transaction commits (now, outside one)."""
    ids = getattr(_pending, "ids", None)
    if ids is None:
        ids = _pending.ids = set()
    waiting = bool(ids)
    ids.update(pk for pk in meeting_ids if pk is not None)
    callbacks = [
        callback for _savepoints, callback, _robust in transaction.get_connection().run_on_commit
    ]
    # Once per transaction (a rolled-back one leaves its meetings to the next).
    if not waiting or flush_pending not in callbacks:
        # Robust: an index that failed to refresh must not undo or fail the editor's save;
        # `rebuild_search_index` repairs it.
        transaction.on_commit(flush_pending, robust=True)


def flush_pending():
    """Index the meetings scheduled so far (what a commit does)."""
    ids, _pending.ids = getattr(_pending, "ids", set()), set()
    refresh(ids)


def _meetings_of(source, instance):
    if source.meeting == "pk":
        return {instance.pk}
    name, _, rest = source.meeting.partition("__")
    field = source.model._meta.get_field(name)
    value = getattr(instance, field.attname)
    if not rest:
        return {value}
    return set(field.related_model.objects.filter(pk=value).values_list(rest, flat=True))


def _changed(sender, instance, **kwargs):
    meeting_ids = set()
    for source in SOURCES:
        if source.model is sender:
            meeting_ids |= _meetings_of(source, instance)
        for name, model in source.related_links():
            if model is sender:
                key = "pk" if source.meeting == "pk" else source.meeting
                rows = source.model.objects.filter(**{name: instance.pk})
                meeting_ids |= set(rows.values_list(key, flat=True))
    if meeting_ids:
        schedule(meeting_ids)


def indexed_models():
    models = set()
    for source in SOURCES:
        models.add(source.model)
        models |= {model for _name, model in source.related_links()}
    return models


def connect_signals():
    for model in indexed_models():
        uid = f"search-index-{model._meta.label_lower}"
        post_save.connect(_changed, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(_changed, sender=model, dispatch_uid=uid + "-delete")
