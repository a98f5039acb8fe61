"""The open-data API: the published record as JSON, read-only (Django REST framework)."""
