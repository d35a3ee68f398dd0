"""PySide6 lives only here: main window, pages, dialogs, models, task runner."""
