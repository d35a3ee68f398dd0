"""查看档案: a trainee's learning archive, read-only — plans, hours by category, exams, stamps."""

from __future__ import annotations

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QLabel, QTableView, QVBoxLayout

from tjce_desktop.domain.enums import CourseCategory
from tjce_desktop.gui.screen_fit import fit_to_screen
from tjce_desktop.services.trainees import ArchiveEntry, TraineeDetail

PLAN_HEADERS = ["培训计划", "年度", "学习状态", *CourseCategory.labels(), "学时 / 计划学时", "完成日期", "盖章状态"]
# Exams have their own table: under the plan's headers a score stood under 年度 and "剩余 2 次" under a category.
EXAM_HEADERS = ["培训计划", "考试", "次数", "考试日期", "成绩", "结果", "剩余次数"]


def _fmt_hours(value: float) -> str:
    return f"{value:g}"


def _read_only(model: QStandardItemModel) -> QStandardItemModel:
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            item = model.item(row, column)
            if item is not None:
                item.setEditable(False)
    return model


def archive_model(entries: list[ArchiveEntry]) -> QStandardItemModel:
    """One row per plan the trainee is enrolled in."""
    model = QStandardItemModel(0, len(PLAN_HEADERS))
    model.setHorizontalHeaderLabels(PLAN_HEADERS)
    for entry in entries:
        cells = [entry.plan_name, str(entry.year), entry.status]
        cells += [_fmt_hours(entry.hours_by_category.get(label, 0.0)) for label in CourseCategory.labels()]
        cells += [f"{_fmt_hours(entry.hours)} / {_fmt_hours(entry.plan_hours)}",
                  f"{entry.finished_at:%Y-%m-%d}" if entry.finished_at else "—",
                  entry.stamp_status + (f"（{entry.stamped_at:%Y-%m-%d}）" if entry.stamped_at else "")]
        model.appendRow([QStandardItem(text) for text in cells])
    return _read_only(model)


def exam_model(entries: list[ArchiveEntry]) -> QStandardItemModel:
    """One row per exam attempt, under the exam's own headers."""
    model = QStandardItemModel(0, len(EXAM_HEADERS))
    model.setHorizontalHeaderLabels(EXAM_HEADERS)
    for entry in entries:
        for attempt in entry.attempts:
            left = max(0, attempt.max_attempts - attempt.attempt_no)
            cells = [entry.plan_name, attempt.exam_name, f"第 {attempt.attempt_no} 次（共 {attempt.max_attempts} 次）",
                     f"{attempt.taken_at:%Y-%m-%d}", "缺考" if attempt.score is None else f"{attempt.score:g} 分",
                     "通过" if attempt.passed else "未通过", f"{left} 次"]
            model.appendRow([QStandardItem(text) for text in cells])
    return _read_only(model)


def _table(model: QStandardItemModel, parent) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.verticalHeader().setVisible(False)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setWordWrap(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # a handful of rows
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    return view


class ArchiveDialog(QDialog):
    def __init__(self, detail: TraineeDetail, entries: list[ArchiveEntry], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"学习档案 · {detail.real_name}")
        self.resize(1100, 560)
        fit_to_screen(self)
        layout = QVBoxLayout(self)
        heading = QLabel(f"{detail.real_name}（{detail.username}） · {detail.org_full_name} · "
                         f"身份证号 {detail.id_number[:6]}********{detail.id_number[-4:]}")
        heading.setWordWrap(True)
        layout.addWidget(heading)
        layout.addWidget(QLabel("<b>培训计划</b>"))
        self.view = _table(archive_model(entries), self)
        layout.addWidget(self.view, 3)
        if not entries:
            layout.addWidget(QLabel("该学员还没有选课，没有学习档案。"))
        attempts = sum(len(entry.attempts) for entry in entries)
        layout.addWidget(QLabel(f"<b>考试</b>（{attempts} 次）" if attempts else "<b>考试</b>：还没有参加考试。"))
        self.exam_view = _table(exam_model(entries), self)
        layout.addWidget(self.exam_view, 2)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
