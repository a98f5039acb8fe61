"""Statements get what was said; documents become a file, a link or a text of their own.

The documents already stored are uploaded files of a meeting, visible with it: each keeps
its file and meeting, is published, lists its one language, and is dated to its meeting's
year (the record never said more about when a document was written).
"""

import datetime

import django.db.models.deletion
from django.db import migrations, models

import meetings.documents.uploads


def describe_existing_documents(apps, schema_editor):
    Document = apps.get_model("meetings", "MeetingDocument")
    for document in Document.objects.select_related("meeting"):
        document.languages = [document.language] if document.language else []
        document.date = datetime.date(document.meeting.start_date.year, 1, 1)
        document.date_precision = "year"
        document.status = "published"
        document.save(update_fields=["languages", "date", "date_precision", "status"])


def restore_language(apps, schema_editor):
    Document = apps.get_model("meetings", "MeetingDocument")
    for document in Document.objects.all():
        document.language = (document.languages or ["en"])[0]
        document.save(update_fields=["language"])


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0005_statements"),
    ]

    operations = [
        migrations.AddField(
            model_name="meetingdocument",
            name="body",
            field=models.TextField(
                blank=True,
                help_text=(
                    "The text held in the record, printed as an A4 PDF. Paragraphs and "
                    "lists; basic formatting (bold, italics, links) is kept."
                ),
                verbose_name="text",
            ),
        ),
        migrations.AddField(
            model_name="meetingdocument",
            name="body_en",
            field=models.TextField(
                blank=True,
                help_text=(
                    "The text held in the record, printed as an A4 PDF. Paragraphs and "
                    "lists; basic formatting (bold, italics, links) is kept."
                ),
                null=True,
                verbose_name="text",
            ),
        ),
        migrations.AddField(
            model_name="meetingdocument",
            name="body_ru",
            field=models.TextField(
                blank=True,
                help_text=(
                    "The text held in the record, printed as an A4 PDF. Paragraphs and "
                    "lists; basic formatting (bold, italics, links) is kept."
                ),
                null=True,
                verbose_name="text",
            ),
        ),
        migrations.AddField(
            model_name="meetingdocument",
            name="date",
            field=models.DateField(
                help_text=(
                    "Known only to the month or the year? Enter its first possible day and "
                    "set the precision."
                ),
                null=True,
                verbose_name="date",
            ),
        ),
        migrations.AddField(
            model_name="meetingdocument",
            name="date_precision",
            field=models.CharField(
                choices=[("day", "Day"), ("month", "Month"), ("year", "Year")],
                default="day",
                max_length=5,
                verbose_name="date precision",
            ),
        ),
        migrations.AddField(
            model_name="meetingdocument",
            name="languages",
            field=models.JSONField(
                blank=True,
                default=list,
                help_text="The languages the document exists in.",
                verbose_name="languages",
            ),
        ),
        migrations.AddField(
            model_name="meetingdocument",
            name="status",
            field=models.CharField(
                choices=[("draft", "Draft"), ("published", "Published")],
                default="draft",
                help_text=(
                    "A document of a draft meeting stays hidden until the meeting is published."
                ),
                max_length=10,
                verbose_name="publication status",
            ),
        ),
        migrations.AddField(
            model_name="meetingdocument",
            name="summary",
            field=models.TextField(
                blank=True,
                help_text="What the document is about, in the record's own words.",
                verbose_name="summary",
            ),
        ),
        migrations.AddField(
            model_name="meetingdocument",
            name="summary_en",
            field=models.TextField(
                blank=True,
                help_text="What the document is about, in the record's own words.",
                null=True,
                verbose_name="summary",
            ),
        ),
        migrations.AddField(
            model_name="meetingdocument",
            name="summary_ru",
            field=models.TextField(
                blank=True,
                help_text="What the document is about, in the record's own words.",
                null=True,
                verbose_name="summary",
            ),
        ),
        migrations.AddField(
            model_name="meetingdocument",
            name="updated_at",
            field=models.DateTimeField(auto_now=True, verbose_name="updated at"),
        ),
        migrations.AddField(
            model_name="meetingdocument",
            name="url",
            field=models.URLField(
                blank=True,
                help_text="The address of the document on an official site (https://…).",
                max_length=500,
                verbose_name="link to an official copy",
            ),
        ),
        migrations.AddField(
            model_name="statement",
            name="label",
            field=models.CharField(
                blank=True,
                help_text=(
                    "Who speaks when no name is known (“Representatives of Afghanistan”), "
                    "or the topic of the statement."
                ),
                max_length=300,
                verbose_name="description",
            ),
        ),
        migrations.AddField(
            model_name="statement",
            name="label_en",
            field=models.CharField(
                blank=True,
                help_text=(
                    "Who speaks when no name is known (“Representatives of Afghanistan”), "
                    "or the topic of the statement."
                ),
                max_length=300,
                null=True,
                verbose_name="description",
            ),
        ),
        migrations.AddField(
            model_name="statement",
            name="label_ru",
            field=models.CharField(
                blank=True,
                help_text=(
                    "Who speaks when no name is known (“Representatives of Afghanistan”), "
                    "or the topic of the statement."
                ),
                max_length=300,
                null=True,
                verbose_name="description",
            ),
        ),
        migrations.AddField(
            model_name="statement",
            name="summary",
            field=models.TextField(
                blank=True,
                help_text="What was said, in the record's own words, never a pasted text.",
                verbose_name="summary",
            ),
        ),
        migrations.AddField(
            model_name="statement",
            name="summary_en",
            field=models.TextField(
                blank=True,
                help_text="What was said, in the record's own words, never a pasted text.",
                null=True,
                verbose_name="summary",
            ),
        ),
        migrations.AddField(
            model_name="statement",
            name="summary_ru",
            field=models.TextField(
                blank=True,
                help_text="What was said, in the record's own words, never a pasted text.",
                null=True,
                verbose_name="summary",
            ),
        ),
        migrations.RunPython(describe_existing_documents, restore_language),
        migrations.RemoveField(
            model_name="meetingdocument",
            name="language",
        ),
        migrations.AlterField(
            model_name="meetingdocument",
            name="date",
            field=models.DateField(
                help_text=(
                    "Known only to the month or the year? Enter its first possible day and "
                    "set the precision."
                ),
                verbose_name="date",
            ),
        ),
        migrations.AlterField(
            model_name="meetingdocument",
            name="file",
            field=models.FileField(
                blank=True,
                upload_to=meetings.documents.uploads.GeneratedName("documents"),
                validators=[meetings.documents.uploads.validate_pdf],
                verbose_name="file",
            ),
        ),
        migrations.AlterField(
            model_name="meetingdocument",
            name="meeting",
            field=models.ForeignKey(
                blank=True,
                help_text="The meeting the document belongs to, if any.",
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="documents",
                to="meetings.meeting",
                verbose_name="meeting",
            ),
        ),
        migrations.AlterField(
            model_name="statement",
            name="kind",
            field=models.CharField(
                choices=[
                    ("opening", "Opening statement"),
                    ("statement", "Statement"),
                    ("presentation", "Presentation"),
                    ("closing", "Closing statement"),
                ],
                default="statement",
                max_length=12,
                verbose_name="kind",
            ),
        ),
        migrations.AlterField(
            model_name="statement",
            name="person",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="statements",
                to="meetings.person",
                verbose_name="person",
            ),
        ),
        migrations.AlterField(
            model_name="meetingdocument",
            name="kind",
            field=models.CharField(
                choices=[
                    ("declaration", "Declaration"),
                    ("concept_note", "Concept note"),
                    ("agenda", "Agenda"),
                    ("report", "Report"),
                    ("protocol", "Outcome protocol"),
                    ("presentation", "Presentation"),
                    ("other", "Other document"),
                ],
                max_length=12,
                verbose_name="kind",
            ),
        ),
        migrations.AddConstraint(
            model_name="meetingdocument",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        models.Q(("file", ""), _negated=True),
                        ("url", ""),
                        models.Q(("body_en__isnull", True), ("body_en", ""), _connector="OR"),
                    ),
                    models.Q(
                        ("file", ""),
                        models.Q(("url", ""), _negated=True),
                        models.Q(("body_en__isnull", True), ("body_en", ""), _connector="OR"),
                    ),
                    models.Q(
                        ("file", ""),
                        ("url", ""),
                        models.Q(
                            ("body_en__isnull", True),
                            ("body_en", ""),
                            _connector="OR",
                            _negated=True,
                        ),
                    ),
                    _connector="OR",
                ),
                name="meetings_document_file_link_or_text",
                violation_error_message=(
                    "A document is either a file, a link to an official copy or a text held "
                    "here: exactly one of them."
                ),
            ),
        ),
    ]
