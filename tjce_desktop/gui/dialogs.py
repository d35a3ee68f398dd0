"""Message boxes in one place, so tests can replace them and every error reads the same."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def error_text(exc: BaseException) -> str:
    """Our own errors carry a Chinese message; anything else is an internal error."""
    from tjce_desktop.exchange.cjk_font import FontMissingError
    from tjce_desktop.exchange.xlsx_table import XlsxWriteError
    from tjce_desktop.services.demo import DemoError
    from tjce_desktop.services.actor import ScopeError
    from tjce_desktop.services.orgs import OrgNotFound
    from tjce_desktop.services.plans import PlanError
    from tjce_desktop.services.certificate_desk import DeskError
    from tjce_desktop.services.sheet_signing import SigningUnavailable
    from tjce_desktop.services.stamping import StampError
    from tjce_desktop.storage.database import DatabaseError
    from tjce_desktop.storage.key_protection import KeyProtectionError

    if isinstance(exc, DatabaseError | DemoError | OrgNotFound | XlsxWriteError | FontMissingError | ScopeError
                  | PlanError | StampError | DeskError | SigningUnavailable | KeyProtectionError):
        return str(exc)
    return f"程序内部错误：{type(exc).__name__}: {exc}\n\n请把这段信息告诉技术支持（4000-666-099）。"


def show_error(parent: QWidget | None, title: str, exc: BaseException | str) -> None:
    text = exc if isinstance(exc, str) else error_text(exc)
    QMessageBox.critical(parent, title, text)


def show_info(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)
