"""导入学员: choose a file, check the column mapping, preview every row's verdict, import.

Reading, checking and importing run in the task runner (progress after a delay, cancel
really stops; the import is one transaction, so a cancel leaves the database as it was).
A page whose work is still running refuses to advance and advances itself when done.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFileDialog, QHeaderView, QTableWidgetItem, QWizard

from tjce_desktop.exchange.cells import cell_text
from tjce_desktop.gui import page_conveniences
from tjce_desktop.gui.dialogs import show_error, show_info
from tjce_desktop.gui.forms.ui_import_wizard import Ui_ImportWizard
from tjce_desktop.gui.import_preview_model import PreviewModel, size_preview_columns
from tjce_desktop.gui.task_runner import TaskRunner
from tjce_desktop.services.actor import Actor
from tjce_desktop.services.orgs import OrgNode
from tjce_desktop.services.trainee_import import (
    IMPORT_FIELDS,
    ImportFileError,
    ImportMode,
    ImportPreview,
    ImportSource,
    ImportSummary,
    Verdict,
    analyse_import,
    apply_import,
    missing_required,
    open_import,
    write_import_errors,
)
from tjce_desktop.services.trainees import FIELD_LABELS, REQUIRED_FIELDS

_FIELD_TEXT = {**FIELD_LABELS, "birth_date": "出生日期（核对用）"}
_NOT_IMPORTED = "（不导入）"
FILE_FILTER = "表格文件 (*.xlsx *.xlsm *.xls *.ods *.csv);;所有文件 (*)"


class ImportWizard(QWizard):
    sig_imported = Signal(object)  # ImportSummary

    FILE_PAGE, MAPPING_PAGE, PREVIEW_PAGE, RESULT_PAGE = range(4)

    def __init__(self, runner: TaskRunner, actor: Actor, default_org: OrgNode | None, *, write_template=None,
                 parent=None) -> None:
        super().__init__(parent)
        self.ui = Ui_ImportWizard()
        self.ui.setupUi(self)
        self.preview_tools = page_conveniences.copy_only(self.ui.preview_table)
        self._runner, self._actor, self._default_org = runner, actor, default_org
        self._write_template = write_template
        self.source: ImportSource | None = None
        self.preview: ImportPreview | None = None
        self.summary: ImportSummary | None = None
        self._busy = False
        for button, text in ((QWizard.WizardButton.NextButton, "下一步 >"),
                             (QWizard.WizardButton.BackButton, "< 上一步"),
                             (QWizard.WizardButton.CancelButton, "取消"), (QWizard.WizardButton.FinishButton, "完成")):
            self.setButtonText(button, text)
        self.ui.org_value.setText(default_org.full_name if default_org else "（未选择，文件中必须有“所属机构”列）")
        self.ui.browse_button.clicked.connect(self._browse)
        self.ui.template_button.clicked.connect(self._template)
        self.ui.template_button.setEnabled(write_template is not None)
        self.ui.errors_only_check.toggled.connect(self._errors_only)
        self.ui.report_button.clicked.connect(self._save_report)
        self.ui.preview_report_button.clicked.connect(self._save_report)
        self.ui.mapping_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.ui.file_page.validatePage = self._validate_file_page
        self.ui.mapping_page.initializePage = self._fill_mapping
        self.ui.mapping_page.validatePage = self._validate_mapping_page
        self.ui.preview_page.initializePage = self._fill_preview
        self.ui.preview_page.validatePage = self._validate_preview_page
        self.ui.result_page.initializePage = self._fill_result
        self.ui.preview_page.setButtonText(QWizard.WizardButton.NextButton, "导入")

    # --- page 1: the file ----------------------------------------------------------------------

    def set_file(self, path: str) -> None:
        self.ui.file_edit.setText(path)

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "选择要导入的文件", "", FILE_FILTER)
        if path:
            self.set_file(path)

    def _template(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "保存导入模板", "学员导入模板.xlsx", "Excel 文件 (*.xlsx)")
        if path and self._write_template is not None:
            self._write_template(path)

    @property
    def mode(self) -> ImportMode:
        return ImportMode.UPSERT if self.ui.upsert_radio.isChecked() else ImportMode.ADD

    def _validate_file_page(self) -> bool:
        path = self.ui.file_edit.text().strip()
        if self.source is not None and str(self.source.path) == path:
            return True
        if self._busy:
            return False
        if not path:
            self.ui.file_error.setText("请先选择要导入的文件。")
            return False
        self.ui.file_error.clear()
        self._run(lambda state: open_import(path), self._file_read, "正在读取文件…")
        return False

    def _file_read(self, source: ImportSource) -> None:
        self.source = source
        self.next()

    # --- page 2: the mapping --------------------------------------------------------------------

    def _fill_mapping(self) -> None:
        source = self.source
        assert source is not None
        self.ui.sheet_label.setText(f"工作表“{source.sheet_name}”，表头在第 {source.header.row_index + 1} 行，"
                                    f"其下共 {len(source.data_rows):,} 行。")
        table = self.ui.mapping_table
        headers = source.header.headers
        first = source.data_rows[0][1] if source.data_rows else []
        table.setRowCount(len(headers))
        for column, header in enumerate(headers):
            table.setItem(column, 0, QTableWidgetItem(header or f"（第 {column + 1} 列，无列名）"))
            sample = cell_text(first[column]) if column < len(first) else ""
            table.setItem(column, 1, QTableWidgetItem(sample))
            combo = QComboBox()
            combo.addItem(_NOT_IMPORTED, None)
            for field in IMPORT_FIELDS:
                combo.addItem(_FIELD_TEXT[field] + (" *" if field in REQUIRED_FIELDS else ""), field)
            combo.setCurrentIndex(max(0, combo.findData(source.header.mapping.get(column))))
            table.setCellWidget(column, 2, combo)
        self.ui.mapping_error.clear()

    def mapping(self) -> dict[int, str]:
        table = self.ui.mapping_table
        chosen: dict[int, str] = {}
        for row in range(table.rowCount()):
            field = table.cellWidget(row, 2).currentData()
            if field is not None:
                chosen[row] = field
        return chosen

    def set_mapping_field(self, column: int, field: str | None) -> None:
        combo: QComboBox = self.ui.mapping_table.cellWidget(column, 2)
        combo.setCurrentIndex(max(0, combo.findData(field)))

    def _validate_mapping_page(self) -> bool:
        if self.preview is not None and self.preview.mapping == self.mapping() and self.preview.mode is self.mode:
            return True
        if self._busy:
            return False
        mapping = self.mapping()
        problems = []
        missing = missing_required(mapping)
        if missing:
            problems.append(f"缺少必填列：{'、'.join(missing)}。")
        fields = list(mapping.values())
        repeated = {f for f in fields if fields.count(f) > 1}
        if repeated:
            problems.append(f"{'、'.join(_FIELD_TEXT[f] for f in repeated)}对应了多列，只能对应一列。")
        if problems:
            self.ui.mapping_error.setText(" ".join(problems))
            return False
        actor, source, mode, org = self._actor, self.source, self.mode, self._default_org

        def job(uow, state):
            return analyse_import(uow, actor, source, mode=mode, default_org=org, mapping=mapping, state=state)

        self._run(job, self._analysed, "正在检查每一行…", how=self._runner.read)
        return False

    def _analysed(self, preview: ImportPreview) -> None:
        self.preview = preview
        self.next()

    # --- page 3: the preview --------------------------------------------------------------------

    def _fill_preview(self) -> None:
        preview = self.preview
        assert preview is not None
        self.preview_model = PreviewModel(preview, self)
        self.ui.preview_table.setModel(self.preview_model)
        size_preview_columns(self.ui.preview_table)
        self.ui.counts_label.setText(
            f"共 {len(preview.rows):,} 行（{preview.mode.label}）：新增 {preview.count(Verdict.ADD):,}，"
            f"更新 {preview.count(Verdict.UPDATE):,}，无变化 {preview.count(Verdict.UNCHANGED):,}，"
            f"有错误 {preview.count(Verdict.ERROR):,}；跳过空行 {preview.skipped_empty:,}。"
        )
        self.ui.preview_report_button.setEnabled(bool(preview.refused))

    def _errors_only(self, checked: bool) -> None:
        self.preview_model.set_errors_only(checked)

    def _validate_preview_page(self) -> bool:
        if self.summary is not None:
            return True
        if self._busy:
            return False
        actor, preview = self._actor, self.preview
        self._run(lambda uow, state: apply_import(uow, actor, preview, state), self._imported, "正在导入…",
                  how=self._runner.write)
        return False

    def _imported(self, summary: ImportSummary) -> None:
        self.summary = summary
        self.preview = summary.preview or self.preview  # judged again under the write lock
        self.sig_imported.emit(summary)
        self.next()

    # --- page 4: the result ---------------------------------------------------------------------

    def _fill_result(self) -> None:
        summary = self.summary
        assert summary is not None
        text = (f"“{summary.file_name}”已导入：新增 {summary.added:,} 名，更新 {summary.updated:,} 名，"
                f"无变化 {summary.unchanged:,} 名。")
        if summary.refused:
            text += f"\n\n有 {summary.refused:,} 行有错误，没有导入。请保存错误报告，按“错误说明”修改后再次导入。"
        self.ui.summary_label.setText(text)
        self.ui.report_button.setVisible(bool(summary.refused))
        # Done is done: going back to a preview of rows already imported, or cancelling an
        # import that has happened, would only mislead.
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.button(QWizard.WizardButton.CancelButton).setVisible(False)

    def _save_report(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "保存错误报告",
                                              f"{Path(self.preview.source.path).stem}_错误报告.xlsx",
                                              "Excel 文件 (*.xlsx)")
        if path:
            self.save_report(path)

    def save_report(self, path: str) -> None:
        preview, actor = self.preview, self._actor

        def saved(count: int) -> None:
            self.report_path = path
            self.ui.report_saved_label.setText(f"已保存 {count:,} 行有错误的记录到：{path}")
            show_info(self, "保存错误报告", f"已保存 {count:,} 行有错误的记录到：\n{path}\n"
                                         "按“错误说明”列修改后，可直接再次导入这个文件（“原行号”是原文件中的行号）。")

        self._run(lambda uow, _state: write_import_errors(uow.database, actor, preview, path), saved,
                  "正在保存错误报告…", how=self._runner.write)

    # --- running work -----------------------------------------------------------------------------

    def _run(self, fn, on_success, label: str, how=None) -> None:
        """``fn`` through ``how``: the runner's ``run`` (a file), ``read`` or ``write``."""
        self._busy = True
        self.button(QWizard.WizardButton.NextButton).setEnabled(False)

        def done(result) -> None:
            self._busy = False
            self.button(QWizard.WizardButton.NextButton).setEnabled(True)
            on_success(result)

        def failed(exc: BaseException) -> None:
            self._busy = False
            self.button(QWizard.WizardButton.NextButton).setEnabled(True)
            if isinstance(exc, ImportFileError):
                error_label = self.ui.file_error if self.currentId() == self.FILE_PAGE else self.ui.mapping_error
                error_label.setText(str(exc))
            else:
                show_error(self, "导入失败", exc)

        def cancelled() -> None:
            self._busy = False
            self.button(QWizard.WizardButton.NextButton).setEnabled(True)

        (how or self._runner.run)(fn, on_success=done, on_failure=failed, on_cancel=cancelled, label=label)
