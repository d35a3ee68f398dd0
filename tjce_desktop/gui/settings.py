"""Per-user GUI settings (window geometry, last selected org) in an INI file."""

from __future__ import annotations

from PySide6.QtCore import QSettings


def app_settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "TJCE", "TJCE Desktop")
