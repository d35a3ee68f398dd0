"""导入学习进度: choose a file, see every row's verdict, import the good rows, keep an error report."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QFileDialog, QHeaderView

from tjce_desktop.gui.dialogs import show_error, show_info
from tjce_desktop.gui.forms.ui_progress_import_dialog import Ui_ProgressImportDialog
from tjce_desktop.gui.import_preview_model import PreviewModel
from tjce_desktop.gui.import_wizard import FILE_FILTER
from tjce_desktop.gui.task_runner import TaskRunner
from tjce_desktop.services.actor import Actor
from tjce_desktop.services.progress_import import (
    ProgressPreview, analyse_progress, apply_progress, open_progress_import, write_progress_errors,
    write_progress_template,
)
from tjce_desktop.services.trainee_import import ImportFileError, Verdict
from tjce_desktop.storage.database import Database
from tjce_desktop.storage.unit_of_work import UnitOfWork


class ProgressImportDialog(QDialog):
    sig_imported = Signal(object)  # ProgressSummary

    def __init__(self, database: Database, runner: TaskRunner, actor: Actor, parent=None) -> None:
        super().__init__(parent)
        self.ui = Ui_ProgressImportDialog()
        self.ui.setupUi(self)
        self.database, self.runner, self.actor = database, runner, actor
        self.preview: ProgressPreview | None = None
        self.model: PreviewModel | None = None
        ui = self.ui
        ui.browse_button.clicked.connect(lambda: self.set_file())
        ui.template_button.clicked.connect(lambda: self.save_template())
        ui.report_button.clicked.connect(lambda: self.save_report())
        ui.import_button.clicked.connect(self.import_rows)
        ui.errors_only_check.toggled.connect(lambda on: self.model and self.model.set_errors_only(on))
        ui.button_box.rejected.connect(self.reject)
        self._update_buttons()

    def _update_buttons(self) -> None:
        preview = self.preview
        accepted = preview.count(Verdict.ADD) + preview.count(Verdict.UPDATE) if preview else 0
        self.ui.import_button.setEnabled(accepted > 0)
        self.ui.report_button.setEnabled(bool(preview and preview.refused))

    def set_file(self, path: str | None = None) -> None:
        if not path:
            path, _ = QFileDialog.getOpenFileName(self, "选择学习进度文件", "", FILE_FILTER)
        if not path:
            return
        self.ui.file_edit.setText(path)
        self.ui.summary_label.setText("正在检查…")
        database, actor = self.database, self.actor

        def job(state):
            source = open_progress_import(path)
            with UnitOfWork(database) as uow:
                return analyse_progress(uow.session, actor, source, state=state)

        self.runner.run(job, on_success=self._analysed, on_failure=self._failed, label="正在检查文件…")

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ImportFileError):
            self.ui.summary_label.setText(str(exc))
        else:
            show_error(self, "导入学习进度", exc)

    def _analysed(self, preview: ProgressPreview) -> None:
        self.preview = preview
        self.model = PreviewModel(preview, self)
        self.model.set_errors_only(self.ui.errors_only_check.isChecked())
        table = self.ui.preview_table
        table.setModel(self.model)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        table.horizontalHeader().setStretchLastSection(True)
        self.ui.summary_label.setText(
            f"共 {len(preview.rows):,} 行：新增 {preview.count(Verdict.ADD):,}，更新 {preview.count(Verdict.UPDATE):,}，"
            f"无变化 {preview.count(Verdict.UNCHANGED):,}，有错误 {preview.count(Verdict.ERROR):,}"
            + (f"；跳过空行 {preview.skipped_empty:,}" if preview.skipped_empty else "") + "。")
        self._update_buttons()

    def import_rows(self) -> None:
        preview, database, actor = self.preview, self.database, self.actor
        if preview is None:
            return

        def job(state):
            with UnitOfWork(database, actor) as uow:
                summary = apply_progress(uow.session, actor, preview, state)
                uow.commit()
            return summary

        def done(summary) -> None:
            self.ui.import_button.setEnabled(False)
            self.ui.summary_label.setText(
                f"已导入：课程学时 {summary.courses:,} 条，考试成绩 {summary.exams:,} 条，涉及学习档案 {summary.archives:,} 份"
                f"（新建 {summary.new_archives:,} 份）；有错误未导入 {summary.refused:,} 行。")
            self.sig_imported.emit(summary)

        self.runner.run(job, on_success=done, label="正在导入…", error_title="导入学习进度失败")

    def save_report(self, path: str | None = None) -> None:
        if self.preview is None or not self.preview.refused:
            return
        if not path:
            path, _ = QFileDialog.getSaveFileName(self, "保存错误报告", "学习进度_错误报告.xlsx", "Excel 文件 (*.xlsx)")
        if not path:
            return
        count = write_progress_errors(self.database, self.actor, self.preview, path)
        show_info(self, "错误报告", f"已保存 {count:,} 行有错误的记录到：\n{path}\n修改后可直接再次导入。")

    def save_template(self, path: str | None = None) -> None:
        if not path:
            path, _ = QFileDialog.getSaveFileName(self, "下载模板", "学习进度导入模板.xlsx", "Excel 文件 (*.xlsx)")
        if path:
            write_progress_template(path)
            show_info(self, "下载模板", f"模板已保存：{path}")
