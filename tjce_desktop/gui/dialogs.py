"""Message boxes in one place, so tests can replace them and every error reads the same."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def error_text(exc: BaseException, where: str = "window") -> str:
    """A ``UserError``'s own Chinese message; anything else is an internal error: a short
    message with an incident number, the traceback in the log file only (services/incidents.py)."""
    from tjce_desktop.services.incidents import explain

    return explain(exc, where).text


def show_error(parent: QWidget | None, title: str, exc: BaseException | str) -> None:
    text = exc if isinstance(exc, str) else error_text(exc, f"window: {title}")
    QMessageBox.critical(parent, title, text)


def install_excepthook() -> None:
    """An exception no handler caught (in a slot, an event) is told like every other failure,
    instead of a traceback on stderr."""
    import sys

    def hook(exc_type, exc, tb) -> None:
        if not isinstance(exc, Exception):  # KeyboardInterrupt, SystemExit: Python's own way
            sys.__excepthook__(exc_type, exc, tb)
            return
        if exc.__traceback__ is None:
            exc.__traceback__ = tb
        try:
            show_error(None, "操作失败", exc)
        except Exception:  # noqa: BLE001 — never a second failure from the hook itself
            pass

    sys.excepthook = hook


def show_info(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)
