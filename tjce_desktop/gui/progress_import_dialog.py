"""导入学习进度: choose a file, see every row's verdict, import the good rows, keep an error report."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QFileDialog

from tjce_desktop.gui import page_conveniences
from tjce_desktop.gui.dialogs import show_error, show_info
from tjce_desktop.gui.export_job import export_file
from tjce_desktop.gui.forms.ui_progress_import_dialog import Ui_ProgressImportDialog
from tjce_desktop.gui.import_preview_model import PreviewModel, size_preview_columns
from tjce_desktop.gui.import_wizard import FILE_FILTER
from tjce_desktop.gui.task_runner import TaskRunner
from tjce_desktop.services.actor import Actor
from tjce_desktop.services.progress_import import (
    ProgressPreview,
    analyse_progress,
    apply_progress,
    open_progress_import,
    write_progress_errors,
    write_progress_template,
)
from tjce_desktop.services.trainee_import import ImportFileError, Verdict


class ProgressImportDialog(QDialog):
    sig_imported = Signal(object)  # ProgressSummary

    def __init__(self, runner: TaskRunner, actor: Actor, parent=None) -> None:
        super().__init__(parent)
        self.ui = Ui_ProgressImportDialog()
        self.ui.setupUi(self)
        self.preview_tools = page_conveniences.copy_only(self.ui.preview_table)
        self.runner, self.actor = runner, actor
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
        actor = self.actor

        def job(uow, state):
            return analyse_progress(uow.session, actor, open_progress_import(path), state=state)

        self.runner.read(job, on_success=self._analysed, on_failure=self._failed, label="正在检查文件…")

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
        size_preview_columns(table)
        self.ui.summary_label.setText(
            f"共 {len(preview.rows):,} 行：新增 {preview.count(Verdict.ADD):,}，"
            f"更新 {preview.count(Verdict.UPDATE):,}，"
            f"无变化 {preview.count(Verdict.UNCHANGED):,}，有错误 {preview.count(Verdict.ERROR):,}"
            + (f"；跳过空行 {preview.skipped_empty:,}" if preview.skipped_empty else "") + "。")
        self._update_buttons()

    def import_rows(self) -> None:
        preview, actor = self.preview, self.actor
        if preview is None:
            return

        def done(summary) -> None:
            self.ui.import_button.setEnabled(False)
            self.ui.summary_label.setText(
                f"已导入：课程学时 {summary.courses:,} 条，考试成绩 {summary.exams:,} 条，"
                f"涉及学习档案 {summary.archives:,} 份"
                f"（新建 {summary.new_archives:,} 份）；有错误未导入 {summary.refused:,} 行。")
            self.sig_imported.emit(summary)

        self.runner.write(lambda uow, state: apply_progress(uow, actor, preview, state), on_success=done,
                          label="正在导入…", error_title="导入学习进度失败")

    def save_report(self, path: str | None = None) -> None:
        if self.preview is None or not self.preview.refused:
            return
        preview, actor = self.preview, self.actor
        export_file(self, self.runner, title="错误报告", ask_title="保存错误报告", name="学习进度_错误报告.xlsx",
                    path=path, file_filter="Excel 文件 (*.xlsx)", label="正在保存错误报告…",
                    write=lambda uow, target, _state: write_progress_errors(uow.database, actor, preview, target),
                    told=lambda count, target: f"已保存 {count:,} 行有错误的记录到：\n{target}\n修改后可直接再次导入。")

    def save_template(self, path: str | None = None) -> None:
        if not path:
            path, _ = QFileDialog.getSaveFileName(self, "下载模板", "学习进度导入模板.xlsx", "Excel 文件 (*.xlsx)")
        if path:
            chosen = path
            self.runner.run(lambda _state: write_progress_template(chosen),
                            on_success=lambda _none: show_info(self, "下载模板", f"模板已保存：{chosen}"),
                            label="正在生成模板…", error_title="下载模板失败")
