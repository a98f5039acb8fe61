"""Empty the site's caches (run under its settings by bench/benchmark.py). Prints JSON."""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "almaty_portal.settings")

if __name__ == "__main__":
    import django

    django.setup()
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    json.dump({"cleared": True}, sys.stdout)
