"""The committed migrations describe the models exactly."""

import io

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_model_change_is_missing_a_migration():
    out = io.StringIO()

    call_command("makemigrations", "--check", "--dry-run", stdout=out)

    assert out.getvalue().strip() == "No changes detected"


@pytest.mark.django_db(transaction=True)
def test_documents_stored_before_keep_their_file_meeting_and_language():
    """Migration 0006: an uploaded document of a meeting stays a published file of it."""
    import datetime

    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before = [("meetings", "0005_statements")]
    after = [("meetings", "0006_statement_summary_and_documents")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    meeting = old.get_model("meetings", "Meeting").objects.create(
        kind="som",
        title="8th SOM",
        title_en="8th SOM",
        slug="8th-som",
        start_date=datetime.date(2023, 10, 12),
        end_date=datetime.date(2023, 10, 12),
        status="published",
    )
    old.get_model("meetings", "MeetingDocument").objects.create(
        meeting=meeting,
        kind="report",
        title="Report",
        title_en="Report",
        language="ru",
        file="documents/report.pdf",
    )

    executor = MigrationExecutor(connection)
    executor.migrate(after)
    new = executor.loader.project_state(after).apps
    document = new.get_model("meetings", "MeetingDocument").objects.get()

    assert document.file.name == "documents/report.pdf"
    assert document.meeting_id == meeting.pk
    assert document.languages == ["ru"]
    assert (document.date, document.date_precision) == (datetime.date(2023, 1, 1), "year")
    assert document.status == "published"
    assert (document.url, document.body_en) == ("", None)

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
