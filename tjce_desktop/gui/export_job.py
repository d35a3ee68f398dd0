"""One way to export from the window: ask where, write in the background, say where it went.

Every export writes its audit entry (``services/exports.py``), so it runs through the task
runner's write path: the 审计日志 page hears about it like any other write.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFileDialog, QWidget

from tjce_desktop.domain.task_state import TaskState
from tjce_desktop.gui.dialogs import show_info
from tjce_desktop.gui.task_runner import TaskHandle, TaskRunner
from tjce_desktop.storage.unit_of_work import UnitOfWork

PDF_FILTER = "PDF 文件 (*.pdf)"


def ask_path(parent: QWidget, title: str, name: str, *, csv: bool = False,
             file_filter: str | None = None) -> str | None:
    """A save path: a table (.xlsx, and .csv when ``csv``), or a file of ``file_filter``."""
    if file_filter is None:
        from tjce_desktop.gui.save_dialog import ask_table_path

        return ask_table_path(parent, title, name, csv=csv)
    path, _ = QFileDialog.getSaveFileName(parent, title, name, file_filter)
    return path or None


def export_file(parent: QWidget, runner: TaskRunner, *, title: str, name: str, path: str | None,
                write: Callable[[UnitOfWork, str, TaskState], int], told: Callable[[int, str], str] | None,
                csv: bool = False, file_filter: str | None = None, label: str = "正在导出…",
                error_title: str = "导出失败", ask_title: str | None = None,
                on_done: Callable[[int, str], None] | None = None) -> TaskHandle | None:
    """Ask for a path (unless ``path`` is given; the file dialog titled ``ask_title`` or
    ``title``), then ``write(uow, path, state)`` in the background; ``told(count, path)``
    is the message (titled ``title``) shown when done (None: nothing shown), ``on_done(count, path)``
    runs after it. None when no path was chosen."""
    path = path or ask_path(parent, ask_title or title, name, csv=csv, file_filter=file_filter)
    if not path:
        return None
    chosen = path

    def done(count: int) -> None:
        if told is not None:
            show_info(parent, title, told(count, chosen))
        if on_done is not None:
            on_done(count, chosen)

    return runner.write(lambda uow, state: write(uow, chosen, state), on_success=done, label=label,
                        error_title=error_title)
