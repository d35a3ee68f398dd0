"""The last query conditions of a page, kept across restarts (in the settings, as JSON)."""

from __future__ import annotations

import json

from tjce_desktop.gui.settings import app_settings


def _key(page: str) -> str:
    return f"last_filters/{page}"


def remember(page: str, values: dict) -> None:
    settings = app_settings()
    settings.setValue(_key(page), json.dumps(values, ensure_ascii=False, sort_keys=True))
    settings.sync()


def recall(page: str) -> dict | None:
    """The conditions saved last, or None (never saved, or written by another version)."""
    raw = app_settings().value(_key(page))
    try:
        values = json.loads(raw) if isinstance(raw, str) else None
    except json.JSONDecodeError:
        return None
    return values if isinstance(values, dict) else None
