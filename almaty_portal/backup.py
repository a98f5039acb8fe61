"""Back up the whole record, and restore it into an empty database.

A backup is a folder, or the same folder as a ``.tar.gz`` archive, holding:

- ``record.json``: ``dumpdata`` of the content (members, chairmanship, meetings, in both
  languages), the accounts and groups of the secretariat and the admin's edit history, with
  natural keys for users, groups, permissions and content types (so it loads into any freshly
  migrated database, where those get other primary keys);
- ``media/<name>``: every uploaded file a record points to (protocol scans, meeting
  documents), read and written through Django's storage API, so any storage backend works;
- ``manifest.json``: the format, when it was made, how many rows and files it holds.

Rendered PDFs are not backed up: they are printed again on their first request.
"""

import json
import shutil
import tarfile
import tempfile
from pathlib import Path

from django.core import management
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import FileField
from django.utils import timezone

from almaty_portal.page_cache import record_changed
from almaty_portal.record import record_models

FORMAT = 1
# Groups before users (users name their groups), content before the history that names it.
MODELS = [
    "auth.group",
    "auth.user",
    "members",
    "chairmanship",
    "meetings",
    "admin.logentry",
]
# Derived from the rest and rebuilt from it as the rows load (meetings.search_index).
EXCLUDED = ["meetings.meetingsearchdocument"]


class BackupError(Exception):
    pass


def _is_archive(path):
    return str(path).endswith((".tar.gz", ".tgz"))


def _uploaded_files():
    """The names of every stored file a content row points to."""
    names = set()
    for model in record_models():
        fields = [f.name for f in model._meta.get_fields() if isinstance(f, FileField)]
        for field in fields:
            values = model._base_manager.exclude(**{field: ""}).values_list(field, flat=True)
            names.update(name for name in values if name)
    return sorted(names)


def export_record(path):
    """Write a backup to ``path`` (a folder, or an archive if it ends in .tar.gz)."""
    path = Path(path)
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "backup" if _is_archive(path) else path
        folder.mkdir(parents=True, exist_ok=True)
        # One transaction, so the rows and the list of files agree.
        with transaction.atomic():
            management.call_command(
                "dumpdata",
                *MODELS,
                exclude=EXCLUDED,
                natural_foreign=True,
                natural_primary=True,
                output=str(folder / "record.json"),
                verbosity=0,
            )
            files = _uploaded_files()
        missing = []
        for name in files:
            if not default_storage.exists(name):
                missing.append(name)
                continue
            target = folder / "media" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            with default_storage.open(name, "rb") as source, target.open("wb") as out:
                shutil.copyfileobj(source, out)
        rows = json.loads((folder / "record.json").read_text())
        manifest = {
            "format": FORMAT,
            "created": timezone.now().isoformat(),
            "rows": len(rows),
            "files": [name for name in files if name not in missing],
            "missing_files": missing,
        }
        (folder / "manifest.json").write_text(json.dumps(manifest, indent=2))
        if _is_archive(path):
            path.parent.mkdir(parents=True, exist_ok=True)
            with tarfile.open(path, "w:gz") as archive:
                for item in sorted(folder.rglob("*")):
                    archive.add(item, arcname=str(item.relative_to(folder)), recursive=False)
    return manifest


def import_record(path):
    """Load a backup into a migrated database that holds no content yet; restore its files."""
    path = Path(path)
    for model in record_models():
        if model._base_manager.exists():
            raise BackupError(
                f"The database already holds {model._meta.verbose_name_plural}: restore "
                "into an empty one (manage.py flush, or a new database and migrate)."
            )
    with tempfile.TemporaryDirectory() as temporary:
        if _is_archive(path):
            with tarfile.open(path, "r:gz") as archive:
                archive.extractall(temporary, filter="data")
            folder = Path(temporary)
        else:
            folder = path
        manifest = json.loads((folder / "manifest.json").read_text())
        if manifest.get("format") != FORMAT:
            raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
        with transaction.atomic():
            management.call_command("loaddata", str(folder / "record.json"), verbosity=0)
        for name in manifest["files"]:
            if default_storage.exists(name):
                default_storage.delete(name)
            with (folder / "media" / name).open("rb") as source:
                saved = default_storage.save(name, File(source))
            if saved != name:
                raise BackupError(f"The storage kept {name} as {saved}.")
    # The files were replaced after the rows: pages cached since show them too late.
    record_changed()
    return manifest
